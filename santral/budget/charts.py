"""Server-rendered, accessible SVG charts: no JavaScript, no style attributes.

Each chart has a <title> and <desc>, and the page shows the same figures in a table below
it. Colours come from SVG presentation attributes and CSS classes, so the strict CSP holds
and WeasyPrint draws them in the PDF too. Every text is translated and every amount goes
through santral/core/money.py, so a chart reads like the page around it; charts scale with
their viewBox (the stylesheet gives them the width of their column).
"""

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from santral.core.money import format_amount, format_money

from .models import ZERO

PALETTE = ["#1b5e8c", "#2e7d32", "#8e4b10", "#6a1b9a", "#ad1457", "#00695c", "#5d4037", "#37474f"]
LIGHT_TEXT, DARK_TEXT = "#ffffff", "#111111"


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = []
    for index in (1, 3, 5):
        value = int(colour[index : index + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(fill: str) -> str:
    """White or near-black, whichever contrasts more with the tile (WCAG ≥ 4.5:1 for the
    palette; a test checks every colour)."""
    return max((LIGHT_TEXT, DARK_TEXT), key=lambda text: contrast_ratio(text, fill))


def treemap_svg(
    items: list[tuple[str, str, Decimal]], *, title: str, width: int = 480, height: int = 200
) -> SafeString:
    """A one-level slice treemap: one rectangle per (key, label, value), width ∝ value."""
    values = [(key, label, value) for key, label, value in items if value > ZERO]
    total = sum((value for _k, _l, value in values), ZERO)
    parts = [
        f'<svg class="chart chart-treemap" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="tm-title tm-desc">',
        f'<title id="tm-title">{escape(title)}</title>',
        f'<desc id="tm-desc">{escape(_("Ayrıntılı rakamlar grafiğin altındaki tabloda."))}</desc>',
    ]
    if total <= ZERO:
        parts.append(
            f'<text x="10" y="30" class="chart-axis">{escape(_("Gösterilecek tutar yok."))}</text>'
        )
    x = Decimal(0)
    for index, (key, label, value) in enumerate(values):
        w = (value / total) * width
        colour = PALETTE[index % len(PALETTE)]
        ink = text_colour_on(colour)
        parts.append(
            f"<g><title>{escape(key)} {escape(label)}: {escape(format_money(value))}</title>"
            f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" fill="{colour}" '
            f'stroke="#ffffff" stroke-width="2"/>'
        )
        if w > 80:
            # Not the class chart-label: the site's stylesheet paints that with the page's ink.
            parts.append(
                f'<text x="{x + 6:.2f}" y="22" fill="{ink}" class="chart-tile-label">'
                f"{escape(key)}</text>"
                f'<text x="{x + 6:.2f}" y="42" fill="{ink}" class="chart-tile-label">'
                f"{escape(format_amount(value))}</text>"
            )
        parts.append("</g>")
        x += w
    parts.append("</svg>")
    return mark_safe("".join(parts))


def nice_ticks(bottom: Decimal, top: Decimal, *, count: int = 4) -> list[Decimal]:
    """Round axis values (1, 2, 2.5 or 5 × 10ⁿ apart) from ≤ bottom to ≥ top."""
    span = top - bottom
    if span <= 0:
        span = abs(top) or Decimal(1)
    rough = span / count
    magnitude = Decimal(10) ** (rough.adjusted())
    step = next(
        factor * magnitude
        for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if factor * magnitude >= rough
    )
    first = (bottom / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [first]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    if len(ticks) == 1:
        ticks.append(first + step)
    return ticks


def burndown_svg(
    points: list[tuple[str, Decimal]],
    *,
    title: str,
    ticks: list[str] | None = None,
    width: int = 480,
    height: int = 260,
) -> SafeString:
    """Remaining appropriation at each month's end: a line over a y-axis of amounts (TL).

    `ticks` are the short x-axis labels (one per point; default: the point's label).
    """
    pad_left, pad_right, pad_y = 88, 24, 24
    values = [value for _m, value in points]
    axis = nice_ticks(min([*values, ZERO]), max([*values, ZERO]))
    bottom, top = axis[0], axis[-1]
    span = (top - bottom) or Decimal(1)
    step = Decimal(width - pad_left - pad_right) / max(len(points) - 1, 1)
    plot_bottom = height - pad_y

    def y_of(value: Decimal) -> Decimal:
        return pad_y + (top - value) / span * (plot_bottom - pad_y)

    parts = [
        f'<svg class="chart chart-burndown" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'preserveAspectRatio="xMinYMin meet" aria-labelledby="bd-title bd-desc">',
        f'<title id="bd-title">{escape(title)}</title>',
        f'<desc id="bd-desc">'
        f"{escape(_('Ay sonlarında kalan ödenek (TL); rakamlar grafiğin altındaki tabloda.'))}"
        "</desc>",
        f'<text x="4" y="12" class="chart-axis" fill="#333333">{escape(_("TL"))}</text>',
    ]
    for value in axis:
        y = y_of(value)
        parts.append(
            f'<line x1="{pad_left}" y1="{y:.1f}" x2="{width - pad_right}" y2="{y:.1f}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{pad_left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart-axis" '
            f'fill="#333333">{escape(format_amount(value))}</text>'
        )
    parts.append(
        f'<line x1="{pad_left}" y1="{pad_y}" x2="{pad_left}" y2="{plot_bottom}" '
        'stroke="#555555" stroke-width="1"/>'
    )
    if bottom < ZERO < top:  # the zero line stands out when the remainder goes negative
        parts.append(
            f'<line x1="{pad_left}" y1="{y_of(ZERO):.1f}" x2="{width - pad_right}" '
            f'y2="{y_of(ZERO):.1f}" stroke="#555555" stroke-width="1"/>'
        )
    coords = []
    labels = ticks if ticks is not None and len(ticks) == len(points) else [m for m, _v in points]
    for index, (month, value) in enumerate(points):
        # Coordinates stay Decimal like the amounts; the SVG gets them to one decimal place.
        coords.append((pad_left + index * step, y_of(value), month, value, labels[index]))
    if coords:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy, *_rest in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1b5e8c" stroke-width="3"/>')
    # Long month names (Arabic) would overlap: then only every n-th month is labelled.
    longest = max((len(label) for label in labels), default=0)
    # step is a Decimal like every coordinate here; no float anywhere in the chart.
    every = max(1, math.ceil(longest * 8 / step)) if len(coords) > 1 else 1
    for index, (cx, cy, month, value, label) in enumerate(coords):
        text = (
            f'<text x="{cx:.1f}" y="{height - 6}" text-anchor="middle" class="chart-axis" '
            f'fill="#333333">{escape(label)}</text>'
            if index % every == 0
            else ""
        )
        parts.append(
            f"<g><title>{escape(month)}: {escape(format_money(value))}</title>"
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#1b5e8c"/>{text}</g>'
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
