"""The sitemap: every location in tr/en/ar with hreflang alternates, and the list pages
(issue 19, item 7)."""

import defusedxml.ElementTree as DefusedET
import pytest

from santral.content.factories import make_news
from santral.events.factories import make_event

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _entries(client) -> dict[str, dict[str, str]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = DefusedET.fromstring(response.content)
    entries = {}
    for url in root.iter(f"{SM}url"):
        loc = url.find(f"{SM}loc").text
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link")}
    return entries


def test_content_has_a_location_per_language_with_hreflang_alternates(client, cast):
    make_news(cast.council_a, slug="site-haritasi")
    entries = _entries(client)
    base = "http://testserver"
    expected = {
        "tr": f"{base}/seyhan/site-haritasi/",
        "en": f"{base}/en/seyhan/site-haritasi/",
        "ar": f"{base}/ar/seyhan/site-haritasi/",
        "x-default": f"{base}/seyhan/site-haritasi/",
    }
    for code in ("tr", "en", "ar"):
        assert entries[expected[code]] == expected


def test_council_homes_and_list_pages_are_listed_in_every_language(client, cast):
    entries = _entries(client)
    base = "http://testserver"
    for path in (
        "/haberler/",
        "/etkinlikler/",
        "/belgeler/",
        "/yayinlar/",
        "/konseyler/",
        "/acik-veri/",
        f"/{cast.council_a.slug}/",
    ):
        assert f"{base}{path}" in entries, path
        assert entries[f"{base}/en{path}"]["tr"] == f"{base}{path}"
        assert entries[f"{base}{path}"]["ar"] == f"{base}/ar{path}"


def test_the_sitemap_reads_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    make_news(cast.council_a)
    make_event(cast.council_a)
    client.get("/sitemap.xml")  # warm Wagtail's site-root cache
    with django_assert_max_num_queries(30) as few:
        client.get("/sitemap.xml")
    for _ in range(10):
        make_news(cast.council_a)
        make_event(cast.council_b)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/sitemap.xml")
