"""Every public page type and every back-office screen of each demo persona, in tr, en and
ar, at 1 366 and 360 px (issue 19): HTTP 200, the right lang/dir, no sideways scroll, no
serious or critical axe-core finding, no Turkish interface text on English and Arabic pages,
no CSP error. Screenshots land in var/screenshots/every-page/ (linked from docs/design.md).

The checks themselves live in tests/browser/audit.py, shared by the other browser tests.
"""

import os

import pytest

from tests.browser.audit import (
    LANGUAGE_PREFIX,
    WIDTHS,
    audit_page_at_widths,
    back_office_menu,
    screen_links,
    screen_shape,
    sign_in,
    watch_csp,
)

# The public pages run in the SQLite round beside the other browser tests; the back-office
# sweep (marker `sweep`) runs in the PostgreSQL round, so the two rounds take similar time.
pytestmark = [pytest.mark.browser]

COUNCIL = "/adana-buyuksehir"
PUBLIC_PAGES = {
    "home": "/",
    "directory": "/konseyler/",
    "council": f"{COUNCIL}/",
    "body": f"{COUNCIL}/kurullar/genclik-meclisi/",
    "founding-text": f"{COUNCIL}/destek-ve-kaynak-calisma-grubu-kurulus-metni/",
    "news-list": f"{COUNCIL}/haberler/",
    "news": f"{COUNCIL}/bilgi-santrali-yayinda/",
    "documents": f"{COUNCIL}/belgeler/",
    "document": f"{COUNCIL}/yurutme-kurulu-karari-2026-12/",
    "publications": f"{COUNCIL}/yayinlar/",
    "publication": f"{COUNCIL}/kent-konseyleri-icin-kaynak-rehberi/",
    "events": f"{COUNCIL}/etkinlikler/",
    "event": f"{COUNCIL}/bilgi-santrali-tanitim-toplantisi/",
    "calendar": f"{COUNCIL}/etkinlikler/takvim/",
    "hub-news": "/haberler/",
    "hub-documents": "/belgeler/",
    "hub-publications": "/yayinlar/",
    "hub-calendar": "/etkinlikler/takvim/",
    "hub-events": "/etkinlikler/",
    "shared": "/paylasilanlar/",
    "search": "/arama/?q=destek",
    "budget": f"{COUNCIL}/butce/2026/",
    "representation": f"{COUNCIL}/temsil/",
    "newsletter": f"{COUNCIL}/bulten/",
    "projects": f"{COUNCIL}/projeler/",
    "project": f"{COUNCIL}/projeler/genclik-festivali-2026/",
    "stakeholders": "/paydaslar/",
    "stakeholder": "/paydaslar/adana-grafik-tasarimcilar-dernegi/",
    "open-data": "/acik-veri/",
    "council-open-data": f"{COUNCIL}/acik-veri/",
    "dataset": f"{COUNCIL}/acik-veri/butce-raporu-2026/",
    "privacy-notice": f"{COUNCIL}/aydinlatma-metni/",
    "contact": f"{COUNCIL}/iletisim/",
    "accessibility": "/erisilebilirlik/",
    "decisions": f"{COUNCIL}/kararlar/",
    "recommendation": f"{COUNCIL}/kararlar/1/",
    "hub-decisions": "/kararlar/",
    "platform-privacy-notice": "/gizlilik/",
}

