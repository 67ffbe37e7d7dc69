"""Amounts in templates: `{{ value|money }}` → "1.234,56 TL", `{{ value|amount }}` → "1.234,56"
(table cells whose column header names the currency). Both follow the active language;
santral/core/money.py does the formatting for Python code."""

from django import template

from santral.core.money import format_amount, format_money

register = template.Library()


@register.filter
def amount(value) -> str:
    return format_amount(value)


@register.filter
def money(value) -> str:
    return format_money(value)
