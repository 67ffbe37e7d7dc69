"""The store step of harvesting: parsed entries become (or change, or withdraw) pages.

Harvested pages are written without Wagtail revisions: a harvested item belongs to its
source, not to an editor, and a revision per item would double the cost of a 20 000-post
first run and make "nothing changed" impossible to see. Each page still fires Wagtail's
`page_published` / `page_unpublished` signals, so search and lists follow it. Every entry
is stored in its own savepoint: one bad entry is counted and described in the run, and
the others go on.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from santral.content.models import NewsPage
from santral.councils.models import CouncilHomePage, HubHomePage
from santral.events.models import EventPage

from .bulk import NewEntry, sibling_slugs_taken, store_new_entries
from .items import HarvestedEntry, ParsedPage
from .mapping import MappedItem, TopicRules, entry_slug, map_entry
from .models import HarvestedItem, HarvestRun, Source

logger = logging.getLogger(__name__)

MODELS = {"news": NewsPage, "event": EventPage}


def parent_page_for(source: Source) -> Page:
    if source.council_id is None:
        return HubHomePage.objects.get()
    return CouncilHomePage.objects.get(council_id=source.council_id)


@dataclass
class StoreState:
    """What one run knows about the source's items (loaded once, kept current)."""

    source: Source
    parent: Page
    rules: TopicRules
    by_guid: dict[str, HarvestedItem]
    by_url: dict[str, HarvestedItem]
    seen: set[str] = field(default_factory=set)  # guids met in this run (after dedupe)

    @classmethod
    def load(cls, source: Source) -> "StoreState":
        items = list(HarvestedItem.objects.filter(source=source))
        return cls(
            source=source,
            parent=parent_page_for(source),
            rules=TopicRules.for_source(source),
            by_guid={item.guid: item for item in items},
            by_url={item.url: item for item in items if item.url},
        )


def record_error(run: HarvestRun, message: str) -> None:
    run.errors += 1
    run.last_error = message[:2000]


def _entry_label(entry: HarvestedEntry) -> str:
    return f"«{entry.title[:80]}» ({entry.guid[:120]})"


def _publish_signal(page) -> None:
    page_published.send(sender=type(page), instance=page, revision=None)


def _create_page(state: StoreState, mapped: MappedItem, entry: HarvestedEntry, *, again=False):
    now = timezone.now()
    model = MODELS[mapped.kind]
    slug = entry_slug(entry)
    page = model(
        slug=f"{slug}-{int(now.timestamp())}" if again else slug,
        live=True,
        has_unpublished_changes=False,
        is_harvested=True,
        first_published_at=mapped.first_published_at or now,
        last_published_at=now,
        **mapped.fields,
    )
    page.topics = list(mapped.topics)
    state.parent.add_child(instance=page)
    _publish_signal(page)
    return page


def _update_page(page_id: int, mapped: MappedItem):
    page = MODELS[mapped.kind].objects.get(pk=page_id)
    for name, value in mapped.fields.items():
        setattr(page, name, value)
    page.topics = list(mapped.topics)
    page.live = True
    if mapped.first_published_at:
        page.first_published_at = mapped.first_published_at
    page.last_published_at = timezone.now()
    page.save()
    _publish_signal(page)
    return page


def withdraw_page(page_id: int | None) -> None:
    """Take a harvested page offline (lists, search, feeds); its row stays for the record."""
    if page_id is None:
        return
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        return
    page = page.specific
    if page.live:
        page.live = False
        page.save()
        page_unpublished.send(sender=type(page), instance=page)


def _store_entry(state: StoreState, entry: HarvestedEntry, run: HarvestRun) -> None:
    source = state.source
    item = state.by_guid.get(entry.guid)
    if item is None and entry.url:
        item = state.by_url.get(entry.url)  # the same article under a new GUID
    if item is not None:
        state.seen.add(item.guid)  # known under its old GUID too: not "vanished"
    if entry.withdrawn:
        if item is not None and not item.is_withdrawn:
            with transaction.atomic():
                withdraw_page(item.page_id)
                item.is_withdrawn = True
                item.changed_at = timezone.now()
                item.save(update_fields=["is_withdrawn", "changed_at"])
            run.withdrawn += 1
        return
    mapped = map_entry(entry, source=source, rules=state.rules)
    if (
        item is not None
        and item.content_hash == mapped.digest
        and not item.is_withdrawn
        and item.page_id is not None
    ):
        if item.guid != entry.guid:  # same article, new GUID: remember the new one
            state.by_guid.pop(item.guid, None)
            item.guid = entry.guid
            item.save(update_fields=["guid"])
            state.by_guid[item.guid] = item
        return  # unchanged: nothing written
    with transaction.atomic():
        page = None
        if item is not None and item.page_id is not None:
            current = Page.objects.filter(pk=item.page_id).values_list(
                "content_type__model", flat=True
            )
            if current and current[0] == MODELS[mapped.kind]._meta.model_name:
                page = _update_page(item.page_id, mapped)
            else:  # kind changed (news ↔ event) or the page was deleted: a new page
                withdraw_page(item.page_id)
        created = page is None
        if created:
            page = _create_page(state, mapped, entry, again=item is not None)
        if item is None:
            item = HarvestedItem(source=source, guid=entry.guid)
        elif item.guid != entry.guid:
            state.by_guid.pop(item.guid, None)
            item.guid = entry.guid
        item.url = entry.url[:1000]
        item.content_hash = mapped.digest
        item.page_id = page.pk
        item.is_withdrawn = False
        item.changed_at = timezone.now()
        item.save()
    state.by_guid[item.guid] = item
    if item.url:
        state.by_url[item.url] = item
    if created:
        run.created += 1
    else:
        run.updated += 1


