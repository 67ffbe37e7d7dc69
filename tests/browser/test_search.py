"""The search page: accessible, works without JavaScript, suggests titles as you type."""

import pytest

from tests.browser.audit import axe_problems

pytestmark = pytest.mark.browser


def test_search_page_is_accessible_and_suggests(live_site, page, screenshots):
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_site + "/arama/?q=destek")
    assert "Destek ve Kaynak Çalışma Grubu" in page.locator(".search-hits").inner_text()
    assert page.locator(".search-hits mark").count() >= 1
    page.screenshot(path=str(screenshots / "search-tr.png"), full_page=True)
    assert axe_problems(page) == []
    page.fill("#search-q", "adana buyuk")
    # (wait_for_function would evaluate a string: the strict CSP rightly forbids that)
    page.locator("#search-suggestions option").first.wait_for(state="attached", timeout=5000)
    options = page.locator("#search-suggestions option").evaluate_all(
        "nodes => nodes.map(n => n.value)"
    )
    assert "Adana Büyükşehir Kent Konseyi" in options
    assert csp_errors == []


def test_search_works_without_javascript(live_site, browser, screenshots):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_site + "/arama/")
    page.fill("#search-q", "cukurova")
    with page.expect_navigation():  # wait for the new page, not just its start
        page.click("form[role=search] button[type=submit]")
    assert "q=cukurova" in page.url
    titles = page.locator(".search-hits h2").all_inner_texts()
    assert titles[0] == "Çukurova Kent Konseyi"
    with page.expect_navigation():  # wait for the new page, not just its start
        page.locator(".search-facets a", has_text="Kent konseyi").first.click()
    assert "type=council" in page.url
    page.screenshot(path=str(screenshots / "search-nojs-tr.png"), full_page=True)
    context.close()
