"""The reader's display choice: a cookie set by a GET form, no database write, classes on
<html>, safe redirects, CSRF on POST; and the stylesheet's rules for contrast, forced colours
and zoom."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from santral.core import display
from santral.core.models import AuditRecord

CSS_DIR = Path(__file__).resolve().parents[2] / "static" / "santral" / "css"
# The design system (tokens, components) and the app rules after it.
STYLESHEETS = [CSS_DIR / "design.css", CSS_DIR / "site.css"]

pytestmark = pytest.mark.django_db


def test_parse_keeps_only_known_options():
    assert display.parse("buyuk.kontrast.x") == ["kontrast", "buyuk"]
    assert display.parse("<script>") == [] and display.parse(None) == []
    assert display.html_classes(["kontrast", "buyuk"]) == "display-contrast display-large"


def test_the_form_sets_the_cookie_and_every_page_gets_the_classes(
    client, django_assert_num_queries
):
    url = reverse("core:display")
    html = client.get("/konseyler/").content.decode()
    assert 'class="display-form" method="get"' in html and 'name="uygula"' in html
    with django_assert_num_queries(0):  # nothing read or written in the database
        response = client.get(
            url, {"uygula": "1", "kontrast": "1", "buyuk": "1", "next": "/konseyler/"}
        )
    assert response.status_code == 302 and response["Location"] == "/konseyler/"
    cookie = response.cookies[display.COOKIE_NAME]
    assert cookie.value == "kontrast.buyuk" and cookie["httponly"] and cookie["samesite"] == "Lax"
    page = client.get("/konseyler/")
    assert (
        '<html lang="tr" dir="ltr" class="display-contrast display-large">' in page.content.decode()
    )
    assert "Cookie" in page["Vary"]  # a cache must not hand this page to someone else
    assert 'id="display-contrast" checked' in page.content.decode()


def test_unticking_removes_the_cookie(client):
    client.cookies[display.COOKIE_NAME] = "kontrast"
    response = client.get(reverse("core:display"), {"uygula": "1", "next": "/konseyler/"})
    assert response.cookies[display.COOKIE_NAME].value == ""
    html = client.get("/konseyler/").content.decode()
    assert "display-contrast" not in re.search(r"<html[^>]*>", html).group(0)


def test_the_form_is_on_every_page_and_works_in_english(client):
    html = client.get("/en/konseyler/").content.decode()
    assert 'action="/en/gorunum/"' in html and 'name="next" value="/en/konseyler/"' in html
    response = client.get("/en/gorunum/", {"uygula": "1", "buyuk": "1", "next": "/en/konseyler/"})
    assert response["Location"] == "/en/konseyler/"
    assert client.get(response["Location"]).content.decode().count("display-large") >= 1


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_foreign_redirect_targets_are_refused(client, target):
    response = client.get("/gorunum/", {"uygula": "1", "kontrast": "1", "next": target})
    assert response["Location"] == "/"


def test_a_post_needs_a_csrf_token():
    """Every POST carries a CSRF token: the display form's old POST is no exception."""
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/gorunum/", {"kontrast": "1", "next": "/konseyler/"})
    assert response.status_code == 403
    assert display.COOKIE_NAME not in response.cookies
    token = "k" * 32  # a well-formed secret, sent as cookie and form field like a browser does
    strict.cookies[settings.CSRF_COOKIE_NAME] = token
    response = strict.post(
        "/gorunum/", {"kontrast": "1", "next": "/konseyler/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response.cookies[display.COOKIE_NAME].value == "kontrast"


def test_get_shows_the_form_and_never_writes(client):
    before = AuditRecord.objects.count()
    response = client.get(reverse("core:display"), {"next": "/konseyler/"})
    assert response.status_code == 200
    assert display.COOKIE_NAME not in response.cookies
    assert 'name="next" value="/konseyler/"' in response.content.decode()
    assert AuditRecord.objects.count() == before


def test_stylesheet_honours_contrast_forced_colours_and_uses_rem():
    css = "\n".join(sheet.read_text() for sheet in STYLESHEETS)
    assert "@media (prefers-contrast: more)" in css
    assert "@media (forced-colors: active)" in css
    assert "html.display-contrast" in css and "html.display-large" in css
    # Outside the SVG charts (whose text scales with the drawing), no font size or box
    # size in px: only borders and 1px hairlines (the visually-hidden helper) may be px.
    sizes = re.findall(
        r"(?:font-size|inline-size|block-size|outline)\s*:\s*[^;]*\b([2-9]|\d{2,})px", css
    )
    chart_fonts = re.findall(r"\.chart[^{]*\{[^}]*font-size:\s*\d+px", css)
    assert len(sizes) == len(chart_fonts)
