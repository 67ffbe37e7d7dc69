import pytest

BAD_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "kadın " * 2_000,
    "!!! ??? ... ,,, ---",
    '"',
    '"gençlik meclisi',
    'gençlik" meclisi"" "',
    "kadın*",
    "* OR NEAR(a b) -kadın :title AND NOT",
    "title_a: çevre",
    "{title_a body_a} : x",
    "'; DROP TABLE search_searchdocument; --",
    "a\x00b\x07c\x1bd\x7f",
    "\ufffd\ufffd",
    "İ̇stanbul",
    "🙂 emoji",
    "ـــ عربى",
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", BAD_QUERIES, ids=range(len(BAD_QUERIES)))
def test_bad_input_never_fails(client, corpus, query):
    page = client.get("/arama/", {"q": query})
    assert page.status_code == 200
    api = client.get("/api/v1/search/", {"q": query})
    assert api.status_code == 200
    assert set(api.json()) >= {"count", "results", "facets"}
    suggest = client.get("/arama/oneriler/", {"q": query})
    assert suggest.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw", ["q=%ff%fe%fd", "q=%c3%28kad%c4", "q=%e2%82", "q=a&page=%ff", "q=%00"]
)
def test_invalid_utf8_in_url(client, corpus, raw):
    assert client.get("/arama/?" + raw).status_code == 200
    assert client.get("/api/v1/search/?" + raw).status_code in (200, 400)


@pytest.mark.django_db
def test_messages_for_empty_and_long_queries(client, corpus):
    assert "en az bir harf" in client.get("/arama/", {"q": "?!"}).content.decode()
    assert "çok uzun" in client.get("/arama/", {"q": "kadın " * 100}).content.decode()


@pytest.mark.django_db
def test_api_shape(client, corpus):
    data = client.get("/api/v1/search/", {"q": "cevre"}).json()
    assert data["count"] == 1
    result = data["results"][0]
    assert set(result) >= {"type", "title", "url", "council", "snippet", "date"}
    assert result["title"] == "Çevre Gönüllüleri Sahil Temizliğinde Buluştu"
    assert result["type"] == "news"
    assert result["date"] == "01.06.2024"
    assert result["url"] == "http://testserver/cevre/"
    assert set(data["facets"]) == {"type", "council", "province", "scope", "topic", "year"}
    assert data["facets"]["type"] == [{"value": "news", "label": "Haber", "count": 1}]


@pytest.mark.django_db
def test_api_filters_and_pages(client, council_corpus):
    data = client.get("/api/v1/search/", {"q": "kent", "council": "seyhan"}).json()
    assert data["count"] >= 4
    other = client.get("/api/v1/search/", {"q": "kent", "council": "cukurova"}).json()
    assert [(r["type"], r["title"]) for r in other["results"]] == [
        ("council", "Çukurova Kent Konseyi")
    ]
    assert client.get("/api/v1/search/", {"q": "kent", "page": "abc"}).status_code == 400
    far = client.get("/api/v1/search/", {"q": "kent", "page": "9999"}).json()
    assert far["results"] == []


@pytest.mark.django_db
def test_api_respects_the_session_user(client, council_corpus):
    assert client.get("/api/v1/search/", {"q": "bütçe"}).json()["count"] == 0
    client.force_login(council_corpus.member_a)
    data = client.get("/api/v1/search/", {"q": "bütçe"}).json()
    assert [r["title"] for r in data["results"]] == ["Bütçe Taslağı İç Notu"]


@pytest.mark.django_db
def test_snippets_escape_markup_and_highlight(client, corpus):
    data = client.get("/api/v1/search/", {"q": "guvenlik"}).json()
    snippet = data["results"][0]["snippet"]
    assert "<b>" not in snippet and "&lt;b&gt;" in snippet
    assert "<mark>Güvenlik</mark>" in snippet
    html = client.get("/arama/", {"q": "guvenlik"}).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Güvenlik</mark> Notu" in html


@pytest.mark.django_db
def test_search_page_without_javascript(client, council_corpus):
    html = client.get("/arama/", {"q": "semineri"}).content.decode()
    assert 'action="/arama/"' in html and 'name="q"' in html
    assert "4 sonuç" in html
    assert "?q=semineri&amp;year=2019" in html  # facet links are plain links
    filtered = client.get("/arama/", {"q": "semineri", "year": "2019"}).content.decode()
    assert "1 sonuç" in filtered and 'aria-current="true"' in filtered
    assert 'src="/static/santral/js/search-suggest.js"' in html


@pytest.mark.django_db
def test_suggestions(client, corpus):
    data = client.get("/arama/oneriler/", {"q": "bisik"}).json()
    titles = [item["title"] for item in data["suggestions"]]
    assert titles[0] == "Bisiklet Yolları Raporu"
    assert client.get("/arama/oneriler/", {"q": "b"}).json() == {"words": [], "suggestions": []}


@pytest.mark.django_db
def test_constant_number_of_queries(client, council_corpus, django_assert_max_num_queries):
    client.force_login(council_corpus.member_a)
    client.get("/api/v1/search/", {"q": "kent"})  # warm caches (session, user)
    with django_assert_max_num_queries(14):
        client.get("/api/v1/search/", {"q": "semineri"})
    with django_assert_max_num_queries(14):
        client.get("/api/v1/search/", {"q": "e"})
    with django_assert_max_num_queries(16):
        client.get("/arama/", {"q": "semineri"})


@pytest.mark.django_db
def test_a_get_never_writes(client, corpus, django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get("/arama/", {"q": "deklerasyon"})
        client.get("/api/v1/search/", {"q": "cevre"})
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []


@pytest.mark.django_db
def test_openapi_schema_documents_search(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    schema = response.json()
    operation = schema["paths"]["/api/v1/search/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "type", "council", "page"} <= names
    response_schema = schema["components"]["schemas"]["SearchResponse"]
    assert {"count", "results", "facets"} <= set(response_schema["properties"])
