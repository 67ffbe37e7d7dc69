"""Content in the browser: a publication's PDF and thumbnail are served, and an event
registration works without JavaScript. (Every page type's status, lang/dir, axe-core, CSP
and screenshots in tr, en and ar: test_every_page.py.)"""

import pytest

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
    # Without JavaScript the click starts a navigation that content() could race.
    with page.expect_navigation():
        page.click(".register button[type=submit]")
    assert "Kaydınız alındı" in page.content()
    page.screenshot(path=str(screenshots / "content-event-registered-tr.png"), full_page=True)
    context.close()
