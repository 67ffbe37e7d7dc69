import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError

from santral.budget.imports import ImportFailed, import_commit, import_preview, parse_amount
from santral.budget.models import BudgetLine, LedgerEntry, PayingUnit
from santral.budget.selectors import budget_report
from santral.budget.services import period_close

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "docs" / "samples" / "budget-import-sample.csv"
HEADER = [
    "Tarih",
    "Kurumsal Kod",
    "Birim Adı",
    "Fonksiyonel Kod",
    "Finansman Tipi",
    "Ekonomik Kod",
    "İşlem Türü",
    "Tutar",
    "Açıklama",
]
GOOD = [
    [
        "02.01.2026",
        "46.01.01.12",
        "Kültür ve Sosyal İşler Dairesi Başkanlığı",
        "08.2.0",
        "5",
        "03.2.1.01",
        "Başlangıç ödeneği",
        "1.234.567,89",
        "Şükrü Çağlar için ödenek",
    ],
    [
        "10.03.2026",
        "46.01.01.02",
        "Özel Kalem Müdürlüğü",
        "01.1.1",
        "5",
        "03.5.9.90",
        "Ödeme",
        "1.000,00",
        "Salon",
    ],
]


def _csv(rows, *, sep=";", encoding="utf-8", bom=False, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerows([header, *rows])
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def _xlsx(rows, header=HEADER) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("1.234.567,89", "1234567.89"),
        ("1234567.89", "1234567.89"),
        ("1.234", "1234.00"),
        ("-500,25", "-500.25"),
        ("12,5", "12.50"),
        (1234.5, "1234.50"),
        ("1.234 TL", "1234.00"),
    ],
)
def test_parse_amount(amount, expected):
    assert parse_amount(amount) == Decimal(expected)


@pytest.mark.parametrize("bad", ["on bin", "1,234,567.89", "1.23.4", "12,345", ""])
def test_parse_amount_rejects(bad):
    with pytest.raises(ValueError):
        parse_amount(bad)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(_csv(GOOD), id="utf8-semicolon"),
        pytest.param(_csv(GOOD, bom=True), id="utf8-bom-semicolon"),
        pytest.param(_csv(GOOD, sep=","), id="utf8-comma"),
        pytest.param(_csv(GOOD, encoding="cp1254"), id="windows-1254-semicolon"),
        pytest.param(_csv(GOOD, encoding="cp1254", sep=","), id="windows-1254-comma"),
        pytest.param(_xlsx(GOOD), id="xlsx"),
    ],
)
def test_every_format_imports_the_same_and_twice_adds_nothing(cast, content):
    result = import_commit(
        actor=cast.treasurer_a, council=cast.council_a, year=2026, content=content, filename="liste"
    )
    assert (result.created, result.skipped) == (2, 0)
    entry = LedgerEntry.objects.get(kind="initial")
    assert entry.amount == Decimal("1234567.89")
    assert entry.description == "Şükrü Çağlar için ödenek"  # no Þükrü: cp1254 read as cp1254
    assert entry.line.tertip == "46.01.01.12 - 08.2.0 - 5 - 03.2.1.01"
    assert PayingUnit.objects.get(kurumsal_code="46.01.01.02").kind == "private_office"
    again = import_commit(
        actor=cast.treasurer_a, council=cast.council_a, year=2026, content=content, filename="liste"
    )
    assert (again.created, again.skipped) == (0, 2)
    assert LedgerEntry.objects.count() == 2


def test_identical_rows_in_one_file_are_two_entries(cast):
    content = _csv([GOOD[1], GOOD[1]])
    assert (
        import_commit(actor=None, council=cast.council_a, year=2026, content=content).created == 2
    )
    assert (
        import_commit(actor=None, council=cast.council_a, year=2026, content=content).created == 0
    )


def _errors(cast, content, **kwargs):
    with pytest.raises(ImportFailed) as failure:
        import_commit(
            actor=cast.treasurer_a, council=cast.council_a, year=2026, content=content, **kwargs
        )
    assert LedgerEntry.objects.count() == 0 and BudgetLine.objects.count() == 0
    return [(e.row, e.column, e.message) for e in failure.value.errors_list]


def test_broken_files_give_per_row_errors_and_write_nothing(cast):
    bad = [
        [
            "02.01.2026",
            "46.01.01.12",
            "K",
            "08.2.0",
            "5",
            "03.2.1.77",
            "Başlangıç ödeneği",
            "100,00",
            "",
        ],  # unknown economic code
        [
            "02.01.2026",
            "46.01.01.12",
            "K",
            "08.2.0",
            "5",
            "03.2.1.01",
            "Ek ödenek",
            "yüz lira",
            "",
        ],  # text in an amount
        [
            "31.02.2026",
            "46.01.01.12",
            "K",
            "08.2.0",
            "5",
            "03.2.1.01",
            "Ek ödenek",
            "100,00",
            "",
        ],  # a date that does not exist
        [
            "02.01.2026",
            "46.01.01.12",
            "K",
            "08.2.0",
            "5",
            "03.2.1.01",
            "Başlangıç ödeneği",
            "-100,00",
            "",
        ],  # negative appropriation
    ]
    errors = _errors(cast, _csv([GOOD[0], *bad]))
    assert (3, "Ekonomik kod", "“03.2.1.77” 2026 listesinde yok") in errors
    assert any(r == 4 and c == "Tutar" and "bir tutar değil" in m for r, c, m in errors)
    assert any(r == 5 and c == "Tarih" and "takvimde olmayan" in m for r, c, m in errors)
    assert any(r == 6 and c == "Tutar" and "sıfırdan büyük" in m for r, c, m in errors)
    assert not any(r == 2 for r, _c, _m in errors)  # the valid row has no error, yet is not written


