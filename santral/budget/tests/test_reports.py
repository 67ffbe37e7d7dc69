import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from santral.budget.reports import report_csv, report_pdf, report_xlsx
from santral.budget.selectors import FIGURE_KEYS, budget_report, code_tree
from santral.budget.services import budget_settings_update
from santral.budget.templatetags.budget_tags import tl

from .conftest import EXPECTED, EXPECTED_IN_KIND

ORDER = list(FIGURE_KEYS)


def test_tl_format():
    assert tl(Decimal("1234567.8")) == "1.234.567,80"
    assert tl(Decimal("-500.25")) == "-500,25"
    assert tl(Decimal("0")) == "0,00"


def test_report_matches_hand_computed_fixture(cast, fixture_budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        report = budget_report(cast.council_a, 2026)
    assert report.total.as_dict() == EXPECTED
    assert report.in_kind_total == EXPECTED_IN_KIND
    assert report.cash_plus_in_kind == Decimal("6336.06")
    by_unit = {g.key: g.figures.paid for g in report.by_unit()}
    assert by_unit == {"46.01.01.02": Decimal("0.00"), "46.01.01.12": Decimal("1234.56")}
    by_project = {g.key: (g.figures.committed, g.figures.paid) for g in report.by_project}
    assert by_project == {
        "Kadın paneli": (Decimal("0.00"), Decimal("1234.56")),
        "Gençlik forumu": (Decimal("700.10"), Decimal("0.00")),
    }
    months = {g.key: g.figures.paid for g in report.by_month}
    assert months["03"] == Decimal("1234.56")
    assert sum((g.figures.revised for g in report.by_month), Decimal(0)) == EXPECTED["revised"]


def test_csv_xlsx_pdf_html_api_agree_to_the_kurus(client, cast, fixture_budget):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    report = budget_report(cast.council_a, 2026)
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert rows[-1][0] == "TOPLAM"
    assert [Decimal(v) for v in rows[-1][6:]] == [EXPECTED[k] for k in ORDER]
    assert rows[1][0] == "46.01.01.02"  # codes stay text with leading zeros

    book = load_workbook(io.BytesIO(report_xlsx(report)))
    sheet = book["satirlar"]
    last = [cell.value for cell in sheet[sheet.max_row]]
    assert [Decimal(str(v)).quantize(Decimal("0.01")) for v in last[6:]] == [
        EXPECTED[k] for k in ORDER
    ]
    assert sheet["C2"].value == "01.1.1" and sheet["C2"].data_type == "s"
    konsolide = book["konsolide"]
    assert Decimal(str(konsolide.cell(konsolide.max_row, 5).value)) == Decimal("6336.06")

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(report))).pages)
    for key in ORDER:
        assert tl(EXPECTED[key]) in text, key
    assert tl(EXPECTED_IN_KIND) in text

    client.force_login(cast.editor_a)
    html = client.get(reverse("budget:public", args=["seyhan", 2026])).content.decode()
    for key in ("revised", "committed", "paid", "remaining"):
        assert re.search(rf'data-total="{key}">{re.escape(tl(EXPECTED[key]))} TL', html), key

    data = client.get("/api/v1/councils/seyhan/budget/2026/").json()
    assert data["totals"] == {
        **{k: f"{v:.2f}" for k, v in EXPECTED.items()},
        "transfers": "0.00",
    }
    assert data["in_kind"]["total"] == "5101.50"
    assert len(data["lines"]) == 2
    first = data["lines"][0]
    assert (first["kurumsal"], first["fonksiyonel"], first["finansman"], first["ekonomik"]) == (
        "46.01.01.02",
        "01.1.1",
        "5",
        "03.5.9.90",
    )
    assert first["committed"] == "700.10"


