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
"""

import datetime
import re
import zipfile
from decimal import Decimal
from xml.etree.ElementTree import iterparse as _stdlib_iterparse

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


def read_xlsx_rows(content, sheet_name: str | None = None) -> list[list]:
    """Every row of the sheet as a list of values (missing cells are None)."""
    try:
        archive = zipfile.ZipFile(_bytes_io(content) if isinstance(content, bytes) else content)
        path, date1904 = _sheet_path(archive, sheet_name)
        strings = _shared_strings(archive)
        date_styles = _date_styles(archive)
    except (zipfile.BadZipFile, KeyError) as error:
        raise ValueError(str(error)) from error
    epoch = datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30)
    rows: list[list] = []
    for _event, row in iterparse(archive.open(path)):
        if row.tag != f"{NS}row":
            continue
        values: list = []
        for cell in row.iter(f"{NS}c"):
            ref = cell.get("r")
            if ref:
                column = _column_index(ref)
                values.extend([None] * (column - len(values)))
            kind = cell.get("t", "n")
            raw = cell.find(f"{NS}v")
            text = raw.text if raw is not None else None
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
                number = Decimal(text)
                style = int(cell.get("s") or 0)
                value = (
                    epoch + datetime.timedelta(days=float(number))
                    if style in date_styles
                    else number
                )
            values.append(value)
        rows.append(values)
        row.clear()
    return rows
