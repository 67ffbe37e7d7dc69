"""What every parser shares: the error, plain text from untrusted HTML, URLs, dates, caps."""

import hashlib
import html
import re
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

ISTANBUL = ZoneInfo("Europe/Istanbul")

TITLE_MAX = 255  # the title column of news and events
SUMMARY_MAX = 1000
AUTHOR_MAX = 200
LOCATION_MAX = 255
CATEGORY_MAX = 100
CATEGORIES_MAX = 50
URL_MAX = 2000
GUID_MAX = 500
LANGUAGES = frozenset({"tr", "en", "ar"})
_TAG = re.compile(r"<[^>]*>?")


class ParseError(Exception):
    """A document no entry could be read from; `message` is one Turkish sentence."""

    def __init__(self, message):
        self.message = str(message)  # the sentence in the active language, as plain text
        super().__init__(self.message)


class _TextExtractor(HTMLParser):
    _SKIPPED = frozenset({"script", "style", "template"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIPPED:
            self._skipping += 1
        self.parts.append(" ")  # <p>a</p><p>b</p> is "a b", not "ab"

    def handle_endtag(self, tag):
        if tag in self._SKIPPED and self._skipping:
            self._skipping -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def plain_text(value: object) -> str:
    """Text of an HTML fragment or plain string: tags dropped, entities decoded, whitespace
    collapsed to single spaces. Anything that is not a string is ""."""
    if not isinstance(value, str):
        return ""
    if "<" in value or "&" in value:
        extractor = _TextExtractor()
        try:
            extractor.feed(value)
            extractor.close()
            value = "".join(extractor.parts)
        except AssertionError:
            # html.parser gives up on some broken declarations ("<![<"): drop anything
            # tag-shaped instead.
            value = html.unescape(_TAG.sub(" ", value))
    return " ".join(value.split())


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def clean_title(value: object, *, fallback: object = "") -> str:
    """A plain-text title of at most TITLE_MAX characters; an excerpt of `fallback` (e.g. the
    summary) when the title is empty; "" when both are."""
    title = plain_text(value)
    if not title:
        title = truncate(plain_text(fallback), 80)
    return truncate(title, TITLE_MAX)


def safe_url(value: object, base: str = "") -> str:
    """An absolute http(s) URL (resolved against `base`), or "" for anything else
    (javascript:, data:, mailto:, relative without base, over URL_MAX)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    value = value.strip()
    try:
        url = urljoin(base, value) if base else value
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if len(url) > URL_MAX or any(ch in url for ch in "\r\n\t "):
        return ""
    return url


def to_utc(value: datetime | date | None, *, floating: ZoneInfo = ISTANBUL) -> datetime | None:
    """Aware UTC. A naive datetime is read in `floating` (Turkish sources mean Istanbul); a
    date is 00:00 of that day in `floating`."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        if not isinstance(value, date):
            return None
        value = datetime.combine(value, time(0), tzinfo=floating)
    elif value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        value = value.replace(tzinfo=floating)
    try:
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def parse_iso_datetime(value: object, *, naive_zone=UTC) -> datetime | None:
    """An ISO 8601 string ("…Z", "+03:00" or naive, read in `naive_zone`) as aware UTC."""
    if not isinstance(value, str) or not value or len(value) > 40:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return to_utc(parsed, floating=naive_zone)


def language_code(value: object) -> str:
    """ "tr-TR" → "tr"; "" unless it is one of Santral's languages."""
    if not isinstance(value, str):
        return ""
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if code in LANGUAGES else ""


def categories_of(names) -> tuple[str, ...]:
    """Distinct, non-empty, plain-text names, at most CATEGORIES_MAX of CATEGORY_MAX chars."""
    seen: list[str] = []
    for name in names:
        text = truncate(plain_text(name), CATEGORY_MAX)
        if text and text not in seen:
            seen.append(text)
            if len(seen) == CATEGORIES_MAX:
                break
    return tuple(seen)


def fallback_guid(*parts: object) -> str:
    """A stable identity for an item its source gave none: a hash of what it shows."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return f"sha256:{digest[:40]}"
