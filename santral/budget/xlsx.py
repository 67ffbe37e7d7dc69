"""A small streaming reader for the first (or a named) sheet of an XLSX file.

openpyxl's read-only mode builds a cell object per value and needed over a minute for a
100 000-row listing on a busy machine; this reads the sheet XML with the C-accelerated
ElementTree iterparse and returns plain values: str, Decimal (numbers, exactly as stored —
no float rounding of amounts), bool, or datetime (cells whose style is a date format).
openpyxl still writes our XLSX files; a file this reader cannot open raises ValueError.

Uploaded files are untrusted: every XML part is refused when its prolog holds a DTD
(`<!DOCTYPE`/`<!ENTITY`), so no entity can be declared or expanded (the "billion laughs"
and external-entity attacks need one). XLSX parts never carry a DTD. This is defusedxml's
rule, kept here because defusedxml's iterparse runs the pure-Python tree builder, about
five times slower than the C one.

Size is bounded before anything is parsed (`SheetLimits`, from the SANTRAL_IMPORT_* settings):
the archive's declared uncompressed sizes (sum and per-member compression ratio — a zip bomb
is refused from its directory, and zipfile never inflates a member past its declared size),
then the sheet's `<dimension>` (rows, columns, cells), then while streaming: a row past the
row limit or a value past the column limit stops the read. A value in column XFD therefore
never pads a row with 16 000 empty slots; cells past the column limit without a value (only
a style) are skipped, not padded. This reader stays instead of openpyxl's read-only mode
for the speed noted above; the bounds are the ones read-only mode would need as well.
"""

import datetime
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import iterparse as _stdlib_iterparse

from django.utils.translation import gettext as _

PROLOG_LIMIT = 1 << 20


