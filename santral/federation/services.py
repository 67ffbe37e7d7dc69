"""Writes of federation: registering sources and harvesting them.

`harvest_source` fetches one source (conditional GET, pagination, incremental state),
hands the parsed pages to the store step (`storing.harvest_entries`) and records the run.
Nothing a source sends can make it raise: every failure ends in a recorded run with a
plain Turkish message. `harvest_due` runs every active source that is due; many workers
may call it at once — a source is claimed with a conditional UPDATE first.
"""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.councils.models import Council
from santral.councils.permissions import can_edit_council_profile, is_platform_admin

from .items import ParsedPage
from .models import HarvestRun, RunStatus, Source, SourceKind
from .storing import StoreState, harvest_entries, record_error, withdraw_missing

SOURCE_FIELDS = ("kind", "url", "name", "scope", "licence", "topic_rules", "maps_to", "is_active")
# A claimed source stays claimed this long if its worker dies mid-run.
CLAIM_LEASE = timedelta(minutes=30)
WORDPRESS_PER_PAGE = 100
# modified_after is compared to the second; a minute back covers clock and rounding slips.
WORDPRESS_MARGIN = timedelta(minutes=1)


def max_items() -> int:
    return int(getattr(settings, "SANTRAL_HARVEST_MAX_ITEMS", 5000))


def harvest_interval() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "SANTRAL_HARVEST_INTERVAL_MINUTES", 60)))


# --- sources ---------------------------------------------------------------------------------


def can_manage_sources(user, council: Council | None) -> bool:
    """Council admins for their council; the platform admin for any council and the hub."""
    if council is None:
        return is_platform_admin(user)
    return can_edit_council_profile(user, council)


def _snapshot(source: Source) -> dict:
    data = {name: getattr(source, name) for name in SOURCE_FIELDS}
    data["default_topics"] = sorted(source.default_topics.values_list("slug", flat=True))
    return data


@transaction.atomic
def source_register(*, actor, council: Council | None, topics=(), **fields) -> Source:
    ensure(can_manage_sources(actor, council), _("Bu konsey için kaynak ekleme yetkiniz yok."))
    source = Source(council=council, **{k: v for k, v in fields.items() if k in SOURCE_FIELDS})
    source.full_clean()
    source.save()
    source.default_topics.set(topics)
    audit_record(
        actor=actor,
        action="federation.source_register",
        target=source,
        council_id=council.pk if council else None,
        after=_snapshot(source),
    )
    return source


@transaction.atomic
def source_update(*, actor, source: Source, topics=None, **fields) -> Source:
    ensure(can_manage_sources(actor, source.council), _("Bu kaynağı değiştirme yetkiniz yok."))
    source = Source.objects.select_for_update().get(pk=source.pk)
    before = _snapshot(source)
    for name, value in fields.items():
        if name in SOURCE_FIELDS:
            setattr(source, name, value)
    if before["url"] != source.url or before["kind"] != source.kind:
        # Another address: the old conditional-GET and incremental state means nothing there.
        source.etag = source.last_modified = source.cursor = ""
        source.modified_after = None
    source.full_clean()
    source.save()
    if topics is not None:
        source.default_topics.set(topics)
    audit_record(
        actor=actor,
        action="federation.source_update",
        target=source,
        council_id=source.council_id,
        before=before,
        after=_snapshot(source),
    )
    return source


@transaction.atomic
def source_delete(*, actor, source: Source) -> None:
    """Delete a source and its run records; pages already harvested stay (and stay live)."""
    ensure(can_manage_sources(actor, source.council), _("Bu kaynağı silme yetkiniz yok."))
    audit_record(
        actor=actor,
        action="federation.source_delete",
        target=source,
        council_id=source.council_id,
        before=_snapshot(source),
    )
    source.delete()


# --- fetching one source ------------------------------------------------------------------------


class SourceFailed(Exception):
    """The source as a whole could not be read (its message is plain Turkish)."""


def _fetch(url: str, **kwargs):
    from .fetching import FetchError, fetch
    from .parsers import ParseError

    try:
        return fetch(url, **kwargs)
    except FetchError as error:
        raise SourceFailed(error.message) from error
    except ParseError as error:  # pragma: no cover - fetch does not parse; kept for symmetry
        raise SourceFailed(error.message) from error


def _parse(function, *args, **kwargs) -> ParsedPage:
    from .parsers import ParseError

    try:
        return function(*args, **kwargs)
    except ParseError as error:
        raise SourceFailed(error.message) from error


