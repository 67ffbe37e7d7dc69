"""A treasurer takes an expenditure from request to payment in the step view (demo data).

Signs in as the demo treasurer (password, then the TOTP code from the demo secret), opens a
request the demo editor filed, approves it, commits it and pays it, one step at a time. At
each step only that step's form is shown and the page fits 1 366 px and 360 px.
"""

import pytest

from tests.browser.audit import sign_in

pytestmark = pytest.mark.browser

TREASURER = "mali@adana.example"
PASSWORD = "santral-demo-2026"
TOTP_SECRET = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U"  # santral/councils/demo.py
REQUEST = "Engelliler Meclisi işaret dili tercümanı (demo)"


def _fits(page) -> None:
    for width in (1366, 360):
        page.set_viewport_size({"width": width, "height": 900})
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, (page.url, width, scroll)
    page.set_viewport_size({"width": 1366, "height": 900})


def _current(page) -> str:
    return page.locator('.expenditure-steps [aria-current="step"] .step-label').inner_text()


def test_treasurer_takes_an_expense_from_request_to_payment(live_site, page, screenshots):
    sign_in(page, live_site, TREASURER, PASSWORD, TOTP_SECRET)

    page.goto(live_site + "/admin/butce/")
    with page.expect_navigation():
        page.get_by_role("link", name=REQUEST, exact=True).click()
    assert _current(page) == "Onay"
    assert page.locator("input[name=commit-supplier_name]").count() == 0
    _fits(page)
    page.screenshot(path=str(screenshots / "expense-steps-1-approve.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Onayla").click()

    assert _current(page) == "Taahhüt"
    page.get_by_label("Tedarikçi:", exact=True).fill("İşaret Dili Hizmetleri Ltd. (demo)")
    page.get_by_label("Sözleşme / sipariş no").fill("S-2026-41")
    page.get_by_label("Taahhüt tutarı (TL)").fill("9000.00")
    _fits(page)
    page.screenshot(path=str(screenshots / "expense-steps-2-commit.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Taahhüt et").click()

    assert _current(page) == "Ödeme"
    page.get_by_label("Ödeme emri belgesi no").fill("ÖEB-2026-41")
    page.get_by_label("Ödenen tutar (TL)").fill("9000.00")
    page.screenshot(path=str(screenshots / "expense-steps-3-pay.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Öde", exact=True).click()

    assert page.locator(".expenditure-steps .step-done").count() == 4
    history = page.locator("#history ~ table").first.inner_text()
    assert "Onay verildi" in history and "Taahhüt edildi" in history and "Ödendi" in history
    assert "9.000,00 TL" in history
    _fits(page)
    page.screenshot(path=str(screenshots / "expense-steps-4-paid.png"), full_page=True)
