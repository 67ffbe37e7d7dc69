"""Accessibility acceptance (issue 7): axe-core in Debian's Chromium (Playwright with
executablePath, no browser download) over the main public pages in tr, en and ar, in the
normal look and with the reader's high-contrast + large-text choice. No serious or
critical violation is allowed. Also: the choice works without JavaScript, the stylesheet
answers `prefers-contrast: more` and `forced-colors: active`, focus is visible, and
text at 200 % does not make the page scroll sideways.

Every page type in the normal look, in every language and at two widths, is checked by
test_every_page.py (issue 19); this module adds the reader's high-contrast + large-text
look, the system's contrast and forced-colours settings, focus and 200 % text.
"""

import pytest

from tests.browser.audit import axe_problems, watch_csp

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "directory": "/konseyler/",
    "council": "/adana-buyuksehir/",
    "news": "/adana-buyuksehir/bilgi-santrali-yayinda/",
    "event": "/adana-buyuksehir/bilgi-santrali-tanitim-toplantisi/",
    "publication": "/adana-buyuksehir/kent-konseyleri-icin-kaynak-rehberi/",
    "search": "/arama/?q=destek",
    "budget": "/adana-buyuksehir/butce/2026/",
    "dashboard": "/adana-buyuksehir/temsil/",
}
LANGUAGES = {"tr": "", "en": "/en", "ar": "/ar"}
CONTRAST_CLASSES = "display-contrast display-large"


def _choose_display(page, live_site: str, *, contrast: bool, large: bool) -> None:
    """Tick the footer form's boxes and submit it, as a reader would (no JavaScript needed)."""
    page.goto(live_site + "/konseyler/")
    for name, wanted in (("kontrast", contrast), ("buyuk", large)):
        box = page.locator(f".display-form input[name={name}]")
        box.check() if wanted else box.uncheck()
    page.locator(".display-form button[type=submit]").click()
    page.wait_for_load_state()


def _audit(page, live_site: str, mode: str, screenshots) -> list[str]:
    problems: list[str] = []
    for lang, prefix in LANGUAGES.items():
        for name, path in PAGES.items():
            response = page.goto(live_site + prefix + path)
            assert response is not None and response.status == 200, (mode, lang, name)
            assert page.get_attribute("html", "lang") == lang
            assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
            if mode == "contrast":
                assert page.get_attribute("html", "class") == CONTRAST_CLASSES
            page.screenshot(path=str(screenshots / f"a11y-{mode}-{name}-{lang}.png"))
            problems += [f"{mode} {lang} {name}: {problem}" for problem in axe_problems(page)]
    return problems


def test_no_serious_or_critical_violation_in_high_contrast_and_large_text(
    live_site, browser, screenshots
):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    csp_errors = watch_csp(page)
    _choose_display(page, live_site, contrast=True, large=True)
    assert _audit(page, live_site, "contrast", screenshots) == []
    assert csp_errors == []
    context.close()


def test_display_choice_works_without_javascript(live_site, browser, screenshots):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _choose_display(page, live_site, contrast=True, large=False)
    assert page.url == live_site + "/konseyler/"
    assert page.get_attribute("html", "class") == "display-contrast"
    [cookie] = [c for c in context.cookies() if c["name"] == "santral_gorunum"]
    assert cookie["value"] == "kontrast" and cookie["httpOnly"]
    page.screenshot(path=str(screenshots / "a11y-display-contrast-directory-tr.png"))
    ink = page.evaluate("getComputedStyle(document.body).color")
    assert ink == "rgb(0, 0, 0)"
    base = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    _choose_display(page, live_site, contrast=False, large=True)
    assert page.get_attribute("html", "class") == "display-large"
    large = page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert float(large.removesuffix("px")) == pytest.approx(1.25 * float(base.removesuffix("px")))
    _choose_display(page, live_site, contrast=False, large=False)
    assert page.get_attribute("html", "class") is None
    context.close()


def test_stylesheet_answers_the_systems_contrast_and_forced_colours(
    live_site, browser, screenshots
):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_site + PAGES["dashboard"])
    normal_ink = page.evaluate("getComputedStyle(document.body).color")
    assert normal_ink != "rgb(0, 0, 0)"
    page.emulate_media(contrast="more")
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    page.screenshot(path=str(screenshots / "a11y-prefers-contrast-dashboard-tr.png"))
    page.emulate_media(contrast="no-preference", forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    label = page.locator("svg.chart text").first
    assert label.evaluate("node => getComputedStyle(node).fill") != normal_ink
    page.screenshot(path=str(screenshots / "a11y-forced-colors-dashboard-tr.png"))
    context.close()


def test_focus_is_visible_and_text_at_200_percent_does_not_scroll_sideways(
    live_site, browser, screenshots
):
    # 200 % text on a 1280 px screen lays out like a 640 px wide window.
    context = browser.new_context(viewport={"width": 640, "height": 900})
    page = context.new_page()
    for name in ("home", "dashboard", "budget", "news"):
        page.goto(live_site + PAGES[name])
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, name
    page.goto(live_site + PAGES["home"])
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    width = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "solid" and float(width.removesuffix("px")) >= 2
    page.screenshot(path=str(screenshots / "a11y-focus-skip-link-640.png"))
    context.close()
