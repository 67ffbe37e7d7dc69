"""import_wordpress with Turkish text, entities, CDATA, shortcodes, nesting, drafts, errors."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image
from wagtail.contrib.redirects.models import Redirect

from santral.content.models import InfoPage, NewsPage, Topic, WordPressSource
from santral.content.wordpress import wordpress_import

pytestmark = pytest.mark.django_db

EXPORT = Path(__file__).parent / "data" / "export.xml"


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = tmp_path / "uploads"
    folder.mkdir()
    Image.new("RGB", (10, 10), "blue").save(folder / "afis.png")
    return folder


def _run(council, media):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_wordpress",
        str(EXPORT),
        council=council.slug,
        media=str(media),
        stdout=out,
        stderr=err,
    )
    return out.getvalue(), err.getvalue()


def test_import_brings_posts_pages_topics_and_redirects(client, cast, media):
    out, err = _run(cast.council_a, media)
    news = NewsPage.objects.get(title='Kadın Meclisi’nden "Eşit Kent" çağrısı')
    assert news.live and news.council == cast.council_a
    assert news.first_published_at.year == 2024
    assert (
        "<script" not in news.body and "[gallery" not in news.body and "[caption" not in news.body
    )
    assert "Kadın Meclisi, kentte eşitlik" in news.body
    image = WordPressSource.objects.get(wp_id=30).image
    assert f'src="{image.file.url}"' in news.body
    assert news.intro == "Eşitlik çağrısı"
    assert sorted(t.name for t in news.topics.all()) == ["Kadın", "Çevre"]
    about = InfoPage.objects.get(title="Hakkımızda")
    assert "&amp; gönüllüleri" in about.body and "İĞÜŞÖÇ" in about.body
    child = InfoPage.objects.get(title="Alt sayfa: Yönetim")
    assert child.get_parent().pk == about.pk
    draft = NewsPage.objects.get(title="Taslak duyuru")
    assert not draft.live
    assert client.get("/2024/05/esit-kent/").status_code == 301
    assert client.get("/2024/05/esit-kent/")["Location"].endswith(news.url)
    assert Redirect.objects.filter(old_path="/hakkimizda/yonetim").exists()
    assert "#23 (Bozuk tarihli yazı)" in err and "Tarih okunamadı" in err
    assert "wp:post_id eksik" in err
    assert not NewsPage.objects.filter(title="Bozuk tarihli yazı").exists()
    assert "rapor-yok.pdf" in out and "bulunamadı" in out
    assert WordPressSource.objects.get(wp_id=30).image is not None


def test_import_is_idempotent(cast, media):
    _run(cast.council_a, media)
    counts = (
        NewsPage.objects.count(),
        InfoPage.objects.count(),
        Topic.objects.count(),
        Redirect.objects.count(),
        WordPressSource.objects.count(),
    )
    out, _err = _run(cast.council_a, media)
    assert counts == (
        NewsPage.objects.count(),
        InfoPage.objects.count(),
        Topic.objects.count(),
        Redirect.objects.count(),
        WordPressSource.objects.count(),
    )
    assert "Aktarılan: 0" in out


def test_a_failing_item_leaves_nothing_behind(cast, media, monkeypatch):
    from santral.content import wordpress

    original = wordpress._add_redirect

    def explode(link, page):
        if "esit-kent" in link:
            raise wordpress.ItemError("yapay hata")
        return original(link, page)

    monkeypatch.setattr(wordpress, "_add_redirect", explode)
    report = wordpress_import(
        actor=None, council=cast.council_a, xml=EXPORT.read_bytes(), media_dir=str(media)
    )
    assert any("yapay hata" in line for line in report.errors)
    assert not NewsPage.objects.filter(slug="esit-kent").exists()
    assert not WordPressSource.objects.filter(wp_id=21).exists()


def test_editor_of_b_cannot_import_into_a(cast, media):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        wordpress_import(actor=cast.editor_b, council=cast.council_a, xml=EXPORT.read_bytes())


def test_a_broken_file_gets_a_turkish_error(cast):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        wordpress_import(actor=None, council=cast.council_a, xml=b"<rss><channel>")
    assert "WordPress" in error.value.messages[0]
