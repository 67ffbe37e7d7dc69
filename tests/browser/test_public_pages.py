"""Home, directory and council pages in tr, en and ar: axe-core finds no serious or critical
violation, Arabic renders right-to-left, and a screenshot of each page is kept."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "directory": "/konseyler/",
    "council": "/adana-buyuksehir/",
    "body": "/adana-buyuksehir/kurullar/destek-ve-kaynak-calisma-grubu/",
}
LANGUAGES = {"tr": "", "en": "/en", "ar": "/ar"}
BLOCKING = {"serious", "critical"}


def test_public_pages_are_accessible_in_every_language(live_site, page, screenshots):
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
            if lang == "ar":
                # the layout mirrors: the skip link and the brand start on the right
                brand = page.locator(".brand").bounding_box()
                assert brand["x"] > 1280 / 2, "Arabic header should start on the right"
            page.screenshot(path=str(screenshots / f"{name}-{lang}.png"), full_page=True)
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING:
                    targets = [node["target"] for node in violation["nodes"]][:3]
                    problems.append(
                        f"{lang} {name}: {violation['id']} ({violation['impact']}) {targets}"
                    )
    assert problems == []
    assert csp_errors == []


def test_directory_filter_works_without_javascript(live_site, browser, screenshots):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + "/konseyler/")
    page.select_option("#id_tur", "buyuksehir")
    page.click("button[type=submit]")
    assert "tur=buyuksehir" in page.url
    names = page.locator(".directory-list h2").all_inner_texts()
    assert names == ["Adana Büyükşehir Kent Konseyi"]
    page.screenshot(path=str(screenshots / "directory-filtered-tr.png"), full_page=True)
    context.close()
