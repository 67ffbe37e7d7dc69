"""Write CSV and XLSX that a spreadsheet cannot turn into formulas (CSV/formula injection).

Descriptions, names and labels come from municipal files and forms, so an exported cell can
hold `=HYPERLINK(...)`, `+1+1`, `-2+3` or `@SUM(A1)`. Excel, LibreOffice and Google Sheets
evaluate a text cell that starts with `=`, `+`, `-`, `@`, a TAB or a CR, and Excel also the
full-width forms `＝＋－＠`. Every exporter passes its rows through this module:

- text that starts with one of those characters gets a leading `'` (OWASP's advice): the
  spreadsheet shows the text, never runs it;
- numbers (int, Decimal, float) stay numbers, negatives included — `-12.50` as a Decimal is an
  amount, not text to neutralise;
- CSV quotes every text cell, so a `;` inside a comma-separated file cannot start a new cell
  when Turkish Excel (whose list separator is `;`) opens it;
- XLSX text cells are written with the string data type, so openpyxl never stores a formula,
  and characters XML cannot hold (control characters) are dropped instead of failing.

Two CSV flavours: `plain` (UTF-8, `,`, `.` decimals — for programs, the data package) and
`excel` (UTF-8 with BOM, `;`, `,` decimals — what Excel with Turkish regional settings opens
by double-click with letters and amounts intact).
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
CSV_PLAIN = "plain"
CSV_EXCEL = "excel"
CSV_FLAVOURS = (CSV_PLAIN, CSV_EXCEL)
BOM = "\ufeff"


_PHONE = re.compile(r"^\+?[0-9 ]{1,30}$")


class Verbatim(str):
    """Text checked to be harmless as it is; written without the `'` (see `phone_cell`)."""


def phone_cell(text: str) -> str:
    """A phone number `+90 532 000 00 00` stays as typed (an SMS gateway reads the file):
    digits, spaces and one leading `+` cannot call a function or reference a cell. Anything
    else in the field is neutralised like other text."""
    return Verbatim(text) if _PHONE.match(text or "") else text


def neutralise_text(text: str) -> str:
    """`'` before text a spreadsheet would evaluate; other text unchanged."""
    if isinstance(text, Verbatim):
        return str(text)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


class _CommaDecimal(Decimal):
    """A Decimal the csv module writes unquoted (it is a number) with a decimal comma."""

    def __str__(self) -> str:
        return format(Decimal(self), "f").replace(".", ",")


def csv_cell(value, *, flavour: str = CSV_PLAIN):
    """One value as the CSV writer should receive it: a number stays a number."""
    if value is None:
        return ""
    if _is_number(value):
        if isinstance(value, int):
            return value
        number = Decimal(str(value)) if isinstance(value, float) else value
        if number == number.quantize(Decimal("0.01")):
            number = number.quantize(Decimal("0.01"))  # amounts always show kuruş: 12.50
        return _CommaDecimal(number) if flavour == CSV_EXCEL else number
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return neutralise_text(value if isinstance(value, str) else str(value))


class SafeCSVWriter:
    """csv.writer that neutralises every text cell; the flavour sets separator and decimals."""

    def __init__(self, stream, *, flavour: str = CSV_PLAIN, lineterminator: str = "\r\n"):
        self.flavour = flavour if flavour in CSV_FLAVOURS else CSV_PLAIN
        self._writer = csv.writer(
            stream,
            delimiter=";" if self.flavour == CSV_EXCEL else ",",
            lineterminator=lineterminator,
            # Numbers unquoted, every text cell quoted (see the module docstring).
            quoting=csv.QUOTE_NONNUMERIC,
        )
        if self.flavour == CSV_EXCEL:
            stream.write(BOM)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([csv_cell(value, flavour=self.flavour) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def safe_csv(rows: Iterable[Iterable], *, flavour: str = CSV_PLAIN) -> str:
    """Rows (the first one usually the header) as safe CSV text."""
    out = io.StringIO()
    SafeCSVWriter(out, flavour=flavour).writerows(rows)
    return out.getvalue()


def csv_flavour(request) -> str:
    """`?bicim=excel` asks for the Excel-friendly CSV; anything else is the plain one."""
    return CSV_EXCEL if request.GET.get("bicim") == CSV_EXCEL else CSV_PLAIN


def xlsx_value(value):
    """A value ready for an openpyxl cell: numbers and dates as they are, text neutralised."""
    if value is None or _is_number(value) or isinstance(value, (datetime.date, bool)):
        return value
    if isinstance(value, Verbatim):
        return str(value)
    return neutralise_text(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def xlsx_set(cell, value) -> None:
    """Put `value` into an openpyxl cell; text is always stored as text, never a formula."""
    cell.value = xlsx_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
    elif isinstance(value, Decimal) and value.is_finite():
        # openpyxl writes numbers with "%.16g", which turns Decimal("894.43") into
        # 894.4299999999999 in the file. The cell stays a number (data type "n"); its stored
        # text is the exact decimal, so Excel and our importer read the amount to the kuruş.
        cell._value = format(value, "f")


def xlsx_append(sheet, row: Iterable) -> list:
    """Append a row to an openpyxl worksheet with every cell made safe; returns its cells."""
    values = [xlsx_value(value) for value in row]
    # Append placeholders, then set each cell: appending a text that starts with "=" would
    # make openpyxl mark it a formula.
    sheet.append([None] * len(values))
    cells = list(sheet[sheet.max_row]) if values else []
    for cell, value in zip(cells, values, strict=False):
        xlsx_set(cell, value)
    return cells
