"""What other Santral instances follow: this instance's shared national and international items.

An item travels when it is a live news item or event, shared with the network
(`is_shared`), of scope national or international, not archived, public, and written here
(a harvested copy is never re-published: no loops between instances). Every publish,
unpublish or delete of such a page — or of one that *was* such a page — writes one
ShareChange row (signals below); the API reads those rows in id order behind an opaque
cursor, so a follower gets only what changed since its last run, and a tombstone for
every item that stopped qualifying. A GET never writes.
"""

import base64
import binascii

from django.conf import settings

from santral.content.models import NewsPage, Scope
from santral.content.richtext import render_rich_text
from santral.events.models import EventPage

from .models import ShareChange

KINDS = {NewsPage: "news", EventPage: "event"}
MODELS = {kind: model for model, kind in KINDS.items()}
SHARED_SCOPES = (Scope.NATIONAL, Scope.INTERNATIONAL)
MAX_LIMIT = 100
DEFAULT_LIMIT = 50


def is_shareable(page) -> bool:
    return bool(
        page.pk
        and page.live
        and page.is_shared
        and not page.is_archived
        and not page.is_harvested
        and page.scope in SHARED_SCOPES
        and getattr(page, "is_public", True)
    )


def share_change_record(page) -> None:
    """Log a change of a page that is (or was) shared; its older log rows go."""
    kind = KINDS.get(type(page))
    if kind is None or page.is_harvested:
        return  # harvested copies are never shareable, so never were
    if not is_shareable(page) and not ShareChange.objects.filter(page_id=page.pk).exists():
        return
    ShareChange.objects.filter(page_id=page.pk).delete()
    ShareChange.objects.create(page_id=page.pk, kind=kind)


def share_change_deleted(page) -> None:
    if ShareChange.objects.filter(page_id=page.pk).exists():
        kind = KINDS.get(type(page), "news")
        ShareChange.objects.filter(page_id=page.pk).delete()
        ShareChange.objects.create(page_id=page.pk, kind=kind)


# --- the cursor -----------------------------------------------------------------------------


def encode_cursor(change_id: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{change_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int | None:
    """The change id behind a cursor; None when the cursor is not one of ours."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    version, _sep, number = raw.partition(":")
    if version != "v1" or not number.isdigit():
        return None
    return int(number)


# --- the feed ---------------------------------------------------------------------------------


def _utc(value) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None


def default_licence() -> str:
    return getattr(settings, "SANTRAL_FEDERATION_LICENCE", "CC-BY-4.0")


def _item(page, change, request) -> dict:
    kind = KINDS[type(page)]
    council = page.council
    home = getattr(council, "home_page", None) if council is not None else None
    is_event = kind == "event"
    return {
        "id": f"{kind}:{page.pk}",
        "kind": kind,
        "title": page.title,
        "summary": page.intro,
        "body_html": render_rich_text(str(page.body or "")),
        "url": page.get_full_url(request) or "",
        "council": (
            {
                "name": council.name,
                "slug": council.slug,
                "url": home.get_full_url(request) if home is not None else "",
            }
            if council is not None
            else None
        ),
        "scope": page.scope,
        "topics": [topic.name for topic in page.topics.all()],
        "language": page.language,
        "published_at": _utc(page.first_published_at),
        "updated_at": _utc(change.changed_at),
        "starts_at": _utc(page.start_at) if is_event else None,
        "ends_at": _utc(page.end_at) if is_event else None,
        "location": page.venue if is_event else "",
        "licence": getattr(council, "data_licence", "") or default_licence(),
        "withdrawn": False,
    }


def _tombstone(change) -> dict:
    return {
        "id": f"{change.kind}:{change.page_id}",
        "kind": change.kind,
        "withdrawn": True,
        "updated_at": _utc(change.changed_at),
    }


def shared_items_page(*, after: int, limit: int, request) -> tuple[list[dict], int | None, bool]:
    """Items changed after change id `after`, oldest change first; the last id (None when
    nothing came after `after`); whether more follow. Constant queries whatever the limit."""
    changes = list(ShareChange.objects.filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = len(changes) > limit
    changes = changes[:limit]
    if not changes:
        return [], None, False
    pages = {}
    for kind, model in MODELS.items():
        ids = [change.page_id for change in changes if change.kind == kind]
        if ids:
            rows = (
                model.objects.filter(pk__in=ids)
                .select_related("council__home_page")
                .prefetch_related("topics")
            )
            pages.update({(kind, page.pk): page for page in rows})
    items = []
    for change in changes:
        page = pages.get((change.kind, change.page_id))
        if page is not None and is_shareable(page):
            items.append(_item(page, change, request))
        else:
            items.append(_tombstone(change))
    return items, changes[-1].pk, more
