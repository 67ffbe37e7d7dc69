"""iCalendar (RFC 5545) for public events, with a VTIMEZONE for Europe/Istanbul.

RFC 5545 allows no control character but TAB in a TEXT value; every text passes through
xml_safe (the same rule as the feeds) so a pasted control character cannot break a calendar.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone

from santral.core.text import xml_safe

ISTANBUL = ZoneInfo("Europe/Istanbul")


def calendar_bytes(*, name: str, events, absolute_url) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Santral//Kent Konseyleri Bilgi Santrali//TR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", xml_safe(name))
    calendar.add("x-wr-timezone", "Europe/Istanbul")
    calendar.add_component(Timezone.from_tzid("Europe/Istanbul"))
    stamp = timezone.now()
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.pk}@santral")
        event.add("dtstamp", stamp)
        event.add("dtstart", page.start_at.astimezone(ISTANBUL))
        event.add("dtend", page.end_at.astimezone(ISTANBUL))
        event.add("summary", xml_safe(page.title))
        if page.intro:
            event.add("description", xml_safe(page.intro))
        location = ", ".join(
            part for part in (page.venue, page.address.replace("\n", ", ")) if part
        )
        if location:
            event.add("location", xml_safe(location))
        event.add("url", absolute_url(page))
        if page.council is not None:
            event.add("organizer", xml_safe(page.council.name))
        if page.last_published_at:
            event.add("last-modified", page.last_published_at)
        calendar.add_component(event)
    return calendar.to_ical()