def _check_prolog(head: bytes) -> None:
    """Refuse a DTD anywhere before the root element (comments and PIs are skipped)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("UTF-16 XML parts are not supported")
    text = head.lstrip(b"\xef\xbb\xbf")
    position = 0
    while True:
        while position < len(text) and text[position : position + 1].isspace():
            position += 1
        if text.startswith(b"<?", position):
            end = text.find(b"?>", position)
            position = end + 2
        elif text.startswith(b"<!--", position):
            end = text.find(b"-->", position)
            position = end + 3
        elif text.startswith(b"<!", position):
            raise ValueError("XML with a DTD is refused")
        else:
            return
        if end < 0:
            raise ValueError("XML prolog too long or unterminated")


class _Guarded:
    """A file-like wrapper that checks the prolog of the stream before handing it on."""

    def __init__(self, stream):
        self._stream = stream
        head = stream.read(PROLOG_LIMIT)
        _check_prolog(head)
        self._head = head

    def read(self, size=-1):
        if self._head:
            chunk, self._head = self._head, b""
            return chunk
        return self._stream.read(size)


def iterparse(source, events=None):
    return _stdlib_iterparse(_Guarded(source), events=events)  # noqa: S314 - DTDs refused


NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Members smaller than this are not judged by their ratio: tiny XML parts compress well.
RATIO_FLOOR = 1 << 20


@dataclass(frozen=True)
class SheetLimits:
    max_uncompressed_bytes: int
    max_compression_ratio: int
    max_rows: int
    max_columns: int
    max_cells: int


class SheetTooLarge(ValueError):
    """The file is over a limit; `row` and `column` locate it (0 / "-" for the whole file)."""

    def __init__(self, message: str, *, row: int = 0, column: str = "-"):
        super().__init__(message)
        self.row = row
        self.column = column


def column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (the column name a spreadsheet user sees)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_archive(archive: zipfile.ZipFile, limits: SheetLimits) -> None:
    """Refuse a zip bomb from the central directory, before any member is inflated."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > limits.max_compression_ratio * max(
            info.compress_size, 1
        ):
            raise SheetTooLarge(
                _(
                    "XLSX dosyasındaki “%(name)s” bölümü olağandışı sıkıştırılmış "
                    "(%(ratio)s kat; en fazla %(limit)s kat); dosya açılmadan reddedildi"
                )
                % {
                    "name": info.filename,
                    "ratio": info.file_size // max(info.compress_size, 1),
                    "limit": limits.max_compression_ratio,
                }
            )
    if total > limits.max_uncompressed_bytes:
        raise SheetTooLarge(
            _(
                "XLSX dosyası açıldığında %(size)s MB tutuyor; en fazla %(limit)s MB "
                "okunur, dosyayı bölün"
            )
            % {"size": total // (1 << 20), "limit": limits.max_uncompressed_bytes // (1 << 20)}
        )


_REF = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")


def _ref_position(ref: str) -> tuple[int, int] | None:
    match = _REF.match(ref.strip().upper())
    if not match:
        return None
    return int(match.group(2)), _column_index(match.group(1))


def check_dimension(ref: str | None, limits: SheetLimits) -> None:
    """The sheet's declared range (`A1:XFD1`) against the limits, before any row is read."""
    if not ref:
        return
    first, _sep, last = ref.partition(":")
    start = _ref_position(first)
    end = _ref_position(last or first)
    if start is None or end is None:
        return
    rows = end[0] - start[0] + 1
    columns = end[1] + 1  # rows are lists from column A on
    if columns > limits.max_columns:
        raise SheetTooLarge(
            _("sayfa %(ref)s aralığını kaplıyor; en fazla %(limit)s sütun okunur")
            % {"ref": ref, "limit": limits.max_columns},
            column=column_letters(end[1]),
        )
    if rows > limits.max_rows:
        raise SheetTooLarge(
            _("sayfada %(rows)s satır var; en fazla %(limit)s satır içe aktarılabilir")
            % {"rows": rows, "limit": limits.max_rows},
        )
    if rows * columns > limits.max_cells:
        raise SheetTooLarge(
            _("sayfa %(ref)s aralığında %(cells)s hücre tutuyor; en fazla %(limit)s hücre okunur")
            % {"ref": ref, "cells": rows * columns, "limit": limits.max_cells}
        )


BUILTIN_DATE_FORMATS = {14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47}
_COLUMN = re.compile(r"^([A-Z]+)")


def _column_index(ref: str) -> int:
    letters = _COLUMN.match(ref).group(1)
    index = 0
    for letter in letters:
        index = index * 26 + (ord(letter) - 64)
    return index - 1


def _is_date_format(code: str) -> bool:
    cleaned = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code.lower())
    return bool(re.search(r"[dmy]", cleaned)) and "general" not in cleaned


def _text(element) -> str:
    return "".join(node.text or "" for node in element.iter(f"{NS}t"))


def _sheet_path(archive: zipfile.ZipFile, sheet_name: str | None) -> tuple[str, bool]:
    workbook = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    targets = {}
    for _event, rel in iterparse(_bytes_io(rels)):
        if rel.tag == f"{PKG_REL_NS}Relationship":
            target = rel.get("Target")
            targets[rel.get("Id")] = (
                target.lstrip("/") if target.startswith("/") else ("xl/" + target)
            )
    chosen = None
    date1904 = False
    for _event, element in iterparse(_bytes_io(workbook)):
        if element.tag == f"{NS}workbookPr":
            date1904 = element.get("date1904") in ("1", "true")
        if element.tag == f"{NS}sheet" and chosen is None:
            if sheet_name is None or element.get("name") == sheet_name:
                chosen = targets[element.get(f"{REL_NS}id")]
    if chosen is None:
        raise ValueError(f"sheet {sheet_name!r} not found")
    return chosen, date1904


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    for _event, element in iterparse(archive.open("xl/sharedStrings.xml")):
        if element.tag == f"{NS}si":
            strings.append(_text(element))
            element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    if "xl/styles.xml" not in archive.namelist():
        return set()
    custom: dict[int, str] = {}
    dates: set[int] = set()
    in_cell_xfs = False
    index = 0
    for event, element in iterparse(archive.open("xl/styles.xml"), events=("start", "end")):
        if element.tag == f"{NS}numFmt" and event == "end":
            custom[int(element.get("numFmtId"))] = element.get("formatCode") or ""
        elif element.tag == f"{NS}cellXfs":
            in_cell_xfs = event == "start"
        elif element.tag == f"{NS}xf" and in_cell_xfs and event == "end":
            fmt = int(element.get("numFmtId") or 0)
            if fmt in BUILTIN_DATE_FORMATS or (fmt in custom and _is_date_format(custom[fmt])):
                dates.add(index)
            index += 1
    return dates


