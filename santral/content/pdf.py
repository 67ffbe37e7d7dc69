"""PDFs the project makes itself (demo publication, test fixtures) with fpdf2.

Turkish letters need a Unicode font: DejaVu Sans from Debian's fonts-dejavu when
present; otherwise the text is folded to ASCII so the PDF is still valid.
"""

from pathlib import Path

from santral.core.text import to_ascii

UNICODE_FONTS = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
]


def simple_pdf(title: str, paragraphs: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_creator("Santral")
    font = next((path for path in UNICODE_FONTS if path.exists()), None)
    if font is not None:
        pdf.add_font("santral", "", str(font))
        family = "santral"

        def fold(text: str) -> str:
            return text
    else:
        family = "Helvetica"
        fold = to_ascii
    pdf.add_page()
    pdf.set_font(family, size=18)
    pdf.multi_cell(0, 10, fold(title))
    pdf.ln(4)
    pdf.set_font(family, size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, fold(paragraph))
        pdf.ln(3)
    return bytes(pdf.output())
