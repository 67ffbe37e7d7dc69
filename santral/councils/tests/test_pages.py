import io
import re

import pytest
from django.core.management import call_command

from santral.core.text import turkish_slugify
from santral.councils.factories import BodyFactory, BodyMemberFactory, CouncilFactory
from santral.councils.models import Council, District, Province

pytestmark = pytest.mark.django_db


def _names_in_order(html: str, names: list[str]) -> list[str]:
    positions = {name: html.index(name) for name in names}
    return sorted(names, key=positions.__getitem__)


@pytest.fixture
def adana_councils(db):
    adana = Province.objects.get(plate="01")
    made = {}
    for name, district in [
        ("Çukurova Kent Konseyi", "Çukurova"),
        ("İmamoğlu Kent Konseyi", "İmamoğlu"),
        ("Ceyhan Kent Konseyi", "Ceyhan"),
        ("Işıklı Kent Konseyi", "Kozan"),
        ("Seyhan Kent Konseyi", "Seyhan"),
    ]:
        # The demo's slugs: load_demo then updates these councils instead of adding a
        # second council of the same name in the province (refused).
        made[name] = CouncilFactory(
            name=name,
            slug=turkish_slugify(district),
            district=District.objects.get(province=adana, name=district),
        )
    return made


def test_directory_is_in_turkish_alphabetical_order(client, adana_councils):
    html = client.get("/konseyler/").content.decode()
    assert _names_in_order(html, list(adana_councils)) == [
        "Ceyhan Kent Konseyi",
        "Çukurova Kent Konseyi",
        "Işıklı Kent Konseyi",
        "İmamoğlu Kent Konseyi",
        "Seyhan Kent Konseyi",
    ]


def test_api_lists_councils_in_the_same_order(client, adana_councils):
    names = [row["name"] for row in client.get("/api/v1/councils/").json()["results"]]
    assert names == [
        "Ceyhan Kent Konseyi",
        "Çukurova Kent Konseyi",
        "Işıklı Kent Konseyi",
        "İmamoğlu Kent Konseyi",
        "Seyhan Kent Konseyi",
    ]


def test_directory_filters_by_province_and_kind(client, adana_councils):
    ankara = Province.objects.get(plate="06")
    CouncilFactory(name="Ankara Kent Konseyi", kind="buyuksehir", province=ankara, district=None)
    html = client.get("/konseyler/", {"il": "06"}).content.decode()
    assert "Ankara Kent Konseyi" in html
    assert "Seyhan Kent Konseyi" not in html
    html = client.get("/konseyler/", {"tur": "buyuksehir"}).content.decode()
    assert "Ankara Kent Konseyi" in html and "Ceyhan Kent Konseyi" not in html
    # a bad filter value is ignored with the form's error, not a 500
    assert client.get("/konseyler/", {"il": "99", "tur": "yok"}).status_code == 200


def test_directory_query_count_does_not_grow_with_councils(
    client, adana_councils, django_assert_max_num_queries
):
    client.get("/konseyler/")  # warm Wagtail's site-root cache
    with django_assert_max_num_queries(8) as few:
        client.get("/konseyler/")
    adana = Province.objects.get(plate="01")
    for index, district in enumerate(District.objects.filter(province=adana)[:10]):
        CouncilFactory(name=f"Ek Konsey {index}", district=district)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/konseyler/")


def test_directory_is_paginated(client, settings, adana_councils):
    settings.SANTRAL_DIRECTORY_PAGE_SIZE = 2
    first = client.get("/konseyler/").content.decode()
    third = client.get("/konseyler/", {"sayfa": 3}).content.decode()
    assert "Ceyhan Kent Konseyi" in first and "Seyhan Kent Konseyi" not in first
    assert "Seyhan Kent Konseyi" in third
    assert client.get("/konseyler/", {"sayfa": "abc"}).status_code == 200


def test_council_page_shows_its_bodies_and_body_page_its_members(client, adana_councils):
    council = adana_councils["Seyhan Kent Konseyi"]
    body = BodyFactory(council=council, name="Kadın Meclisi", kind="assembly", slug="kadin")
    BodyMemberFactory(body=body, full_name="Aylin Öz", is_chair=True)
    BodyFactory(council=council, name="Pasif Grup", is_active=False)
    html = client.get(council.home_page.url).content.decode()
    assert "Kadın Meclisi" in html
    assert "Pasif Grup" not in html
    body_html = client.get(council.home_page.url + "kurullar/kadin/").content.decode()
    assert "Aylin Öz" in body_html and "Başkan" in body_html
    assert client.get(council.home_page.url + "kurullar/yok/").status_code == 404


LANGUAGES = [("", "tr", "ltr"), ("/en", "en", "ltr"), ("/ar", "ar", "rtl")]


def test_demo_pages_render_in_each_language_with_the_right_direction(client, adana_councils):
    # One demo load for the three languages (each load is seconds of the suite's time).
    call_command("load_demo", force=True, stdout=io.StringIO())
    council = Council.objects.get(slug="adana-buyuksehir")
    for prefix, lang, direction in LANGUAGES:
        for path in ["/", "/konseyler/", "/adana-buyuksehir/"]:
            response = client.get(prefix + path)
            assert response.status_code == 200, (lang, path)
            html = response.content.decode()
            assert f'<html lang="{lang}" dir="{direction}">' in html, (lang, path)
            # links on the page stay in the same language
            if prefix:
                assert f'href="{prefix}/konseyler/"' in html, (lang, path)
        assert council.name in client.get(prefix + "/adana-buyuksehir/").content.decode(), lang
    # The demo's founding text is the working group's own purpose (seed/).
    html = client.get("/adana-buyuksehir/kurullar/destek-ve-kaynak-calisma-grubu/").content.decode()
    assert "Destek ve Kaynak Çalışma Grubu Kent Konseylerinin STK" in html
    assert "Adana Grafik Tasarımcılar Derneği" in html


def test_arabic_and_english_ui_is_translated(client, adana_councils):
    assert "Konsey rehberi" in client.get("/konseyler/").content.decode()
    assert "Council directory" in client.get("/en/konseyler/").content.decode()
    assert "دليل المجالس" in client.get("/ar/konseyler/").content.decode()


def test_language_switcher_keeps_the_page(client, adana_councils):
    html = client.get("/konseyler/").content.decode()
    assert re.search(r'href="/en/konseyler/"[^>]*hreflang="en"', html)
    assert re.search(r'href="/ar/konseyler/"[^>]*hreflang="ar"', html)
    html = client.get("/ar/konseyler/").content.decode()
    assert re.search(r'href="/konseyler/"[^>]*hreflang="tr"', html)
