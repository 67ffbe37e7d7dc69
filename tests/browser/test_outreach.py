"""Outreach pages: the representation dashboard shows its sources and a chart with its
table, and the newsletter sign-up and the filter work without JavaScript. (Status,
lang/dir, axe-core, CSP and screenshots in tr, en and ar: test_every_page.py.)"""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "representation": "/adana-buyuksehir/temsil/",
    "subscribe": "/adana-buyuksehir/bulten/",
}


def test_dashboard_shows_sources_no_source_and_a_chart_with_its_table(live_site, page):
    page.goto(live_site + PAGES["representation"])
    assert page.locator("svg.chart[role=img]").count() == 2
    assert page.locator("svg.chart title").first.text_content() != ""
    table = page.locator("table").first.inner_text()
    assert "TÜİK ADNKS" in table and "henüz kaynak yok" in table
    assert "%50,04" in table
    assert page.locator("[style]").count() == 0


def test_subscribe_and_filter_work_without_javascript(live_site, browser, screenshots):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + PAGES["subscribe"])
    page.fill("#id_email", "tarayici@ornek.test")
    page.locator("input[name=topics]").first.check()
    page.check("#id_consent")
    with page.expect_navigation():  # wait for the new page, not just its start
        page.click("button[type=submit]")
    assert page.url.endswith("/bulten/gonderildi/")
    page.screenshot(path=str(screenshots / "outreach-subscribe-sent-tr.png"), full_page=True)
    page.goto(live_site + PAGES["representation"])
    page.fill("#id_esik", "0.9")
    with page.expect_navigation():  # wait for the new page, not just its start
        page.click("form.filters button[type=submit]")
    assert "esik=0.9" in page.url
    assert page.locator(".row-flagged").count() >= 1
    context.close()
