"""Server-rendered SVG charts: no JavaScript, no style attributes (CSS classes only).

Each chart is an <svg role="img"> with a <title> and <desc>; the page shows the same
figures in a data table below it, so the chart is never the only way to read them.
"""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .selectors import RepresentationReport

SERIES = 8  # CSS classes .series-0 … .series-7


def bars_desc() -> str:
    return _(
        "Her hedef kitle için iki çubuk: üstteki nüfustaki payı, alttaki katılımcılar "
        "içindeki payı yüzde olarak gösterir. Aynı değerler aşağıdaki tabloda."
    )


def trend_desc() -> str:
    return _(
        "Her çizgi bir hedef kitlenin temsil oranıdır; 1 nüfustaki payla aynı katılım "
        "demektir, kesikli çizgi eşiktir. Aynı değerler aşağıdaki tabloda."
    )


def _fmt(value: Decimal, places: int = 1) -> str:
    return number_format(value, decimal_pos=places)


def share_bars(report: RepresentationReport, *, chart_id: str) -> SafeString:
    """For each audience with a sourced baseline: population share vs participation share."""
    rows = [row for row in report.rows if row.population_share is not None]
    if not rows:
        return mark_safe("")
    label_w, bar_w, row_h, gap = 200, 380, 44, 12
    width = label_w + bar_w + 140
    height = len(rows) * (row_h + gap) + 40
    top = max(
        [row.population_share for row in rows]
        + [row.participation_share for row in rows if row.participation_share is not None]
    )
    top = max(top, Decimal(1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(_("Nüfustaki pay ve katılımdaki pay"))}</title>',
        f'<desc id="{chart_id}-desc">{escape(bars_desc())}</desc>',
    ]
    y = 10
    for row in rows:
        name = escape(row.audience.name)
        parts.append(
            f'<text class="chart-label" x="{label_w - 8}" y="{y + row_h / 2 + 4}" '
            f'text-anchor="end" lang="tr">{name}</text>'
        )
        for offset, value, css, caption in (
            (0, row.population_share, "bar-population", _("nüfus")),
            (row_h / 2, row.participation_share, "bar-participation", _("katılım")),
        ):
            if value is None:
                parts.append(
                    f'<text class="chart-note" x="{label_w}" y="{y + offset + 15}">'
                    f"{escape(caption)}: {escape(_('veri yok'))}</text>"
                )
                continue
            length = float(value / top) * bar_w
            parts.append(
                f'<rect class="{css}" x="{label_w}" y="{y + offset}" '
                f'width="{length:.1f}" height="{row_h / 2 - 4}"/>'
            )
            parts.append(
                f'<text class="chart-value" x="{label_w + length + 6:.1f}" y="{y + offset + 15}">'
                f"{escape(caption)} %{_fmt(value)}</text>"
            )
        if row.is_flagged:
            parts.append(
                f'<text class="chart-flag" x="{label_w - 8}" y="{y + row_h / 2 + 20}" '
                f'text-anchor="end">{escape(_("eşiğin altında"))}</text>'
            )
        y += row_h + gap
    parts.append("</svg>")
    return mark_safe("".join(parts))


def ratio_trend(report: RepresentationReport, *, chart_id: str) -> SafeString:
    """Representation ratio per quarter, one line per audience, with the threshold and 1.0."""
    periods = report.periods
    series = [
        (index, row)
        for index, row in enumerate(report.trend)
        if any(ratio is not None for ratio in row.ratios)
    ]
    if len(periods) < 1 or not series:
        return mark_safe("")
    left, right, top_pad, plot_h = 50, 240, 20, 220
    step = max(110, 400 // max(len(periods) - 1, 1))
    width = left + max(len(periods) - 1, 1) * step + right
    height = top_pad + plot_h + 50
    peak = max(
        [Decimal("1.2"), report.threshold]
        + [ratio for _i, row in series for ratio in row.ratios if ratio is not None]
    )

    def ypos(value: Decimal) -> float:
        return top_pad + plot_h - float(value / peak) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(_("Çeyreklere göre temsil oranı"))}</title>',
        f'<desc id="{chart_id}-desc">{escape(trend_desc())}</desc>',
    ]
    for value, css, label in (
        (Decimal(1), "line-parity", "1"),
        (report.threshold, "line-threshold", _fmt(report.threshold, 2)),
    ):
        y = ypos(value)
        parts.append(
            f'<line class="{css}" x1="{left}" x2="{width - right + 20}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-axis" x="{left - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{label}</text>'
        )
    for position, period in enumerate(periods):
        x = left + position * step
        parts.append(
            f'<text class="chart-axis" x="{x}" y="{top_pad + plot_h + 20}" '
            f'text-anchor="middle">{escape(period.label)}</text>'
        )
    for legend_row, (index, row) in enumerate(series):
        css = f"series-{index % SERIES}"
        points = [
            (left + position * step, ypos(ratio))
            for position, ratio in enumerate(row.ratios)
            if ratio is not None
        ]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(f'<polyline class="trend-line {css}" points="{path}"/>')
        for x, y in points:
            parts.append(f'<circle class="trend-dot {css}" cx="{x:.1f}" cy="{y:.1f}" r="4"/>')
        legend_y = top_pad + legend_row * 20
        legend_x = width - right + 30
        parts.append(
            f'<rect class="trend-key {css}" x="{legend_x}" y="{legend_y}" width="12" height="12"/>'
            # The council's own audience names: Turkish user content on every page.
            f'<text class="chart-label" x="{legend_x + 18}" y="{legend_y + 11}" lang="tr">'
            f"{escape(row.audience.name)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
