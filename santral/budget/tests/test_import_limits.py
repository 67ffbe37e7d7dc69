"""Hostile and unusual import files (issue 14, item 4): limits checked before the data is
materialised, every encoding Excel writes, two-digit years, a re-import that names the
import it repeats. Nothing is ever half-written."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from santral.budget import xlsx as xlsx_module
from santral.budget.forms import ImportForm
from santral.budget.imports import (
    ENCODING_ERROR,
    ImportFailed,
    import_commit,
    import_limits,
    import_preview,
    parse_date,
    read_table,
)
from santral.budget.models import LedgerEntry
from santral.budget.xlsx import SheetTooLarge, read_xlsx_rows

from .test_imports import GOOD, HEADER, _csv, _xlsx

pytestmark = pytest.mark.django_db

TURKISH = "ğüşöçıİ ĞÜŞÖÇ"
ROWS = [GOOD[0], [*GOOD[1][:8], TURKISH]]


def _failure(content, **kwargs) -> list[tuple]:
    with pytest.raises(ImportFailed) as failure:
        read_table(content, **kwargs)
    return [(e.row, e.column, e.message) for e in failure.value.errors_list]


def _rezip(content: bytes, change) -> bytes:
    """Copy an XLSX, letting `change(name, data)` rewrite or add members."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = change(item.filename, source.read(item.filename))
            if data is not None:
                target.writestr(item.filename, data)
        extra = change(None, None)
        if extra:
            target.writestr(extra[0], extra[1])
    return out.getvalue()


def _xfd_xlsx(value="x") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in GOOD:
        sheet.append(row)
    sheet["XFD1"] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def no_data_read(monkeypatch):
    """Fail loudly if the reader goes past the archive and dimension checks."""

    def refuse(*args, **kwargs):
        raise AssertionError("the data was read before the limits were checked")

    monkeypatch.setattr(xlsx_module, "_shared_strings", refuse)


# ---------------------------------------------------------------- XLSX bounds


def test_a_cell_in_column_xfd_is_refused_by_the_dimension_check(no_data_read):
    content = _xfd_xlsx()
    with pytest.raises(SheetTooLarge) as refused:
        read_xlsx_rows(content, limits=import_limits())
    # The whole sheet is refused (row 0) for its declared range; the column is named.
    assert (refused.value.row, refused.value.column) == (0, "XFD")
    errors = _failure(content)
    assert errors[0][:2] == (0, "XFD") and "A1:XFD3" in errors[0][2]


def test_without_a_dimension_a_far_cell_is_refused_and_never_padded():
    def drop_dimension(name, data):
        if name == "xl/worksheets/sheet1.xml":
            start = data.index(b"<dimension")
            return data[:start] + data[data.index(b"/>", start) + 2 :]
        return data

    content = _rezip(_xfd_xlsx(), drop_dimension)
    assert b"<dimension" not in zipfile.ZipFile(io.BytesIO(content)).read(
        "xl/worksheets/sheet1.xml"
    )
    errors = _failure(content)
    assert errors[0][:2] == (1, "XFD")


def test_a_styled_empty_cell_far_right_is_skipped_not_padded(settings):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(GOOD[0])
    sheet["XFD2"].font = Font(bold=True)  # a style, no value
    buffer = io.BytesIO()
    book.save(buffer)

    def drop_dimension(name, data):
        if name == "xl/worksheets/sheet1.xml":
            start = data.index(b"<dimension")
            return data[:start] + data[data.index(b"/>", start) + 2 :]
        return data

    limits = import_limits()
    rows = read_xlsx_rows(_rezip(buffer.getvalue(), drop_dimension), limits=limits)
    assert [len(row) for row in rows] == [len(HEADER), len(HEADER)]  # not 16 384


def test_a_zip_bomb_member_is_refused_before_parsing(no_data_read):
    def add_bomb(name, data):
        if name is None:
            return ("xl/media/image1.bin", b"0" * (8 << 20))  # 8 MB of one byte: ratio ~1000
        return data

    content = _rezip(_xlsx(GOOD), add_bomb)
    assert len(content) < 100_000
    with pytest.raises(SheetTooLarge, match="sıkıştırılmış"):
        read_xlsx_rows(content, limits=import_limits())
    assert "sıkıştırılmış" in _failure(content)[0][2]


def test_total_uncompressed_size_is_limited(settings):
    settings.SANTRAL_IMPORT_MAX_UNCOMPRESSED_BYTES = 2000
    assert "MB" in _failure(_xlsx(GOOD))[0][2]


def test_too_many_rows_are_refused_with_a_clear_message(cast, settings):
    settings.SANTRAL_IMPORT_MAX_ROWS = 3
    rows = [GOOD[0]] * 4
    csv_errors = _failure(_csv(rows))
    assert csv_errors == [(4, "-", "dosyada 3 satırdan fazla var; dosyayı bölün")]
    xlsx_errors = _failure(_xlsx(rows))
    assert "en fazla 3 satır" in xlsx_errors[0][2]
    with pytest.raises(ImportFailed):
        import_commit(actor=cast.treasurer_a, council=cast.council_a, year=2026, content=_csv(rows))
    assert LedgerEntry.objects.count() == 0


def test_too_many_columns_and_cells_in_csv(settings):
    settings.SANTRAL_IMPORT_MAX_COLUMNS = 5
    errors = _failure(_csv(GOOD))
    assert errors[0][0] == 1 and "en fazla 5 sütun" in errors[0][2]
    settings.SANTRAL_IMPORT_MAX_COLUMNS = 100
    settings.SANTRAL_IMPORT_MAX_CELLS = 15
    assert "hücreden fazla" in _failure(_csv(GOOD))[0][2]


