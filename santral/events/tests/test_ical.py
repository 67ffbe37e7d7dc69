"""Calendars stay parseable whatever text an event holds (issue 14, item 5)."""

import icalendar
import pytest
from wagtail.models import Page

from santral.events.factories import make_event
from santral.events.models import EventPage

pytestmark = pytest.mark.django_db


def test_control_characters_never_reach_the_calendar(client, cast):
    event = make_event(cast.council_a, title="Çalıştay", intro="Özet", venue="Salon")
    # Written past the services, as an import or an old row could have it.
    Page.objects.filter(pk=event.pk).update(title="Çalıştay\x0b\x1f 2026")
    EventPage.objects.filter(pk=event.pk).update(intro="Özet\x0c\x08 metni", venue="Sa\x1blon")
    for url in ("/etkinlikler/takvim.ics", "/seyhan/etkinlikler/takvim.ics"):
        response = client.get(url)
        assert response.status_code == 200
        assert not any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0D) for byte in response.content)
        calendar = icalendar.Calendar.from_ical(response.content)
        (vevent,) = calendar.walk("VEVENT")
        assert str(vevent["SUMMARY"]) == "Çalıştay 2026"
        assert str(vevent["DESCRIPTION"]) == "Özet metni"
        assert str(vevent["LOCATION"]).startswith("Salon")