def _entry_failed(state: StoreState, entry: HarvestedEntry, run: HarvestRun, error) -> None:
    logger.warning("harvest: source %s entry %s failed", state.source.pk, entry.guid, exc_info=True)
    detail = getattr(error, "messages", None) or [str(error)]
    record_error(
        run,
        _("Öğe %(item)s kaydedilemedi: %(error)s")
        % {"item": _entry_label(entry), "error": " ".join(map(str, detail))},
    )


def _store_one(state: StoreState, entry: HarvestedEntry, run: HarvestRun) -> None:
    try:
        _store_entry(state, entry, run)
    except Exception as error:  # one bad entry must never stop the run
        _entry_failed(state, entry, run, error)


def _is_new(state: StoreState, entry: HarvestedEntry) -> bool:
    """Neither known by GUID nor by URL, and not a withdrawal: a batch candidate."""
    if entry.withdrawn or entry.guid in state.by_guid:
        return False
    return not (entry.url and entry.url in state.by_url)


def _store_batch(state: StoreState, entries: list[HarvestedEntry], run: HarvestRun) -> None:
    """New entries of one fetched page together (santral.federation.bulk); entries the
    batch cannot take (unusable, slug taken) and a failed batch go one by one."""
    batch: list[NewEntry] = []
    slugs: set[str] = set()
    alone: set[str] = set()  # GUIDs of entries stored one by one (in the page's order)
    for entry in entries:
        try:
            mapped = map_entry(entry, source=state.source, rules=state.rules)
        except Exception:  # unusable: the per-item path maps it again and says why
            alone.add(entry.guid)
            continue
        slug = entry_slug(entry)
        if slug in slugs:
            alone.add(entry.guid)
            continue
        slugs.add(slug)
        batch.append(NewEntry(entry=entry, mapped=mapped))
    taken = sibling_slugs_taken(state.parent, slugs)
    if taken:
        alone.update(new.entry.guid for new in batch if entry_slug(new.entry) in taken)
        batch = [new for new in batch if entry_slug(new.entry) not in taken]
    try:
        items = store_new_entries(state.source, state.parent, batch, MODELS)
    except Exception:  # a database error in the batch: each entry on its own says which
        logger.warning("harvest: batch of source %s failed", state.source.pk, exc_info=True)
        alone.update(new.entry.guid for new in batch)
        items = []
    for item in items:
        state.by_guid[item.guid] = item
        if item.url:
            state.by_url[item.url] = item
    run.created += len(items)
    for entry in entries:
        if entry.guid in alone:
            _store_one(state, entry, run)


def harvest_entries(
    source: Source, pages: Iterable[ParsedPage], run: HarvestRun, *, state: StoreState | None = None
) -> StoreState:
    """Store every entry of these parsed pages; returns the state (with the GUIDs seen).

    Entries repeated in one run (by GUID or URL) are stored once. New entries of a page
    are written together, after the page's known ones. Errors of single entries are
    counted in `run` and never raised.
    """
    state = state or StoreState.load(source)
    urls_seen: set[str] = set()
    for parsed in pages:
        new: list[HarvestedEntry] = []
        for entry in parsed.entries:
            if entry.guid in state.seen or (entry.url and entry.url in urls_seen):
                continue
            state.seen.add(entry.guid)
            if entry.url:
                urls_seen.add(entry.url)
            run.fetched += 1
            if _is_new(state, entry):
                new.append(entry)
            else:
                _store_one(state, entry, run)
        if len(new) > 1:
            _store_batch(state, new, run)
        elif new:
            _store_one(state, new[0], run)
    return state


def withdraw_missing(state: StoreState, run: HarvestRun) -> None:
    """After a fetch known to be complete: items the source no longer lists are withdrawn."""
    vanished = [
        item
        for guid, item in state.by_guid.items()
        if guid not in state.seen and not item.is_withdrawn
    ]
    for item in vanished:
        try:
            with transaction.atomic():
                withdraw_page(item.page_id)
                item.is_withdrawn = True
                item.changed_at = timezone.now()
                item.save(update_fields=["is_withdrawn", "changed_at"])
            run.withdrawn += 1
        except Exception as error:  # as above
            record_error(
                run,
                _("Öğe %(guid)s geri çekilemedi: %(error)s") % {"guid": item.guid, "error": error},
            )
