"""Feeds and the sitemap stay valid XML whatever text a page holds (issue 14, item 5)."""

from types import SimpleNamespace

import defusedxml.ElementTree as DefusedET
import feedparser
import pytest
from wagtail.models import Page

from santral.content.factories import make_news
from santral.content.views import ContentSitemap, CouncilSitemap
from santral.core.text import xml_safe

pytestmark = pytest.mark.django_db

# C0 controls XML 1.0 forbids, a lone surrogate and U+FFFF, as pasted from a broken source.
HOSTILE = "A\x00B\x0bC\x1fD\x08E\ud800F\uffffG"
# What a database can hold of it (neither accepts NUL or a lone surrogate in text).
STORABLE = "A\x0bB\x1fC\x08D\uffffE"


def test_xml_safe_keeps_tab_newline_and_turkish_and_drops_the_rest():
    assert xml_safe(HOSTILE) == "ABCDEFG"
    assert xml_safe("Çalıştay\tİzmir\r\nŞubat 😀") == "Çalıştay\tİzmir\r\nŞubat 😀"
    assert xml_safe(None) is None and xml_safe("") == ""


@pytest.mark.parametrize("url", ["/akis/atom/", "/seyhan/akis/atom/"])
def test_control_characters_in_titles_and_intros_keep_the_feeds_valid(client, cast, url):
    news = make_news(cast.council_a, title="Haber", intro="Özet")
    # Written past the services, as an import or an old row could have it.
    Page.objects.filter(pk=news.pk).update(title=f"Başlık {STORABLE}")
    type(news).objects.filter(pk=news.pk).update(intro=f"Özet {STORABLE}")
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = parsed.entries[0]
    assert entry.title == "Başlık ABCDE"
    assert entry.summary == "Özet ABCDE"


def test_the_sitemap_stays_valid_xml(client, cast):
    news = make_news(cast.council_a, title="Site haritası", slug="site-haritasi")
    Page.objects.filter(pk=news.pk).update(title=f"Başlık {STORABLE}")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = DefusedET.fromstring(response.content)
    locations = [element.text for element in root.iter() if element.tag.endswith("loc")]
    assert "http://testserver/seyhan/site-haritasi/" in locations


def test_sitemap_locations_pass_through_xml_safe():
    """Page URLs are built from validated slugs today; the sitemap cleans them anyway, so a
    future source of locations cannot break it."""
    page = SimpleNamespace(url="/a\x0bb/", get_absolute_url=lambda: "/c\x1fd/")
    assert ContentSitemap().location(page) == "/ab/"
    assert CouncilSitemap().location(page) == "/cd/"
