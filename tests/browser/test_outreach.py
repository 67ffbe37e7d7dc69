"""Outreach pages in tr, en and ar: the representation dashboard and the newsletter
sign-up show no serious or critical axe-core violation, work without JavaScript and
keep the strict CSP; the chart has its data table beside it."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "representation": "/adana-buyuksehir/temsil/",
    "subscribe": "/adana-buyuksehir/bulten/",
}
LANGUAGES = {"tr": "", "en": "/en", "ar": "/ar"}
BLOCKING = {"serious", "critical"}


def test_outreach_pages_are_accessible_in_every_language(live_site, page, screenshots):
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
            assert page.get_attribute("html", "lang") == lang
            assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
            page.screenshot(path=str(screenshots / f"outreach-{name}-{lang}.png"), full_page=True)
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(
                        f"{lang} {name}: {violation['id']} ({violation['impact']}) {targets}"
                    )
    assert problems == []
    assert csp_errors == []


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
    page.click("button[type=submit]")
    assert page.url.endswith("/bulten/gonderildi/")
    page.screenshot(path=str(screenshots / "outreach-subscribe-sent-tr.png"), full_page=True)
    page.goto(live_site + PAGES["representation"])
    page.fill("#id_esik", "0.9")
    page.click("form.filters button[type=submit]")
    assert "esik=0.9" in page.url
    assert page.locator(".row-flagged").count() >= 1
    context.close()
