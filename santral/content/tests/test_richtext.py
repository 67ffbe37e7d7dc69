import pytest

from santral.content.factories import make_news
from santral.content.richtext import sanitize_html

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p>Merhaba <script>alert("x")</script></p>'
    '<p><a href="javascript:alert(1)">tıkla</a> <a href="JaVaScRiPt:alert(2)">iki</a></p>'
    '<img src="x" onerror="alert(3)">'
    '<p onclick="alert(4)" style="color:red">Şeker</p>'
    '<iframe src="https://kotu.example/"></iframe>'
    '<a href="data:text/html;base64,PHNjcmlwdD4=">veri</a>'
    "<svg><script>alert(5)</script></svg>"
)


def _assert_clean(html: str) -> None:
    lowered = html.lower()
    for bad in ("<script", "javascript:", "onerror", "onclick", "<iframe", "data:text", "style="):
        assert bad not in lowered, bad


def test_sanitize_html_removes_script_handlers_and_bad_urls():
    cleaned = sanitize_html(HOSTILE)
    _assert_clean(cleaned)
    assert "Şeker" in cleaned and "tıkla" in cleaned


def test_hostile_rich_text_never_reaches_the_page(client, cast):
    page = make_news(cast.council_a, body=HOSTILE, title="Zararlı metin denemesi")
    html = client.get(page.url).content.decode()
    # The article as rendered; our own deferred script after </main> is not user content.
    body = html.split("<main", 1)[1].split("</main>", 1)[0]
    _assert_clean(body)
    assert "Şeker" in body


def test_safe_links_survive_with_rel(cast):
    cleaned = sanitize_html('<a href="https://ornek.org/">bağlantı</a>')
    assert 'href="https://ornek.org/"' in cleaned
    assert "noopener" in cleaned


def test_images_without_alt_text_become_decorative_and_alt_text_is_kept():
    cleaned = sanitize_html('<p><IMG SRC="/a.png" width=3><img alt="Harita" src="/b.png"></p>')
    assert '<img alt="" src="/a.png" width="3">' in cleaned
    assert '<img alt="Harita" src="/b.png">' in cleaned
    assert cleaned.count("alt=") == 2