def test_public_sees_totals_by_default_but_no_lines_or_individual_payees(
    client, cast, fixture_budget
):
    data = client.get("/api/v1/councils/seyhan/budget/2026/").json()
    assert data["visibility"] == "totals"
    assert "lines" not in data
    assert data["totals"]["paid"] == "1234.56"
    assert {g["code"] for g in data["by_project"]} == {"Kadın paneli", "Gençlik forumu"}
    page = client.get(reverse("budget:public", args=["seyhan", 2026]))
    assert page.status_code == 200
    assert "Ayşe Demir" not in page.content.decode()

    budget_settings_update(actor=cast.treasurer_a, council=cast.council_a, transparency="lines")
    page = client.get(reverse("budget:public", args=["seyhan", 2026])).content.decode()
    assert "Matbaa Ltd." in page and "Ayşe Demir" not in page
    assert "lines" in client.get("/api/v1/councils/seyhan/budget/2026/").json()

    budget_settings_update(actor=cast.treasurer_a, council=cast.council_a, transparency="none")
    assert client.get("/api/v1/councils/seyhan/budget/2026/").status_code == 404
    assert client.get(reverse("budget:public", args=["seyhan", 2026])).status_code == 404
    client.force_login(cast.editor_a)
    assert client.get("/api/v1/councils/seyhan/budget/2026/").status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_public_downloads(client, cast, fixture_budget, fmt):
    response = client.get(reverse("budget:public-export", args=["seyhan", 2026, fmt]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_warnings(cast, fixture_budget):
    from santral.budget.services import expenditure_request

    expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=fixture_budget["line2"],
        title="Büyük salon",
        estimated_amount=Decimal("2500.00"),
    )
    report = budget_report(cast.council_a, 2026)
    assert any("Büyük salon" in w and "aşıyor" in w for w in report.warnings)
    assert not any("kullanıldı" in w for w in report.warnings)
    from santral.budget.services import expenditure_approve
    from santral.budget.services import expenditure_request as req

    big = req(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=fixture_budget["line2"],
        title="Ses sistemi",
        estimated_amount=Decimal("2000.00"),
    )
    expenditure_approve(actor=cast.treasurer_a, expenditure=big)
    report = budget_report(cast.council_a, 2026)
    assert any("%90" in w for w in report.warnings), report.warnings
    no_line = req(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=None,
        title="Satırsız",
        estimated_amount=Decimal("10.00"),
    )
    expenditure_approve(actor=cast.treasurer_a, expenditure=no_line)
    report = budget_report(cast.council_a, 2026)
    assert any("satırı olmadan" in w for w in report.warnings)


def test_code_tree_puts_project_account_under_parent(cast):
    from santral.budget.services import project_account_create

    project_account_create(
        actor=cast.treasurer_a,
        council=cast.council_a,
        year=2026,
        code="08.2.0.01",
        name="Kent Konseyi Proje Hesabı",
    )
    tree = code_tree(kind="functional", year=2026, council=cast.council_a)
    n08 = next(n for n in tree if n["code"].code == "08")
    n082 = next(n for n in n08["children"] if n["code"].code == "08.2")
    n0820 = next(n for n in n082["children"] if n["code"].code == "08.2.0")
    assert [c["code"].code for c in n0820["children"]] == ["08.2.0.01"]
    other = code_tree(kind="functional", year=2026, council=cast.council_b)
    assert "08.2.0.01" not in str([n["code"].code for n in other])


def test_budget_endpoint_is_in_the_openapi_schema(client):
    text = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/councils/{slug}/budget/{year}/" in text
    assert "committed" in text and "ekonomik" in text


def test_empty_year_and_unknown_council(client, cast):
    page = client.get(reverse("budget:public", args=["cukurova", 2031]))
    assert page.status_code == 200 and "Gösterilecek tutar yok" in page.content.decode()
    pdf = client.get(reverse("budget:public-export", args=["cukurova", 2031, "pdf"]))
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/api/v1/councils/yok-boyle/budget/2026/").status_code == 404
    assert (
        client.get(reverse("budget:public-export", args=["cukurova", 2031, "exe"])).status_code
        == 404
    )


def test_excel_serial_dates_and_chart_coordinates_stay_decimal():
    import datetime
    from decimal import Decimal

    from santral.budget.charts import burndown_svg
    from santral.budget.xlsx import _serial_days

    assert _serial_days(Decimal("46352.75")) == datetime.timedelta(days=46352, hours=18)
    svg = burndown_svg(
        [("Ocak", Decimal("100.00")), ("Şubat", Decimal("50.00")), ("Mart", Decimal("0.00"))],
        title="Kalan",
    )
    # 480 px wide, 88 px for the y-axis and 24 on the right: x = 88, 272, 456; y from 24
    # (the top tick, 100) to 236 (the bottom tick, 0; 260 high less 24).
    assert 'points="88.0,24.0 272.0,130.0 456.0,236.0"' in svg
