"""`tl`: an amount without its currency, in the active language (1.234.567,80 in Turkish).

Kept for the budget templates; it is santral/core/money.py's `format_amount`, the same
function as the core `amount` filter (`{% load money %}`)."""

from django import template

from santral.core.money import format_amount

register = template.Library()


@register.filter
def tl(value) -> str:
    """Format an amount in the active language, always with two decimals (kuruş)."""
    return format_amount(value)
