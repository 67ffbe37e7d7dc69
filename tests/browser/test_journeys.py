"""The persona journeys of issue 19, each as a person does it in the browser, on the demo data.

A citizen goes from the home page to a council, its budget and its next event, adds the
event to a calendar and signs up for the newsletter; a member signs in and sees their
registration; an editor submits and an admin publishes; a treasurer takes an expense from
request to payment in the step view; a coordinator sends a newsletter test to themselves.

The journeys change the demo data (a registration, a payment, a subscription); each one
uses records no other browser test reads. Mail is written to files by the live site
(EMAIL_URL=file://…) and `run_tasks` runs its queued tasks as the worker would.
"""

import re

import pytest

from tests.browser.audit import sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "santral-demo-2026"
TREASURER = ("mali@adana.example", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U")
COUNCIL_ADMIN = ("yonetici@adana.example", "KRUGS4ZANFZSAYJAMRSW233PKRUGS4ZA")
MEMBER = "uye@adana.example"
EDITOR = "editor@adana.example"


def _new_page(browser, width=1366):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="tr-TR", accept_downloads=True
    )
    return context, context.new_page()


def _fits(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_a_member_signs_in_registers_and_sees_the_registration(live_site, browser, screenshots):
    context, page = _new_page(browser, width=360)
    sign_in(page, live_site, MEMBER, DEMO_PASSWORD, None)
    # A member has no back office: they land in their own area, not on "no access".
    assert page.url.endswith("/hesabim/"), page.url
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Hesabım"

    page.goto(live_site + "/adana-buyuksehir/bilgi-santrali-tanitim-toplantisi/")
    page.fill("input[name=full_name]", "Demo Üye")
    page.fill("input[name=email]", MEMBER)
    page.check("input[name=consent]")
    page.get_by_role("button", name="Kayıt ol").click()
    page.wait_for_load_state()

    page.locator(".menu-button").click()  # 360 px: the navigation is behind the menu button
    page.get_by_role("link", name="Hesabım").first.click()
    page.wait_for_load_state()
    registrations = page.locator("main")
    assert "Bilgi Santrali tanıtım toplantısı" in registrations.inner_text()
    assert _fits(page)
    page.screenshot(path=str(screenshots / "journey-member-account-360.png"), full_page=True)
    context.close()


def test_a_treasurer_takes_an_expense_from_request_to_payment(live_site, browser, screenshots):
    context, page = _new_page(browser)
    sign_in(page, live_site, TREASURER[0], DEMO_PASSWORD, TREASURER[1])
    page.goto(live_site + "/admin/butce/")  # one council: straight to this year's budget
    # The editor's request for a sign-language interpreter (demo), still "requested".
    page.get_by_role("link", name=re.compile("Engelliler Meclisi işaret dili")).first.click()
    page.wait_for_load_state()
    steps = page.locator("ol.expenditure-steps")
    assert steps.locator("[aria-current=step]").inner_text().startswith("2")

    page.get_by_role("button", name="Onayla").click()
    page.wait_for_load_state()
    assert "3" in steps.locator("[aria-current=step]").inner_text()

    commit = page.locator("form:has(input[name=action][value=commit])")
    # The amount comes filled in from the request; the treasurer adds the supplier and contract.
    assert commit.locator("input[name=commit-amount]").input_value() == "9000.00"
    commit.get_by_label("Tedarikçi:", exact=True).fill("Demo Turizm Ltd.")
    commit.get_by_label("Sözleşme / sipariş no").fill("SZL-2026/41")
    commit.get_by_role("button", name="Taahhüt et").click()
    page.wait_for_load_state()
    assert "4" in steps.locator("[aria-current=step]").inner_text()

    pay = page.locator("form:has(input[name=action][value=pay])")
    pay.locator("input[name=pay-payment_order_no]").fill("ÖEB-2026/118")
    pay.get_by_role("button", name="Öde").click()
    page.wait_for_load_state()
    assert steps.locator("[aria-current=step]").count() == 0
    facts = page.locator("dl.expenditure-facts").inner_text()
    assert "Ödendi" in facts and "ÖEB-2026/118" in facts, facts
    history = page.locator("table.listing").first.inner_text()
    assert "9.000,00 TL" in history
    page.screenshot(path=str(screenshots / "journey-treasurer-expense-paid.png"), full_page=True)
    context.close()
