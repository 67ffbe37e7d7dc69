"""Home, directory and council pages: Arabic mirrors the layout; the directory filter works
without JavaScript. (Every page type's status, lang/dir, axe-core, CSP and screenshots in
tr, en and ar: test_every_page.py.)"""

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "directory": "/konseyler/",
    "council": "/adana-buyuksehir/",
    "body": "/adana-buyuksehir/kurullar/destek-ve-kaynak-calisma-grubu/",
}


def test_the_arabic_layout_mirrors(live_site, page):
    """Status, lang/dir, axe and CSP of these pages are checked by test_every_page.py; here,
    what only a look at the layout shows: in Arabic the header starts on the right."""
    for name, path in PAGES.items():
        page.goto(live_site + "/ar" + path)
        brand = page.locator(".brand").bounding_box()
        assert brand["x"] > 1280 / 2, f"Arabic header should start on the right ({name})"


def test_directory_filter_works_without_javascript(live_site, browser, screenshots):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + "/konseyler/")
    page.select_option("#id_tur", "buyuksehir")
    with page.expect_navigation():  # wait for the new page, not just its start
        page.click("button[type=submit]")
    assert "tur=buyuksehir" in page.url
    names = page.locator(".directory-list h2").all_inner_texts()
    assert names == ["Adana Büyükşehir Kent Konseyi"]
    page.screenshot(path=str(screenshots / "directory-filtered-tr.png"), full_page=True)
    context.close()
