"""API quality (issue 15, item 5): capped pagination, filter allowlists with 400s, dates in
Europe/Istanbul, conditional GET, constant query counts, the doc page from local files."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from santral.content.factories import make_document_page, make_news, make_publication
from santral.content.models import NewsPage, Topic
from santral.councils.factories import CouncilFactory
from santral.events.factories import make_event
from santral.partners.factories import OrganisationFactory, ProjectFactory

pytestmark = pytest.mark.django_db

ISTANBUL = ZoneInfo("Europe/Istanbul")
LISTS = [
    "/api/v1/councils/",
    "/api/v1/stakeholders/",
    "/api/v1/news/",
    "/api/v1/documents/",
    "/api/v1/publications/",
    "/api/v1/events/",
    "/api/v1/councils/seyhan/projects/",
    "/api/v1/councils/seyhan/resource-plans/",
]


@pytest.fixture
def seeded(cast):
    """Two of everything a public list shows, in council A."""
    for _ in range(2):
        make_news(cast.council_a)
        make_document_page(cast.council_a)
        make_publication(cast.council_a)
        make_event(cast.council_a)
        OrganisationFactory()
        ProjectFactory(council=cast.council_a)
    return cast


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def test_every_list_caps_page_size_and_refuses_bad_pages(client, seeded):
    with override_settings(SANTRAL_API_MAX_PAGE_SIZE=1):
        for url in LISTS:
            data = client.get(url, {"page_size": "1000000"}).json()
            assert data["count"] == 2 and len(data["results"]) == 1, url
            assert client.get(url, {"page": "last"}).status_code == 200, url
            assert client.get(url, {"page": "9999"}).status_code == 404, url
            for bad in ({"page": "0"}, {"page": "bir"}, {"page_size": "-3"}, {"page_size": "x"}):
                response = client.get(url, bad)
                assert response.status_code == 400, (url, bad)
                assert "tam sayı" in response.json()["detail"]
    search = client.get("/api/v1/search/", {"q": "haber", "page_size": "1000000"}).json()
    assert search["page_size"] == 50
    assert client.get("/api/v1/search/", {"page_size": "0"}).status_code == 400


def test_unknown_parameters_answer_400_naming_the_allowed_ones(client, seeded):
    project = ProjectFactory(council=seeded.council_a)
    urls = [
        *LISTS,
        "/api/v1/search/",
        "/api/v1/councils/seyhan/representation/",
        "/api/v1/councils/seyhan/budget/2026/",
        f"/api/v1/stakeholders/{OrganisationFactory().slug}/",
        f"/api/v1/councils/seyhan/projects/{project.slug}/",
    ]
    for url in urls:
        response = client.get(url, {"councl": "seyhan"})
        assert response.status_code == 400, url
        detail = response.json()["detail"]
        assert detail.startswith("Bilinmeyen parametre: councl."), url
        assert "Kullanılabilecek parametreler:" in detail
    detail = client.get("/api/v1/news/", {"councl": "x"}).json()["detail"]
    assert "council, language, page, page_size, province, scope, since, topic" in detail
    # News have no type; documents do.
    assert client.get("/api/v1/news/", {"type": "report"}).status_code == 400
    assert client.get("/api/v1/documents/", {"type": "report"}).status_code == 200


def test_bad_filter_values_answer_400_never_500(client, seeded):
    for params in (
        {"scope": "galactic"},
        {"language": "xx"},
        {"year": "iki bin"},
        {"year": "99999"},
        {"since": "2026-13-01"},
        {"since": "2026-02-30"},
        {"since": "dün"},
        {"since": "20260301"},
        {"until": "0001-01-01"},
        {"since": "2026-03-02", "until": "2026-03-01"},
        {"council": "sey\x00han"},
        {"topic": "x" * 5000},
    ):
        for url in ("/api/v1/news/", "/api/v1/events/", "/api/v1/documents/"):
            response = client.get(url, params)
            assert response.status_code == 400, (url, params)
            assert response.json()["detail"]
    assert client.get("/api/v1/councils/", {"kind": "galactic"}).status_code == 400
    assert client.get("/api/v1/councils/seyhan/budget/99999999999999999999/").status_code == 404
    assert client.get("/api/v1/search/", {"council": "a\x00b"}).status_code == 400
    assert client.get("/api/v1/search/", {"year": "iki bin"}).status_code == 400
    # The question itself is free text: the search finds nothing rather than refuse it.
    assert client.get("/api/v1/search/", {"q": "a\x00b" * 1000}).status_code == 200


def test_filters_by_day_in_istanbul_language_topic_and_scope(client, cast):
    topic = Topic.objects.create(name="Çevre")
    late = make_news(cast.council_a, title="Gece haberi", language="en", scope="national")
    late.topics.add(topic)
    late.save()
    early = make_news(cast.council_b, title="Sabah haberi")
    # 22:30 UTC on 7 March is 01:30 on 8 March in Istanbul: it belongs to the 8th.
    NewsPage.objects.filter(pk=late.pk).update(
        first_published_at=datetime(2026, 3, 7, 22, 30, tzinfo=ZoneInfo("UTC"))
    )
    NewsPage.objects.filter(pk=early.pk).update(
        first_published_at=datetime(2026, 3, 7, 9, 0, tzinfo=ISTANBUL)
    )

    def titles(url="/api/v1/news/", **params):
        response = client.get(url, params)
        assert response.status_code == 200, response.content
        return [row["title"] for row in response.json()["results"]]

    assert titles(since="2026-03-08") == ["Gece haberi"]
    assert titles(until="2026-03-07") == ["Sabah haberi"]
    assert titles(since="2026-03-07", until="2026-03-08") == ["Gece haberi", "Sabah haberi"]
    assert titles(since="2026-03-09") == []
    assert titles(language="en") == ["Gece haberi"]
    assert titles(language="tr") == ["Sabah haberi"]
    assert titles(topic=topic.slug, scope="national", council="seyhan") == ["Gece haberi"]
    assert titles(topic=topic.slug, council="cukurova") == []
    # Documents by their own date, events by their start (an Istanbul day).
    make_document_page(cast.council_a, title="Mart kararı", document_date=date(2026, 3, 8))
    make_document_page(cast.council_a, title="Nisan kararı", document_date=date(2026, 4, 8))
    assert titles("/api/v1/documents/", until="2026-03-08") == ["Mart kararı"]
    start = datetime(2026, 5, 1, 0, 30, tzinfo=ISTANBUL)  # 30 April 21:30 UTC
    make_event(cast.council_a, title="Bayram", start_at=start, end_at=start.replace(hour=3))
    assert titles("/api/v1/events/", since="2026-05-01", until="2026-05-01") == ["Bayram"]
    assert titles("/api/v1/events/", until="2026-04-30") == []


def test_conditional_get_answers_304_and_an_edit_changes_the_etag(client, cast):
    item = make_news(cast.council_a, title="İlk başlık")
    for url in ("/api/v1/news/", "/api/v1/councils/", f"/api/v1/news/?council={item.council.slug}"):
        with CaptureQueriesContext(connection) as queries:
            first = client.get(url)
            assert first.status_code == 200
            etag, modified = first["ETag"], first["Last-Modified"]
            assert re.fullmatch(r'"[0-9a-f]{40}"', etag)
            assert "Accept-Language" in first["Vary"]
            again = client.get(url, HTTP_IF_NONE_MATCH=etag)
            assert again.status_code == 304 and again.content == b""
            assert again["ETag"] == etag
            assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
            assert client.get(url, HTTP_IF_NONE_MATCH='"eski"').status_code == 200
        assert _writes(queries.captured_queries) == [], url
    before = client.get("/api/v1/news/")
    revision = item.save_revision()
    item.title = "Yeni başlık"
    revision = item.save_revision()
    revision.publish()
    after = client.get("/api/v1/news/", HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.json()["results"][0]["title"] == "Yeni başlık"
    # Detail views too; a report (no change time) gets an ETag alone.
    organisation = OrganisationFactory()
    detail = client.get(f"/api/v1/stakeholders/{organisation.slug}/")
    assert detail["Last-Modified"] and detail["ETag"]
    assert (
        client.get(
            f"/api/v1/stakeholders/{organisation.slug}/", HTTP_IF_NONE_MATCH=detail["ETag"]
        ).status_code
        == 304
    )
    organisation.description = "Yeni tanıtım"
    organisation.save()
    changed = client.get(
        f"/api/v1/stakeholders/{organisation.slug}/", HTTP_IF_NONE_MATCH=detail["ETag"]
    )
    assert changed.status_code == 200 and changed["ETag"] != detail["ETag"]
    search = client.get("/api/v1/search/", {"q": "başlık"})
    assert search["ETag"] and not search.has_header("Last-Modified")
    repeated = client.get("/api/v1/search/", {"q": "başlık"}, HTTP_IF_NONE_MATCH=search["ETag"])
    assert repeated.status_code == 304
    # Errors carry no validator.
    assert not client.get("/api/v1/news/?scope=x").has_header("ETag")


def test_lists_use_a_constant_number_of_queries(client, cast, django_assert_max_num_queries):
    urls = [url for url in LISTS if url != "/api/v1/news/"]  # tests/test_content_public.py
    OrganisationFactory()
    ProjectFactory(council=cast.council_a)
    make_document_page(cast.council_a)
    make_publication(cast.council_a)
    make_event(cast.council_a)
    few, counts = {}, {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            counts[url] = client.get(url).json()["count"]
        few[url] = len(queries.captured_queries)
    topics = [Topic.objects.create(name=f"Konu {n}") for n in range(3)]
    for _ in range(5):
        OrganisationFactory()
        ProjectFactory(council=cast.council_a)
        make_document_page(cast.council_a)
        publication = make_publication(cast.council_a)
        publication.topics.add(*topics)
        publication.save()
        make_event(cast.council_a)
    for _ in range(3):
        CouncilFactory()
    for url in urls:
        with django_assert_max_num_queries(few[url]):
            assert client.get(url, {"page_size": "100"}).json()["count"] > counts[url], url


def test_doc_page_uses_only_same_origin_assets_under_the_strict_csp(client, db):
    response = client.get("/api/belgeler/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html
    references = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(references) >= 4
    for reference in references:
        assert reference.startswith("/") and not reference.startswith("//"), reference
        if reference.startswith("/static/"):
            assert finders.find(reference.removeprefix("/static/")), reference
    # Every script is a file: no inline code for the CSP to allow.
    assert html.count("<script") == html.count("<script src=") == 3
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy
    script_url = re.findall(r'<script src="(/api/belgeler/[^"]*)"', html)[0]
    script = client.get(script_url)
    assert script["Content-Type"].startswith("application/javascript")
    text = script.content.decode()
    assert "/api/schema/" in text and "validatorUrl" in text and "https://" not in text


def test_schema_declares_filters_pagination_and_common_answers(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    news = schema["paths"]["/api/v1/news/"]["get"]
    parameters = {p["name"]: p for p in news["parameters"]}
    assert {"council", "scope", "topic", "language", "since", "until", "page", "page_size"} <= set(
        parameters
    )
    assert parameters["since"]["schema"]["format"] == "date"
    assert parameters["page_size"]["schema"]["minimum"] == 1
    assert {"200", "304", "400", "404", "429"} <= set(news["responses"])
    assert "ETag" in news["responses"]["200"]["headers"]
    assert "Retry-After" in news["responses"]["429"]["headers"]
    budget = schema["paths"]["/api/v1/councils/{slug}/budget/{year}/"]["get"]
    path = {p["name"]: p["schema"] for p in budget["parameters"]}
    assert path["slug"]["pattern"] == "^[-a-zA-Z0-9_]+$" and path["year"]["minimum"] == 0
    search = {p["name"] for p in schema["paths"]["/api/v1/search/"]["get"]["parameters"]}
    assert {"q", "page", "page_size"} <= search
