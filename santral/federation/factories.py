"""Small helpers for federation tests and benchmarks: sources and parsed entries."""

from datetime import UTC, datetime
from itertools import count

from .items import HarvestedEntry, ParsedPage
from .models import Source

_numbers = count(1)


def make_source(council, **fields) -> Source:
    number = next(_numbers)
    fields.setdefault("kind", "feed")
    fields.setdefault("url", f"https://kaynak{number}.example/feed/")
    fields.setdefault("name", f"Kaynak {number}")
    fields.setdefault("licence", "CC BY 4.0")
    return Source.objects.create(council=council, **fields)


def entry(guid: str, **fields) -> HarvestedEntry:
    fields.setdefault("kind", "news")
    fields.setdefault("title", f"Öğe {guid}")
    fields.setdefault("url", f"https://kaynak.example/{guid}/")
    fields.setdefault("published_at", datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    return HarvestedEntry(guid=guid, **fields)


def page_of(*entries: HarvestedEntry, **fields) -> ParsedPage:
    return ParsedPage(entries=list(entries), **fields)
