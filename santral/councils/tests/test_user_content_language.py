"""Names from the database are Turkish user content: on en/ar pages they sit in
lang="tr" (dir="auto") so screen readers read them in Turkish and a check can tell them
from interface text; on Turkish pages they stay as they are."""

import pytest
from django.template import Context, Template
from django.utils import translation

from santral.councils.factories import BodyFactory, CouncilFactory
from santral.councils.models import District, Province


def test_lang_tr_wraps_on_english_and_arabic_pages_only():
    template = Template("{% load santral %}{{ name|lang_tr }}")
    name = "Genel Kurul <&>"
    with translation.override("tr"):
        assert template.render(Context({"name": name})) == "Genel Kurul &lt;&amp;&gt;"
    for language in ("en", "ar"):
        with translation.override(language):
            assert template.render(Context({"name": name})) == (
                '<span lang="tr" dir="auto">Genel Kurul &lt;&amp;&gt;</span>'
            )
            assert template.render(Context({"name": ""})) == ""


@pytest.mark.django_db
def test_council_and_body_names_are_marked_turkish_on_en_and_ar_pages(client):
    adana = Province.objects.get(plate="01")
    council = CouncilFactory(
        name="Seyhan Kent Konseyi",
        slug="seyhan",
        district=District.objects.get(province=adana, name="Seyhan"),
    )
    BodyFactory(council=council, name="Genel Kurul", kind="assembly", slug="genel-kurul")
    url = council.home_page.url
    marked_council = '<span lang="tr" dir="auto">Seyhan Kent Konseyi</span>'
    marked_body = '<span lang="tr" dir="auto">Genel Kurul</span>'
    for prefix in ("/en", "/ar"):
        home = client.get(prefix + url).content.decode()
        assert f'<h1 dir="auto">{marked_council}</h1>' in home
        assert marked_body in home
        body = client.get(prefix + url + "kurullar/genel-kurul/").content.decode()
        assert f'<h1 dir="auto">{marked_body}</h1>' in body
        directory = client.get(prefix + "/konseyler/").content.decode()
        assert marked_council in directory
    turkish = client.get(url).content.decode()
    assert '<h1 dir="auto">Seyhan Kent Konseyi</h1>' in turkish
    assert 'lang="tr" dir="auto"' not in turkish
