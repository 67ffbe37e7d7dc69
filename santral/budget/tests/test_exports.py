import csv
import io
import zipfile
from decimal import Decimal

import pytest

from santral.budget.exports import fiscal_data_package_zip, ledger_csv, ledger_xlsx

from .conftest import EXPECTED


def _sum(rows, kind):
    return sum((Decimal(r["amount"]) for r in rows if r["kind"] == kind), Decimal("0.00"))


def test_ledger_csv_and_xlsx_sum_to_the_report(cast, fixture_budget):
    from openpyxl import load_workbook

    rows = list(csv.DictReader(io.StringIO(ledger_csv(cast.council_a, 2026))))
    assert _sum(rows, "payment") == EXPECTED["paid"]
    assert _sum(rows, "commitment") == EXPECTED["committed"]
    assert (
        _sum(rows, "initial")
        + _sum(rows, "addition")
        + _sum(rows, "reduction")
        + _sum(rows, "transfer")
        == EXPECTED["revised"]
    )
    assert "Ayşe Demir" not in ledger_csv(cast.council_a, 2026)  # payees are not exported
    sheet = load_workbook(io.BytesIO(ledger_xlsx(cast.council_a, 2026))).active
    values = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(values) == len(rows)
    paid = sum(Decimal(str(v[9])) for v in values if v[8] == "payment")
    assert paid.quantize(Decimal("0.01")) == EXPECTED["paid"]
    assert {v[5] for v in values} == {"08.2.0", "01.1.1"}


def test_fiscal_data_package_is_valid(cast, fixture_budget, tmp_path):
    from frictionless import Package, validate

    with zipfile.ZipFile(io.BytesIO(fiscal_data_package_zip(cast.council_a, 2026))) as archive:
        archive.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    rows = package.get_resource("ledger").read_rows()
    assert sum(r["amount"] for r in rows if r["kind"] == "payment") == EXPECTED["paid"]
    assert package.custom["model"]["measures"]["amount"]["currency"] == "TRY"


# ---------------------------------------------------------------- formula injection (issue 14)

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\uff1dcmd|' /C calc'!A0"]


@pytest.fixture
def hostile_ledger(cast):
    """Descriptions that a spreadsheet would evaluate, imported as a municipal file brings
    them, plus a negative transfer that must stay a number."""
    from santral.budget.imports import import_commit

    header = ["Tarih", "Kurumsal Kod", "Birim Adı", "Fonksiyonel Kod", "Finansman Tipi"]
    header += ["Ekonomik Kod", "İşlem Türü", "Tutar", "Açıklama"]
    base = ["02.01.2026", "46.01.01.12", "@SUM(A1)", "08.2.0", "5", "03.2.1.01"]
    rows = [[*base, "Başlangıç ödeneği", "1.000,00", text] for text in HOSTILE]
    rows.append([*base, "Aktarma", "-500,25", "Aktarma"])
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([header, *rows])
    import_commit(
        actor=None, council=cast.council_a, year=2026, content=out.getvalue().encode("utf-8")
    )
    return cast.council_a


def test_ledger_csv_neutralises_formulas_and_keeps_amounts_numbers(hostile_ledger):
    text = ledger_csv(hostile_ledger, 2026)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(r["description"] for r in rows if r["kind"] == "initial") == sorted(
        "'" + payload for payload in HOSTILE
    )
    assert {r["paying_unit"] for r in rows} == {"'@SUM(A1)"}
    assert ",-500.25," in text  # the amount is a bare number, not quoted or prefixed
    cells = [cell for r in rows for name, cell in r.items() if name != "amount"]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\uff1d"))]


def test_ledger_csv_for_excel_has_bom_semicolons_and_decimal_comma(hostile_ledger):
    text = ledger_csv(hostile_ledger, 2026, flavour="excel")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    header = rows[0]
    amounts = [row[header.index("amount")] for row in rows[1:]]
    assert sorted(amounts) == sorted(["1000,00"] * len(HOSTILE) + ["-500,25"])
    assert ";-500,25;" in text
    assert '\'=HYPERLINK(""http://x"",""y"")' in text


def test_ledger_xlsx_writes_text_cells_never_formulas(hostile_ledger):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(ledger_xlsx(hostile_ledger, 2026))).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    descriptions = {row[11].value: row[11].data_type for row in sheet.iter_rows(min_row=2)}
    for payload in HOSTILE:
        assert descriptions["'" + payload] == "s"
    amounts = [row[9] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "n" for cell in amounts)
    assert Decimal("-500.25") in {Decimal(str(cell.value)) for cell in amounts}


def test_report_exports_neutralise_unit_names(hostile_ledger):
    from openpyxl import load_workbook

    from santral.budget.reports import report_csv, report_xlsx
    from santral.budget.selectors import budget_report

    report = budget_report(hostile_ledger, 2026)
    book = load_workbook(io.BytesIO(report_xlsx(report)))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert "'@SUM(A1)" in {cell.value for cell in cells}
    assert "@SUM(A1)" not in {cell.value for cell in cells}
    from santral.budget.reports import report_tables

    for table in report_tables(report):
        rows = list(csv.reader(io.StringIO(report_csv(report, table=table.slug))))
        assert not [c for row in rows for c in row if c.startswith("@")]
    assert "'@SUM(A1)" in report_csv(report, table="satirlar")


def test_backoffice_and_public_links_offer_the_excel_csv(client, cast, hostile_ledger):
    client.force_login(cast.treasurer_a)
    url = f"/admin/butce/{cast.council_a.pk}/2026/"
    page = client.get(url).content.decode()
    assert "defter.csv?bicim=excel" in page and "rapor.csv?bicim=excel" in page
    response = client.get(f"{url}indir/defter.csv", {"bicim": "excel"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    assert "excel" in response["Content-Disposition"]
    assert client.get(f"{url}indir/defter.csv").content.startswith(b'"id",')  # old URL works
    client.logout()
    public = f"/{cast.council_a.slug}/butce/2026/"
    assert "rapor.csv?bicim=excel" in client.get(public).content.decode()
    body = client.get(f"{public}rapor.csv", {"bicim": "excel"}).content.decode("utf-8")
    assert body.startswith("\ufeff") and ";" in body.splitlines()[0]
