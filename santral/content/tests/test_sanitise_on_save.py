"""Rich text is cleaned when stored, not only on output; titles are stored as clean names
(issue 14, items 9 and 10)."""

import pytest

from santral.content.factories import make_news
from santral.content.models import NewsPage
from santral.content.richtext import sanitize_stored_html
from santral.content.services import content_page_update, content_translation_set

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Metin <script>alert(1)</script>'
    '<a href="javascript:alert(1)">x</a> <a linktype="page" id="3">iç bağlantı</a>'
    '<img src="x" onerror="alert(1)"><iframe src="https://evil.example/"></iframe></p>'
)


def _assert_clean(html: str) -> None:
    for needle in ("script", "onclick", "onerror", "javascript:", "iframe"):
        assert needle not in html, html
    assert '<a linktype="page" id="3">iç bağlantı</a>' in html  # Wagtail's reference survives


def test_the_stored_body_is_clean_through_the_service(cast):
    page = make_news(cast.council_a, title="Haber", body=HOSTILE)
    _assert_clean(NewsPage.objects.get(pk=page.pk).body)
    _assert_clean(page.get_latest_revision().content["body"])
    content_page_update(actor=cast.editor_a, page=page, body=HOSTILE + "<p>2</p>", publish=True)
    _assert_clean(NewsPage.objects.get(pk=page.pk).body)


def test_titles_are_stored_as_clean_names(cast):
    page = make_news(cast.council_a, title="\u202eYeni\u200b Park\u2069 Açıldı\u00ad")
    stored = NewsPage.objects.get(pk=page.pk)
    assert stored.title == "Yeni Park Açıldı" and stored.draft_title == "Yeni Park Açıldı"
    assert page.get_latest_revision().content["title"] == "Yeni Park Açıldı"


def test_translations_are_cleaned_too(cast):
    page = make_news(cast.council_a, title="Haber")
    content_translation_set(
        actor=cast.editor_a,
        page=page,
        language="en",
        title="News\u200b \u202etitle",
        body=HOSTILE,
        publish=True,
    )
    translation = NewsPage.objects.get(pk=page.pk).translations.get()
    assert translation.title == "News title"
    _assert_clean(translation.body)


def test_stored_cleaning_is_idempotent_and_keeps_the_safe_subset():
    once = sanitize_stored_html(HOSTILE)
    assert sanitize_stored_html(once) == once
    assert sanitize_stored_html("<h2>Başlık</h2><p><b>kalın</b></p>") == (
        "<h2>Başlık</h2><p><b>kalın</b></p>"
    )
