"""Money sums are exact on both databases (issue 14, item 1).

SQLite stores DecimalField values as REAL and its built-in SUM() adds floats; MoneySum sums
with Decimal there (santral/core/money.py). The float error is SQLite's behaviour: these
tests fail on SQLite with a plain Sum and pass on PostgreSQL either way; they run on both.
"""

import datetime
import itertools
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from santral.budget.factories import make_line, make_unit
from santral.budget.forms import AppropriationForm
from santral.budget.imports import parse_amount
from santral.budget.models import BudgetLine, EntryKind, LedgerEntry
from santral.budget.selectors import budget_report
from santral.budget.services import appropriation_post, entry_reverse, line_totals
from santral.core.money import MONEY_MAX, MoneySum

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")
PROPERTY = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Everyday amounts, and amounts up to the 15-digit bound: sums of those pass 15 significant
# digits, where a float SUM (and Django's 15-digit float context on SQLite) loses the kuruş.
amounts = st.one_of(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), places=2),
    st.decimals(min_value=Decimal("1000000000000.00"), max_value=MONEY_MAX, places=2),
)
signed = st.tuples(amounts, st.booleans()).map(lambda pair: -pair[0] if pair[1] else pair[0])
_codes = itertools.count(1)


def _fresh_line(actor, council) -> BudgetLine:
    """A new empty line per Hypothesis example: ledger rows cannot be deleted in between."""
    unit = council.paying_units.first() or make_unit(actor, council)
    return BudgetLine.objects.create(
        council=council,
        fiscal_year=2026,
        paying_unit=unit,
        functional_code="08.2.0",
        financing_code="5",
        economic_code=f"03.9.{next(_codes)}",
    )


def _bulk(line: BudgetLine, rows: list[tuple[str, Decimal]]) -> None:
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            council=line.council,
            fiscal_year=line.fiscal_year,
            line=line,
            kind=kind,
            amount=amount,
            entry_on=datetime.date(line.fiscal_year, 3, 1),
        )
        for kind, amount in rows
    )


def test_ten_thousand_dimes_total_exactly_one_thousand(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial=None)
    _bulk(line, [(EntryKind.PAYMENT, Decimal("0.10"))] * 10_000)

    assert line_totals(line)[EntryKind.PAYMENT] == Decimal("1000.00")
    total = LedgerEntry.objects.filter(line=line).aggregate(total=MoneySum("amount"))["total"]
    assert str(total) == "1000.00"
    report = budget_report(cast.council_a, 2026)
    assert report.total.paid == Decimal("1000.00")
    (row,) = [row for row in report.lines if row.line == line]
    assert row.figures.paid == Decimal("1000.00")


def test_sums_at_the_bound_are_exact(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial=None)
    rows = [MONEY_MAX, MONEY_MAX, Decimal("0.01"), -MONEY_MAX, Decimal("0.07")]
    _bulk(line, [(EntryKind.TRANSFER, amount) for amount in rows])
    assert line_totals(line)[EntryKind.TRANSFER] == sum(rows)


def test_an_empty_sum_is_none_and_reads_as_zero(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial=None)
    assert LedgerEntry.objects.filter(line=line).aggregate(t=MoneySum("amount"))["t"] is None
    assert line_totals(line)[EntryKind.PAYMENT] == Decimal("0.00")


@PROPERTY
@given(rows=st.lists(st.tuples(st.sampled_from(EntryKind.values), signed), max_size=40))
def test_database_sums_equal_decimal_sums(cast, rows):
    line = _fresh_line(cast.treasurer_a, cast.council_a)
    _bulk(line, rows)
    expected = {
        kind: sum((a for k, a in rows if k == kind), Decimal("0.00")) for kind in EntryKind.values
    }

    assert line_totals(line) == expected
    total = LedgerEntry.objects.filter(line=line).aggregate(total=MoneySum("amount"))["total"]
    assert total == (sum(a for _k, a in rows) if rows else None)

    report = budget_report(cast.council_a, 2026)
    (row,) = [row for row in report.lines if row.line == line]
    assert row.figures.initial == expected[EntryKind.INITIAL]
    assert row.figures.additions == expected[EntryKind.ADDITION]
    assert row.figures.transfers == expected[EntryKind.TRANSFER]
    assert row.figures.committed == expected[EntryKind.COMMITMENT]
    assert row.figures.paid == expected[EntryKind.PAYMENT]
    # The report's grand total is the Decimal sum of its rows, to the kuruş.
    assert report.total.paid == sum((r.figures.paid for r in report.lines), Decimal("0.00"))


@settings(PROPERTY, max_examples=20)
@given(posted=st.lists(amounts, min_size=1, max_size=8))
def test_reversals_cancel_exactly(cast, posted):
    treasurer = cast.treasurer_a
    line = _fresh_line(treasurer, cast.council_a)
    on = datetime.date(2026, 2, 1)
    entries = [
        appropriation_post(actor=treasurer, line=line, kind="addition", amount=a, entry_on=on)
        for a in posted
    ]
    assert line_totals(line)[EntryKind.ADDITION] == sum(posted)
    for entry in entries:
        entry_reverse(actor=treasurer, entry=entry, reason="Hatalı kayıt", entry_on=on)
    assert line_totals(line)[EntryKind.ADDITION] == Decimal("0.00")
    assert LedgerEntry.objects.filter(line=line).aggregate(t=MoneySum("amount"))["t"] == 0


def test_services_refuse_amounts_beyond_the_bound(cast):
    line = make_line(cast.treasurer_a, cast.council_a, initial=None)
    too_big = MONEY_MAX + CENT
    with pytest.raises(ValidationError) as refused:
        appropriation_post(
            actor=cast.treasurer_a,
            line=line,
            kind="initial",
            amount=too_big,
            entry_on=datetime.date(2026, 1, 5),
        )
    assert "9.999.999.999.999,99 TL" in str(refused.value)
    assert not LedgerEntry.objects.filter(line=line).exists()
    # The bound itself is accepted and comes back exactly.
    appropriation_post(
        actor=cast.treasurer_a,
        line=line,
        kind="initial",
        amount=MONEY_MAX,
        entry_on=datetime.date(2026, 1, 5),
    )
    assert LedgerEntry.objects.get(line=line).amount == MONEY_MAX


def test_forms_and_imports_refuse_amounts_beyond_the_bound():
    form = AppropriationForm(
        data={"kind": "initial", "amount": "10000000000000.00", "entry_on": "2026-01-05"},
        lines=BudgetLine.objects.none(),
    )
    assert not form.is_valid()
    assert form.errors["amount"] == [
        "Tutar, mutlak değerce en fazla 9.999.999.999.999,99 TL olabilir."
    ]
    for text in ("10.000.000.000.000,00", "-10000000000000", 1e20, float("inf")):
        with pytest.raises(ValueError, match=re.escape("9.999.999.999.999,99 TL")):
            parse_amount(text)
    assert parse_amount("9.999.999.999.999,99") == MONEY_MAX
