"""Server-rendered, accessible SVG charts: no JavaScript, no style attributes.

Each chart has a <title> and <desc>, and the page shows the same figures in a table beside
it. Colours come from SVG presentation attributes and CSS classes, so the strict CSP holds
and WeasyPrint draws them in the PDF too.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import ZERO
from .templatetags.budget_tags import tl

PALETTE = ["#1b5e8c", "#2e7d32", "#8e4b10", "#6a1b9a", "#ad1457", "#00695c", "#5d4037", "#37474f"]


def treemap_svg(
    items: list[tuple[str, str, Decimal]], *, title: str, width: int = 640, height: int = 240
) -> SafeString:
    """A one-level slice treemap: one rectangle per (key, label, value), width ∝ value."""
    values = [(key, label, value) for key, label, value in items if value > ZERO]
    total = sum((value for _k, _l, value in values), ZERO)
    parts = [
        f'<svg class="chart chart-treemap" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="tm-title tm-desc">',
        f'<title id="tm-title">{escape(title)}</title>',
        f'<desc id="tm-desc">{escape(_("Ayrıntılı rakamlar yandaki tabloda."))}</desc>',
    ]
    if total <= ZERO:
        parts.append(
            f'<text x="10" y="30" class="chart-label">{escape(_("Gösterilecek tutar yok."))}</text>'
        )
    x = Decimal(0)
    for index, (key, label, value) in enumerate(values):
        w = (value / total) * width
        colour = PALETTE[index % len(PALETTE)]
        parts.append(
            f"<g><title>{escape(key)} {escape(label)}: {escape(tl(value))} TL</title>"
            f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="2"/>'
        )
        if w > 60:
            parts.append(
                f'<text x="{x + 6:.2f}" y="22" fill="#ffffff" class="chart-label">'
                f"{escape(key)}</text>"
                f'<text x="{x + 6:.2f}" y="42" fill="#ffffff" class="chart-label">'
                f"{escape(tl(value))}</text>"
            )
        parts.append("</g>")
        x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))


def burndown_svg(
    points: list[tuple[str, Decimal]], *, title: str, width: int = 640, height: int = 240
) -> SafeString:
    """Remaining appropriation at each month's end, as a line with labelled points."""
    pad_x, pad_y = 60, 24
    top = max([value for _m, value in points] + [ZERO])
    bottom = min([value for _m, value in points] + [ZERO])
    span = (top - bottom) or Decimal(1)
    step = Decimal(width - 2 * pad_x) / max(len(points) - 1, 1)
    parts = [
        f'<svg class="chart chart-burndown" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="bd-title bd-desc">',
        f'<title id="bd-title">{escape(title)}</title>',
        f'<desc id="bd-desc">{escape(_("Ay sonlarında kalan ödenek; rakamlar yandaki tabloda."))}'
        "</desc>",
        f'<line x1="{pad_x}" y1="{height - pad_y}" x2="{width - pad_x}" y2="{height - pad_y}" '
        'stroke="#555555" stroke-width="1"/>',
    ]
    coords = []
    for index, (month, value) in enumerate(points):
        # Coordinates stay Decimal like the amounts; the SVG gets them to one decimal place.
        cx = pad_x + index * step
        cy = pad_y + (top - value) / span * (height - 2 * pad_y)
        coords.append((cx, cy, month, value))
    if coords:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy, _m, _v in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1b5e8c" stroke-width="3"/>')
    for cx, cy, month, value in coords:
        parts.append(
            f"<g><title>{escape(month)}: {escape(tl(value))} TL</title>"
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#1b5e8c"/>'
            f'<text x="{cx:.1f}" y="{height - 6}" text-anchor="middle" class="chart-axis" '
            f'fill="#333333">{escape(month[:3])}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def burndown_points(report) -> list[tuple[str, Decimal]]:
    """Cumulative remaining (revised − committed − paid) after each month with entries."""
    running = ZERO
    points = []
    for group in report.by_month:
        running += group.figures.revised - group.figures.committed - group.figures.paid
        points.append((group.label, running))
    return points
