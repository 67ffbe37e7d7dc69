"""Translations and easy-read versions of content, alt text on images, video captions."""

import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Revision

from santral.content.factories import home_of, make_news, make_publication
from santral.content.models import (
    InfoPage,
    NewsPage,
    NewsPageTranslation,
    PublicationPage,
    PublicationVideo,
)
from santral.content.services import (
    captions_upload,
    content_page_create,
    content_page_update,
    content_translation_set,
    image_upload,
)
from santral.core.models import AuditRecord

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def turkish_between_requests():
    """A request under /en/ leaves English active in this thread; page.url must stay Turkish."""
    translation.activate("tr")
    yield
    translation.activate("tr")


EN = {"language": "en", "title": "Climate workshop", "summary": "Young people met."}
AR = {"language": "ar", "title": "ورشة عمل المناخ", "summary": "اجتمع الشباب."}
EASY = {"language": "tr", "variant": "easy", "title": "Kolay anlatım", "body": "<p>Kısa.</p>"}


def _translated(council, *translations, publish=True, **fields):
    page = make_news(council, title="İklim atölyesi", **fields)
    for fields_of_one in translations:
        page = content_translation_set(actor=None, page=page, publish=publish, **fields_of_one)
    return page


def _html(client, url: str) -> str:
    response = client.get(url)
    translation.activate("tr")
    assert response.status_code == 200, url
    return response.content.decode()


def _h1(html: str) -> str:
    return re.search(r"<h1[^>]*>.*?</h1>", html, re.S).group(0)


# --- permissions and drafts -------------------------------------------------------------------


def _snapshot():
    return (
        sorted(NewsPageTranslation.objects.values_list("page_id", "language", "title")),
        Revision.objects.count(),
        # A refused write leaves only its access.refused row (santral/core/refusals.py).
        AuditRecord.objects.exclude(action="access.refused").count(),
    )


def test_editor_of_b_cannot_add_a_translation_to_a_item(cast):
    page = make_news(cast.council_a)
    before = _snapshot()
    for publish in (False, True):
        with pytest.raises(PermissionDenied):
            content_translation_set(actor=cast.editor_b, page=page, publish=publish, **EN)
    assert _snapshot() == before


def test_editor_of_b_cannot_open_a_item_in_the_backoffice(client, cast):
    page = make_news(cast.council_a)
    client.force_login(cast.editor_b)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code in (302, 403)
    before = _snapshot()
    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {
            "title": page.title,
            "slug": page.slug,
            "translations-TOTAL_FORMS": "1",
            "translations-INITIAL_FORMS": "0",
            "translations-0-language": "en",
            "translations-0-variant": "standard",
            "translations-0-title": "Hacked",
            "action-publish": "1",
        },
    )
    assert response.status_code in (302, 403)
    assert _snapshot() == before


def test_draft_translation_is_not_public_until_published(client, cast):
    page = make_news(cast.council_a, title="İklim atölyesi")
    content_translation_set(actor=cast.editor_a, page=page, **EN)
    html = _html(client, "/en" + page.url)
    assert "Climate workshop" not in html
    assert "İklim atölyesi" in _h1(html)
    assert "This content is only available in: Turkish." in html
    assert not NewsPageTranslation.objects.exists()
    page.refresh_from_db()
    assert page.has_unpublished_changes
    assert "Climate" not in page.search_text
    content_translation_set(actor=cast.editor_a, page=page, publish=True, **EN)
    html = _html(client, "/en" + page.url)
    assert "Climate workshop" in _h1(html)
    assert "only available" not in html
    page.refresh_from_db()
    assert "Climate workshop" in page.search_text
    assert AuditRecord.objects.filter(action="content.translation").count() == 2