def _sheet_dimension(archive: zipfile.ZipFile, path: str) -> str | None:
    """The `<dimension ref>` of a sheet; it comes before `<sheetData>`, so this reads little."""
    for _event, element in iterparse(archive.open(path), events=("start",)):
        if element.tag == f"{NS}dimension":
            return element.get("ref")
        if element.tag == f"{NS}sheetData":
            return None
    return None


def read_xlsx_rows(
    content, sheet_name: str | None = None, *, limits: SheetLimits | None = None
) -> list[list]:
    """Every row of the sheet as a list of values (missing cells are None).

    With `limits`, raises SheetTooLarge (row, column, Turkish message) as soon as the file is
    known to be over one; other unreadable files raise ValueError.
    """
    try:
        archive = zipfile.ZipFile(_bytes_io(content) if isinstance(content, bytes) else content)
        if limits is not None:
            check_archive(archive, limits)
        path, date1904 = _sheet_path(archive, sheet_name)
        if limits is not None:
            check_dimension(_sheet_dimension(archive, path), limits)
        strings = _shared_strings(archive)
        date_styles = _date_styles(archive)
    except (zipfile.BadZipFile, KeyError) as error:
        raise ValueError(str(error)) from error
    epoch = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    max_columns = limits.max_columns if limits is not None else None
    rows: list[list] = []
    cells = 0
    for _event, row in iterparse(archive.open(path)):
        if row.tag != f"{NS}row":
            continue
        number = int(row.get("r")) if (row.get("r") or "").isdigit() else len(rows) + 1
        if limits is not None and len(rows) >= limits.max_rows:
            raise SheetTooLarge(
                _("dosyada %(limit)s satırdan fazla var; dosyayı bölün")
                % {"limit": limits.max_rows},
                row=number,
            )
        values: list = []
        for cell in row.iter(f"{NS}c"):
            ref = cell.get("r")
            column = _column_index(ref) if ref else len(values)
            kind = cell.get("t", "n")
            raw = cell.find(f"{NS}v")
            text = raw.text if raw is not None else None
            if max_columns is not None and column >= max_columns:
                if text is None and kind != "inlineStr":
                    continue  # only a style far to the right: skipped, never padded
                raise SheetTooLarge(
                    _("en fazla %(limit)s sütun okunur; bu hücre sınırın dışında")
                    % {"limit": max_columns},
                    row=number,
                    column=column_letters(column),
                )
            values.extend([None] * (column - len(values)))
            if kind == "s" and text is not None:
                value = strings[int(text)]
            elif kind == "inlineStr":
                value = _text(cell)
            elif kind in ("str", "e"):
                value = text
            elif kind == "b":
                value = text == "1"
            elif text is None:
                value = None
            else:
                try:
                    amount = Decimal(text)
                    style = int(cell.get("s") or 0)
                    value = epoch + _serial_days(amount) if style in date_styles else amount
                except (InvalidOperation, OverflowError, ValueError):
                    value = text  # not a usable number or date: the row check names it
            values.append(value)
        cells += len(values)
        if limits is not None and cells > limits.max_cells:
            raise SheetTooLarge(
                _("dosyada %(limit)s hücreden fazla var; dosyayı bölün")
                % {"limit": limits.max_cells},
                row=number,
            )
        rows.append(values)
        row.clear()
    return rows


def _serial_days(serial: Decimal) -> datetime.timedelta:
    """Excel's serial date number (days, a fraction for the time of day) as a time span,
    without passing through float."""
    days = int(serial)
    seconds = int(((serial - days) * 86400).to_integral_value())
    return datetime.timedelta(days=days, seconds=seconds)
