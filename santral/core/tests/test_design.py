"""The design system's page chrome (docs/design.md): the header's search form, its menu
button and the link to the display switches, the footer's links; the living style page
/tasarim/ only in DEBUG."""

import re

import pytest

pytestmark = pytest.mark.django_db


def _header(html: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


def test_header_has_a_search_form_a_menu_button_and_the_display_link(client):
    header = _header(client.get("/konseyler/").content.decode())
    # the search box: a GET to the search page, labelled in the page's language
    form = re.search(r'<search class="header-search"[^>]*>.*?</search>', header, re.S).group(0)
    assert 'method="get" action="/arama/"' in form
    assert '<label class="visually-hidden" for="header-search-q">Sitede ara</label>' in form
    assert 'type="search" id="header-search-q" name="q"' in form
    # the menu: a <details> with a <summary> button around the main navigation (no JS)
    assert re.search(
        r'<details class="menu">\s*<summary class="menu-button">.*?Menü</summary>\s*'
        r'<nav class="main-nav"',
        header,
        re.S,
    )
    assert '<nav class="language-nav"' in header
    assert 'class="header-link display-link" href="/gorunum/?next=/konseyler/"' in header


def test_header_is_translated(client):
    header = _header(client.get("/en/konseyler/").content.decode())
    assert 'action="/en/arama/"' in header and 'href="/en/gorunum/?next=/en/konseyler/"' in header


def test_footer_keeps_the_display_form_and_links_the_open_data_and_api(client):
    html = client.get("/konseyler/").content.decode()
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    assert 'class="display-form" method="get"' in footer
    assert 'href="/acik-veri/"' in footer and 'href="/api/schema/"' in footer


def test_the_style_page_is_there_only_in_debug(client, settings):
    settings.DEBUG = False
    assert client.get("/tasarim/").status_code == 404
    settings.DEBUG = True
    response = client.get("/tasarim/")
    assert response.status_code == 200
    html = response.content.decode()
    for component in ("swatch-chip chip-brand", "card-grid", "table-wrap", "notice-warning"):
        assert component in html
