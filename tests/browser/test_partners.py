"""Stakeholder profiles show no contact details, and an institution's liaison signs in, sees
the request addressed to it and answers it, without JavaScript. (Every page type's status,
lang/dir, axe-core, CSP and screenshots in tr, en and ar: test_every_page.py.)"""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "stakeholders": "/paydaslar/",
    "stakeholder": "/paydaslar/adana-grafik-tasarimcilar-dernegi/",
    "projects": "/adana-buyuksehir/projeler/",
    "project": "/adana-buyuksehir/projeler/genclik-festivali-2026/",
}


def test_stakeholder_profile_shows_no_contact_details(live_site, page):
    page.goto(live_site + PAGES["stakeholder"])
    text = page.inner_text("main")
    assert "Adana Grafik Tasarımcılar Derneği" in text
    assert "Gençlik Festivali 2026" in text
    assert "iletisim@kurum.example" not in text
    assert "0322 000 00 00" not in text


def test_liaison_answers_a_request_without_javascript(live_site, browser, screenshots):
    context = browser.new_context(java_script_enabled=False, locale="tr-TR")
    page = context.new_page()
    page.goto(live_site + "/accounts/login/")
    page.fill("input[name=login]", "irtibat@ulasim.example")
    page.fill("input[name=password]", "santral-demo-2026")
    with page.expect_navigation():  # wait for the new page, not just its start
        page.click("form button[type=submit]")
    page.goto(live_site + "/kurum-paneli/")
    rows = page.locator(".request-table tbody tr")
    # Both demo letters to the Ulaşım Daire Başkanlığı: the festival and the resource plan's.
    assert rows.count() == 2
    assert "Bilgi Santrali tanıtım toplantısı için ulaşım desteği" in page.inner_text("main")
    festival = rows.filter(has_text="Gençlik Festivali 2026 için ulaşım desteği")
    assert festival.count() == 1
    with page.expect_navigation():  # wait for the new page, not just its start
        festival.locator("a").click()
    page.screenshot(path=str(screenshots / "partners-liaison-request-tr.png"), full_page=True)
    page.fill("#id_what", "Şoför (tam gün)")
    page.fill("#id_quantity", "-1")
    with page.expect_navigation():  # wait for the new page, not just its start
        page.locator("form[action$='/taahhut/'] button[type=submit]").click()
    assert "Miktar sıfırdan büyük olmalıdır" in page.inner_text("main")
    page.fill("#id_quantity", "2")
    page.fill("#id_value", "3.000,00")
    with page.expect_navigation():  # wait for the new page, not just its start
        page.locator("form[action$='/taahhut/'] button[type=submit]").click()
    assert "Taahhüt kaydedildi." in page.inner_text("body")
    assert "Şoför (tam gün)" in page.inner_text("main")
    context.close()
