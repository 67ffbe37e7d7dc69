"""Property tests of the import parser (issue 14, item 11): Turkish amounts parse exactly,
no cell or file content crashes the parser, and exported amounts import back unchanged."""

import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from santral.budget.imports import ImportFailed, parse_amount, parse_rows, read_table
from santral.core.spreadsheets import safe_csv, xlsx_append

from .test_imports import HEADER

PROPERTY = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
AMOUNTS = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


def turkish(amount: Decimal, *, thousands: bool = True, trim: bool = False) -> str:
    """1234567.89 → `1.234.567,89` (or `1234567,89`); `trim` writes 0.10 as `0,1`."""
    sign = "-" if amount < 0 else ""
    whole, _point, cents = f"{abs(amount):.2f}".partition(".")
    if thousands:
        groups = []
        while len(whole) > 3:
            whole, groups = whole[:-3], [whole[-3:], *groups]
        whole = ".".join([whole, *groups])
    if trim:
        cents = cents.rstrip("0") or "0"
    return f"{sign}{whole},{cents}"


@PROPERTY
@given(amount=AMOUNTS, thousands=st.booleans(), trim=st.booleans())
def test_turkish_amounts_parse_to_the_exact_decimal(amount, thousands, trim):
    assert parse_amount(turkish(amount, thousands=thousands, trim=trim)) == amount


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1.234.567,89", "1234567.89"), ("-0,10", "-0.10"), ("0,1", "0.10"), ("-1.000", "-1000")],
)
def test_turkish_amount_examples(text, expected):
    assert parse_amount(text) == Decimal(expected)


CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["26.11.26", "31.02.2026", "1.234,5", "-", "=1+1", "9" * 40, "1e400"]),
    st.none(),
    st.decimals(allow_nan=True, allow_infinity=True),
)


@PROPERTY
@given(rows=st.lists(st.lists(CELL, max_size=len(HEADER) + 2), min_size=1, max_size=6))
def test_random_cells_give_row_and_column_errors_never_exceptions(cast, rows):
    result = parse_rows([HEADER, *rows], council=cast.council_a, year=2026)
    assert len(result.rows) + len({e.row for e in result.errors}) == len(rows)
    for error in result.errors:
        assert 2 <= error.row <= len(rows) + 1
        assert error.column and error.message
        assert str(error).startswith(f"Satır {error.row}, sütun")


@PROPERTY
@given(content=st.binary(max_size=400), xlsx_name=st.booleans())
def test_random_bytes_are_read_or_refused_never_crash(content, xlsx_name):
    try:
        table = read_table(content, filename="liste.xlsx" if xlsx_name else "liste.csv")
    except ImportFailed as failure:
        assert all(error.message for error in failure.errors_list)
    else:
        assert isinstance(table, list)


@PROPERTY
@given(
    amounts=st.lists(AMOUNTS, min_size=1, max_size=20), flavour=st.sampled_from(["plain", "excel"])
)
def test_exported_csv_amounts_import_back_unchanged(amounts, flavour):
    text = safe_csv(
        [["Tutar", "Açıklama"], *[[amount, "-x"] for amount in amounts]], flavour=flavour
    )
    table = read_table(text.encode("utf-8"))
    assert [parse_amount(row[0]) for row in table[1:]] == amounts


@PROPERTY
@given(amounts=st.lists(AMOUNTS, min_size=1, max_size=20))
def test_exported_xlsx_amounts_import_back_unchanged(amounts):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    xlsx_append(sheet, ["Tutar", "Açıklama"])
    for amount in amounts:
        xlsx_append(sheet, [amount, "=x"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), filename="defter.xlsx")
    assert [parse_amount(row[0]) for row in table[1:]] == amounts
    assert {row[1] for row in table[1:]} == {"'=x"}
