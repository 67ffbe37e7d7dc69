"""The persona journeys of issue 19, each as a person does it in the browser, on the demo data.

A citizen goes from the home page to a council, its budget and its next event, adds the
event to a calendar and signs up for the newsletter; a member signs in and sees their
registration; an editor submits and an admin publishes; a coordinator sends a newsletter test
to themselves. The treasurer's journey (an expense from request to payment in the step view,
one form per step, fitting 1 366 and 360 px) is tests/browser/test_expense_steps.py.

The journeys change the demo data (a registration, a payment, a subscription); each one
uses records no other browser test reads. Mail is written to files by the live site
(EMAIL_URL=file://…) and `run_tasks` runs its queued tasks as the worker would.
"""

import email
import email.policy
import re
from urllib.parse import urlsplit

import pytest

from tests.browser.audit import sign_in

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "santral-demo-2026"
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


def test_a_citizen_finds_the_budget_and_the_next_event_and_subscribes(
    live_site, browser, screenshots, run_tasks
):
    context, page = _new_page(browser, width=360)
    page.goto(live_site + "/")
    page.get_by_role("link", name=re.compile("Adana Büyükşehir Kent Konseyi")).first.click()
    page.wait_for_load_state()
    assert page.url == live_site + "/adana-buyuksehir/"
    council_home = page.url

    # The budget: from the council's front door to its transparency page.
    page.get_by_role("link", name="Bütçe şeffaflık sayfası").click()
    page.wait_for_load_state()
    assert re.search(r"/adana-buyuksehir/butce/\d{4}/$", page.url), page.url
    assert re.search(r"\d{1,3}(\.\d{3})*,\d{2} TL", page.locator("main").inner_text())
    assert _fits(page)
    page.screenshot(path=str(screenshots / "journey-citizen-budget-360.png"))

    # The next event, added to a calendar.
    page.goto(council_home)
    next_event = page.locator("section.home-events h3 a").first
    title = next_event.inner_text().strip()
    next_event.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().strip() == title
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Takvime ekle")).click()
    calendar = open(download.value.path(), encoding="utf-8").read()
    assert calendar.count("BEGIN:VEVENT") == 1
    assert f"SUMMARY:{title}" in calendar.replace("\r\n ", "")

    # The newsletter: sign up, then confirm from the e-mail.
    page.goto(council_home)
    page.get_by_role("link", name="Bültene abone olun").click()
    page.wait_for_load_state()
    page.get_by_label("E-posta").first.fill("vatandas@example.org")
    page.locator("fieldset input[type=checkbox]").first.check()
    page.check("input[name=consent]")
    page.get_by_role("button", name="Abone ol").click()
    page.wait_for_load_state()
    mails = [m for m in run_tasks() if "vatandas@example.org" in m]
    assert mails, "no confirmation e-mail was written"
    link = re.search(r"https?://\S+/bulten/onay/\S+/", mails[-1])
    assert link, mails[-1][:800]
    # The mail names the site's configured address; the test server listens elsewhere.
    page.goto(live_site + urlsplit(link.group(0)).path)
    page.get_by_role("button", name="Aboneliğimi onayla").click()  # a GET never confirms
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).count() == 1
    page.screenshot(path=str(screenshots / "journey-citizen-subscribed-360.png"))
    context.close()


