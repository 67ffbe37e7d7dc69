"""The responsive header (docs/design.md): under 768 px a menu button hides the navigation
until it is opened (a <details>, so no JavaScript is needed); at 1 366 px the navigation is
shown without it; the hub home fits the screen in Turkish and Arabic at both widths."""

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = "design"


@pytest.mark.parametrize("javascript", [True, False])
def test_menu_button_hides_the_navigation_on_a_phone(live_site, browser, screenshots, javascript):
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(live_site + "/")
    button = page.locator(".site-header .menu-button")
    first_link = page.locator(".main-nav a").first
    assert button.is_visible()
    assert not first_link.is_visible()
    assert page.locator(".header-search input[type=search]").is_visible()
    button.click()
    assert first_link.is_visible()
    (screenshots / SCREENSHOTS).mkdir(exist_ok=True)
    page.screenshot(path=str(screenshots / SCREENSHOTS / "menu-open-tr-360.png"))
    page.locator(".main-nav a", has_text="Konseyler").click()
    page.wait_for_url(live_site + "/konseyler/")
    context.close()


def test_navigation_is_shown_without_the_button_on_a_wide_screen(live_site, browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(live_site + "/")
    assert not page.locator(".site-header .menu-button").is_visible()
    links = page.locator(".main-nav a")
    assert links.count() >= 8
    assert all(links.nth(index).is_visible() for index in range(links.count()))
    # the header's search box takes a query to the search page
    page.fill("#header-search-q", "destek")
    page.press("#header-search-q", "Enter")
    page.wait_for_url(live_site + "/arama/?q=destek")
    context.close()


@pytest.mark.parametrize("width", [360, 1366])
@pytest.mark.parametrize("lang,prefix", [("tr", ""), ("ar", "/ar")])
def test_hub_home_fits_the_screen(live_site, browser, screenshots, width, lang, prefix):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_site + prefix + "/")
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, page.evaluate("document.documentElement.scrollWidth")
    # the council cards show the demo councils' logos and covers, with their alt text
    logos = page.locator(".council-card img.card-logo")
    assert logos.count() == 4
    assert "logosu" in logos.first.get_attribute("alt")
    (screenshots / SCREENSHOTS).mkdir(exist_ok=True)
    page.screenshot(
        path=str(screenshots / SCREENSHOTS / f"home-{lang}-{width}.png"), full_page=True
    )
    context.close()
