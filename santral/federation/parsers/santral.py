"""Another Santral's shared-items feed (/api/v1/federation/items/): strict JSON, hostile-proof.

    {"instance": "https://a.example", "items": [{"id": "news:123", "kind": "news", ...}],
     "cursor": "opaque", "next": "https://a.example/api/v1/federation/items/?cursor=..."}

Every field is type-checked; an item with a wrong type where it matters (id, kind) is
skipped, a wrong optional field is treated as absent, strings are cut to their column.
"""

import json
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from santral.federation.items import HarvestedEntry, ParsedPage

from .common import (
    LOCATION_MAX,
    SUMMARY_MAX,
    ParseError,
    categories_of,
    clean_title,
    language_code,
    parse_iso_datetime,
    plain_text,
    safe_url,
    truncate,
)

MALFORMED = _("Santral yanıtı okunamadı: paylaşılan içerik listesi (JSON nesnesi) bekleniyordu.")
NO_INSTANCE = _("Santral yanıtında geçerli bir kurulum adresi (instance) yok.")

ID_MAX = 200
CURSOR_MAX = 1000
SHORT_MAX = 64  # scope, licence


def _str(value: object, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _item(raw: object, instance: str) -> HarvestedEntry | None:
    if not isinstance(raw, dict):
        return None
    item_id = raw.get("id")
    kind = raw.get("kind")
    if not isinstance(item_id, str) or not item_id.strip() or len(item_id) > ID_MAX:
        return None
    if kind not in ("news", "event"):
        return None
    guid = f"{instance}:{item_id.strip()}"
    updated = parse_iso_datetime(raw.get("updated_at"))
    if raw.get("withdrawn") is True:
        return HarvestedEntry(
            guid=guid, kind=kind, title=item_id.strip(), url="", updated_at=updated, withdrawn=True
        )
    body_html = _str(raw.get("body_html"), 10_000_000)
    summary = truncate(plain_text(_str(raw.get("summary"), 100_000)), SUMMARY_MAX)
    title = clean_title(_str(raw.get("title"), 10_000), fallback=summary)
    if not title:
        return None
    council = raw.get("council") if isinstance(raw.get("council"), dict) else {}
    url = safe_url(raw.get("url"))
    topics = raw.get("topics")
    starts_at = parse_iso_datetime(raw.get("starts_at")) if kind == "event" else None
    if kind == "event" and starts_at is None:
        return None
    ends_at = parse_iso_datetime(raw.get("ends_at")) if kind == "event" else None
    return HarvestedEntry(
        guid=guid,
        kind=kind,
        title=title,
        url=url,
        summary=summary,
        body_html=body_html,
        published_at=parse_iso_datetime(raw.get("published_at")),
        updated_at=updated,
        categories=categories_of(t for t in topics if isinstance(t, str))
        if isinstance(topics, list)
        else (),
        language=language_code(raw.get("language")),
        starts_at=starts_at,
        ends_at=ends_at if ends_at is None or starts_at is None or ends_at >= starts_at else None,
        location=truncate(plain_text(_str(raw.get("location"), 10_000)), LOCATION_MAX),
        origin_council=truncate(plain_text(_str(council.get("name"), 1000)), 255),
        origin_url=url,
        extra={
            "scope": _str(raw.get("scope"), SHORT_MAX),
            "licence": _str(raw.get("licence"), SHORT_MAX),
            "council_slug": _str(council.get("slug"), 100),
            "council_url": safe_url(council.get("url")),
        },
    )


def parse_santral_items(body: bytes, *, max_items: int) -> ParsedPage:
    """The items of one page of another Santral's shared-items feed, at most `max_items`.
    guid = "<instance>:<id>"; a withdrawn item comes back with `withdrawn=True`. `next_url`
    is kept only when it is on the instance's own origin (a hostile peer cannot point the
    harvester elsewhere); `cursor` is the opaque cursor to send next time. ParseError when
    the body is not such a JSON object."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise ParseError(MALFORMED) from exc
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise ParseError(MALFORMED)
    instance = safe_url(document.get("instance")).rstrip("/")
    if not instance:
        raise ParseError(NO_INSTANCE)
    entries: list[HarvestedEntry] = []
    for raw in document["items"]:
        if len(entries) >= max_items:
            break
        entry = _item(raw, instance)
        if entry is not None:
            entries.append(entry)
    next_url = safe_url(document.get("next"))
    if next_url and _origin(next_url) != _origin(instance):
        next_url = ""
    return ParsedPage(
        entries=entries, next_url=next_url, cursor=_str(document.get("cursor"), CURSOR_MAX)
    )