def test_translation_validation_in_turkish(cast):
    page = make_news(cast.council_a)
    with pytest.raises(ValidationError) as error:
        content_translation_set(actor=cast.editor_a, page=page, language="tr", title="Aynı dil")
    assert "özgün diliyle aynı" in str(error.value)
    with pytest.raises(ValidationError) as error:
        content_translation_set(actor=cast.editor_a, page=page, language="de", title="Deutsch")
    assert "Türkçe, İngilizce ya da Arapça" in str(error.value)
    page.translations = [NewsPageTranslation(**EN), NewsPageTranslation(**EN)]
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "birden fazla çeviri" in str(error.value)


def test_translation_body_is_sanitised(client, cast):
    page = _translated(
        cast.council_a,
        {
            **EN,
            "body": '<p>Hi<script>alert(1)</script></p><img src="x" onerror="alert(2)">'
            '<a href="javascript:alert(3)">link</a><p onclick="alert(4)">para</p>',
        },
    )
    html = _html(client, "/en" + page.url)
    prose = re.search(r'<div class="prose"[^>]*>(.*?)</div>', html, re.S).group(1)
    assert "para" in prose and "link" in prose
    for bad in ("<script", "onerror", "javascript:", "onclick", "alert("):
        assert bad not in prose


# --- what the public page shows ---------------------------------------------------------------


def test_ui_language_picks_the_translation_with_lang_and_dir(client, cast):
    page = _translated(cast.council_a, EN, AR)
    html = _html(client, page.url)
    assert "İklim atölyesi" in _h1(html) and "lang=" not in _h1(html)
    html = _html(client, "/en" + page.url)
    assert "Climate workshop" in _h1(html)
    assert '<html lang="en" dir="ltr">' in html
    html = _html(client, "/ar" + page.url)
    assert "ورشة عمل المناخ" in _h1(html)
    assert '<html lang="ar" dir="rtl">' in html


def test_original_shown_with_notice_and_its_own_lang_dir_when_no_translation(client, cast):
    page = _translated(cast.council_a, EN)
    html = _html(client, "/ar" + page.url)
    assert '<html lang="ar" dir="rtl">' in html
    assert '<h1 lang="tr" dir="ltr">İklim atölyesi</h1>' in html
    assert 'class="lead" lang="tr" dir="ltr"' in html
    assert 'role="note"' in html and "notice-version" in html
    english = _html(client, "/en" + page.url)
    assert "notice-version" not in english
    ar_news = make_news(cast.council_a, title="خبر", language="ar")
    html = _html(client, ar_news.url)
    assert '<h1 lang="ar" dir="rtl">خبر</h1>' in html
    assert "Bu içerik yalnızca şu dilde mevcut: Arapça." in html


def test_hreflang_alternates_list_every_available_language(client, cast):
    page = _translated(cast.council_a, AR)
    html = _html(client, "/en" + page.url)
    links = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html)
    assert links == [
        ("tr", f"http://testserver{page.url}"),
        ("ar", f"http://testserver/ar{page.url}"),
    ]
    untranslated = make_news(cast.council_a)
    html = _html(client, untranslated.url)
    assert re.findall(r'hreflang="(\w+)" href', html) == ["tr"]


def test_easy_read_version_is_linked_and_marked_with_lang(client, cast):
    page = _translated(cast.council_a, EN, EASY)
    html = _html(client, page.url)
    assert f'href="{page.url}?surum=kolay" hreflang="tr">Kolay okunur sürüm</a>' in html
    english = _html(client, "/en" + page.url)
    assert f'href="/en{page.url}?surum=kolay" hreflang="tr">Easy-read version (Turkish)</a>' in (
        english
    )
    easy = _html(client, page.url + "?surum=kolay")
    assert '<h1 lang="tr" dir="ltr">Kolay anlatım</h1>' in easy
    assert "kolay okunur sürümüdür" in easy and f'href="{page.url}"' in easy
    # the Turkish easy-read text also answers in English, marked as Turkish
    easy_en = _html(client, "/en" + page.url + "?surum=kolay")
    assert '<h1 lang="tr" dir="ltr">Kolay anlatım</h1>' in easy_en
    plain = make_news(cast.council_a)
    assert client.get(plain.url + "?surum=kolay").status_code == 404
    assert "surum=kolay" not in _html(client, plain.url)


