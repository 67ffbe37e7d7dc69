"""robots.txt and the accessibility statement (issue 19, item 7)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_robots_allows_the_site_and_keeps_crawlers_out_of_private_paths(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for path in ("/admin/", "/accounts/", "/hesabim/", "/api/v1/write/", "/en/accounts/"):
        assert f"Disallow: {path}" in lines
    assert "Disallow: /en/admin/" not in lines  # the back office has no language prefix
    assert "Disallow: /haberler/" not in lines and "Disallow: /" not in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_robots_names_the_same_sitemap_under_a_language_prefix(client):
    assert reverse("core:robots") == "/robots.txt"
    body = client.get("/en/robots.txt").content.decode()
    assert body.splitlines()[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_accessibility_statement_names_the_target_the_gaps_a_contact_and_a_date(client):
    url = reverse("core:accessibility")
    assert url == "/erisilebilirlik/"
    html = client.get(url).content.decode()
    assert "WCAG" in html and "2.1 AA" in html
    assert "Bildiğimiz eksikler" in html
    assert 'href="mailto:santral@localhost"' in html
    assert '<time datetime="2026-12-07">' in html
    # Every page links to it from the footer.
    assert f'href="{url}"' in client.get("/konseyler/").content.decode()


def test_accessibility_statement_in_english_has_no_turkish_date(client):
    html = client.get("/en/erisilebilirlik/").content.decode()
    assert "December" in html and "Aralık" not in html
