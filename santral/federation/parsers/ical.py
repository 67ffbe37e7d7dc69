"""iCalendar (RFC 5545): each VEVENT is an event entry."""

import html
import re
from datetime import date, datetime, timedelta

import icalendar
from django.utils.translation import gettext_lazy as _

from santral.federation.items import HarvestedEntry, ParsedPage

from .common import (
    LOCATION_MAX,
    SUMMARY_MAX,
    ParseError,
    categories_of,
    clean_title,
    fallback_guid,
    plain_text,
    safe_url,
    to_utc,
    truncate,
)

MALFORMED = _("Takvim okunamadı: geçerli bir iCalendar (.ics) belgesi değil.")

_EVENT_START = re.compile(r"^BEGIN:VEVENT\r?$", re.MULTILINE | re.IGNORECASE)
_TIMEZONE = re.compile(r"^BEGIN:VTIMEZONE\r?$.*?^END:VTIMEZONE\r?$", re.M | re.I | re.S)


def _cut(text: str, max_items: int) -> tuple[str, bool]:
    """The calendar without its events after the first `max_items`: icalendar builds the
    whole tree (some 0.7 ms an event), so a 50 000-event file is cut before it. Time zone
    definitions after the cut are kept. Returns the calendar and whether it was cut."""
    for number, match in enumerate(_EVENT_START.finditer(text), start=1):
        if number > max_items:
            zones = [zone.rstrip("\r") for zone in _TIMEZONE.findall(text, match.start())]
            head = text[: match.start()].rstrip("\r\n")
            return "\r\n".join([head, *zones, "END:VCALENDAR\r\n"]), True
    return text, False


def _decoded(component, name: str):
    try:
        return component.decoded(name) if name in component else None
    except Exception:  # icalendar raises assorted types on a bad value: treat it as absent
        return None


def _text(component, name: str) -> str:
    value = component.get(name)
    return str(value) if value is not None else ""


def _categories(component) -> tuple[str, ...]:
    values = component.get("CATEGORIES")
    if values is None:
        return ()
    names: list[str] = []
    for value in values if isinstance(values, list) else [values]:
        names.extend(str(cat) for cat in getattr(value, "cats", [value]))
    return categories_of(names)


def _body_html(description: str) -> str:
    paragraphs = [" ".join(p.split()) for p in description.split("\n\n")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


def _event(component) -> HarvestedEntry | None:
    description = _text(component, "DESCRIPTION")
    summary = truncate(plain_text(description), SUMMARY_MAX)
    title = clean_title(_text(component, "SUMMARY"), fallback=summary)
    start_raw = _decoded(component, "DTSTART")
    starts_at = to_utc(start_raw)  # floating times and all-day dates are Istanbul's
    if not title or starts_at is None:
        return None
    end_raw = _decoded(component, "DTEND")
    if end_raw is None:
        duration = _decoded(component, "DURATION")
        if isinstance(duration, timedelta) and isinstance(start_raw, date):
            end_raw = start_raw + duration
    ends_at = to_utc(end_raw)
    if ends_at is not None and ends_at < starts_at:
        ends_at = None
    uid = " ".join(_text(component, "UID").split())[:400]
    recurrence = _decoded(component, "RECURRENCE-ID")
    if uid and isinstance(recurrence, date):
        # A changed occurrence of a recurring event shares the series' UID.
        uid = f"{uid}#{to_utc(recurrence).isoformat()}"
    extra = {}
    if "RRULE" in component:
        extra["rrule"] = component["RRULE"].to_ical().decode("utf-8", "replace")[:500]
    status = _text(component, "STATUS").upper()
    if status:
        extra["status"] = status[:20]
    if isinstance(start_raw, date) and not isinstance(start_raw, datetime):
        extra["all_day"] = True
    created = to_utc(_decoded(component, "CREATED"))
    modified = to_utc(_decoded(component, "LAST-MODIFIED")) or to_utc(
        _decoded(component, "DTSTAMP")
    )
    return HarvestedEntry(
        guid=uid or fallback_guid(title, starts_at),
        kind="event",
        title=title,
        url=safe_url(_text(component, "URL")),
        summary=summary,
        body_html=_body_html(description),
        published_at=created or modified,
        updated_at=modified or created,
        categories=_categories(component),
        starts_at=starts_at,
        ends_at=ends_at,
        location=truncate(plain_text(_text(component, "LOCATION")), LOCATION_MAX),
        extra=extra,
    )


def parse_ical(body: bytes, *, max_items: int) -> ParsedPage:
    """The VEVENTs of an iCalendar document as events, at most `max_items` (the first ones).
    Times with TZID are converted from that zone, "Z" times are UTC, floating times and
    all-day dates are read in Europe/Istanbul; everything comes out aware UTC. A recurring
    event is its first occurrence (its RRULE is kept in `extra`). ParseError when the
    document is not iCalendar."""
    if not body or not body.strip():
        raise ParseError(MALFORMED)
    text = body.decode("utf-8", "replace")
    limit = max_items
    while True:
        document, was_cut = _cut(text, limit)
        try:
            calendar = icalendar.Calendar.from_ical(document)
        except Exception as exc:  # hostile input raises ValueError, IndexError, KeyError...
            raise ParseError(MALFORMED) from exc
        if getattr(calendar, "name", "") != "VCALENDAR":
            raise ParseError(MALFORMED)
        entries: list[HarvestedEntry] = []
        for component in calendar.walk("VEVENT"):
            if len(entries) >= max_items:
                break
            entry = _event(component)
            if entry is not None:
                entries.append(entry)
        if len(entries) >= max_items or not was_cut:
            return ParsedPage(entries=entries)
        limit *= 2  # events were skipped and the cut left usable ones out (see parse_feed)
