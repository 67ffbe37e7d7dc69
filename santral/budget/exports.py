"""Export the ledger of a council's year: CSV, XLSX, and a Fiscal Data Package (zip).

Rows are every posted entry, reversals included, so the sum of `amount` per kind equals the
report. Payee names are not part of the ledger export: entries carry the description and
document number, never the supplier of an expenditure.

Every text cell goes through santral/core/spreadsheets.py (formula injection): a description
like `=HYPERLINK(...)` is written as text with a leading `'`; amounts stay numbers.
"""

import io
import json
import zipfile

from santral.core.spreadsheets import CSV_PLAIN, SafeCSVWriter
from santral.councils.models import Council

from .reports import Table, write_xlsx_tables
from .selectors import FIGURE_KEYS, budget_report, ledger_for, line_route, project_account_codes

LINE_COLUMNS = [
    ("kurumsal", "string", "Kurumsal kod"),
    ("paying_unit", "string", "Ödeyen birim"),
    ("fonksiyonel", "string", "Fonksiyonel kod"),
    ("finansman", "string", "Finansman tipi"),
    ("ekonomik", "string", "Ekonomik kod"),
    ("route", "string", "Ödeme yolu (unit, private_office, project_account, other)"),
    *((key, "number", key) for key in FIGURE_KEYS),
]


def lines_csv(council: Council, year: int) -> str:
    """Per-line figures (docs/budget.md, "Figures") from the one selector, plain CSV."""
    out = io.StringIO()
    writer = SafeCSVWriter(out, flavour=CSV_PLAIN)
    writer.writerow([name for name, _type, _title in LINE_COLUMNS])
    for row in budget_report(council, year).lines:
        line = row.line
        values = row.figures.as_dict()
        writer.writerow(
            [
                row.kurumsal,
                row.unit_name,
                line.functional_code if line else "",
                line.financing_code if line else "",
                line.economic_code if line else "",
                row.route,
                *(values[key] for key in FIGURE_KEYS),
            ]
        )
    return out.getvalue()


COLUMNS = [
    ("id", "integer", "Kayıt no"),
    ("date", "date", "Tarih"),
    ("fiscal_year", "integer", "Bütçe yılı"),
    ("kurumsal", "string", "Kurumsal kod"),
    ("paying_unit", "string", "Ödeyen birim"),
    ("fonksiyonel", "string", "Fonksiyonel kod"),
    ("finansman", "string", "Finansman tipi"),
    ("ekonomik", "string", "Ekonomik kod"),
    ("kind", "string", "İşlem türü"),
    ("amount", "number", "Tutar (TL)"),
    ("document_no", "string", "Belge no"),
    ("description", "string", "Açıklama"),
    ("project", "string", "Etkinlik/proje"),
    ("reverses", "integer", "Ters kaydı yapılan kayıt"),
    ("reason", "string", "Gerekçe"),
    ("route", "string", "Ödeme yolu (unit, private_office, project_account, other)"),
    ("transfer", "integer", "Aktarma no (iki bacak aynı numarayı taşır)"),
]


def ledger_rows(council: Council, year: int):
    codes = project_account_codes(council, year)
    routes: dict[int, str] = {}
    for entry in ledger_for(council, year).iterator(chunk_size=2000):
        line = entry.line
        if line is not None and line.pk not in routes:
            routes[line.pk] = line_route(line, codes)
        yield [
            entry.pk,
            entry.entry_on.isoformat(),
            entry.fiscal_year,
            line.paying_unit.kurumsal_code if line else "",
            line.paying_unit.name if line else "",
            line.functional_code if line else "",
            line.financing_code if line else "",
            line.economic_code if line else "",
            entry.kind,
            entry.amount,
            entry.document_no,
            entry.description,
            entry.project_label,
            entry.reverses_id or "",
            entry.reason,
            routes[line.pk] if line else "",
            entry.transfer_id or "",
        ]