DEMO_PASSWORD = "santral-demo-2026"
# persona → (e-mail, TOTP secret of the demo account or None, screens outside the back office).
# The back-office screens are found, not listed: every entry of the person's own menu
# (Wagtail's sidebar data) and, one step deeper, the first screen of each kind its pages link
# to (an add form, an edit form, a detail or step page: tests/browser/audit.py).
PERSONAS = {
    "platform-admin": ("platform@santral.example", "JBSWY3DPEHPK3PXPJBSWY3DP", []),
    "council-admin": ("yonetici@adana.example", "KRUGS4ZANFZSAYJAMRSW233PKRUGS4ZA", []),
    "editor": ("editor@adana.example", None, ["/hesabim/"]),
    "treasurer": ("mali@adana.example", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U", []),
    "member": ("uye@adana.example", None, ["/hesabim/", "/hesabim/verilerim/"]),
}
# Screens of a kind (digits → N) one persona's run has audited, per language: the same
# screen seen by a later persona (same template, other records) is not audited again.
# The personas run from the most to the least privileged, so each later one adds only the
# screens its role shows differently (a council admin's own communication pages).
_AUDITED: dict[str, set[str]] = {}


@pytest.mark.parametrize("language", LANGUAGE_PREFIX)
def test_every_public_page_type(live_site, browser, screenshots, language):
    folder = screenshots / "every-page"
    folder.mkdir(exist_ok=True)
    problems: list[str] = []
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale=language)
    page = context.new_page()
    csp_errors = watch_csp(page)
    for name, path in PUBLIC_PAGES.items():
        url = live_site + LANGUAGE_PREFIX[language] + path
        # One load per page, checked at 1 366 px and again narrowed to 360 px.
        problems += audit_page_at_widths(page, url, language, f"{name} {language}", folder)
    problems += [f"CSP {language}: {error}" for error in csp_errors]
    context.close()
    assert problems == [], "\n".join(problems)


def _choose_back_office_language(page, live_site: str, language: str) -> None:
    """Staff pick the back office's language in their account settings (Wagtail's own
    choice, kept per person), not through the browser: set it as they would."""
    page.goto(live_site + "/admin/account/")
    page.select_option("select[name=locale-preferred_language]", language)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def _deeper_screens_wanted(language: str) -> bool:
    """The screens one step deeper (forms, detail and step pages) are audited with
    SANTRAL_SWEEP=full (in Turkish only with SANTRAL_SWEEP=tr); `make test` audits every
    menu screen, to stay within 15 minutes on two cores (docs/design.md: the figures)."""
    sweep = os.environ.get("SANTRAL_SWEEP")
    return sweep == "full" or (sweep == "tr" and language == "tr")


def _back_office_screens(page, live_site: str) -> tuple[list[str], list[str]]:
    """The person's menu and, when a deeper sweep is asked for, one screen of each kind
    its pages link to, one step deeper."""
    page.goto(live_site + "/admin/")
    items = back_office_menu(page)
    # A member without back-office rights has no menu: their screens are their own area's.
    menu = ["/admin/", *items] if items else []
    if not any(_deeper_screens_wanted(language) for language in LANGUAGE_PREFIX):
        return menu, []
    shapes = {screen_shape(path) for path in menu}
    deeper = []
    for path in menu:
        page.goto(live_site + path)
        for link in screen_links(page):
            if screen_shape(link) not in shapes:
                shapes.add(screen_shape(link))
                deeper.append(link)
    return menu, deeper


@pytest.mark.sweep
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_back_office_screen_of_each_persona(live_site, browser, screenshots, persona):
    email, secret, own_screens = PERSONAS[persona]
    folder = screenshots / "every-page"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    csp_errors = watch_csp(page)
    sign_in(page, live_site, email, DEMO_PASSWORD, secret)
    menu, deeper = _back_office_screens(page, live_site)
    problems: list[str] = []
    for language in LANGUAGE_PREFIX:
        audited = _AUDITED.setdefault(language, set())
        screens = [*menu, *own_screens]
        if _deeper_screens_wanted(language):
            screens += deeper
        todo = [path for path in screens if screen_shape(path) not in audited]
        if any(path.startswith("/admin/") for path in todo):
            _choose_back_office_language(page, live_site, language)
        for path in todo:
            audited.add(screen_shape(path))
            prefix = "" if path.startswith("/admin/") else LANGUAGE_PREFIX[language]
            label = f"{persona} {path.strip('/').replace('/', '-')} {language}"
            problems += audit_page_at_widths(
                page, live_site + prefix + path, language, label, folder
            )
    if menu:
        _choose_back_office_language(page, live_site, "tr")
    problems += [f"CSP {persona}: {error}" for error in csp_errors]
    context.close()
    assert problems == [], "\n".join(problems)
