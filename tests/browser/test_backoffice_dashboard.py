"""The back-office dashboard of two demo personas at 1 366 and 360 px: the task panels are
there, the page does not scroll sideways; screenshots in var/screenshots/."""

import base64
import hashlib
import hmac
import struct
import time

import pytest

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


_used_windows: set[int] = set()


def _totp(secret: str) -> str:
    """RFC 6238 with the defaults allauth uses (SHA-1, 30 s, 6 digits). allauth takes a code
    once: a second sign-in in the same 30 s window waits for the next one."""
    while (window := int(time.time()) // 30) in _used_windows:
        time.sleep(1)
    _used_windows.add(window)
    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", window), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def _sign_in(page, live_site, email, secret):
    page.goto(f"{live_site}/accounts/login/?next=/admin/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.locator("#id_password").press("Enter")
    if secret:
        page.wait_for_selector("input[name=code]")
        page.fill("input[name=code]", _totp(secret))
        page.locator("input[name=code]").press("Enter")
    page.wait_for_url(f"{live_site}/admin/")


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
