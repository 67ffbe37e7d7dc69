"""Exact money: the bound every money column keeps, and a SUM that never passes through float.

PostgreSQL stores `numeric` and sums it exactly. SQLite stores a Django DecimalField with
NUMERIC affinity, i.e. as a REAL (a binary float) whenever the value is not a whole number,
and its built-in SUM() adds those floats: 10 000 rows of 0,10 sum to 1000.00000000016.

Two rules make SQLite exact as well:
- A float holds every decimal of at most 15 significant digits exactly enough to give it back
  (DBL_DIG = 15: decimal -> double -> 15 digits returns the same decimal). Money columns
  therefore have `max_digits=15, decimal_places=2` and every entry point refuses larger
  amounts (`validate_money_bound`): up to 9 999 999 999 999,99 TL.
- `MoneySum` replaces `Sum` for money. On PostgreSQL it is the plain SUM. On SQLite it calls
  `santral_money_sum`, an aggregate registered on every connection (`register_sqlite_money`),
  which reads each stored value back to its decimal digits, adds with `decimal.Decimal` and
  returns text; `MoneySumField` turns that text into a Decimal without Django's float path.
"""

import decimal
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Sum
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MONEY_MAX_DIGITS = 15
MONEY_DECIMAL_PLACES = 2
MONEY_MAX = Decimal("9999999999999.99")
SQLITE_MONEY_SUM = "santral_money_sum"

# Wide enough for any sum of bounded amounts; Inexact traps instead of rounding silently.
_EXACT = decimal.Context(prec=60, traps=[decimal.Inexact, decimal.InvalidOperation])


def format_amount(value) -> str:
    """An amount for people, in the active language, always with two decimals (kuruş).

    Turkish (and Arabic, whose Django format uses the same separators) `1.234.567,80`,
    English `1,234,567.80`. Grouping is always by thousands, whatever the locale module says
    (Django's Arabic module sets no grouping). None and "" give "". Every screen — public
    pages, PDF, charts, back office, messages — goes through this (docs/budget.md).
    """
    if value is None or value == "":
        return ""
    amount = Decimal(value).quantize(Decimal("0.01"))
    decimal_sep = get_format("DECIMAL_SEPARATOR")
    thousand_sep = get_format("THOUSAND_SEPARATOR")
    sign = "-" if amount < 0 else ""
    whole, _dot, cents = f"{abs(amount):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{thousand_sep.join(groups)}{decimal_sep}{cents}"


def format_money(value) -> str:
    """An amount with its currency: `1.234,56 TL` in Turkish, `1,234.56 TL` in English."""
    if value is None or value == "":
        return ""
    return _("%(amount)s TL") % {"amount": format_amount(value)}


def money_limit_display() -> str:
    """MONEY_MAX the Turkish way: 9.999.999.999.999,99."""
    whole, cents = f"{MONEY_MAX:,.2f}".split(".")
    return f"{whole.replace(',', '.')},{cents}"


def validate_money_bound(value) -> None:
    """Refuse amounts the database could not give back exactly (more than 15 digits)."""
    if value is not None and abs(Decimal(value)) > MONEY_MAX:
        raise ValidationError(
            gettext_lazy("Tutar, mutlak değerce en fazla %(limit)s TL olabilir."),
            code="money_bound",
            params={"limit": money_limit_display()},
        )


class MoneySumField(models.DecimalField):
    """Output field of MoneySum: exact Decimal from PostgreSQL's numeric or SQLite's text.

    Its internal type is not "DecimalField" on purpose: Django's SQLite backend reads values of
    that type through a 15-digit float context, which is the very path this avoids.
    """

    def get_internal_type(self) -> str:
        return "MoneySumField"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
        return amount.quantize(Decimal(1).scaleb(-self.decimal_places), context=_EXACT)


class MoneySum(Sum):
    """SUM of a money column, exact on every database. Use it instead of Sum for lira."""

    name = "MoneySum"

    def _resolve_output_field(self):
        source = self.get_source_fields()[0]
        return MoneySumField(
            max_digits=60, decimal_places=getattr(source, "decimal_places", None) or 0
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        # Skips SQLiteNumericMixin's CAST(... AS NUMERIC), which would make the text a float.
        return self.as_sql(compiler, connection, function=SQLITE_MONEY_SUM, **extra_context)


def _stored_decimal(value) -> Decimal:
    """A stored SQLite value back as the decimal it was written as."""
    if isinstance(value, float):
        # 15 significant digits give back any decimal of ≤ 15 digits exactly (DBL_DIG).
        return Decimal(format(value, ".15g"))
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(str(value).strip())


class _SQLiteMoneySum:
    """SQLite aggregate: adds with Decimal, returns text (NULL when there were no values)."""

    def __init__(self) -> None:
        self.total: Decimal | None = None

    def step(self, value) -> None:
        if value is None:
            return
        amount = _stored_decimal(value)
        self.total = amount if self.total is None else _EXACT.add(self.total, amount)

    def finalize(self) -> str | None:
        return None if self.total is None else str(self.total)


def register_sqlite_money(sender, connection, **kwargs) -> None:
    """connection_created receiver: make `santral_money_sum` available on SQLite."""
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate(SQLITE_MONEY_SUM, 1, _SQLiteMoneySum)
