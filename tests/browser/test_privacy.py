"""KVKK in the browser (issue 20), in Turkish, English and Arabic: a member finds the privacy
notice from the registration form, downloads their data and asks for erasure; every page
passes axe (no serious or critical issue) and the page checks of tests/browser/audit.py."""

import json
from pathlib import Path

import pytest

from tests.browser.audit import audit_page, sign_in

pytestmark = pytest.mark.browser

MEMBER = "uye@adana.example"
DEMO_PASSWORD = "santral-demo-2026"
EVENT = "/adana-buyuksehir/bilgi-santrali-tanitim-toplantisi/"


def test_a_member_finds_the_notice_downloads_their_data_and_asks_for_erasure(
    live_site, browser, screenshots
):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    sign_in(page, live_site, MEMBER, DEMO_PASSWORD, None)
    problems = []
    for language, prefix in (("tr", ""), ("en", "/en"), ("ar", "/ar")):
        page.goto(f"{live_site}{prefix}{EVENT}")
        form = page.locator("form:has(input[name=consent])")
        assert form.locator("input[name=notice]").count() == 1
        notice = form.locator("a[href$='/aydinlatma-metni/']").get_attribute("href")
        problems += audit_page(page, live_site + notice, language, f"notice {language}", None)
        assert page.locator("h1").count() == 1

        problems += audit_page(
            page, f"{live_site}{prefix}/hesabim/verilerim/", language, f"my data {language}", None
        )
        with page.expect_download() as download:
            page.locator("a[href='?bicim=json']").click()
        data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        assert data["person"]["email"] == MEMBER

        ask = page.locator("form[action$='/silme-talebi/'] button")
        if ask.count():  # the first language asks; the others see the request waiting
            ask.click()
            page.wait_for_load_state()
        assert page.locator("#my-erasure ~ [role=status]").count() == 1
        if screenshots is not None:
            page.screenshot(path=str(screenshots / f"privacy-my-data-{language}.png"))
    context.close()
    assert problems == []
