"""What every browser test checks on a page, in one place (issue 19).

`audit_page` opens a URL and reports, as readable strings, every problem a reader would meet:
a status other than 200, the wrong `lang`/`dir`, a page wider than the window (sideways
scroll), a serious or critical axe-core finding, and — on English and Arabic pages — Turkish
interface text: a text node equal to one of our Turkish source strings (from the compiled
catalogue, so every string we ship is covered), a Turkish month or day name, or a Turkish
quarter label ("2026 Ç1"). User content (a Turkish news title, a council's name) is not
interface text: it is skipped when it sits inside an element whose `lang` is not the page's.

Signing in with the second factor computes the TOTP code from the demo secret (RFC 6238).
"""

from __future__ import annotations

import base64
import gettext
import hashlib
import hmac
import re
import struct
import time
from functools import cache
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ROOT = Path(__file__).resolve().parents[2]
BLOCKING = {"serious", "critical"}
LANGUAGE_PREFIX = {"tr": "", "en": "/en", "ar": "/ar"}
WIDTHS = (1366, 360)

TURKISH_CALENDAR_WORDS = {
    *"Ocak Şubat Mart Nisan Mayıs Haziran Temmuz Ağustos Eylül Ekim Kasım Aralık".split(),
    *"Pazartesi Salı Çarşamba Perşembe Cuma Cumartesi Pazar".split(),
}
QUARTER = re.compile(r"\b\d{4} Ç[1-4]\b")

# Text nodes written in the page's language: skip scripts, styles and anything inside an
# element that declares another language (user content keeps its own lang).
_TEXT_NODES = """
(pageLang) => {
  const AUTONYMS = new Set(['Türkçe', 'English', 'العربية']);
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript, template')) continue;
    // A language is named in its own language ("Türkçe", "العربية"), as W3C advises.
    if (parent.closest('select[name*="language"]')) continue;
    if (AUTONYMS.has(node.textContent.trim())) continue;
    const owner = parent.closest('[lang]');
    if (owner && owner.getAttribute('lang').split('-')[0] !== pageLang) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) texts.push(text);
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    const owner = element.closest('[lang]');
    if (owner && owner.getAttribute('lang').split('-')[0] !== pageLang) continue;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = (element.getAttribute(name) || '').trim();
      if (value) texts.push(value);
    }
  }
  return texts;
}
"""


@cache
def turkish_interface_strings(language: str) -> frozenset[str]:
    """Our Turkish source strings whose translation into `language` differs from them."""
    catalogue = ROOT / "locale" / language / "LC_MESSAGES" / "django.mo"
    with catalogue.open("rb") as handle:
        messages = gettext.GNUTranslations(handle)._catalog
    found = set()
    for msgid, msgstr in messages.items():
        if isinstance(msgid, tuple):  # plural forms: (msgid, index)
            msgid = msgid[0]
        if not msgid or not isinstance(msgstr, str) or msgstr == msgid:
            continue
        text = " ".join(msgid.split())
        # Only whole interface phrases: placeholders and one-letter words say nothing.
        if len(text) >= 3 and "%" not in text and "{" not in text:
            found.add(text)
    return frozenset(found)


def turkish_text_on(page, language: str) -> list[str]:
    if language == "tr":
        return []
    interface = turkish_interface_strings(language)
    problems = []
    for text in page.evaluate(_TEXT_NODES, language):
        words = set(re.findall(r"\w+", text))
        if text in interface or words & TURKISH_CALENDAR_WORDS or QUARTER.search(text):
            problems.append(text[:80])
    return sorted(set(problems))


