"""RSS 2.0, RSS 1.0 and Atom (feedparser, on bytes only), after refusing entity declarations."""

import html
import io
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.parsers import expat

import feedparser
from django.utils.translation import gettext_lazy as _

from santral.federation.items import HarvestedEntry, ParsedPage

from .common import (
    AUTHOR_MAX,
    GUID_MAX,
    SUMMARY_MAX,
    ParseError,
    categories_of,
    clean_title,
    fallback_guid,
    language_code,
    plain_text,
    safe_url,
    truncate,
)

ENTITIES_REFUSED = _(
    "Belgenin DOCTYPE bölümünde varlık (ENTITY) tanımları var; güvenlik için işlenmedi."
)
MALFORMED = _("Besleme okunamadı: geçerli bir RSS ya da Atom belgesi değil.")
EMPTY = _("Kaynak boş bir yanıt döndürdü.")

# A WordPress feed's guid is "https://site/?p=123": the same post is "wp:123" in the REST
# API, so a source that falls back from one to the other keeps its items.
_WORDPRESS_GUID = re.compile(r"^https?://([^/?#]+)(?:/[^?#]*)?/?\?p=(\d+)$")
_PROLOG_CHUNK = 64 * 1024


class _EntityDeclared(Exception):
    pass


class _Cut(Exception):
    def __init__(self, index: int, open_elements: list[str]):
        self.index = index
        self.open_elements = open_elements


_ITEM_NAMES = frozenset({"item", "entry"})
_LOOSE_ITEM = re.compile(rb"<(?:[A-Za-z0-9_.-]+:)?(?:item|entry)[\s>/]")


def _ascii_compatible(body: bytes) -> bool:
    # UTF-16/32 documents start with a BOM or NUL bytes; closing tags appended in ASCII would
    # not belong to them.
    return b"\x00" not in body[:4] and not body.startswith((b"\xff\xfe", b"\xfe\xff"))


def prepare_xml(body: bytes, max_items: int) -> tuple[bytes, bool]:
    """Refuse entity declarations, and cut the document after its `max_items`-th item/entry.

    Expat reads the prolog before the root element, so a declared entity (billion laughs,
    external entity) stops it before anything could be expanded, whatever the encoding; a
    byte scan backs it up for documents expat gives up on. Feedparser takes a few
    milliseconds per item, so a 50 000-item feed is cut here, where counting is cheap: a
    well-formed document after the last kept item, its open elements closed again; a broken
    one (feedparser's loose parser reads it anyway) at the next item's start tag. Returns the
    document and whether it was cut."""
    parser = expat.ParserCreate()
    open_elements: list[str] = []
    seen = 0

    def declared(*args):
        raise _EntityDeclared

    def start(name, attrs):
        nonlocal seen
        if name.rsplit(":", 1)[-1] in _ITEM_NAMES:
            seen += 1
            if seen > max_items:
                raise _Cut(parser.CurrentByteIndex, list(open_elements))
        open_elements.append(name)

    def end(name):
        open_elements.pop()

    parser.EntityDeclHandler = declared
    parser.UnparsedEntityDeclHandler = declared
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        for offset in range(0, len(body), _PROLOG_CHUNK):
            parser.Parse(body[offset : offset + _PROLOG_CHUNK], False)
        parser.Parse(b"", True)
    except _EntityDeclared:
        raise ParseError(ENTITIES_REFUSED) from None
    except _Cut as cut:
        if _ascii_compatible(body):
            closing = "".join(f"</{name}>" for name in reversed(cut.open_elements))
            return body[: cut.index] + closing.encode("ascii", "ignore"), True
    except expat.ExpatError:
        # Expat gave up, maybe before reaching a declaration that feedparser's loose parser
        # would still read: refuse on sight.
        upper = body.upper()
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            if "<!DOCTYPE".encode(encoding) in upper and "<!ENTITY".encode(encoding) in upper:
                raise ParseError(ENTITIES_REFUSED) from None
        if _ascii_compatible(body):
            starts = _LOOSE_ITEM.finditer(body)
            for number, match in enumerate(starts, start=1):
                if number > max_items:
                    return body[: match.start()], True
    return body, False