def ledger_csv(council: Council, year: int, *, flavour: str = CSV_PLAIN) -> str:
    """The ledger as CSV: `plain` (comma, dot decimals) or `excel` (BOM, `;`, decimal comma)."""
    out = io.StringIO()
    writer = SafeCSVWriter(out, flavour=flavour)
    writer.writerow([name for name, _type, _title in COLUMNS])
    writer.writerows(ledger_rows(council, year))
    return out.getvalue()


def ledger_json(council: Council, year: int) -> dict:
    """The ledger as JSON: the same columns as the CSV; amounts as decimal strings (exact)."""
    names = [name for name, _type, _title in COLUMNS]
    rows = []
    for row in ledger_rows(council, year):
        record = dict(zip(names, row, strict=True))
        record["amount"] = str(record["amount"])
        record["reverses"] = record["reverses"] or None
        record["transfer"] = record["transfer"] or None
        rows.append(record)
    return {
        "council": council.slug,
        "fiscal_year": year,
        "currency": "TRY",
        "fields": [{"name": n, "type": t, "title": title} for n, t, title in COLUMNS],
        "rows": rows,
    }


def ledger_xlsx(council: Council, year: int) -> bytes:
    table = Table(
        "defter",
        "Defter",
        [title for _name, _type, title in COLUMNS],
        list(ledger_rows(council, year)),
        [],
        0,
    )
    return write_xlsx_tables([table])


def fiscal_data_package(council: Council, year: int) -> dict:
    """datapackage.json for the ledger, following the Fiscal Data Package model."""
    fields = [
        {"name": name, "type": kind, "title": title}
        | ({"format": "default"} if kind != "string" else {})
        for name, kind, title in COLUMNS
    ]
    fields[9]["decimalChar"] = "."
    fields[9]["bareNumber"] = True
    return {
        "name": f"{council.slug}-butce-{year}",
        "title": f"{council.name} — {year} bütçe defteri",
        "profile": "data-package",
        "fiscalPeriod": {"start": f"{year}-01-01", "end": f"{year}-12-31"},
        "countryCode": "TR",
        "resources": [
            {
                "name": "ledger",
                "path": "ledger.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"]},
            },
            {
                "name": "budget-lines",
                "path": "budget-lines.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": "Per line: appropriation, reserved, committed, paid, "
                "remaining and available (docs/budget.md, Figures).",
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "title": title}
                        | ({"decimalChar": ".", "bareNumber": True} if kind == "number" else {})
                        for name, kind, title in LINE_COLUMNS
                    ]
                },
            },
        ],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "TRY"}},
            "dimensions": {
                "date": {
                    "dimensionType": "datetime",
                    "attributes": {"date": {"source": "date"}},
                    "primaryKey": ["date"],
                },
                "administrative": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "attributes": {
                        "kurumsal": {"source": "kurumsal"},
                        "paying_unit": {"source": "paying_unit", "labelfor": "kurumsal"},
                    },
                    "primaryKey": ["kurumsal"],
                },
                "functional": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "attributes": {"fonksiyonel": {"source": "fonksiyonel"}},
                    "primaryKey": ["fonksiyonel"],
                },
                "economic": {
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "attributes": {"ekonomik": {"source": "ekonomik"}},
                    "primaryKey": ["ekonomik"],
                },
                "financing": {
                    "dimensionType": "fact",
                    "attributes": {"finansman": {"source": "finansman"}},
                    "primaryKey": ["finansman"],
                },
                "route": {
                    "dimensionType": "classification",
                    "attributes": {"route": {"source": "route"}},
                    "primaryKey": ["route"],
                },
                "phase": {
                    "dimensionType": "fact",
                    "attributes": {"kind": {"source": "kind"}},
                    "primaryKey": ["kind"],
                },
            },
        },
    }


def fiscal_data_package_zip(council: Council, year: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json",
            json.dumps(fiscal_data_package(council, year), ensure_ascii=False, indent=2),
        )
        archive.writestr("ledger.csv", ledger_csv(council, year))
        archive.writestr("budget-lines.csv", lines_csv(council, year))
    return buffer.getvalue()
