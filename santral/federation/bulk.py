"""New harvested items in batches: a page of fetched entries becomes pages in a few statements.

The per-item path (`storing._create_page`) costs ~39 SQL statements an item: Wagtail's
`add_child` (tree lookups, full_clean twice), one search indexing per `page_published`,
task rows for Wagtail's own search and reference indexes. A first harvest of a council's
whole site is thousands of new items, so new items of one fetched page are written
together instead:

- the parent row is locked (`select_for_update`) and its last child's path read from the
  database, so treebeard paths computed here stay correct beside other writers of the
  subtree (who lock or retry the same way Wagtail's `add_child` does);
- `wagtailcore_page` rows with `bulk_create` on `Page` (content type = the specific
  type), then the child table rows (`NewsPage` / `EventPage`) with their `page_ptr_id`
  through Django's insert of one table — `bulk_create` refuses multi-table models;
- topics, `HarvestedItem` rows: `bulk_create`;
- Santral's search index: one `pages_published_in_bulk` signal for the batch (santral.search
  indexes the list in one write, from the fields `ContentPageProvider.entries` reads);
  Wagtail's search backend (the back office's page search): one `add_bulk`.

Everything `SantralContentPage.save` derives (normalised title and body, council,
`search_text`, `is_listed`) is derived here by the same methods. Wagtail's reference
index gets no rows for these pages (they link only outside: harvested HTML has no page,
image or document references); `manage.py rebuild_references_index` adds them if wanted.
`page_published` is not sent: its receivers are search (told by the bulk signal) and the
shared-items log, which ignores harvested pages.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from santral.content.models import council_id_for_path
from santral.content.signals import pages_published_in_bulk

from .items import HarvestedEntry
from .mapping import MappedItem, entry_slug
from .models import HarvestedItem, Source


@dataclass
class NewEntry:
    """A new entry waiting for its batch: the parsed entry and its mapped fields."""

    entry: HarvestedEntry
    mapped: MappedItem


def _child_paths(parent: Page, count: int) -> list[str]:
    """The next `count` free child paths under the (locked) parent, as treebeard's add_child."""
    last = (
        Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    start = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
    return [Page._get_path(parent.path, parent.depth + 1, start + n) for n in range(count)]


def _build_page(model, parent: Page, path: str, new: NewEntry, *, now, council_id, locale_id):
    mapped = new.mapped
    slug = entry_slug(new.entry)
    page = model(
        slug=slug,
        live=True,
        has_unpublished_changes=False,
        is_harvested=True,
        first_published_at=mapped.first_published_at or now,
        last_published_at=now,
        path=path,
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        locale_id=locale_id,
        translation_key=uuid.uuid4(),
        content_type=ContentType.objects.get_for_model(model),
        **mapped.fields,
    )
    # What SantralContentPage.save derives (and Page.full_clean: draft_title).
    page.draft_title = page.title
    page.normalise_text()
    page.council_id = council_id
    page.archived_at = None
    page.search_text = page.compute_search_text()[:200_000]
    page.is_listed = True
    return page


def _insert_pages(model, pages: list) -> None:
    """Page rows in bulk, then the specific table's rows with the primary keys they got."""
    base_fields = Page._meta.concrete_fields
    rows = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    bases = Page.objects.bulk_create(rows)
    for page, base in zip(pages, bases, strict=True):
        page.pk = page.page_ptr_id = page.id = base.pk
        page._state.adding = False
        page._state.db = base._state.db
    # Only the specific table: Page's own rows are in already (Django's bulk_create stops
    # at multi-table models, its one-table insert does not).
    model._base_manager._insert(pages, fields=model._meta.local_concrete_fields, using="default")


def _wagtail_search(model, pages: list) -> None:
    """Wagtail's own search backend (the back office's page search), one call a batch."""
    from modelsearch.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, pages)


def store_new_entries(
    source: Source, parent: Page, news: Sequence[NewEntry], models: dict
) -> list[HarvestedItem]:
    """Create a page and an item for each new entry, in one transaction; returns the items.

    Raises on any database error (the caller falls back to the per-item path, which
    counts and describes each bad entry).
    """
    if not news:
        return []
    now = timezone.now()
    with transaction.atomic():
        given, parent = parent, Page.objects.select_for_update().get(pk=parent.pk)
        paths = iter(_child_paths(parent, len(news)))
        council_id = council_id_for_path(parent.path + "0" * Page.steplen)
        by_kind: dict[str, list] = {}
        for new in news:
            page = _build_page(
                models[new.mapped.kind],
                parent,
                next(paths),
                new,
                now=now,
                council_id=council_id,
                locale_id=parent.locale_id,
            )
            page.topics = list(new.mapped.topics)  # in memory: search reads them unqueried
            page._bulk_entry = new
            by_kind.setdefault(new.mapped.kind, []).append(page)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(news))
        # The caller's copy goes on to Wagtail's add_child (updated items, slug clashes),
        # which takes a childless parent's first path from its in-memory numchild.
        given.numchild = parent.numchild + len(news)
        items = []
        for kind, pages in by_kind.items():
            model = models[kind]
            _insert_pages(model, pages)
            through = model.topics.through
            through.objects.bulk_create(
                [
                    through(**{f"{model._meta.model_name}_id": page.pk, "topic_id": topic.pk})
                    for page in pages
                    for topic in page.topics.all()
                ]
            )
            # Search (santral.search) indexes the list at once; see the module docstring.
            pages_published_in_bulk.send(sender=model, pages=pages, parent=parent)
            _wagtail_search(model, pages)
            items.extend(
                HarvestedItem(
                    source=source,
                    guid=page._bulk_entry.entry.guid,
                    url=page._bulk_entry.entry.url[:1000],
                    content_hash=page._bulk_entry.mapped.digest,
                    page_id=page.pk,
                    is_withdrawn=False,
                    changed_at=now,
                )
                for page in pages
            )
        return HarvestedItem.objects.bulk_create(items)


def sibling_slugs_taken(parent: Page, slugs: set[str]) -> set[str]:
    """Slugs among these that a child of the parent already has (one query)."""
    if not slugs:
        return set()
    return set(
        Page.objects.filter(
            path__startswith=parent.path, depth=parent.depth + 1, slug__in=slugs
        ).values_list("slug", flat=True)
    )
