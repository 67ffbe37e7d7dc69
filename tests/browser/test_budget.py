"""The public budget transparency page: accessible (axe-core), no CSP violation, charts with
their data tables, downloads that work, and no individual payee named."""

import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe

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
        results = Axe().run(page)
        blocking = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert blocking == [], (prefix, blocking)
    assert csp_errors == []
    for fmt, magic in (("pdf", b"%PDF"), ("xlsx", b"PK")):
        with urllib.request.urlopen(f"{live_site}{PATH}rapor.{fmt}", timeout=60) as reply:  # noqa: S310
            assert reply.read(4).startswith(magic)
