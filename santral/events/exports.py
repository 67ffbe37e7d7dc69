"""Downloads of a council's public events (CSV and JSON) for open data (santral/opendata).

Only what the public calendar shows, of the council's own events (not re-shared ones);
never registrations (personal data). Times are ISO 8601 in Europe/Istanbul with offset.
"""

import io
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from santral.content.selectors import public_items
from santral.core.spreadsheets import CSV_PLAIN, SafeCSVWriter
from santral.councils.models import Council

from .models import EventPage

ISTANBUL = ZoneInfo("Europe/Istanbul")

EVENT_COLUMNS = [
    ("id", "integer", "Kayıt no"),
    ("title", "string", "Başlık"),
    ("start_at", "datetime", "Başlangıç"),
    ("end_at", "datetime", "Bitiş"),
    ("venue", "string", "Mekân"),
    ("address", "string", "Adres"),
    ("partners", "string", "İş birliği yapan kurumlar"),
    ("language", "string", "Dil"),
    ("scope", "string", "Kapsam"),
    ("topics", "string", "Konular"),
    ("url", "string", "Adres (web)"),
    ("last_published_at", "datetime", "Son yayımlanma"),
]


def council_events(council: Council):
    """The council's own public events in start order."""
    return public_items(EventPage, council=council, include_reshared=False).order_by(
        "start_at", "pk"
    )


def _iso(value) -> str:
    return value.astimezone(ISTANBUL).isoformat() if value else ""


def event_records(council: Council, *, absolute_url) -> Iterator[dict]:
    for page in council_events(council):
        yield {
            "id": page.pk,
            "title": page.title,
            "start_at": _iso(page.start_at),
            "end_at": _iso(page.end_at),
            "venue": page.venue,
            "address": page.address,
            "partners": page.partners,
            "language": page.language,
            "scope": page.scope,
            "topics": "; ".join(topic.name for topic in page.topics.all()),
            "url": absolute_url(page),
            "last_published_at": _iso(page.last_published_at),
        }


def events_csv(council: Council, *, absolute_url, flavour: str = CSV_PLAIN) -> str:
    out = io.StringIO()
    writer = SafeCSVWriter(out, flavour=flavour)
    writer.writerow([name for name, _type, _title in EVENT_COLUMNS])
    for record in event_records(council, absolute_url=absolute_url):
        writer.writerow(record.values())
    return out.getvalue()
