"""Render a BudgetReport as tables, then as CSV, XLSX or PDF — one source for every format.

`report_tables()` turns the report into plain tables (header, rows, total row); the CSV,
XLSX and PDF writers and the HTML templates all print those tables, so their totals agree.
Amounts stay Decimal until the writer: CSV prints `1234.56`, XLSX stores numbers with a
`#,##0.00` format, HTML/PDF print `1.234,56`.
"""

import datetime
import io
from dataclasses import dataclass, replace
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as _noop

from santral.core.spreadsheets import SafeCSVWriter, xlsx_append

from .charts import burndown_points, burndown_svg, treemap_svg
from .selectors import BudgetReport, Figures

# Column order and Turkish public-finance names of every figure (selectors.FIGURE_KEYS;
# definitions and formulas in docs/budget.md, "Figures"). Translated where they are used.
FIGURE_HEADERS = [
    ("initial", _noop("Başlangıç ödeneği")),
    ("additions", _noop("Ek ödenek")),
    ("reductions", _noop("Düşülen ödenek")),
    ("transfers_in", _noop("Aktarmayla eklenen")),
    ("transfers_out", _noop("Aktarmayla düşülen")),
    ("revised", _noop("Revize ödenek")),
    ("reserved", _noop("Rezerve (onaylı talep)")),
    ("committed", _noop("Açık taahhüt")),
    ("paid", _noop("Ödenen")),
    ("remaining", _noop("Kalan")),
    ("available", _noop("Kullanılabilir")),
]


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list]
    total: list
    text_columns: int  # leading columns that are codes/labels (kept as text)
    # Its text columns are the council's own words (event and project names): pages mark
    # them as Turkish user content.
    user_content: bool = False


def _figures(figures: Figures) -> list[Decimal]:
    values = figures.as_dict()
    return [values[key] for key, _label in FIGURE_HEADERS]


def _figure_headers() -> list[str]:
    return [_(label) for _key, label in FIGURE_HEADERS]


def lines_table(report: BudgetReport, *, public: bool = False) -> Table:
    headers = [
        _("Kurumsal"),
        _("Ödeyen birim"),
        _("Fonksiyonel"),
        _("Finansman"),
        _("Ekonomik"),
        _("Ödeme yolu"),
        *_figure_headers(),
    ]
    rows = []
    for row in report.lines:
        line = row.line
        rows.append(
            [
                row.kurumsal,
                row.unit_name,
                line.functional_code if line else "",
                line.financing_code if line else "",
                line.economic_code if line else "",
                row.route_label,
                *_figures(row.figures),
            ]
        )
    return Table(
        "satirlar",
        _("Bütçe satırları: ödenek ve gerçekleşme"),
        headers,
        rows,
        [_("TOPLAM"), "", "", "", "", "", *_figures(report.total)],
        6,
    )


def _group_table(slug: str, title: str, key_header: str, groups) -> Table:
    total = Figures()
    for group in groups:
        total += group.figures
    return Table(
        slug,
        title,
        [key_header, _("Ad"), *_figure_headers()],
        [[g.key, g.label, *_figures(g.figures)] for g in groups],
        [_("TOPLAM"), "", *_figures(total)],
        2,
    )


def in_kind_table(report: BudgetReport) -> Table:
    return Table(
        "ayni",
        _("Ayni katkılar (katkı veren türüne göre)"),
        [_("Katkı veren türü"), _("Değer (TL)")],
        [[row.label, row.value] for row in report.in_kind_by_kind],
        [_("TOPLAM"), report.in_kind_total],
        1,
    )


CONSOLIDATED_KEYS = ("revised", "reserved", "committed", "paid", "remaining", "available")


def consolidated_table(report: BudgetReport) -> Table:
    """The whole picture: cash by payment route — (a) units, (b) Özel Kalem, (c) the
    council's project account — with in-kind help beside them (its value under "paid /
    received", the appropriation columns left empty: in-kind has none).

    Rows are named by their labels only: the route codes (`unit`, `private_office`, …) are
    internal keys that no public output shows (docs/budget.md, "Public figures")."""
    rows = [
        [g.label, *(getattr(g.figures, key) for key in CONSOLIDATED_KEYS)]
        for g in report.by_route()
    ]
    rows.append([_("Ayni katkılar"), None, None, None, report.in_kind_total, None, None])
    total = report.total
    return Table(
        "konsolide",
        _("Konsolide tablo: ödeme yoluna göre nakit ve ayni"),
        [
            _("Ödeme yolu"),
            _("Revize ödenek"),
            _("Rezerve (onaylı talep)"),
            _("Açık taahhüt"),
            _("Ödenen / alınan"),
            _("Kalan"),
            _("Kullanılabilir"),
        ],
        rows,
        [
            _("TOPLAM"),
            total.revised,
            total.reserved,
            total.committed,
            report.cash_plus_in_kind,
            total.remaining,
            total.available,
        ],
        1,
    )