class Harvest:
    """One run over one source: yields parsed pages and knows whether the fetch was complete."""

    def __init__(self, source: Source, run: HarvestRun, *, full: bool = False):
        self.source = source
        self.run = run
        self.full = full
        self.cap = max_items()
        self.taken = 0
        self.complete = False  # every item of the source was seen (vanished ones may go)
        self.not_modified = False
        self.state_updates: dict = {}

    def remaining(self) -> int:
        return max(self.cap - self.taken, 0)

    def _take(self, parsed: ParsedPage) -> ParsedPage:
        entries = parsed.entries[: self.remaining()]
        self.taken += len(entries)
        return ParsedPage(
            entries=entries,
            next_url=parsed.next_url,
            cursor=parsed.cursor,
            total_pages=parsed.total_pages,
        )

    def pages(self) -> Iterator[ParsedPage]:
        kind = self.source.kind
        if kind == SourceKind.WORDPRESS:
            yield from self._wordpress()
        elif kind == SourceKind.SANTRAL:
            yield from self._santral()
        else:
            yield from self._document(self.source.url, ical=kind == SourceKind.ICAL)

    def _document(self, url: str, *, ical: bool, conditional: bool = True) -> Iterator[ParsedPage]:
        from .parsers import parse_feed, parse_ical

        source = self.source
        result = _fetch(
            url,
            etag=source.etag if conditional else "",
            last_modified=source.last_modified if conditional else "",
            accept="text/calendar" if ical else "application/rss+xml, application/atom+xml, */*",
        )
        if result.status == 304:
            self.not_modified = True
            return
        if ical:
            parsed = _parse(parse_ical, result.body, max_items=self.cap + 1)
        else:
            parsed = _parse(parse_feed, result.body, base_url=result.url, max_items=self.cap + 1)
        capped = len(parsed.entries) > self.cap
        yield self._take(parsed)
        # An empty document is more likely a broken one than a site that deleted everything.
        self.complete = bool(parsed.entries) and not capped
        self.state_updates.update(etag=result.etag, last_modified=result.last_modified)

    def _wordpress_offset(self) -> timedelta | None:
        """The site's UTC offset from its REST index (/wp-json/: "gmt_offset", in hours);
        WordPress compares modified_after with local time. None when the index says nothing."""
        import json

        try:
            result = _fetch(self.source.url.rstrip("/") + "/wp-json/", accept="application/json")
            hours = json.loads(result.body).get("gmt_offset")
            return timedelta(hours=float(hours))
        except (SourceFailed, ValueError, TypeError, AttributeError):
            return None

    def _wordpress_url(self, page_number: int, since, offset) -> str:
        from urllib.parse import urlencode

        from .parsers import wordpress_posts_url

        if since is None or offset is None:
            # Without the site's offset the parser's own (wide) margin keeps us safe.
            return wordpress_posts_url(
                self.source.url,
                page=page_number,
                per_page=WORDPRESS_PER_PAGE,
                modified_after=since,
            )
        url = wordpress_posts_url(self.source.url, page=page_number, per_page=WORDPRESS_PER_PAGE)
        local = (since + offset - WORDPRESS_MARGIN).replace(tzinfo=None)
        return f"{url}&{urlencode({'modified_after': local.strftime('%Y-%m-%dT%H:%M:%S')})}"

    def _wordpress_page(self, url: str, total_pages: int | None) -> tuple[ParsedPage, int | None]:
        from .parsers import parse_wordpress_posts

        result = _fetch(url, accept="application/json")
        header = result.headers.get("x-wp-totalpages", "")
        total_pages = int(header) if header.isdigit() else total_pages
        parsed = _parse(
            parse_wordpress_posts,
            result.body,
            page_url=result.url,
            total_pages=total_pages,
            max_items=self.remaining() + 1,
        )
        return parsed, total_pages

    def _wordpress(self) -> Iterator[ParsedPage]:
        source = self.source
        since = None if self.full else source.modified_after
        offset = self._wordpress_offset() if since is not None else None
        page_number, total_pages = 1, None
        newest = source.modified_after
        # The next REST page is fetched while this one is stored: the site's own time to
        # build a page of 100 posts (~1.5 s for the peer WordPress) overlaps ours instead of
        # adding to it. Fetching touches no database, so a thread is safe; a source has one
        # run at a time (claimed), so at most one request is in flight per source.
        ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="harvest-prefetch")
        upcoming = None
        try:
            while self.remaining() > 0:
                try:
                    if upcoming is not None:
                        parsed, total_pages = upcoming.result()
                        upcoming = None
                    else:
                        url = self._wordpress_url(page_number, since, offset)
                        parsed, total_pages = self._wordpress_page(url, total_pages)
                except SourceFailed as error:
                    if page_number > 1:
                        raise
                    # No REST API (404, HTML, a plugin blocking it): the site's RSS feed instead.
                    self.run.last_error = _(
                        "WordPress REST API okunamadı (%(error)s); RSS akışı kullanıldı."
                    ) % {"error": error}
                    yield from self._document(source.url.rstrip("/") + "/feed/", ical=False)
                    return
                for entry in parsed.entries:
                    stamp = entry.updated_at or entry.published_at
                    if stamp is not None and (newest is None or stamp > newest):
                        newest = stamp
                capped = len(parsed.entries) > self.remaining()
                page = self._take(parsed)
                if not capped and parsed.next_url and self.remaining() > 0:
                    upcoming = ahead.submit(
                        self._wordpress_page,
                        self._wordpress_url(page_number + 1, since, offset),
                        total_pages,
                    )
                yield page
                if capped:
                    return  # the cap: neither complete nor a new high-water mark
                if not parsed.next_url:
                    # Only a full listing shows what vanished; an incremental one lists changes.
                    self.complete = since is None
                    if newest is not None:
                        self.state_updates["modified_after"] = newest
                    return
                page_number += 1
        finally:
            if upcoming is not None:
                upcoming.cancel()
            # a fetch still running ends by its own deadline (SANTRAL_HARVEST_TOTAL_TIMEOUT)
            ahead.shutdown(wait=False)

    def _santral(self) -> Iterator[ParsedPage]:
        from urllib.parse import urlencode

        from .parsers import parse_santral_items

        url = self.source.url
        cursor = "" if self.full else self.source.cursor
        if cursor:
            url = f"{url}{'&' if '?' in url else '?'}{urlencode({'cursor': cursor})}"
        while url and self.remaining() > 0:
            result = _fetch(url, accept="application/json")
            parsed = _parse(parse_santral_items, result.body, max_items=self.remaining() + 1)
            capped = len(parsed.entries) > self.remaining()
            yield self._take(parsed)
            if capped:
                return  # the cursor stays before the items not taken
            if parsed.cursor:
                self.state_updates["cursor"] = parsed.cursor
            url = parsed.next_url


