"""Charts: a y-axis with formatted amounts, legible treemap labels, text that fits the page."""

import re
from decimal import Decimal

from django.utils import translation

from santral.budget.charts import (
    PALETTE,
    burndown_svg,
    contrast_ratio,
    nice_ticks,
    text_colour_on,
    treemap_svg,
)


def test_treemap_label_colour_contrasts_with_every_tile():
    for fill in [*PALETTE, "#ffeb3b", "#e0e0e0"]:
        assert contrast_ratio(text_colour_on(fill), fill) >= 4.5, fill
    svg = treemap_svg(
        [("08.2.0", "Kültür", Decimal("300")), ("01.1.1", "Yasama", Decimal("200"))], title="T"
    )
    # Tile labels carry their own colour and not the class the stylesheet paints with --ink.
    labels = re.findall(r'<text [^>]*fill="([^"]+)" class="([^"]+)">', svg)
    assert labels and all(cls == "chart-tile-label" for _fill, cls in labels)
    assert {fill for fill, _cls in labels} == {text_colour_on(PALETTE[0])}


def test_line_chart_has_a_y_axis_with_formatted_amounts():
    points = [("Ocak", Decimal("524500")), ("Şubat", Decimal("482500.50"))]
    with translation.override("tr"):
        svg = burndown_svg(points, title="Kalan", ticks=["Oca", "Şub"])
    axis = re.findall(r'text-anchor="end" class="chart-axis" fill="#333333">([^<]+)<', svg)
    assert axis[0] == "0,00" and "600.000,00" in axis, axis
    assert ">Oca<" in svg and ">Şub<" in svg
    with translation.override("en"):
        svg = burndown_svg(points, title="Remaining")
    assert "600,000.00" in svg
    assert nice_ticks(Decimal("-6000"), Decimal("442670")) == [
        Decimal(v) for v in range(-200000, 600001, 200000)
    ]
    assert nice_ticks(Decimal("0"), Decimal("0")) == [Decimal("0"), Decimal("0.25")]


def test_chart_descriptions_point_below_not_beside():
    for svg in (
        treemap_svg([("x", "y", Decimal("1"))], title="T"),
        burndown_svg([("Ocak", Decimal("1"))], title="B"),
    ):
        desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg).group(1)
        assert "altındaki" in desc and "yandaki" not in desc
        assert 'viewBox="0 0 640 240"' in svg
