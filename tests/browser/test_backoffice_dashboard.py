"""The back-office dashboard of two demo personas at 1 366 and 360 px: the task panels are
there, the page does not scroll sideways; screenshots in var/screenshots/."""

import pytest

from tests.browser.audit import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "santral-demo-2026"
PERSONAS = {
    # e-mail, TOTP secret (santral/councils/demo.py), panels they must see
    "editor": ("editor@adana.example", None, ["santral-events-with-gap"]),
    "treasurer": (
        "mali@adana.example",
        "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
        ["santral-expenditures-to-approve", "santral-expenditures-to-pay"],
    ),
}


def _sign_in(page, live_site, email, secret):
    # audit.sign_in takes each TOTP code once for the whole run (allauth refuses a replay).
    sign_in(page, live_site, email, PASSWORD, secret)
    page.goto(f"{live_site}/admin/")


@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_dashboard_panels_fit_at_1366_and_360(browser, live_site, screenshots, persona):
    email, secret, panels = PERSONAS[persona]
    for width in (1366, 360):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="tr-TR")
        page = context.new_page()
        try:
            _sign_in(page, live_site, email, secret)
            for name in panels:
                assert page.locator(f"#{name}-section").is_visible()
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            page.screenshot(
                path=str(screenshots / f"dashboard-{persona}-{width}.png"), full_page=True
            )
            assert overflow <= 0, f"{persona} at {width}px scrolls sideways by {overflow}px"
        finally:
            context.close()
