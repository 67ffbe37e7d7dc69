"""The demo founding text in tr, en and ar and its easy-read version: the right text, lang and
dir, hreflang links, and no serious or critical axe-core violation."""

import pytest

from tests.browser.audit import axe_problems

pytestmark = pytest.mark.browser

FOUNDING = "/adana-buyuksehir/destek-ve-kaynak-calisma-grubu-kurulus-metni/"
# UI language → (URL prefix, how the heading of the full text starts)
LANGUAGES = {
    "tr": ("", "Destek ve Kaynak Çalışma Grubu: kuruluş metni"),
    "en": ("/en", "Support and Resources Working Group"),
    "ar": ("/ar", "مجموعة عمل الدعم والموارد"),
}


def test_translated_item_and_easy_read_version_are_accessible(live_site, page, screenshots):
    problems: list[str] = []
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for lang, (prefix, heading) in LANGUAGES.items():
        for version, query in (("standard", ""), ("easy", "?surum=kolay")):
            response = page.goto(live_site + prefix + FOUNDING + query)
            assert response is not None and response.status == 200, (lang, version)
            assert page.get_attribute("html", "lang") == lang
            assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
            h1 = page.locator("main h1")
            if version == "standard":
                assert h1.inner_text().startswith(heading), (lang, h1.inner_text())
                assert h1.get_attribute("lang") is None
                hreflangs = page.locator("link[rel=alternate][hreflang]")
                assert sorted(
                    hreflangs.nth(i).get_attribute("hreflang") for i in range(hreflangs.count())
                ) == ["ar", "en", "tr"]
                link = page.locator(".easy-read-link a")
                assert link.get_attribute("href").endswith(FOUNDING + "?surum=kolay")
            else:
                # the easy-read version is Turkish in every UI language, and says so
                assert h1.get_attribute("lang") == "tr"
                assert h1.get_attribute("dir") == "ltr"
                assert h1.inner_text() == "Destek ve Kaynak Çalışma Grubu ne yapar?"
            page.screenshot(
                path=str(screenshots / f"translation-founding-{version}-{lang}.png"),
                full_page=True,
            )
            problems += [f"{lang} {version}: {problem}" for problem in axe_problems(page)]
    assert problems == []
    assert csp_errors == []


def test_language_switcher_keeps_the_translated_page(live_site, page):
    page.goto(live_site + FOUNDING)
    page.click('.language-nav a[hreflang="ar"]')
    assert page.url == live_site + "/ar" + FOUNDING
    assert page.locator("main h1").inner_text().startswith("مجموعة عمل الدعم والموارد")
    page.click('.language-nav a[hreflang="en"]')
    assert page.url == live_site + "/en" + FOUNDING
    assert page.locator("main h1").inner_text().startswith("Support and Resources")