def overflow_of(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


# axe-core's own script, injected once per loaded page (a second run on the same page, at
# another width, reuses it); the run hands back only what the checks read: the violations'
# ids, impacts and first targets and the number of passed rules. Returning axe's whole
# result (every pass and inapplicable rule with its nodes) took half of each run's time.
_AXE_RUN = """
async (options) => {
  const results = await axe.run(document, options);
  return {
    passes: results.passes.length,
    violations: results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      targets: violation.nodes.slice(0, 3).map((node) => node.target),
    })),
  };
}
"""


@cache
def _axe_script() -> str:
    return Axe().axe_script


def axe_problems(page, *, contrast: bool = True) -> list[str]:
    """Serious and critical axe-core findings on the page as it is now, as readable strings."""
    options = {"resultTypes": ["violations"]}
    if not contrast:
        options["rules"] = {"color-contrast": {"enabled": False}}
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_script())
    results = page.evaluate(_AXE_RUN, options)
    if results["passes"] <= 5:
        return ["axe did not run"]
    return [
        f"{violation['id']} ({violation['impact']}) {violation['targets']}"
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def audit_page(
    page,
    url: str,
    language: str,
    label: str,
    screenshots: Path | None,
    *,
    check_turkish: bool = True,
) -> list[str]:
    """Every problem of one page as `label: problem` strings (empty when the page is right)."""
    response = page.goto(url)
    if response is None or response.status != 200:
        return [f"{label}: HTTP {response.status if response else 'none'} {url}"]
    problems = []
    if page.get_attribute("html", "lang") != language:
        problems.append(f"{label}: lang={page.get_attribute('html', 'lang')}")
    expected_dir = "rtl" if language == "ar" else "ltr"
    if page.get_attribute("html", "dir") != expected_dir:
        problems.append(f"{label}: dir={page.get_attribute('html', 'dir')}")
    if (overflow := overflow_of(page)) > 0:
        problems.append(f"{label}: {overflow} px sideways scroll")
    problems += [f"{label}: axe {problem}" for problem in axe_problems(page)]
    if check_turkish:
        problems += [f"{label}: Turkish text {text!r}" for text in turkish_text_on(page, language)]
    if screenshots is not None:
        page.screenshot(path=str(screenshots / f"{label.replace(' ', '-')}.png"))
    return problems


def audit_page_at_widths(
    page, url: str, language: str, label: str, screenshots: Path | None
) -> list[str]:
    """`audit_page` at every width of WIDTHS with one page load: the page is opened at the
    first width, then the window is narrowed and what depends on the width (sideways
    scroll, axe-core, the screenshot) is checked again, as a reader turning a tablet would."""
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    problems = audit_page(page, url, language, f"{label} {WIDTHS[0]}", screenshots)
    if problems and "HTTP" in problems[0]:
        return problems
    for width in WIDTHS[1:]:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(50)  # let the layout settle after the resize
        narrow = f"{label} {width}"
        if (overflow := overflow_of(page)) > 0:
            problems.append(f"{narrow}: {overflow} px sideways scroll")
        # Colours do not change with the width (contrast, half of axe's time, was checked
        # at the first width); the layout's rules are checked again.
        problems += [f"{narrow}: axe {problem}" for problem in axe_problems(page, contrast=False)]
        if screenshots is not None:
            page.screenshot(path=str(screenshots / f"{narrow.replace(' ', '-')}.png"))
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    return problems


def watch_csp(page) -> list[str]:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return errors


def totp_code(secret: str, at: float | None = None) -> str:
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = struct.pack(">Q", int((time.time() if at is None else at) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


# A code is accepted once (allauth refuses a replay): a second sign-in of the same person
# within one 30-second step waits for the next code.
_LAST_CODE: dict[str, tuple[int, str]] = {}


def fresh_totp_code(secret: str) -> str:
    step = int(time.time() // 30)
    if _LAST_CODE.get(secret, (None,))[0] == step:
        time.sleep(30 - time.time() % 30 + 0.5)
        step = int(time.time() // 30)
    code = totp_code(secret)
    _LAST_CODE[secret] = (step, code)
    return code


def sign_in(page, live_site: str, email: str, password: str, totp_secret: str | None) -> None:
    """Sign in through allauth as a person would (password, then the TOTP code if asked)."""
    page.goto(live_site + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state()
    if page.locator("input[name=code]").count():
        if totp_secret is None:
            raise AssertionError(f"{email} was asked for a TOTP code but has no secret")
        page.fill("input[name=code]", fresh_totp_code(totp_secret))
        page.locator("form:has(input[name=code]) button[type=submit]").first.click()
        page.wait_for_load_state()


# Links on a back-office screen that lead to another screen of the same kind as one already
# visited (the tenth edit form of a list) are visited once, by their shape (digits → N);
# links that start an action rather than show a screen are not followed.
_ACTION_LINK = re.compile(
    r"/(delete|unpublish|move|copy|bulk|lock|unlock|revert|cancel|logout|preview|"
    r"history|usage|multiple|select_type|export|csv|xlsx|pdf|indir)(/|$|\?)|\.(csv|xlsx|pdf|ics)$"
)
_MENU_URLS = """
() => {
  const props = document.getElementById('wagtail-sidebar-props');
  if (!props) return [];
  const urls = [];
  const walk = (node) => {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (node && typeof node === 'object') {
      if (typeof node.url === 'string') urls.push(node.url);
      Object.values(node).forEach(walk);
    }
  };
  walk(JSON.parse(props.textContent));
  return urls;
}
"""
_SCREEN_LINKS = """
() => [...document.querySelectorAll('main a[href^="/admin/"]')]
  .map((a) => a.getAttribute('href').split('#')[0].split('?')[0])
"""


def screen_shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def back_office_menu(page) -> list[str]:
    """Every screen the signed-in person's back-office menu offers (Wagtail's sidebar data)."""
    return [
        url
        for url in dict.fromkeys(page.evaluate(_MENU_URLS))
        if url.startswith("/admin/") and not _ACTION_LINK.search(url)
    ]


def screen_links(page) -> list[str]:
    """Screens one step deeper (an add form, an edit form, a detail page) from this one."""
    return [
        url for url in dict.fromkeys(page.evaluate(_SCREEN_LINKS)) if not _ACTION_LINK.search(url)
    ]