def test_file_size_is_checked_before_reading(cast, settings, tmp_path):
    settings.SANTRAL_IMPORT_MAX_BYTES = 100
    content = _csv(GOOD)
    assert "Dosya çok büyük" in _failure(content)[0][2]
    form = ImportForm(
        data={"im-mapping": ""},
        files={"im-file": SimpleUploadedFile("liste.csv", content)},
        prefix="im",
    )
    assert not form.is_valid() and "Dosya çok büyük" in str(form.errors["file"])
    path = tmp_path / "liste.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Dosya çok büyük"):
        call_command("import_budget", str(path), council="seyhan", year=2026)


@pytest.mark.parametrize("size", [40_000, 200_000])  # over Excel's cell limit / csv's default
def test_an_oversized_csv_field_is_a_row_error_not_a_crash(size):
    errors = _failure(_csv([[*GOOD[0][:8], "x" * size]]))
    assert errors[0][0] == 2 and errors[0][1] in ("I", "-")


# ---------------------------------------------------------------- encodings


def _tab_text(rows) -> str:
    return "\r\n".join("\t".join(row) for row in [HEADER, *rows]) + "\r\n"


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(_csv(ROWS), id="utf-8"),
        pytest.param(_csv(ROWS, bom=True), id="utf-8-bom"),
        pytest.param(_csv(ROWS, encoding="cp1254"), id="windows-1254"),
        pytest.param(_csv(ROWS, encoding="iso-8859-9"), id="iso-8859-9"),
        pytest.param(_tab_text(ROWS).encode("utf-16"), id="utf-16-bom-tab"),  # Unicode text
        pytest.param(
            "\ufeff".encode("utf-16-le") + _csv(ROWS).decode().encode("utf-16-le"),
            id="utf-16-le-bom-semicolon",
        ),
        pytest.param(
            "\ufeff".encode("utf-16-be") + _tab_text(ROWS).encode("utf-16-be"),
            id="utf-16-be-bom-tab",
        ),
        pytest.param(_tab_text(ROWS).encode("utf-16-le"), id="utf-16-le-no-bom"),
    ],
)
def test_every_encoding_excel_writes_is_read(cast, content):
    result = import_commit(
        actor=cast.treasurer_a, council=cast.council_a, year=2026, content=content
    )
    assert result.created == 2
    assert set(LedgerEntry.objects.values_list("description", flat=True)) == {
        "Şükrü Çağlar için ödenek",
        TURKISH,
    }
    assert LedgerEntry.objects.get(kind="initial").amount == Decimal("1234567.89")


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\x00\x01\x02\x03binary\x00\xff" * 20, id="binary"),
        pytest.param(b"Tarih;Tutar\r\n" + b"\x81\x8d;1\r\n", id="undefined-bytes"),
    ],
)
def test_an_unknown_encoding_is_a_clear_file_level_error(content):
    assert _failure(content) == [(0, "-", str(ENCODING_ERROR))]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26.11.26", datetime.date(2026, 11, 26)),
        ("01/02/26", datetime.date(2026, 2, 1)),
        ("26.11.2026", datetime.date(2026, 11, 26)),
        ("26.11.2026 00:00", datetime.date(2026, 11, 26)),
        ("2026-11-26", datetime.date(2026, 11, 26)),
    ],
)
def test_dates_two_digit_years_are_20xx(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("bad", ["26.11.2", "26.11/26", "26.11.026", "30.02.26"])
def test_bad_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_date(bad)


def test_a_two_digit_year_imports_into_that_budget_year(cast):
    row = ["26.11.26", *GOOD[0][1:]]
    import_commit(actor=None, council=cast.council_a, year=2026, content=_csv([row]))
    assert LedgerEntry.objects.get().entry_on == datetime.date(2026, 11, 26)


# ---------------------------------------------------------------- re-import


def test_a_reimport_names_the_import_it_repeats(cast, client):
    content = _csv(GOOD)
    first = import_commit(
        actor=cast.treasurer_a, council=cast.council_a, year=2026, content=content, filename="a.csv"
    )
    assert first.previous is None
    again = import_preview(council=cast.council_a, year=2026, content=content)
    assert again.previous is not None
    assert again.previous.actor == str(cast.treasurer_a)
    assert again.previous.created == 2 and again.previous.filename == "a.csv"
    message = str(again.previous)
    assert str(cast.treasurer_a) in message and "2 kayıt" in message
    # The date a finance officer reads is Istanbul's (after 21:00 UTC it is already tomorrow).
    assert timezone.localtime(again.previous.at).strftime("%d.%m.%Y %H:%M") in message
    second = import_commit(actor=None, council=cast.council_a, year=2026, content=content)
    assert (second.created, second.previous.created) == (0, 2)  # names the first, not itself
    # Another year or council: a different import, nothing repeated.
    assert import_preview(council=cast.council_a, year=2027, content=content).previous is None
    assert import_preview(council=cast.council_b, year=2026, content=content).previous is None
    # The back office says it too, in the success message.
    client.force_login(cast.treasurer_a)
    response = client.post(
        f"/admin/butce/{cast.council_a.pk}/2026/",
        {
            "action": "import",
            "im-file": SimpleUploadedFile("a.csv", content),
            "im-mapping": "",
            "im-commit": "on",
        },
        follow=True,
    )
    assert "Bu dosya daha önce içe aktarıldı" in response.content.decode()
