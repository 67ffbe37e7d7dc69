"""Public lists, feeds, iCalendar, API and re-share across content and events."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from django.utils import timezone

from santral.content.factories import make_document_page, make_news, make_publication
from santral.content.models import Reshare, Topic
from santral.content.services import content_reshare
from santral.events.factories import make_event
from santral.events.models import RegistrationStatus
from santral.events.services import registration_cancel, registration_create

pytestmark = pytest.mark.django_db


def test_hub_and_council_atom_feeds_validate(client, cast):
    topic = Topic.objects.create(name="Çevre")
    news = make_news(cast.council_a, title="Ağaç & şehir <haberi>", intro="Özet: “tırnak”")
    news.topics.add(topic)
    news.save()
    make_document_page(cast.council_b, title="Karar 2026/1")
    make_publication(cast.council_a, title="Broşür")
    for url, expected in (("/akis/atom/", 3), ("/seyhan/akis/atom/", 2)):
        response = client.get(url)
        assert response["Content-Type"].startswith("application/atom+xml")
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "atom10"
        assert len(parsed.entries) == expected
        titles = [entry.title for entry in parsed.entries]
        assert ("Ağaç & şehir <haberi>" in titles) == (expected == 2 or url == "/akis/atom/")


def test_icalendar_feeds_parse_with_istanbul_time(client, cast):
    start = datetime(2026, 12, 3, 14, 30, tzinfo=ZoneInfo("Europe/Istanbul"))
    if start < timezone.now():
        # Whole seconds: iCalendar has no fractions of a second.
        start = (
            timezone.now().astimezone(ZoneInfo("Europe/Istanbul")) + timedelta(days=3)
        ).replace(microsecond=0)
    make_event(cast.council_a, title="Çalıştay", start_at=start, end_at=start + timedelta(hours=2))
    make_event(cast.council_a, title="İç toplantı", is_public=False)
    make_event(cast.council_a, title="Taslak etkinlik", publish=False)
    for url in ("/etkinlikler/takvim.ics", "/seyhan/etkinlikler/takvim.ics"):
        response = client.get(url)
        calendar = icalendar.Calendar.from_ical(response.content)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Istanbul"]
        events = calendar.walk("VEVENT")
        assert [str(event["SUMMARY"]) for event in events] == ["Çalıştay"]
        dtstart = events[0]["DTSTART"]
        assert dtstart.params["TZID"] == "Europe/Istanbul"
        assert dtstart.dt == start
    assert client.get("/cukurova/etkinlikler/takvim.ics").content.count(b"BEGIN:VEVENT") == 0


@pytest.mark.parametrize("url", ["/haberler/", "/seyhan/haberler/", "/belgeler/", "/yayinlar/"])
def test_lists_use_a_constant_number_of_queries(client, cast, django_assert_max_num_queries, url):
    topic = Topic.objects.create(name="Gençlik")

    def add(count):
        for _ in range(count):
            for page in (
                make_news(cast.council_a),
                make_document_page(cast.council_a),
                make_publication(cast.council_a),
            ):
                page.topics.add(topic)
                page.save()

    add(2)
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_council_home_and_item_pages_use_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    topics = [Topic.objects.create(name=name) for name in ("Çevre", "Kadın", "Gençlik", "Kültür")]
    item = make_news(cast.council_a, title="Ölçülen haber")
    item.topics.add(topics[0])
    item.save()
    make_news(cast.council_a)
    # The council home shows its next events too: one from the start, so that what is
    # measured below is growth with the number of items, not a section appearing.
    make_event(cast.council_a)
    for url in ("/seyhan/", item.url):
        client.get(url)  # warm the per-process caches
    with django_assert_max_num_queries(25) as few_home:
        assert client.get("/seyhan/").status_code == 200
    with django_assert_max_num_queries(25) as few_item:
        assert client.get(item.url).status_code == 200

    # More news, events, topics on the item and re-shares of it must not add queries.
    for _ in range(8):
        make_news(cast.council_a)
        make_event(cast.council_a)
    item.topics.add(*topics[1:])
    item.is_shared = True
    item.save_revision().publish()
    content_reshare(actor=cast.editor_b, council=cast.council_b, page=item)
    with django_assert_max_num_queries(len(few_home.captured_queries)):
        assert client.get("/seyhan/").status_code == 200
    with django_assert_max_num_queries(len(few_item.captured_queries)):
        response = client.get(item.url)
    assert response.status_code == 200
    assert "Gençlik" in response.content.decode()


def test_api_lists_use_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    make_news(cast.council_a)
    with django_assert_max_num_queries(10) as few:
        client.get("/api/v1/news/")
    for _ in range(6):
        make_news(cast.council_b)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = client.get("/api/v1/news/").json()["results"]
    assert len(rows) == 7


def test_lists_filter_by_council_scope_topic_type_and_year(client, cast):
    topic = Topic.objects.create(name="Kadın")
    tagged = make_news(cast.council_a, title="Kadın haberi", scope="national")
    tagged.topics.add(topic)
    tagged.save()
    make_news(cast.council_b, title="Çukurova haberi")
    make_document_page(cast.council_a, title="Tutanak bir", document_type="minutes")
    make_document_page(cast.council_a, title="Rapor bir", document_type="report")

    def titles(url, **params):
        return client.get(url, params).content.decode()

    assert "Çukurova haberi" not in titles("/haberler/", konsey="seyhan")
    assert "Kadın haberi" in titles("/haberler/", konsey="seyhan")
    assert "Çukurova haberi" not in titles("/haberler/", konu=topic.slug)
    assert "Çukurova haberi" not in titles("/haberler/", kapsam="national")
    assert "Kadın haberi" in titles("/haberler/", il="01")
    page = titles("/belgeler/", tur="minutes", yil=2026)
    assert "Tutanak bir" in page and "Rapor bir" not in page
    assert "Tutanak bir" not in titles("/belgeler/", yil=2020)
    api = client.get("/api/v1/documents/", {"type": "report"}).json()["results"]
    assert [row["title"] for row in api] == ["Rapor bir"]


def test_item_pages_carry_open_graph_tags(client, cast):
    for page in (
        make_news(cast.council_a, title="OG haberi"),
        make_document_page(cast.council_a),
        make_publication(cast.council_a),
        make_event(cast.council_a),
    ):
        html = client.get(page.url).content.decode()
        assert f'<meta property="og:title" content="{page.title}">' in html
        assert 'property="og:url"' in html


def test_reshare_shows_item_on_other_council_with_attribution(client, cast):
    item = make_news(cast.council_a, title="Paylaşılan haber", is_shared=True)
    private = make_news(cast.council_a, title="Paylaşılmayan haber")
    assert "Paylaşılan haber" not in client.get("/cukurova/haberler/").content.decode()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        content_reshare(actor=cast.editor_a, council=cast.council_b, page=item)
    with pytest.raises(Exception):  # noqa: B017 - ValidationError: not shared
        content_reshare(actor=cast.editor_b, council=cast.council_b, page=private)
    client.force_login(cast.editor_b)
    response = client.post(f"/cukurova/paylas/{item.pk}/")
    assert response.status_code == 302
    assert Reshare.objects.filter(council=cast.council_b, page=item).exists()
    client.logout()
    html = client.get("/cukurova/haberler/").content.decode()
    assert "Paylaşılan haber" in html and "ağdan paylaşıldı" in html
    assert "Seyhan Kent Konseyi" in html


def test_internal_events_are_for_members_only(client, cast):
    event = make_event(cast.council_a, title="İç toplantı", is_public=False)
    assert client.get(event.url).status_code == 404
    client.force_login(cast.member_a)
    assert client.get(event.url).status_code == 200
    client.force_login(cast.editor_b)
    assert client.get(event.url).status_code == 404
    assert "İç toplantı" not in client.get("/etkinlikler/").content.decode()


def test_registration_fills_seats_then_waiting_list(client, cast):
    event = make_event(cast.council_a, capacity=2, registration_mode="onsite")
    people = [
        registration_create(
            event=event, full_name=f"Kişi {n}", email=f"k{n}@ornek.test", notice_id=_notice(event)
        )
        for n in range(3)
    ]
    assert [p.status for p in people] == ["confirmed", "confirmed", "waiting"]
    promoted = registration_cancel(actor=None, registration=people[0])
    assert promoted.pk == people[2].pk
    promoted.refresh_from_db()
    assert promoted.status == RegistrationStatus.CONFIRMED
    response = client.post(
        event.url + "kayit/",
        {
            "full_name": "Ayşe Öztürk",
            "email": "ayse@ornek.test",
            "consent": "on",
            "notice": _notice(event),
        },
    )
    assert response.status_code == 302
    assert event.registrations.get(email="ayse@ornek.test").status == "waiting"
    response = client.post(event.url + "kayit/", {"full_name": "Eksik", "email": "x@ornek.test"})
    assert "aydınlatma metnini onaylamanız" in response.content.decode()


def test_month_calendar_and_home_activity(client, cast):
    event = make_event(cast.council_a, title="Takvim etkinliği")
    month = timezone.localtime(event.start_at).strftime("%Y-%m")
    assert "Takvim etkinliği" in client.get("/etkinlikler/takvim/", {"ay": month}).content.decode()
    make_news(cast.council_a, title="Ana sayfa haberi")
    assert "Ana sayfa haberi" in client.get("/").content.decode()


def test_sitemap_lists_published_content(client, cast):
    make_news(cast.council_a, title="Site haritası", slug="site-haritasi")
    make_news(cast.council_a, slug="taslak-haber", publish=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert "/seyhan/site-haritasi/" in xml
    assert "taslak-haber" not in xml


def test_content_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in ("/api/v1/news/", "/api/v1/documents/", "/api/v1/publications/", "/api/v1/events/"):
        assert path in schema["paths"], path
    parameters = {p["name"] for p in schema["paths"]["/api/v1/news/"]["get"]["parameters"]}
    assert {"council", "scope", "topic", "year", "page"} <= parameters


def test_internal_and_draft_events_never_reach_the_api(client, cast):
    make_event(cast.council_a, title="Açık etkinlik")
    make_event(cast.council_a, title="İç etkinlik", is_public=False)
    make_event(cast.council_a, title="Taslak etkinlik", publish=False)
    rows = client.get("/api/v1/events/").json()["results"]
    assert [row["title"] for row in rows] == ["Açık etkinlik"]
    assert rows[0]["start_at"].endswith("+03:00")


def test_huge_lists_cap_their_count(client, cast, monkeypatch):
    from santral.content.selectors import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for _ in range(5):
        make_news(cast.council_a)
    html = client.get("/haberler/").content.decode()
    assert "3 kayıttan fazla" in html
    assert client.get("/haberler/", {"sayfa": 1}).status_code == 200


def test_hub_home_shows_items_shared_with_the_network(client, cast):
    shared = make_news(cast.council_a, title="Ağa açılan haber", is_shared=True)
    make_news(cast.council_b, title="Yalnız Çukurova haberi")
    draft = make_news(cast.council_b, title="Paylaşılan taslak", is_shared=True, publish=False)
    html = client.get("/").content.decode()
    section = html.split('id="shared-title"', 1)[1].split("</section>", 1)[0]
    assert shared.title in section
    assert "Yalnız Çukurova haberi" not in section
    assert draft.title not in section
    assert 'href="/paylasilanlar/"' in section
    english = client.get("/en/").content.decode()
    assert 'href="/en/paylasilanlar/"' in english


@pytest.mark.parametrize(
    ("url", "subtitle"),
    [
        ("/en/haberler/", "News and announcements from every council"),
        ("/en/belgeler/", "Decisions, minutes, reports and regulations"),
        ("/ar/yayinlar/", "منشورات تعليمية ومواد مرئية"),
        ("/en/etkinlikler/", "Upcoming and past events"),
    ],
)
def test_list_titles_and_subtitles_are_translated(client, cast, url, subtitle):
    html = client.get(url).content.decode()
    assert subtitle in html


def _notice(event) -> int:
    from santral.privacy.selectors import notice_current

    return notice_current(event.council).pk
