"""Amounts for people: 1.234,56 TL in Turkish, locale-aware in English and Arabic."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from santral.core.money import format_amount, format_money


@pytest.mark.parametrize(
    ("language", "expected"),
    [("tr", "1.234,56 TL"), ("en", "1,234.56 TL"), ("ar", "1.234,56 TL")],
)
def test_money_in_each_language(language, expected):
    with translation.override(language):
        assert format_money(Decimal("1234.56")) == expected


def test_amount_groups_thousands_keeps_kurus_and_sign():
    with translation.override("tr"):
        assert format_amount(Decimal("1234567.8")) == "1.234.567,80"
        assert format_amount(Decimal("-500.25")) == "-500,25"
        assert format_amount(Decimal("0")) == "0,00"
        assert format_amount(6000) == "6.000,00"
        assert format_amount(None) == format_money("") == ""
    with translation.override("en"):
        assert format_amount(Decimal("-1234567.8")) == "-1,234,567.80"


def test_template_filters_follow_the_active_language():
    template = Template("{% load money budget_tags %}{{ v|money }}|{{ v|amount }}|{{ v|tl }}")
    with translation.override("tr"):
        assert template.render(Context({"v": Decimal("6000")})) == "6.000,00 TL|6.000,00|6.000,00"
    with translation.override("en"):
        assert template.render(Context({"v": Decimal("6000")})) == "6,000.00 TL|6,000.00|6,000.00"