def test_language_switcher_keeps_the_page_and_the_version(client, cast):
    page = _translated(cast.council_a, EN, EASY)
    html = _html(client, page.url + "?surum=kolay")
    nav = re.search(r'<nav class="language-nav".*?</nav>', html, re.S).group(0)
    assert f'href="/en{page.url}?surum=kolay"' in nav
    assert f'href="/ar{page.url}?surum=kolay"' in nav
    html = _html(client, "/ar" + page.url)
    nav = re.search(r'<nav class="language-nav".*?</nav>', html, re.S).group(0)
    assert f'href="{page.url}"' in nav and f'href="/en{page.url}"' in nav


def test_preview_of_a_draft_translation_shows_it(client, cast):
    page = make_news(cast.council_a, title="İklim atölyesi")
    content_translation_set(actor=cast.editor_a, page=page, **EASY)
    assert "surum=kolay" not in _html(client, page.url)
    draft = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert "surum=kolay" in response.content.decode()


def test_api_lists_translations(client, cast):
    _translated(cast.council_a, EN, {**EASY, "body": "<p>Kısa<script>x()</script></p>"})
    row = client.get("/api/v1/news/").json()["results"][0]
    assert sorted((t["language"], t["variant"]) for t in row["translations"]) == [
        ("en", "standard"),
        ("tr", "easy"),
    ]
    easy = next(t for t in row["translations"] if t["variant"] == "easy")
    assert easy["body"] == "<p>Kısa</p>" and easy["title"] == "Kolay anlatım"


def test_api_translations_keep_a_constant_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    _translated(cast.council_a, EN)
    with django_assert_max_num_queries(12) as few:
        client.get("/api/v1/news/")
    for _ in range(4):
        _translated(cast.council_b, EN, AR)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = client.get("/api/v1/news/").json()["results"]
    assert len(rows) == 5


# --- alt text ---------------------------------------------------------------------------------


def _image(cast):
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, format="PNG")
    return image_upload(
        actor=cast.editor_a,
        council=cast.council_a,
        uploaded_file=SimpleUploadedFile("gorsel.png", buffer.getvalue()),
    )


