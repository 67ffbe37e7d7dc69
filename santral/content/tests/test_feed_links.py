"""Feed autodiscovery: <link rel="alternate"> in the <head> (issue 19, item 7)."""

import re

import pytest

pytestmark = pytest.mark.django_db

ATOM = re.compile(
    r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">'
)


def _head(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</head>", 1)[0]


def test_the_hub_home_advertises_the_hub_feed(client, cast):
    assert ATOM.findall(_head(client, "/")) == ["/akis/atom/"]
    assert ATOM.findall(_head(client, "/en/")) == ["/en/akis/atom/"]


def test_a_council_home_advertises_its_own_feed(client, cast):
    slug = cast.council_a.slug
    assert ATOM.findall(_head(client, f"/{slug}/")) == [f"/{slug}/akis/atom/"]


@pytest.mark.parametrize("path", ["haberler/", "belgeler/", "yayinlar/", "etkinlikler/"])
def test_list_pages_advertise_a_feed(client, cast, path):
    assert ATOM.findall(_head(client, f"/{path}")) == ["/akis/atom/"]
    slug = cast.council_a.slug
    assert ATOM.findall(_head(client, f"/{slug}/{path}")) == [f"/{slug}/akis/atom/"]


def test_event_lists_also_name_their_calendar(client, cast):
    head = _head(client, f"/{cast.council_a.slug}/etkinlikler/")
    calendar = f'href="/{cast.council_a.slug}/etkinlikler/takvim.ics"'
    assert f'type="text/calendar" title="Etkinlik takvimi (iCalendar)" {calendar}' in head
    assert 'type="text/calendar"' not in _head(client, "/haberler/")
    home = _head(client, f"/{cast.council_a.slug}/")  # the council home names it too
    assert f'type="text/calendar" title="Etkinlik takvimi (iCalendar)" {calendar}' in home


def test_the_advertised_feeds_answer(client, cast):
    for url in ("/akis/atom/", f"/{cast.council_a.slug}/akis/atom/"):
        response = client.get(url)
        assert response.status_code == 200 and b"<feed" in response.content
