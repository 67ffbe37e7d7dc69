"""Chart descriptions match the layout: the data table is below the chart, not beside it."""

from django.utils import translation

from santral.outreach.charts import bars_desc, trend_desc


def test_chart_descriptions_point_to_the_table_below():
    with translation.override("tr"):
        for desc in (bars_desc(), trend_desc()):
            assert "aşağıdaki tabloda" in desc and "yandaki" not in desc
