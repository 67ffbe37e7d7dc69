"""News, publication, document and event pages and the hub lists in tr, en and ar: axe-core
finds no serious or critical violation, no CSP error, and a screenshot of each is kept."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "news": "/adana-buyuksehir/bilgi-santrali-yayinda/",
    "publication": "/adana-buyuksehir/kent-konseyleri-icin-kaynak-rehberi/",
    "document": "/adana-buyuksehir/yurutme-kurulu-karari-2026-12/",
    "event": "/adana-buyuksehir/bilgi-santrali-tanitim-toplantisi/",
    "founding-text": "/adana-buyuksehir/destek-ve-kaynak-calisma-grubu-kurulus-metni/",
    "news-list": "/haberler/",
    "publication-list": "/yayinlar/",
    "event-month": "/etkinlikler/takvim/",
    "shared": "/paylasilanlar/",
}
LANGUAGES = {"tr": "", "en": "/en", "ar": "/ar"}
BLOCKING = {"serious", "critical"}


def test_content_pages_are_accessible_in_every_language(live_site, page, screenshots):
    axe = Axe()
    problems: list[str] = []
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for lang, prefix in LANGUAGES.items():
        for name, path in PAGES.items():
            response = page.goto(live_site + prefix + path)
            assert response is not None and response.status == 200, (lang, name)
            assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
            page.screenshot(path=str(screenshots / f"content-{name}-{lang}.png"), full_page=True)
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(
                        f"{lang} {name}: {violation['id']} ({violation['impact']}) {targets}"
                    )
    assert problems == []
    assert csp_errors == []


def test_publication_pdf_and_thumbnail_are_served(live_site, page):
    page.goto(live_site + PAGES["publication"])
    link = page.locator(".file-list a").first
    href = link.get_attribute("href")
    response = page.request.get(live_site + href)
    assert response.status == 200
    assert response.body()[:5] == b"%PDF-"
    thumbnail = page.locator(".file-thumb").first.get_attribute("src")
    assert page.request.get(live_site + thumbnail).status == 200


def test_event_registration_works_without_javascript(live_site, browser, screenshots):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + PAGES["event"])
    page.fill("#id_full_name", "Deneme Katılımcı")
    page.fill("#id_email", "katilimci@ornek.test")
    page.check("#id_consent")
    page.click(".register button[type=submit]")
    assert "Kaydınız alındı" in page.content()
    page.screenshot(path=str(screenshots / "content-event-registered-tr.png"), full_page=True)
    context.close()