def test_lead_image_needs_alt_text_or_the_decorative_mark(client, cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    image = _image(cast)
    page = NewsPage(title="Görselli", slug="gorselli", lead_image=image)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "metin karşılığını" in error.value.message_dict["lead_image_alt"][0]
    page.lead_image_decorative = True
    page = content_page_create(
        actor=cast.editor_a, parent=home_of(cast.council_a), page=page, publish=True
    )
    html = _html(client, page.url)
    assert re.search(r'<img alt="" [^>]*srcset', html)
    page = content_page_update(
        actor=cast.editor_a,
        page=page,
        publish=True,
        lead_image_decorative=False,
        lead_image_alt="Mavi kare",
    )
    assert 'alt="Mavi kare"' in _html(client, page.url)
    with pytest.raises(ValidationError):
        content_page_update(actor=cast.editor_a, page=page, publish=True, lead_image_alt=" ")


def test_cover_image_needs_alt_text(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    image = _image(cast)
    page = PublicationPage(
        title="Kapaklı", slug="kapakli", publication_kind="booklet", cover_image=image
    )
    with pytest.raises(ValidationError) as error:
        content_page_create(actor=cast.editor_a, parent=home_of(cast.council_a), page=page)
    assert "cover_image_alt" in error.value.message_dict
    assert not PublicationPage.objects.exists()


def test_backoffice_refuses_a_lead_image_without_alt_text(client, cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    image = _image(cast)
    page = make_news(cast.council_a, title="Görselsiz")
    client.force_login(cast.admin_a)
    form = {
        "title": "Görselsiz",
        "slug": page.slug,
        "lead_image": image.pk,
        "lead_image_alt": "",
        "scope": "local",
        "language": "tr",
        "translations-TOTAL_FORMS": "0",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "action-publish": "1",
    }
    response = client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert response.status_code == 200
    assert "metin karşılığını" in response.content.decode()
    page.refresh_from_db()
    assert page.lead_image_id is None


# --- video captions and transcript -----------------------------------------------------------


def test_bad_captions_file_is_refused_and_nothing_stored(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    for name, data in (
        ("altyazi.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nMerhaba\n"),  # SRT, not WebVTT
        ("altyazi.vtt", b"WEBVTTX\n"),
        ("altyazi.vtt", b""),
        ("altyazi.pdf", b"WEBVTT\n\n00:01.000 --> 00:02.000\nMerhaba\n"),
    ):
        with pytest.raises(ValidationError) as error:
            captions_upload(
                actor=cast.editor_a,
                council=cast.council_a,
                uploaded_file=SimpleUploadedFile(name, data),
            )
        assert error.value.messages[0]  # a Turkish message
        assert not Document.objects.exists()
        assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    with pytest.raises(ValidationError) as error:
        captions_upload(
            actor=cast.editor_a,
            council=cast.council_a,
            uploaded_file=SimpleUploadedFile("a.vtt", b"00:01.000 --> 00:02.000\nMerhaba\n"),
        )
    assert "WEBVTT" in error.value.messages[0] and "başlamalı" in error.value.messages[0]


def test_captions_and_transcript_on_the_public_page(client, cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    captions = captions_upload(
        actor=cast.editor_a,
        council=cast.council_a,
        uploaded_file=SimpleUploadedFile(
            "tanitim.vtt", "\ufeffWEBVTT\n\n00:01.000 --> 00:04.000\nHoş geldiniz\n".encode()
        ),
    )
    page = PublicationPage(title="Tanıtım filmi", slug="tanitim-filmi", publication_kind="video")
    page.videos = [
        PublicationVideo(
            url="https://video.example.org/tanitim",
            title="Tanıtım",
            captions=captions,
            transcript="Anlatıcı: Kent konseyine hoş geldiniz.",
        )
    ]
    page = content_page_create(
        actor=cast.editor_a, parent=home_of(cast.council_a), page=page, publish=True
    )
    html = _html(client, page.url)
    assert "Anlatıcı: Kent konseyine hoş geldiniz." in html
    assert f'href="{captions.url}" type="text/vtt"' in html
    assert "Altyazı dosyası (WebVTT)" in html


def test_video_captions_must_be_a_webvtt_document(cast, tmp_path, settings):
    from santral.content.factories import make_pdf_document

    settings.MEDIA_ROOT = tmp_path
    video = PublicationVideo(
        page=make_publication(cast.council_a),
        url="https://video.example.org/x",
        captions=make_pdf_document(),
    )
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "WEBVTT" in error.value.message_dict["captions"][0]


def test_info_pages_and_events_carry_translations(client, cast):
    from santral.events.factories import make_event

    info = content_page_create(
        actor=None,
        parent=home_of(cast.council_a),
        page=InfoPage(title="Hakkımızda", slug="hakkimizda"),
        publish=True,
    )
    info = content_translation_set(actor=cast.editor_a, page=info, publish=True, **AR)
    assert "ورشة عمل المناخ" in _h1(_html(client, "/ar" + info.url))
    event = make_event(cast.council_a)
    event = content_translation_set(actor=cast.editor_a, page=event, publish=True, **EN)
    assert "Climate workshop" in _h1(_html(client, "/en" + event.url))


def test_editor_adds_a_draft_translation_in_the_page_editor(client, cast):
    page = make_news(cast.council_a, title="İklim atölyesi")
    client.force_login(cast.editor_a)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    form = {
        "title": page.title,
        "slug": page.slug,
        "scope": "local",
        "language": "tr",
        "translations-TOTAL_FORMS": "1",
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
        "translations-0-language": "ar",
        "translations-0-variant": "standard",
        "translations-0-title": "ورشة عمل المناخ",
        "translations-0-summary": "",
        "translations-0-ORDER": "1",
        "translations-0-id": "",
        "translations-0-DELETE": "",
    }
    response = client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert not NewsPageTranslation.objects.exists()
    draft = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [t.title for t in draft.translations.all()] == ["ورشة عمل المناخ"]
    assert "ورشة" not in _html(client, "/ar" + page.url)


def test_document_upload_in_the_backoffice_checks_captions(client, cast, tmp_path, settings):
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    Document = get_document_model()
    collection = Collection.objects.get(name__contains=cast.council_a.slug)
    client.force_login(cast.editor_a)
    bad = client.post(
        "/admin/documents/add/",
        {
            "title": "kötü",
            "collection": collection.pk,
            "file": SimpleUploadedFile("kotu.vtt", b"<script>alert(1)</script>"),
        },
    )
    assert "Altyazı dosyası WebVTT değil" in bad.content.decode()
    assert not Document.objects.exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
    good = client.post(
        "/admin/documents/add/",
        {
            "title": "iyi",
            "collection": collection.pk,
            "file": SimpleUploadedFile("iyi.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\nMerhaba\n"),
        },
    )
    assert good.status_code == 302
    assert Document.objects.get().file.name.endswith(".vtt")


@pytest.mark.parametrize(
    "rows, message",
    [
        ([("en", "standard"), ("en", "standard")], None),
        ([("tr", "standard")], "özgün diliyle aynı"),
    ],
)
def test_page_editor_refuses_bad_translations(client, cast, rows, message):
    page = make_news(cast.council_a, title="İklim atölyesi")
    client.force_login(cast.editor_a)
    form = {
        "title": page.title,
        "slug": page.slug,
        "scope": "local",
        "language": "tr",
        "translations-TOTAL_FORMS": str(len(rows)),
        "translations-INITIAL_FORMS": "0",
        "translations-MIN_NUM_FORMS": "0",
        "translations-MAX_NUM_FORMS": "1000",
    }
    for number, (language, variant) in enumerate(rows):
        form.update(
            {
                f"translations-{number}-language": language,
                f"translations-{number}-variant": variant,
                f"translations-{number}-title": f"Başlık {number}",
                f"translations-{number}-ORDER": str(number + 1),
            }
        )
    revisions = Revision.objects.count()
    response = client.post(f"/admin/pages/{page.pk}/edit/", form)
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()
    assert Revision.objects.count() == revisions


def test_list_cards_show_the_translation_in_the_interface_language(
    client, cast, django_assert_max_num_queries
):
    _translated(cast.council_a, EN, AR)
    make_news(cast.council_a, title="Yalnız Türkçe haber")
    turkish = _html(client, "/haberler/")
    assert "İklim atölyesi" in turkish and "Climate workshop" not in turkish
    english = _html(client, "/en/haberler/")
    card = english.split("Climate workshop", 1)[0].rsplit("<li", 1)[1]
    assert 'lang="en"' in card
    assert "İklim atölyesi" not in english and "Young people met." in english
    # An item without an English translation keeps its title, marked as Turkish.
    untranslated = english.split("Yalnız Türkçe haber", 1)[0].rsplit("<li", 1)[1]
    assert 'lang="tr"' in untranslated
    arabic = _html(client, "/ar/haberler/")
    assert "ورشة عمل المناخ" in arabic
    # A draft translation is not shown in the list.
    _translated(cast.council_a, {**EN, "title": "Draft only"}, publish=False)
    assert "Draft only" not in _html(client, "/en/haberler/")
    shared = _html(client, "/en/paylasilanlar/")
    assert "Climate workshop" not in shared  # not shared with the network
    with django_assert_max_num_queries(20) as few:
        _html(client, "/en/haberler/")
    for _ in range(4):
        _translated(cast.council_a, EN)
    with django_assert_max_num_queries(len(few.captured_queries)):
        _html(client, "/en/haberler/")
