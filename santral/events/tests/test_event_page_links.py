"""The event page's "add to calendar" (.ics of one event) and map link (issue 19, item 7)."""

import icalendar
import pytest

from santral.events.factories import make_event

pytestmark = pytest.mark.django_db


def test_add_to_calendar_gives_one_valid_vevent(client, cast):
    event = make_event(cast.council_a, title="Kent Forumu", slug="kent-forumu", venue="Salon")
    make_event(cast.council_a, title="Başka etkinlik")
    assert event.ical_url == "/seyhan/etkinlikler/kent-forumu.ics"
    html = client.get(event.url).content.decode()
    assert f'href="{event.ical_url}"' in html and "Takvime ekle" in html
    response = client.get(event.ical_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="kent-forumu.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Kent Forumu"
    assert str(vevent["UID"]) == f"event-{event.pk}@santral"
    assert str(vevent["URL"]) == f"http://testserver{event.url}"
    assert vevent.decoded("DTSTART") == event.start_at.replace(microsecond=0)


def test_internal_draft_and_other_councils_events_have_no_ics(client, cast):
    internal = make_event(cast.council_a, slug="ic-toplanti", is_public=False)
    draft = make_event(cast.council_a, slug="taslak", publish=False)
    other = make_event(cast.council_b, slug="baska-konsey")
    assert client.get(internal.ical_url).status_code == 404
    assert client.get(draft.ical_url).status_code == 404
    assert client.get(f"/seyhan/etkinlikler/{other.slug}.ics").status_code == 404
    assert client.get("/yok-boyle-konsey/etkinlikler/ic-toplanti.ics").status_code == 404


def test_a_hub_event_has_its_own_ics_address(client, cast):
    event = make_event(None, title="Ulusal forum", slug="hub-forum")
    assert event.council_id is None
    assert event.ical_url == "/etkinlikler/hub-forum.ics"
    calendar = icalendar.Calendar.from_ical(client.get(event.ical_url).content)
    assert len(calendar.walk("VEVENT")) == 1
    assert client.get("/etkinlikler/yok.ics").status_code == 404


def test_map_link_is_an_escaped_openstreetmap_search(client, cast):
    event = make_event(
        cast.council_a,
        venue='Kültür "Merkezi" <Salon & Fuaye>',
        address="Atatürk Cd. No:5\nSeyhan/Adana",
    )
    expected = (
        "https://www.openstreetmap.org/search?query="
        "K%C3%BClt%C3%BCr%20%22Merkezi%22%20%3CSalon%20%26%20Fuaye%3E%2C%20"
        "Atat%C3%BCrk%20Cd.%20No%3A5%20Seyhan%2FAdana"
    )
    assert event.map_url == expected
    html = client.get(event.url).content.decode()
    assert f'href="{expected}"' in html
    assert "<Salon" not in html  # the venue itself is escaped too
    assert "openstreetmap.org/export/embed" not in html and "<iframe" not in html


def test_no_map_link_without_a_place(cast):
    event = make_event(cast.council_a, venue="  ", address="")
    assert event.map_url == ""
