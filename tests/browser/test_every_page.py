"""Every public page type and every back-office screen of each demo persona, in tr, en and
ar, at 1 366 and 360 px (issue 19): HTTP 200, the right lang/dir, no sideways scroll, no
serious or critical axe-core finding, no Turkish interface text on English and Arabic pages,
no CSP error. Screenshots land in var/screenshots/every-page/ (linked from docs/design.md).

The checks themselves live in tests/browser/audit.py, shared by the other browser tests.
"""

import pytest

from tests.browser.audit import LANGUAGE_PREFIX, WIDTHS, audit_page, sign_in, watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.sweep]

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
}

DEMO_PASSWORD = "santral-demo-2026"
# persona → (e-mail, TOTP secret of the demo account or None, back-office screens)
PERSONAS = {
    "platform-admin": (
        "platform@santral.example",
        "JBSWY3DPEHPK3PXPJBSWY3DP",
        ["/admin/", "/admin/pages/", "/admin/kaynaklar/", "/admin/api-anahtarlari/"],
    ),
    "council-admin": (
        "yonetici@adana.example",
        "KRUGS4ZANFZSAYJAMRSW233PKRUGS4ZA",
        [
            "/admin/",
            "/admin/uyelikler/",
            "/admin/denetim/",
            "/admin/iletisim/",
            "/admin/kaynak-plani/",
            "/admin/ortaklik-panosu/",
            "/admin/icerik/onay/",
        ],
    ),
    "editor": (
        "editor@adana.example",
        None,
        ["/admin/", "/admin/pages/", "/admin/icerik/paylasilanlar/", "/hesabim/"],
    ),
    "treasurer": (
        "mali@adana.example",
        "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U",
        ["/admin/", "/admin/butce/"],
    ),
    "member": ("uye@adana.example", None, ["/hesabim/"]),
}


@pytest.mark.parametrize("language", LANGUAGE_PREFIX)
def test_every_public_page_type(live_site, browser, screenshots, language):
    folder = screenshots / "every-page"
    folder.mkdir(exist_ok=True)
    problems: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900}, locale=language)
        page = context.new_page()
        csp_errors = watch_csp(page)
        for name, path in PUBLIC_PAGES.items():
            url = live_site + LANGUAGE_PREFIX[language] + path
            problems += audit_page(page, url, language, f"{name} {language} {width}", folder)
        problems += [f"CSP {language} {width}: {error}" for error in csp_errors]
        context.close()
    assert problems == [], "\n".join(problems)


def _choose_back_office_language(page, live_site: str, language: str) -> None:
    """Staff pick the back office's language in their account settings (Wagtail's own
    choice, kept per person), not through the browser: set it as they would."""
    page.goto(live_site + "/admin/account/")
    page.select_option("select[name=locale-preferred_language]", language)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_back_office_screen_of_each_persona(live_site, browser, screenshots, persona):
    email, secret, screens = PERSONAS[persona]
    folder = screenshots / "every-page"
    folder.mkdir(exist_ok=True)
    problems: list[str] = []
    for language in LANGUAGE_PREFIX:
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
        page = context.new_page()
        sign_in(page, live_site, email, DEMO_PASSWORD, secret)
        if any(path.startswith("/admin/") for path in screens):
            _choose_back_office_language(page, live_site, language)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in screens:
                back_office = path.startswith("/admin/")
                prefix = "" if back_office else LANGUAGE_PREFIX[language]
                label = f"{persona} {path.strip('/').replace('/', '-')} {language} {width}"
                problems += audit_page(page, live_site + prefix + path, language, label, folder)
        if any(path.startswith("/admin/") for path in screens):
            _choose_back_office_language(page, live_site, "tr")
        context.close()
    assert problems == [], "\n".join(problems)