def _route_groups(report: BudgetReport):
    """Route groups keyed by their (a)/(b)/(c) letter, never by the internal code."""
    letters = {"unit": "a", "private_office": "b", "project_account": "c", "other": "-"}
    return [replace(g, key=letters.get(g.key, "")) for g in report.by_route()]


def report_tables(report: BudgetReport, *, public: bool = False) -> list[Table]:
    tables = [lines_table(report)] if not public else []
    tables += [
        consolidated_table(report),
        _group_table("yol", _("Ödeme yoluna göre"), _("Yol"), _route_groups(report)),
        _group_table("birim", _("Ödeyen birime göre"), _("Kurumsal"), report.by_unit()),
        _group_table(
            "finansman",
            _("Finansman tipine göre (öz kaynak, bağış ve yardım)"),
            _("Finansman"),
            report.by_financing(),
        ),
        _group_table("fonksiyonel", _("Fonksiyonel koda göre"), _("Kod"), report.by_functional()),
        _group_table("ekonomik", _("Ekonomik koda göre"), _("Kod"), report.by_economic()),
        replace(
            _group_table("proje", _("Etkinlik / projeye göre"), _("Etkinlik"), report.by_project),
            user_content=True,
        ),
        _group_table("ay", _("Aya göre"), _("Ay"), report.by_month),
        in_kind_table(report),
    ]
    return tables


def report_charts(report: BudgetReport) -> dict:
    functional = report.by_functional()
    return {
        "treemap_rows": functional,
        "treemap": treemap_svg(
            [(g.key, g.label, g.figures.revised) for g in functional],
            title=_("Revize ödeneğin fonksiyonel koda göre dağılımı"),
        ),
        "burndown": burndown_svg(
            burndown_points(report),
            title=_("Aylara göre kalan ödenek"),
            ticks=[
                date_format(datetime.date(report.year, int(group.key), 1), "M")
                for group in report.by_month
            ],
        ),
        "burndown_points": burndown_points(report),
    }


def report_csv(
    report: BudgetReport, *, table: str = "satirlar", public: bool = False, flavour: str = "plain"
) -> str:
    """One table as CSV, chosen by its slug. `plain`: UTF-8, comma, dot decimals; `excel`:
    BOM, semicolon, decimal comma (santral/core/spreadsheets.py). Text cells are neutralised."""
    tables = {t.slug: t for t in report_tables(report, public=public)}
    chosen = tables.get(table) or next(iter(tables.values()))
    out = io.StringIO()
    writer = SafeCSVWriter(out, flavour=flavour)
    writer.writerow(chosen.headers)
    for row in chosen.rows:
        writer.writerow(_text_first(row, chosen.text_columns))
    writer.writerow(_text_first(chosen.total, chosen.text_columns))
    return out.getvalue()


def _text_first(row: list, text_columns: int) -> list:
    """Leading code/label columns as text (a code is never a number), the rest as they are."""
    return [
        ("" if value is None else str(value)) if index < text_columns else value
        for index, value in enumerate(row)
    ]


def write_xlsx_tables(tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.slug[:31])
        for cell in xlsx_append(sheet, table.headers):
            cell.font = bold
        for row in [*table.rows, table.total]:
            cells = xlsx_append(sheet, _text_first(row, table.text_columns))
            for index, cell in enumerate(cells):
                if index < table.text_columns:
                    cell.number_format = "@"  # codes stay text: 03.05 never becomes a date
                elif cell.data_type == "n" and cell.value is not None:
                    cell.number_format = "#,##0.00"
        for cell in sheet[sheet.max_row]:
            cell.font = bold
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_xlsx(report: BudgetReport, *, public: bool = False) -> bytes:
    return write_xlsx_tables(report_tables(report, public=public))


def report_pdf(report: BudgetReport, *, public: bool = False, internal: bool = False) -> bytes:
    """The report as PDF through WeasyPrint (needs Debian's pango; see README).

    `internal=True` (the back office only) prints the warnings block; a public PDF never does.
    """
    from pathlib import Path

    from weasyprint import CSS, HTML

    html = render_to_string(
        "budget/report_print.html",
        {
            "report": report,
            "tables": report_tables(report, public=public),
            "charts": report_charts(report),
            "public": public,
            "show_warnings": internal,
        },
    )
    stylesheet = CSS(filename=str(Path(__file__).resolve().parent / "pdf.css"))
    return HTML(string=html, base_url=None).write_pdf(stylesheets=[stylesheet])
