"""Turkish money formatting: 1234567.8 → "1.234.567,80"."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def tl(value) -> str:
    """Format an amount the Turkish way, always with two decimals (kuruş)."""
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    sign = "-" if amount < 0 else ""
    whole, _dot, cents = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{'.'.join(groups)},{cents}"
