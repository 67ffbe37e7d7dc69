"""Writes to the search index. Called by provider signals, the rebuild command and benchmarks.

The index is derived data: these functions take no acting user and write no
audit record (they follow changes that services already audited). Each runs
in the caller's transaction, so a rolled-back save leaves the index as it was.
"""

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from . import typos
from .backends import IndexedText, backend_for, get_backend
from .models import Scope, SearchDocument, SearchTopic, SearchWord, SearchWordKey, Visibility
from .providers import IndexEntry, all_providers, provider_for


def source_of(instance) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _scope(entry: IndexEntry) -> str:
    if entry.scope:
        return entry.scope
    # Without a scope of its own, a council's entry is local and a platform entry national.
    return Scope.NATIONAL if entry.council is None else Scope.LOCAL


@dataclass
class _Pending:
    document: SearchDocument
    entry: IndexEntry


def _document(source: str, entry: IndexEntry) -> SearchDocument:
    council = entry.council
    province_id = entry.province_id or (council.province_id if council is not None else None)
    day = entry.date.toordinal() if entry.date else None
    return SearchDocument(
        source=source,
        kind=entry.kind,
        title=entry.title[:500],
        body=entry.body,
        url=entry.url[:500],
        council=council,
        province_id=province_id,
        scope=_scope(entry),
        language=entry.language,
        visibility=entry.visibility,
        date=entry.date,
        day=day,
        year=entry.date.year if entry.date else None,
    )


def _texts(pending: list[_Pending]) -> list[IndexedText]:
    return [
        IndexedText(
            title=item.entry.title,
            body=item.entry.body,
            language=item.entry.language,
            public=item.entry.visibility == Visibility.PUBLIC,
        )
        for item in pending
    ]


def prepare_texts(vendor: str, texts: list[IndexedText]) -> tuple[Any, dict]:
    """What a batch writes, computed without the database (bulk indexing runs it in worker
    processes): the backend's full-text part, and the batch's vocabulary counts."""
    counts = typos.batch_counts((text.title, text.body, text.public) for text in texts)
    return backend_for(vendor).prepare(texts), counts


def _write(pending: list[_Pending], prepared: tuple[Any, dict]) -> int:
    """Insert prepared items with their topics and words (in the caller's transaction)."""
    if not pending:
        return 0
    documents = [item.document for item in pending]
    full_text, counts = prepared
    get_backend().insert(documents, full_text)
    topics = [
        SearchTopic(document=document, name=name[:100])
        for document, item in zip(documents, pending, strict=True)
        for name in dict.fromkeys(item.entry.topics)
    ]
    SearchTopic.objects.bulk_create(topics)
    typos.record(counts)
    return len(documents)


@transaction.atomic
def index_entries(items: Iterable[tuple[str, IndexEntry]], *, replace: bool = True) -> int:
    """Write (source, entry) pairs to the index; replace drops the sources' old rows first."""
    pending = [_Pending(_document(source, entry), entry) for source, entry in items]
    if replace:
        unindex_sources({item.document.source for item in pending})
    return _write(pending, prepare_texts(connection.vendor, _texts(pending)))


def bulk_index(
    items: Iterable[tuple[str, IndexEntry]], *, batch_size: int = 500, workers: int = 0
) -> int:
    """Index many new entries (no old rows to replace): a rebuild or a benchmark's load.

    With ``workers``, the analysis runs in that many forked processes while this one
    writes, batch by batch in order; each batch is its own transaction. Workers only
    compute (``Backend.prepare``): they never touch the database connection they inherit.
    """
    vendor = connection.vendor
    written = 0
    batches = (
        [_Pending(_document(source, entry), entry) for source, entry in batch]
        for batch in _batches(items, batch_size)
    )
    if workers <= 0:
        for pending in batches:
            with transaction.atomic():
                written += _write(pending, prepare_texts(vendor, _texts(pending)))
        return written
    in_flight: deque = deque()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for pending in batches:
            in_flight.append((pending, pool.apply_async(prepare_texts, (vendor, _texts(pending)))))
            if len(in_flight) > 2 * workers:
                done, result = in_flight.popleft()
                with transaction.atomic():
                    written += _write(done, result.get())
        while in_flight:
            done, result = in_flight.popleft()
            with transaction.atomic():
                written += _write(done, result.get())
    return written


def unindex_sources(sources: Iterable[str]) -> None:
    sources = list(sources)
    if not sources:
        return
    rows = list(
        SearchDocument.objects.filter(source__in=sources).values_list(
            "pk", "title", "body", "visibility"
        )
    )
    ids = [row[0] for row in rows]
    if ids:
        typos.forget(
            typos.batch_counts(
                (title, body, visibility == Visibility.PUBLIC)
                for _pk, title, body, visibility in rows
            )
        )
        # Topics cascade; the SQLite FTS row goes with a trigger, the PostgreSQL vector is a column.
        SearchDocument.objects.filter(pk__in=ids).delete()


def index_object(instance) -> int:
    """Bring the index in line with one instance (and the instances that depend on it)."""
    provider = provider_for(instance)
    if provider is None:
        return 0
    items = [(source_of(instance), entry) for entry in provider.entries(instance)]
    written = index_entries(items) if items else 0
    if not items:
        unindex_sources([source_of(instance)])
    for other in provider.related(instance):
        written += index_object(other)
    return written


def unindex_object(instance) -> None:
    unindex_sources([source_of(instance)])


def _batches(iterable: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in iterable:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@transaction.atomic
def clear_index() -> None:
    get_backend().clear()
    with connection.cursor() as cursor:
        for model in (SearchTopic, SearchDocument, SearchWord, SearchWordKey):
            cursor.execute(f"DELETE FROM {model._meta.db_table}")  # noqa: S608


@contextmanager
def bulk_loading() -> Iterator[None]:
    """Around a rebuild: full-text indexes that are cheaper to build once are built at the end.

    PostgreSQL drops the GIN indexes and creates them again afterwards (then
    ANALYZE); SQLite merges the FTS5 segments into one ('optimize'). Searches
    during the load still work, only slower.
    """
    backend = get_backend()
    backend.bulk_start()
    try:
        yield
    finally:
        backend.bulk_end()


def rebuild_index(*, batch_size: int = 500, workers: int = 0) -> dict[str, int]:
    """Empty the index and index every instance of every provider. Returns counts per kind."""
    clear_index()
    counts: dict[str, int] = {}
    with bulk_loading():
        for provider in all_providers():
            items = (
                (source_of(instance), entry)
                for instance in provider.queryset().iterator(chunk_size=batch_size)
                for entry in provider.entries(instance)
            )
            written = bulk_index(items, batch_size=batch_size, workers=workers)
            counts[provider.kind] = counts.get(provider.kind, 0) + written
    return {kind: count for kind, count in counts.items() if count}
