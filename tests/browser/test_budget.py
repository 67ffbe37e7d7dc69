"""The public budget transparency page: accessible (axe-core), no CSP violation, charts with
their data tables, downloads that work, and no individual payee named."""

import urllib.request

import pytest

from tests.browser.audit import axe_problems

pytestmark = pytest.mark.browser

PATH = "/adana-buyuksehir/butce/2026/"


def test_public_budget_page(live_site, page, screenshots):
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for prefix in ("", "/en", "/ar"):
        response = page.goto(live_site + prefix + PATH)
        assert response is not None and response.status == 200
        assert page.locator("svg.chart-treemap title").count() >= 1
        assert page.locator("svg.chart-burndown").count() == 1
        assert page.locator("table[data-table=konsolide] tfoot").count() == 1
        assert "Mehmet Kaya" not in page.content()  # an individual payee
        page.screenshot(
            path=str(screenshots / f"budget{prefix.replace('/', '-') or '-tr'}.png"),
            full_page=True,
        )
        assert axe_problems(page) == [], prefix
    assert csp_errors == []
    for fmt, magic in (("pdf", b"%PDF"), ("xlsx", b"PK")):
        with urllib.request.urlopen(f"{live_site}{PATH}rapor.{fmt}", timeout=60) as reply:  # noqa: S310
            assert reply.read(4).startswith(magic)


@pytest.mark.parametrize("width", [360, 1366])
def test_public_budget_page_fits_the_screen(live_site, browser, screenshots, width):
    """No horizontal scroll at 360 or 1 366 px in any language (issue 19): wide tables
    scroll within their own region, charts take their column's width."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        # The representation dashboard and a joint project have wide tables too.
        for path in (
            "/adana-buyuksehir/temsil/",
            "/adana-buyuksehir/projeler/genclik-festivali-2026/",
        ):
            for prefix in ("", "/ar"):
                page.goto(live_site + prefix + path)
                scroll, client = page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                assert scroll <= client, (prefix + path, width, scroll, client)
        for prefix in ("", "/en", "/ar"):
            page.goto(live_site + prefix + PATH)
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll <= client, (prefix, width, scroll, client)
            chart = page.locator("svg.chart-burndown").bounding_box()
            assert chart is not None and chart["width"] <= client
            assert page.locator("svg.chart-burndown text.chart-axis").count() > 3  # y-axis
            page.screenshot(
                path=str(screenshots / f"budget{prefix.replace('/', '-') or '-tr'}-{width}.png"),
                full_page=True,
            )
    finally:
        context.close()