def _finish(source: Source, run: HarvestRun, harvest: Harvest | None) -> HarvestRun:
    now = timezone.now()
    if run.status == RunStatus.RUNNING:
        if harvest is not None and harvest.not_modified:
            run.status = RunStatus.NOT_MODIFIED
        else:
            run.status = RunStatus.PARTIAL if run.errors else RunStatus.OK
    run.finished_at = now
    run.save()
    updates = {
        "last_run_at": now,
        "last_status": run.status,
        "last_error": run.last_error if run.status in (RunStatus.FAILED, RunStatus.PARTIAL) else "",
        "next_due_at": now + harvest_interval(),
        "claimed_until": None,
    }
    # Incremental state moves on only when the whole run was stored: a failed item is
    # fetched again next time rather than skipped for ever.
    if harvest is not None and run.status == RunStatus.OK:
        updates.update(harvest.state_updates)
    Source.objects.filter(pk=source.pk).update(**updates)
    for name, value in updates.items():
        setattr(source, name, value)
    return run


def harvest_source(source: Source, *, full: bool = False) -> HarvestRun:
    """Fetch, store and record one source. Never raises for anything the source sends."""
    run = HarvestRun.objects.create(source=source)
    harvest = Harvest(source, run, full=full)
    try:
        state = StoreState.load(source)
        harvest_entries(source, harvest.pages(), run, state=state)
        if harvest.complete and not harvest.not_modified:
            withdraw_missing(state, run)
    except SourceFailed as error:
        record_error(run, str(error))
        run.status = RunStatus.FAILED
    except Exception as error:  # one bad source never stops the others
        import logging

        logging.getLogger(__name__).exception("harvest: source %s failed", source.pk)
        record_error(run, _("Beklenmeyen bir hata oluştu: %(error)s") % {"error": error})
        run.status = RunStatus.FAILED
    return _finish(source, run, harvest)


# --- many sources, many workers ------------------------------------------------------------------


def source_claim(source_id: int) -> Source | None:
    """Claim a source for this worker (a conditional UPDATE: at most one worker wins)."""
    now = timezone.now()
    claimed = (
        Source.objects.filter(pk=source_id, is_active=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM_LEASE)
    )
    return Source.objects.select_related("council").get(pk=source_id) if claimed else None


def due_source_ids(*, council: Council | None = None, source_id: int | None = None) -> list[int]:
    sources = Source.objects.filter(is_active=True)
    if source_id is not None:
        return list(sources.filter(pk=source_id).values_list("pk", flat=True))
    if council is not None:
        sources = sources.filter(council=council)
    else:
        now = timezone.now()
        sources = sources.filter(Q(next_due_at__isnull=True) | Q(next_due_at__lte=now))
    return list(sources.order_by("next_due_at", "pk").values_list("pk", flat=True))


def harvest_due(
    *, council: Council | None = None, source_id: int | None = None, full: bool = False
) -> list[HarvestRun]:
    """Harvest every due active source (or one source / one council's sources, due or not)."""
    runs = []
    for pk in due_source_ids(council=council, source_id=source_id):
        source = source_claim(pk)
        if source is None:
            continue  # another worker has it
        runs.append(harvest_source(source, full=full))
    return runs


def source_run_now(*, actor, source: Source) -> HarvestRun:
    """The back office's "şimdi çalıştır": a run now, by someone who manages the source."""
    ensure(can_manage_sources(actor, source.council), _("Bu kaynağı çalıştırma yetkiniz yok."))
    claimed = source_claim(source.pk)
    if claimed is None:
        raise ValidationError(_("Kaynak şu anda çalışıyor ya da etkin değil; biraz sonra deneyin."))
    return harvest_source(claimed)