def _when(struct) -> datetime | None:
    # feedparser hands dates as 9-tuples already converted to UTC, whatever zone the feed used.
    if not struct:
        return None
    try:
        return datetime(*struct[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _guid(raw, link: str, base_url: str) -> str:
    guid = raw.get("id") or link
    if not isinstance(guid, str) or not guid.strip():
        return ""
    guid = guid.strip()
    match = _WORDPRESS_GUID.match(guid)
    if match and match.group(1).lower() == (urlsplit(base_url).netloc or "").lower():
        return f"wp:{match.group(2)}"
    return guid[:GUID_MAX]


def _entry(raw, *, base_url: str, language: str) -> HarvestedEntry | None:
    link = safe_url(raw.get("link", ""), base_url)
    contents = [c for c in raw.get("content") or [] if isinstance(c.get("value"), str)]
    html_contents = [c for c in contents if "html" in (c.get("type") or "")]
    summary_html = raw.get("summary", "") if isinstance(raw.get("summary"), str) else ""
    if html_contents or contents:
        body_html = (html_contents or contents)[0]["value"]
        if "html" not in (contents[0].get("type") or "html") and not html_contents:
            body_html = html.escape(body_html)
    else:
        body_html = summary_html
    summary = truncate(plain_text(summary_html) or plain_text(body_html), SUMMARY_MAX)
    title = clean_title(raw.get("title", ""), fallback=summary)
    if not title:
        return None
    # dict.get: FeedParserDict.get("updated_parsed") falls back to the published date, with
    # a deprecation warning; each date is read as the feed gave it.
    published = _when(dict.get(raw, "published_parsed"))
    updated = _when(dict.get(raw, "updated_parsed"))
    published = published or updated
    updated = updated or published
    guid = _guid(raw, link, base_url) or fallback_guid(title, published, summary)
    tags = [tag.get("term") or tag.get("label") or "" for tag in raw.get("tags") or []]
    return HarvestedEntry(
        guid=guid,
        kind="news",
        title=title,
        url=link,
        summary=summary,
        body_html=body_html,
        published_at=published,
        updated_at=updated,
        author=truncate(plain_text(raw.get("author", "")), AUTHOR_MAX),
        categories=categories_of(tags),
        language=language_code(raw.get("language")) or language,
    )


def parse_feed(body: bytes, *, base_url: str, max_items: int) -> ParsedPage:
    """The entries of an RSS 2.0 / RSS 1.0 / Atom document, at most `max_items` (the first
    ones). Relative links resolve against `base_url`. ParseError when the document declares
    entities or no feed can be read from it (a damaged feed whose entries feedparser still
    recovers is kept)."""
    if not body or not body.strip():
        raise ParseError(EMPTY)
    limit = max_items
    while True:
        document, was_cut = prepare_xml(body, limit)
        parsed = feedparser.parse(
            io.BytesIO(document),  # a stream: feedparser treats a str as a URL or a file name
            response_headers={"content-location": base_url, "content-type": "application/xml"},
        )
        if not parsed.entries and (parsed.bozo or not parsed.version):
            raise ParseError(MALFORMED)
        language = language_code(parsed.feed.get("language"))
        entries: list[HarvestedEntry] = []
        for raw in parsed.entries:
            if len(entries) >= max_items:
                break
            entry = _entry(raw, base_url=base_url, language=language)
            if entry is not None:
                entries.append(entry)
        if len(entries) >= max_items or not was_cut:
            return ParsedPage(entries=entries)
        # Items without title or text were skipped, and the cut left usable ones out: read
        # further, so a feed with more than max_items usable items always yields max_items
        # (callers ask for one more than they keep to tell that the source was capped).
        limit *= 2
