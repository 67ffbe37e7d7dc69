"""What every parser hands to the harvester: one item of a source, already checked.

The contract between the two halves of harvesting — fetching and parsing
(`fetching.py`, `parsers/`) and storing (`models.py`, `services.py`): parsers
turn untrusted bytes into `HarvestedEntry` values; the harvester maps them to
news or events of the source's council. Everything here is plain data: no
database, no network.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

EntryKind = Literal["news", "event"]


@dataclass(frozen=True)
class HarvestedEntry:
    # Stable identity across runs: the feed's GUID/id, the WordPress post id as
    # "wp:<id>", the iCalendar UID, or "<instance>:<kind>:<id>" for Santral.
    guid: str
    kind: EntryKind
    title: str  # plain text, whitespace collapsed, never empty
    url: str  # the original page (http/https only); "" when the source gives none
    summary: str = ""  # plain text
    body_html: str = ""  # still untrusted: the harvester sanitises it (nh3) before storing
    published_at: datetime | None = None  # aware, UTC
    updated_at: datetime | None = None  # aware, UTC
    author: str = ""
    categories: tuple[str, ...] = ()
    language: str = ""  # "tr", "en", "ar" or "" when unknown
    # events only (aware, UTC)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    location: str = ""
    # Santral-to-Santral: the origin council's name and page, and whether the item was withdrawn
    origin_council: str = ""
    origin_url: str = ""
    withdrawn: bool = False
    extra: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ParsedPage:
    """One fetched document, parsed: its entries and where the next page is (if any)."""

    entries: list[HarvestedEntry]
    next_url: str = ""  # paginated sources (WordPress REST, Santral API); "" on the last page
    cursor: str = ""  # Santral API: the cursor to send next time
    total_pages: int | None = None  # WordPress REST's X-WP-TotalPages, when given