def test_missing_column(cast):
    header = [h for h in HEADER if h != "Tutar"]
    rows = [[c for i, c in enumerate(row) if HEADER[i] != "Tutar"] for row in GOOD]
    assert _errors(cast, _csv(rows, header=header)) == [(1, "Tutar", "zorunlu sütun dosyada yok")]


def test_half_valid_xlsx_and_codes_stored_as_numbers(cast):
    rows = [GOOD[0], ["02.01.2026", "46.01.01.12", "K", "08.2.0", 5, 3.21, "Ek ödenek", 10, ""]]
    errors = _errors(cast, _xlsx(rows))
    assert {(r, c) for r, c, _m in errors} == {(3, "Finansman tipi"), (3, "Ekonomik kod")}


def test_other_year_closed_period_and_wrong_province(cast):
    period_close(actor=cast.treasurer_a, council=cast.council_a, fiscal_year=2026, month=3)
    rows = [
        ["02.01.2025", *GOOD[0][1:]],
        GOOD[1],
        ["02.01.2026", "46.34.01.12", *GOOD[0][2:]],
        ["02.01.2026", "46.01.01.12", "K", "08.2.0", "5", "03.2.1.01", "Silme", "1,00", ""],
    ]
    errors = _errors(cast, _csv(rows))
    assert [(r, c) for r, c, _m in errors] == [
        (2, "Tarih"),
        (3, "Tarih"),
        (4, "Kurumsal kod"),
        (5, "İşlem türü"),
    ]


def test_mapping_renames_columns_and_kinds(cast):
    header = ["İşlem Tar.", "Kur.", "Birim", "Fonk.", "FT", "Eko.", "Hareket", "Miktar", "Not"]
    rows = [["02.01.2026", "46.01.01.12", "K", "08.2.0", "5", "03.2.1.01", "BAŞL", "5,00", ""]]
    mapping = {
        "columns": {
            "İşlem Tar.": "entry_on",
            "Kur.": "kurumsal",
            "Fonk.": "functional",
            "FT": "financing",
            "Eko.": "economic",
            "Hareket": "kind",
            "Miktar": "amount",
        },
        "kinds": {"BAŞL": "initial"},
        "delimiter": ";",
        "encoding": "utf-8",
    }
    preview = import_preview(
        council=cast.council_a, year=2026, content=_csv(rows, header=header), mapping=mapping
    )
    assert preview.errors == [] and preview.rows[0].kind == "initial"
    assert LedgerEntry.objects.count() == 0  # a preview writes nothing


def test_permissions(cast):
    with pytest.raises(PermissionDenied):
        import_commit(actor=cast.editor_a, council=cast.council_a, year=2026, content=_csv(GOOD))


def test_command_imports_sample_and_fails_loudly(cast, tmp_path, capsys):
    call_command("import_budget", str(SAMPLE), council="seyhan", year=2026)
    report = budget_report(cast.council_a, 2026)
    assert report.total.initial == Decimal("230000.00")
    assert report.total.paid == Decimal("1234.56")
    call_command("import_budget", str(SAMPLE), council="seyhan", year=2026)
    assert LedgerEntry.objects.count() == 4
    broken = tmp_path / "bozuk.csv"
    broken.write_bytes(_csv([["31.02.2026", *GOOD[0][1:]]], encoding="cp1254"))
    with pytest.raises(CommandError, match="1 hata"):
        call_command("import_budget", str(broken), council="seyhan", year=2026)
    assert "Satır 2, sütun “Tarih”" in capsys.readouterr().err
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"columns": {"Tarih": "entry_on"}}), encoding="utf-8")
    call_command(
        "import_budget",
        str(SAMPLE),
        council="seyhan",
        year=2026,
        mapping=str(mapping),
        dry_run=True,
    )


def test_xlsx_date_and_number_cells_and_a_broken_file(cast):
    import datetime

    from santral.budget.xlsx import read_xlsx_rows

    errors = _errors(cast, b"PK\x03\x04 not really a zip", filename="bozuk.xlsx")
    assert errors[0][0] == 0 and "XLSX" in errors[0][2]
    row = [
        datetime.datetime(2026, 11, 26),
        "46.01.01.12",
        "K",
        "08.2.0",
        "5",
        "03.2.1.01",
        "Ek ödenek",
        1234.56,
        "hücre tarihi",
    ]
    content = _xlsx([GOOD[0], row])
    cells = read_xlsx_rows(content)
    assert cells[2][0] == datetime.datetime(2026, 11, 26)
    assert cells[2][7] == Decimal("1234.56")
    assert cells[1][7] == "1.234.567,89"
    import_commit(actor=None, council=cast.council_a, year=2026, content=content)
    entry = LedgerEntry.objects.get(description="hücre tarihi")
    assert (entry.entry_on, entry.amount) == (datetime.date(2026, 11, 26), Decimal("1234.56"))


def test_xlsx_with_a_dtd_is_refused():
    import zipfile

    from santral.budget.xlsx import read_xlsx_rows

    source = zipfile.ZipFile(io.BytesIO(_xlsx(GOOD)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = (
                    b'<?xml version="1.0"?><!-- <x> -->'
                    b'<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + data
                )
            target.writestr(item, data)
    with pytest.raises(ValueError, match="DTD"):
        read_xlsx_rows(out.getvalue())