def test_an_editor_submits_and_the_council_admin_publishes(live_site, browser, screenshots):
    news_path = "/adana-buyuksehir/genclik-meclisi-iklim-atolyesi/"
    new_title = "Gençlik Meclisi'nden iklim atölyesi: kayıtlar açıldı"

    # The council admin switches on the existing setting: editors submit, admins publish.
    context, page = _new_page(browser)
    sign_in(page, live_site, COUNCIL_ADMIN[0], DEMO_PASSWORD, COUNCIL_ADMIN[1])
    page.goto(live_site + "/admin/icerik/onay/")  # one council: straight to its setting
    page.check("input[name=moderation_required]")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    context.close()

    # The editor changes a news item and submits it; the public page does not change yet.
    context, page = _new_page(browser)
    sign_in(page, live_site, EDITOR, DEMO_PASSWORD, None)
    page.goto(live_site + "/admin/pages/search/?q=iklim")
    page.get_by_role("link", name="Gençlik Meclisi'nden iklim atölyesi").first.click()
    page.wait_for_load_state()
    assert "yönetici onayı gerekir" in page.locator("body").inner_text()
    page.fill("#id_title", new_title)
    page.get_by_role("button", name="Daha fazla eylem").click()
    page.get_by_role("button", name=re.compile("Onaya gönder")).click()
    page.wait_for_load_state()
    assert "kontrol için gönderildi" in page.locator("body").inner_text()
    page.screenshot(path=str(screenshots / "journey-editor-submitted.png"))
    context.close()
    assert new_title not in _public_title(browser, live_site + news_path)

    # The council admin finds it on the dashboard and approves: it is published.
    context, page = _new_page(browser)
    sign_in(page, live_site, COUNCIL_ADMIN[0], DEMO_PASSWORD, COUNCIL_ADMIN[1])
    page.goto(live_site + "/admin/")
    awaiting = page.locator("#santral-pages-to-approve-section, [id*=pages-to-approve]").first
    awaiting.get_by_role("link", name=new_title).first.click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Daha fazla eylem").click()
    page.get_by_role("button", name=re.compile("^Onayla")).first.click()
    page.wait_for_load_state()
    page.screenshot(path=str(screenshots / "journey-admin-approved.png"))
    context.close()
    assert _public_title(browser, live_site + news_path) == new_title


def _messages(text: str) -> list:
    """The e-mails in one file of Django's file backend (separated by a line of dashes)."""
    messages = []
    for part in text.split("\n" + "-" * 79 + "\n"):
        if part.strip():
            message = email.message_from_string(part.strip("\n"), policy=email.policy.default)
            message.raw_text = part  # the 8-bit UTF-8 body as written
            messages.append(message)
    return messages


def _public_title(browser, url: str) -> str:
    context, page = _new_page(browser)
    page.goto(url)
    title = page.get_by_role("heading", level=1).inner_text().strip()
    context.close()
    return title


def test_a_coordinator_previews_a_newsletter_and_sends_a_test_to_themselves(
    live_site, browser, screenshots, run_tasks
):
    subject = "Aralık duyuruları: Bilgi Santrali tanıtımı"
    context, page = _new_page(browser)
    sign_in(page, live_site, COUNCIL_ADMIN[0], DEMO_PASSWORD, COUNCIL_ADMIN[1])
    page.goto(live_site + "/admin/iletisim/")  # one council: straight to its outreach page
    page.get_by_role("link", name="Yeni bülten").click()
    page.wait_for_load_state()
    page.get_by_label("Abonelik konusu (alıcılar)").select_option(label="Duyurular")
    page.get_by_label("E-posta konusu").fill(subject)
    page.get_by_label("Bülten metni").fill("21 Aralık'ta Bilgi Santrali'ni tanıtıyoruz.")
    page.get_by_role("button", name="Kaydet").click()
    page.wait_for_load_state()
    assert "21 Aralık'ta Bilgi Santrali'ni tanıtıyoruz." in page.locator("main").inner_text()

    page.get_by_role("button", name=re.compile("Kendime deneme gönder")).click()
    page.wait_for_load_state()
    page.screenshot(path=str(screenshots / "journey-coordinator-test-sent.png"), full_page=True)
    mails = [
        message
        for text in run_tasks()
        for message in _messages(text)
        if message["To"] == COUNCIL_ADMIN[0] and subject in message["Subject"]
    ]
    assert mails, "no test e-mail reached the coordinator"
    assert mails[-1]["Subject"].strip() == f"[Deneme] {subject}"
    assert "21 Aralık'ta Bilgi Santrali'ni tanıtıyoruz." in mails[-1].raw_text
    # A test leaves the newsletter a draft: nobody else received it.
    assert "Taslak" in page.locator("main").inner_text()
    context.close()
