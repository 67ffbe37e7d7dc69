"""The referral letter (kurum yazısı) that sends a recommendation to the municipal assembly.

Reuses the partners app's official-letter machinery: its layout (template and CSS, after the
Resmî Yazışmalarda Uygulanacak Usul ve Esaslar Hakkında Yönetmelik), the council's
letterhead and signatory, and the dative addressee line. The number comes from the
referrals' own series (services.journey.next_referral_number).
"""

from django.template.loader import render_to_string

from santral.core.text import turkish_upper
from santral.partners.letters import LETTER_CSS, format_date, turkish_dative
from santral.partners.models import CouncilLetterhead

from .models import Recommendation
from .services.journey import council_settings


def assembly_addressee(council) -> str:
    """The assembly's president, e.g. "ADANA BÜYÜKŞEHİR BELEDİYE BAŞKANLIĞINA"."""
    chosen = council_settings(council).assembly_addressee.strip()
    if not chosen:
        place = council.district.name if council.district_id else council.province.name
        metropolitan = " Büyükşehir" if council.kind == "buyuksehir" else ""
        chosen = f"{place}{metropolitan} Belediye Başkanlığı"
    return turkish_upper(turkish_dative(chosen))


def referral_letter_context(r: Recommendation) -> dict:
    letterhead = CouncilLetterhead.objects.filter(council=r.council).first()
    paragraphs = [
        (
            f"Kent konseyimizin {r.body.name} {format_date(r.decided_on)} tarihli toplantısında "
            f"aldığı aşağıdaki tavsiye kararı, 5393 sayılı Belediye Kanunu’nun 76. maddesi "
            f"gereğince belediye meclisinin ilk toplantısının gündemine alınmak üzere ekte "
            f"sunulmuştur."
        ),
        f"{r.title}: {r.text}",
        f"İlgili birim: {r.addressed_unit}.",
        "Bilgilerinize arz ederim.",
    ]
    return {
        "heading": letterhead.heading_lines if letterhead else [turkish_upper(r.council.name)],
        "reference": r.letter_reference or "TASLAK",
        "is_draft": not r.letter_reference,
        "date": format_date(r.referred_on),
        "subject": f"Kent konseyi tavsiye kararı ({r.body.name})",
        "addressee": assembly_addressee(r.council),
        "references": [],
        "paragraphs": paragraphs,
        "signatory_name": letterhead.signatory_name if letterhead else "",
        "signatory_title": letterhead.signatory_title if letterhead else "",
        "attachments": [f"{r.body.name} kararı"],
        "distribution": [],
    }


def render_referral_pdf(r: Recommendation) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("partners/letter.html", referral_letter_context(r))
    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(LETTER_CSS))])
