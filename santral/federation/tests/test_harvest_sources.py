"""harvest_source end to end against servers on loopback: WordPress REST (3 pages, then
incremental), the /feed/ fallback, an RSS feed with ETag (304), iCalendar, a broken feed."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import override_settings

from santral.content.models import NewsPage
from santral.events.models import EventPage
from santral.federation.factories import make_source
from santral.federation.models import HarvestRun
from santral.federation.services import harvest_source
from santral.federation.tests.loopback import Route

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_loopback_allowed")]


@pytest.fixture
def _loopback_allowed():
    with override_settings(SANTRAL_HARVEST_ALLOW_LOOPBACK=True):
        yield


def _post(number: int, modified: str) -> dict:
    return {
        "id": number,
        "date_gmt": "2026-11-20T07:00:00",
        "modified_gmt": modified,
        "link": f"https://konsey.example/?p={number}",
        "title": {"rendered": f"Çalıştay &#8220;{number}&#8221;: İlçe gençliği"},
        "excerpt": {"rendered": "<p>Kısa özet.</p>"},
        "content": {"rendered": f"<p>Metin {number} <script>x()</script></p>"},
    }


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ağ</title><link>https://ag.example/</link>
<item><title>Şanlıurfa&apos;da kadın meclisi</title><link>https://ag.example/1</link>
<guid>https://ag.example/?p=1</guid><pubDate>Tue, 01 Dec 2026 10:00:00 +0300</pubDate>
<description><![CDATA[<p>Özet <b>kalın</b></p>]]></description></item>
</channel></rss>""".encode()

ICAL = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//tr\r
BEGIN:VEVENT\r
UID:olay-1@ag.example\r
DTSTAMP:20261201T000000Z\r
DTSTART;TZID=Europe/Istanbul:20261210T100000\r
DTEND;TZID=Europe/Istanbul:20261210T120000\r
SUMMARY:Gençlik buluşması\r
LOCATION:Kültür Merkezi\r
END:VEVENT\r
END:VCALENDAR\r
""".encode()


def test_wordpress_rest_three_pages_then_incremental(cast, loopback_server):
    def posts(request):
        query = parse_qs(urlsplit(request.path).query)
        if "modified_after" in query:
            return Route(headers={"X-WP-TotalPages": "0"}, body=b"[]")
        page = int(query["page"][0])
        body = [_post(page * 10 + n, "2026-11-21T08:00:00") for n in (1, 2)]
        return Route(headers={"X-WP-TotalPages": "3"}, body=json.dumps(body).encode())

    loopback_server.routes["/wp-json/wp/v2/posts"] = posts
    loopback_server.routes["/wp-json/"] = Route(body=b'{"gmt_offset": 3}')
    source = make_source(cast.council_a, kind="wordpress", url=loopback_server.url("/"))
    run = harvest_source(source)
    assert (run.status, run.fetched, run.created, run.errors) == ("ok", 6, 6, 0)
    page = NewsPage.objects.get(title="Çalıştay “21”: İlçe gençliği")
    assert "<script" not in page.body and page.original_url == "https://konsey.example/?p=21"

    second = harvest_source(source)
    assert (second.status, second.fetched, second.created, second.updated) == ("ok", 0, 0, 0)
    asked = [r.path for r in loopback_server.requests if "modified_after" in r.path]
    # Site-local time (UTC+3) of the newest change, one minute early.
    assert "modified_after=2026-11-21T10%3A59%3A00" in asked[0]
    assert NewsPage.objects.filter(live=True).count() == 6


def test_wordpress_without_rest_falls_back_to_its_feed(cast, loopback_server):
    loopback_server.routes["/feed/"] = Route(body=RSS)
    source = make_source(cast.council_a, kind="wordpress", url=loopback_server.url("/"))
    run = harvest_source(source)
    assert (run.status, run.created) == ("ok", 1)
    assert "RSS akışı kullanıldı" in run.last_error
    assert NewsPage.objects.get().title == "Şanlıurfa'da kadın meclisi"


def test_feed_conditional_get_ical_and_a_broken_feed(cast, loopback_server):
    def feed(request):
        if request.headers.get("if-none-match") == '"v1"':
            return Route(status=304)
        return Route(headers={"ETag": '"v1"'}, body=RSS)

    loopback_server.routes["/feed.xml"] = feed
    loopback_server.routes["/takvim.ics"] = Route(body=ICAL)
    loopback_server.routes["/bozuk.xml"] = Route(body=b"<html>Sayfa yok</html>")
    rss = make_source(cast.council_a, url=loopback_server.url("/feed.xml"))
    assert harvest_source(rss).created == 1
    again = harvest_source(rss)
    assert (again.status, again.fetched) == ("not_modified", 0)

    calendar = make_source(cast.council_a, kind="ical", url=loopback_server.url("/takvim.ics"))
    assert harvest_source(calendar).created == 1
    event = EventPage.objects.get()
    assert event.start_at.isoformat() == "2026-12-10T07:00:00+00:00"
    assert event.venue == "Kültür Merkezi"

    broken = make_source(cast.council_a, url=loopback_server.url("/bozuk.xml"))
    failed = harvest_source(broken)
    assert failed.status == "failed"
    assert failed.last_error == "Besleme okunamadı: geçerli bir RSS ya da Atom belgesi değil."
    assert HarvestRun.objects.count() == 4

    # A truncated feed that parses to nothing withdraws nothing.
    loopback_server.routes["/feed.xml"] = Route(body=b"<rss><channel><item>")
    assert harvest_source(rss).withdrawn == 0
    assert NewsPage.objects.get().live
