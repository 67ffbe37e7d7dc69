"""Official letters (kurum yazısı): the addressee line and the PDF.

Layout follows the Resmî Yazışmalarda Uygulanacak Usul ve Esaslar Hakkında
Yönetmelik (2020): heading centred; Sayı and Tarih on one line; Konu; the
addressee centred in capitals with the dative suffix; İlgi; body; signature
block; Ek; Dağıtım.
"""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from santral.core.text import turkish_lower, turkish_upper

from .models import CouncilLetterhead, SupportRequest

LETTER_CSS = Path(__file__).resolve().parent / "pdf" / "letter.css"
_BACK_VOWELS = "aıou"
_FRONT_VOWELS = "eiöü"
_VOWELS = _BACK_VOWELS + _FRONT_VOWELS + "âîû"


def turkish_dative(name: str) -> str:
    """The name with the Turkish dative suffix (-a/-e), as an addressee line needs it.

    Institution names end in a possessive (Başkanlığı, Müdürlüğü, Derneği), which
    takes a buffer "n": Başkanlığı → Başkanlığına. Other vowel endings take "y"
    (Adana → Adanaya), consonant endings take the vowel alone (Kızılay → Kızılaya).
    Vowel harmony follows the last vowel. Keeps the case of the input's last letter.
    """
    stripped = name.rstrip()
    if not stripped:
        return name
    lower = turkish_lower(stripped)
    last_vowel = next((ch for ch in reversed(lower) if ch in _VOWELS), "a")
    vowel = "a" if last_vowel in _BACK_VOWELS + "âû" else "e"
    last = lower[-1]
    if last in "ıiuü":
        suffix = "n" + vowel
    elif last in _VOWELS:
        suffix = "y" + vowel
    else:
        suffix = vowel
    if stripped[-1].isupper():
        suffix = turkish_upper(suffix)
    return stripped + suffix


def addressee_line(support_request: SupportRequest) -> str:
    """The centred addressee line: the override if given, else NAME + dative, in capitals."""
    if support_request.addressee_line.strip():
        return turkish_upper(support_request.addressee_line.strip())
    return turkish_upper(turkish_dative(support_request.organisation.name))


def format_date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def letter_context(support_request: SupportRequest) -> dict:
    council = support_request.council
    letterhead = CouncilLetterhead.objects.filter(council=council).first()
    heading = letterhead.heading_lines if letterhead else [turkish_upper(council.name)]
    letter_date = support_request.letter_date or timezone.localdate()
    references = [
        f"{chr(ord('a') + index)}) {line}"
        for index, line in enumerate(_lines(support_request.references))
    ]
    signatory_name = support_request.signatory_name or (
        letterhead.signatory_name if letterhead else ""
    )
    signatory_title = support_request.signatory_title or (
        letterhead.signatory_title if letterhead else ""
    )
    return {
        "heading": heading,
        "reference": support_request.reference or "TASLAK",
        "is_draft": support_request.is_draft,
        "date": format_date(letter_date),
        "subject": support_request.subject,
        "addressee": addressee_line(support_request),
        "references": references,
        "paragraphs": [p.strip() for p in support_request.text.split("\n\n") if p.strip()],
        "signatory_name": signatory_name,
        "signatory_title": signatory_title,
        "attachments": _lines(support_request.attachments),
        "distribution": _lines(support_request.distribution),
    }


def render_letter_pdf(support_request: SupportRequest) -> bytes:
    """The letter as PDF bytes (A4). A draft carries "TASLAK" instead of a number."""
    from weasyprint import CSS, HTML

    html = render_to_string("partners/letter.html", letter_context(support_request))
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(LETTER_CSS))])
