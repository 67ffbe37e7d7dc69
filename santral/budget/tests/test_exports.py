import csv
import io
import zipfile
from decimal import Decimal

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
        _sum(rows, "initial") + _sum(rows, "addition") + _sum(rows, "transfer")
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
