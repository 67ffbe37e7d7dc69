"""The one rule every CSV/XLSX export uses against formula injection (issue 14)."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from santral.core.spreadsheets import (
    csv_cell,
    neutralise_text,
    phone_cell,
    safe_csv,
    xlsx_append,
)

EVALUATED = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
]


@pytest.mark.parametrize("text", EVALUATED)
def test_text_a_spreadsheet_evaluates_gets_a_quote(text):
    assert neutralise_text(text) == "'" + text
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Afiş baskısı", "03.2.1.01", "", "a=b", "'zaten"])
def test_ordinary_text_is_unchanged(text):
    assert neutralise_text(text) == text


def test_numbers_stay_numbers_negatives_included():
    assert csv_cell(Decimal("-500.25")) == Decimal("-500.25")
    assert csv_cell(Decimal("-5")) == Decimal("-5.00")
    assert str(csv_cell(Decimal("-500.25"), flavour="excel")) == "-500,25"
    assert csv_cell(-3) == -3
    line = safe_csv([["-2+3", Decimal("-12.50"), 7, None]])
    assert line == '"\'-2+3",-12.50,7,""\r\n'
    excel = safe_csv([["-2+3", Decimal("-12.50")]], flavour="excel")
    assert excel == '\ufeff"\'-2+3";-12,50\r\n'


def test_a_separator_inside_text_cannot_open_a_new_cell():
    # Turkish Excel splits a double-clicked .csv on ";": quoted text keeps it one cell.
    line = safe_csv([["a;=1+1", "b"]])
    assert line.startswith('"a;=1+1"')
    cells = next(csv.reader(io.StringIO(line), delimiter=";"))
    assert cells[0].startswith("a;=1+1") and not [c for c in cells if c.startswith("=")]


def test_phone_numbers_stay_as_typed_but_other_text_in_the_field_does_not():
    assert csv_cell(phone_cell("+90 532 000 00 00")) == "+90 532 000 00 00"
    assert csv_cell(phone_cell("+1+1")) == "'+1+1"
    assert csv_cell(phone_cell("=1+1")) == "'=1+1"


def test_xlsx_cells_are_strings_never_formulas():
    book = Workbook()
    sheet = book.active
    xlsx_append(sheet, [*EVALUATED, Decimal("-500.25"), "kontrol\x01karakteri"])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = next(load_workbook(buffer).active.iter_rows())
    for cell, text in zip(cells, EVALUATED, strict=False):
        # XML reads a stored CR back as LF; what matters is the type and the leading quote.
        assert (cell.data_type, cell.value) == ("s", "'" + text.replace("\r", "\n"))
    amount = cells[len(EVALUATED)]
    assert amount.data_type == "n" and Decimal(str(amount.value)) == Decimal("-500.25")
    assert cells[-1].value == "kontrolkarakteri"  # XML cannot hold \x01; the export must not 500
