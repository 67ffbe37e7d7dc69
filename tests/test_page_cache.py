"""The whole-page cache for cookieless visitors: hits, what is never cached, invalidation."""

import pytest
from django.core.cache import cache
from django.test import Client

from santral.content.factories import make_news

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.SANTRAL_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_second_visit_is_served_from_the_cache_without_queries(cast, django_assert_num_queries):
    client = Client()
    first = client.get("/haberler/")
    assert first.status_code == 200 and first["X-Santral-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/haberler/")
    assert second["X-Santral-Cache"] == "hit"
    assert second.content == first.content
    # Headers set outside the cache (the strict CSP) are on a cached page too.
    assert "script-src 'self'" in second["Content-Security-Policy"]
    assert second["Content-Type"] == first["Content-Type"]


def test_language_and_query_string_are_separate_pages(cast):
    client = Client()
    turkish = client.get("/haberler/")
    english = client.get("/en/haberler/")
    assert english["X-Santral-Cache"] == "miss"
    assert 'lang="en"' in english.content.decode()
    assert 'lang="tr"' in turkish.content.decode()
    assert client.get("/haberler/?sayfa=2")["X-Santral-Cache"] == "miss"


def test_a_published_item_shows_at_once(cast):
    client = Client()
    assert "Yeni yayımlanan haber" not in client.get("/haberler/").content.decode()
    make_news(cast.council_a, title="Yeni yayımlanan haber")
    response = client.get("/haberler/")
    assert response["X-Santral-Cache"] == "miss"
    assert "Yeni yayımlanan haber" in response.content.decode()


def test_unpublishing_removes_the_item_at_once(cast):
    news = make_news(cast.council_a, title="Geri çekilecek haber")
    client = Client()
    assert "Geri çekilecek haber" in client.get("/haberler/").content.decode()
    news.unpublish()
    assert "Geri çekilecek haber" not in client.get("/haberler/").content.decode()


def test_signed_in_users_and_visitors_with_cookies_are_never_served_a_stored_page(cast):
    anonymous = Client()
    anonymous.get("/")
    assert anonymous.get("/")["X-Santral-Cache"] == "hit"
    editor = Client()
    editor.force_login(cast.editor_a)
    response = editor.get("/")
    assert "X-Santral-Cache" not in response
    assert "Çıkış" in response.content.decode() or cast.editor_a.email in response.content.decode()
    # What a signed-in user saw is not stored for the next anonymous visitor either.
    editor.get("/konseyler/")
    assert anonymous.get("/konseyler/")["X-Santral-Cache"] == "miss"
    with_cookie = Client()
    with_cookie.cookies["santral_gorunum"] = "kontrast"
    assert "X-Santral-Cache" not in with_cookie.get("/")


def test_responses_that_set_a_cookie_or_fail_are_not_stored(cast):
    client = Client()
    assert client.get("/yok-boyle-bir-sayfa/").status_code == 404
    assert "X-Santral-Cache" not in client.get("/yok-boyle-bir-sayfa/")
    # The sign-in page sets the CSRF cookie: storing it would hand one token to everyone.
    login = Client().get("/accounts/login/")
    assert "X-Santral-Cache" not in login
    response = Client().post("/arama/", {"q": "konsey"})
    assert "X-Santral-Cache" not in response


def test_turned_off_with_zero_seconds(cast, settings):
    settings.SANTRAL_PAGE_CACHE_SECONDS = 0
    client = Client()
    client.get("/")
    assert "X-Santral-Cache" not in client.get("/")


def test_home_activity_lists_are_kept_until_the_next_write(cast, django_assert_max_num_queries):
    editor = Client()
    editor.force_login(cast.editor_a)
    make_news(cast.council_a, title="Önceki haber", is_shared=True)
    editor.get("/")
    with django_assert_max_num_queries(30) as warm:
        editor.get("/")
    make_news(cast.council_a, title="Ağa yeni açılan haber", is_shared=True)
    with django_assert_max_num_queries(60) as fresh:
        html = editor.get("/").content.decode()
    # The write was seen at once (lists rebuilt: more queries than the warm page) ...
    assert len(fresh.captured_queries) > len(warm.captured_queries)
    shared = html.split('id="shared-title"', 1)[1].split("</section>", 1)[0]
    assert "Ağa yeni açılan haber" in shared
    activity = html.split('id="activity-title"', 1)[1].split("</section>", 1)[0]
    assert "Ağa yeni açılan haber" in activity
    # ... and the English page has its own lists.
    english = editor.get("/en/").content.decode()
    assert 'href="/en/paylasilanlar/"' in english
