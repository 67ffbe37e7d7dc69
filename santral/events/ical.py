"""iCalendar (RFC 5545) for public events, with a VTIMEZONE for Europe/Istanbul."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

ISTANBUL = ZoneInfo("Europe/Istanbul")


def calendar_bytes(*, name: str, events, absolute_url) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Santral//Kent Konseyleri Bilgi Santrali//TR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Istanbul")
    calendar.add_component(Timezone.from_tzid("Europe/Istanbul"))
    stamp = timezone.now()
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.pk}@santral")
        event.add("dtstamp", stamp)
        event.add("dtstart", page.start_at.astimezone(ISTANBUL))
        event.add("dtend", page.end_at.astimezone(ISTANBUL))
        event.add("summary", page.title)
        if page.intro:
            event.add("description", page.intro)
        location = ", ".join(
            part for part in (page.venue, page.address.replace("\n", ", ")) if part
        )
        if location:
            event.add("location", location)
        event.add("url", absolute_url(page))
        if page.council is not None:
            event.add("organizer", page.council.name)
        if page.last_published_at:
            event.add("last-modified", page.last_published_at)
        calendar.add_component(event)
    return calendar.to_ical()
