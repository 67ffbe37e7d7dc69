"""A council year computed by hand, entered through the import and the services, read back
through the API, CSV, XLSX, PDF text and the public page (issue 16, acceptance 1).

Six lines over the three payment routes (docs/budget.md):
  L1 46.01.01.12 - 08.2.0    - 5 - 03.2.1.01  (a) initial 20 000,00
  L2 46.01.01.12 - 08.2.0    - 8 - 03.5.9.90  (a) initial  8 000,00  grant-financed
  L3 46.01.01.02 - 01.1.1    - 5 - 03.5.9.90  (b) initial  6 000,00
  L4 46.01.01.02 - 01.1.1    - 5 - 03.2.1.01  (b) initial  4 000,00
  L5 46.01.01.30 - 08.2.0.01 - 5 - 03.2.1.01  (c) initial 12 000,00 + ek ödenek 3 000,00
  L6 46.01.01.30 - 08.2.0.01 - 5 - 03.5.9.90  (c) initial  5 000,00
Aktarma L4 → L3: 1 000,00. Expenditures:
  E1 requested L1 1 500,00 · E2 approved L2 2 000,00 (reserved) · E3 declined L1 700,00
  E4 committed L3 2 400,00 · E5 paid L5 3 950,50 · E7 paid L1 2 750,25 · E8 paid L2 999,99
  E6 L6: committed 1 200,00, paid 1 180,00, payment reversed, commitment cancelled (nets 0).
In-kind: 3 hall days × 2 000,00 from a municipal unit + 4 designs × 250,00 from an
association = 7 000,00.

By hand, per line (revised / reserved / committed / paid / remaining / available):
  L1 20 000,00 /     0    /     0    / 2 750,25 / 17 249,75 / 17 249,75
  L2  8 000,00 / 2 000,00 /     0    /   999,99 /  7 000,01 /  5 000,01
  L3  7 000,00 /     0    / 2 400,00 /     0    /  4 600,00 /  4 600,00
  L4  3 000,00 /     0    /     0    /     0    /  3 000,00 /  3 000,00
  L5 15 000,00 /     0    /     0    / 3 950,50 / 11 049,50 / 11 049,50
  L6  5 000,00 /     0    /     0    /     0    /  5 000,00 /  5 000,00
Totals: initial 55 000,00, additions 3 000,00, transfers in = out = 1 000,00, revised
58 000,00, reserved 2 000,00, committed 2 400,00, paid 7 700,74, remaining 47 899,26,
available 45 899,26; cash paid + in-kind 14 700,74.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from santral.budget.imports import import_commit
from santral.budget.models import BudgetLine, Expenditure, LedgerEntry
from santral.budget.reports import report_csv, report_pdf, report_xlsx
from santral.budget.selectors import FIGURE_KEYS, budget_report
from santral.budget.services import (
    budget_settings_update,
    expenditure_approve,
    expenditure_cancel,
    expenditure_commit,
    expenditure_decline,
    expenditure_pay,
    expenditure_payment_reverse,
    expenditure_request,
    in_kind_rate_save,
    in_kind_record,
    project_account_create,
    transfer_post,
)
from santral.budget.templatetags.budget_tags import tl

D = Decimal

KULTUR = "Kültür ve Sosyal İşler Dairesi Başkanlığı"
OZEL_KALEM = "Özel Kalem Müdürlüğü"
DESTEK = "Destek Hizmetleri Dairesi Başkanlığı"
ROWS = [
    ("Tarih", "Kurumsal", "Ödeme Yapan", "Fonksiyonel", "Finansman", "Ekonomik", "Tür", "Tutar"),
    ("02.01.2026", "46.01.01.12", KULTUR, "08.2.0", "5", "03.2.1.01", "Başlangıç", "20.000,00"),
    ("02.01.2026", "46.01.01.12", KULTUR, "08.2.0", "8", "03.5.9.90", "Başlangıç", "8.000,00"),
    ("02.01.2026", "46.01.01.02", OZEL_KALEM, "01.1.1", "5", "03.5.9.90", "Başlangıç", "6.000,00"),
    ("02.01.2026", "46.01.01.02", OZEL_KALEM, "01.1.1", "5", "03.2.1.01", "Başlangıç", "4.000,00"),
    ("02.01.2026", "46.01.01.30", DESTEK, "08.2.0.01", "5", "03.2.1.01", "Başlangıç", "12.000,00"),
    ("02.01.2026", "46.01.01.30", DESTEK, "08.2.0.01", "5", "03.5.9.90", "Başlangıç", "5.000,00"),
    ("15.06.2026", "46.01.01.30", DESTEK, "08.2.0.01", "5", "03.2.1.01", "Ek ödenek", "3.000,00"),
]
IMPORT = "\n".join(";".join(row) for row in ROWS).encode()
MAPPING = {"columns": {"Ödeme Yapan": "unit_name"}}

# (kurumsal, functional, financing, economic) → hand-computed figures
LINES = {
    "L1": ("46.01.01.12", "08.2.0", "5", "03.2.1.01"),
    "L2": ("46.01.01.12", "08.2.0", "8", "03.5.9.90"),
    "L3": ("46.01.01.02", "01.1.1", "5", "03.5.9.90"),
    "L4": ("46.01.01.02", "01.1.1", "5", "03.2.1.01"),
    "L5": ("46.01.01.30", "08.2.0.01", "5", "03.2.1.01"),
    "L6": ("46.01.01.30", "08.2.0.01", "5", "03.5.9.90"),
}
Z = "0.00"


def figures(initial, additions=Z, tin=Z, tout=Z, reserved=Z, committed=Z, paid=Z, **hand):
    """The full figure set of docs/budget.md from the stored parts and the hand-computed
    derived values (revised, remaining, available), which must be given."""
    return {
        "initial": D(initial),
        "additions": D(additions),
        "reductions": D(Z),
        "transfers_in": D(tin),
        "transfers_out": D(tout),
        "revised": D(hand["revised"]),
        "reserved": D(reserved),
        "committed": D(committed),
        "paid": D(paid),
        "remaining": D(hand["remaining"]),
        "available": D(hand["available"]),
    }


HAND = {
    "L1": figures(
        "20000.00", paid="2750.25", revised="20000.00", remaining="17249.75", available="17249.75"
    ),
    "L2": figures(
        "8000.00",
        reserved="2000.00",
        paid="999.99",
        revised="8000.00",
        remaining="7000.01",
        available="5000.01",
    ),
    "L3": figures(
        "6000.00",
        tin="1000.00",
        committed="2400.00",
        revised="7000.00",
        remaining="4600.00",
        available="4600.00",
    ),
    "L4": figures(
        "4000.00", tout="1000.00", revised="3000.00", remaining="3000.00", available="3000.00"
    ),
    "L5": figures(
        "12000.00",
        additions="3000.00",
        paid="3950.50",
        revised="15000.00",
        remaining="11049.50",
        available="11049.50",
    ),
    "L6": figures("5000.00", revised="5000.00", remaining="5000.00", available="5000.00"),
}
TOTAL = figures(
    "55000.00",
    additions="3000.00",
    tin="1000.00",
    tout="1000.00",
    reserved="2000.00",
    committed="2400.00",
    paid="7700.74",
    revised="58000.00",
    remaining="47899.26",
    available="45899.26",
)
# (revised, reserved, committed, paid, remaining, available) per route, by hand
ROUTES = {
    "unit": ("28000.00", "2000.00", Z, "3750.24", "24249.76", "22249.76"),
    "private_office": ("10000.00", Z, "2400.00", Z, "7600.00", "7600.00"),
    "project_account": ("20000.00", Z, Z, "3950.50", "16049.50", "16049.50"),
}
ROUTE_LABELS = {
    "unit": "İlgili belediye birimi",
    "private_office": "Özel Kalem Müdürlüğü",
    "project_account": "Konsey proje hesabı",
}
FINANCING = {
    "5": ("50000.00", Z, "2400.00", "6700.75", "40899.25", "40899.25"),
    "8": ("8000.00", "2000.00", Z, "999.99", "7000.01", "5000.01"),
}
UNITS = {
    "46.01.01.02": (OZEL_KALEM, ROUTES["private_office"]),
    "46.01.01.12": (KULTUR, ROUTES["unit"]),
    "46.01.01.30": (DESTEK, ROUTES["project_account"]),
}
SIX = ("revised", "reserved", "committed", "paid", "remaining", "available")
IN_KIND = D("7000.00")
CASH_PLUS_IN_KIND = D("14700.74")


def _six(values) -> tuple[Decimal, ...]:
    return tuple(D(v) for v in values)


@pytest.fixture
def council_year(cast):
    t, editor = cast.treasurer_a, cast.editor_a
    council = cast.council_a
    project_account_create(
        actor=t, council=council, year=2026, code="08.2.0.01", name="Kent Konseyi Proje Hesabı"
    )
    result = import_commit(
        actor=t, council=council, year=2026, content=IMPORT, filename="cetvel.csv", mapping=MAPPING
    )
    assert result.created == 7 and not result.unmapped_columns
    lines = {
        key: BudgetLine.objects.get(
            council=council,
            fiscal_year=2026,
            paying_unit__kurumsal_code=k,
            functional_code=f,
            financing_code=fin,
            economic_code=e,
        )
        for key, (k, f, fin, e) in LINES.items()
    }
    transfer_post(
        actor=t,
        from_line=lines["L4"],
        to_line=lines["L3"],
        amount=D("1000.00"),
        transfer_on=datetime.date(2026, 7, 1),
        decision_ref="BŞK-2026/12",
    )

    def request(line, title, amount):
        return expenditure_request(
            actor=editor,
            council=council,
            fiscal_year=2026,
            line=lines[line],
            title=title,
            estimated_amount=D(amount),
            project_label="Gençlik forumu",
        )

    def commit(exp, amount, day):
        expenditure_approve(actor=t, expenditure=exp)
        return expenditure_commit(
            actor=t,
            expenditure=exp,
            supplier_name="Örnek Ltd.",
            contract_no=f"S-{exp.pk}",
            amount=D(amount),
            committed_on=day,
        )

    def pay(exp, amount, day):
        return expenditure_pay(
            actor=t,
            expenditure=exp,
            payment_order_no=f"ÖEB-{exp.pk}",
            paid_on=day,
            amount=D(amount),
        )

    request("L1", "Bekleyen talep", "1500.00")
    expenditure_approve(actor=t, expenditure=request("L2", "Onaylı talep", "2000.00"))
    expenditure_decline(
        actor=t, expenditure=request("L1", "Reddedilen talep", "700.00"), reason="Gerek yok"
    )
    commit(request("L3", "Salon kirası", "2500.00"), "2400.00", datetime.date(2026, 3, 10))
    e5 = commit(request("L5", "Forum baskısı", "4000.00"), "4000.00", datetime.date(2026, 4, 5))
    pay(e5, "3950.50", datetime.date(2026, 4, 20))
    e6 = commit(request("L6", "Yanlış sipariş", "1200.00"), "1200.00", datetime.date(2026, 5, 2))
    pay(e6, "1180.00", datetime.date(2026, 5, 12))
    expenditure_payment_reverse(
        actor=t, expenditure=e6, reason="Yanlış ödeme", entry_on=datetime.date(2026, 5, 20)
    )
    expenditure_cancel(
        actor=t, expenditure=e6, reason="Sipariş geri alındı", entry_on=datetime.date(2026, 5, 21)
    )
    e7 = commit(request("L1", "Afiş", "3000.00"), "2800.00", datetime.date(2026, 3, 1))
    pay(e7, "2750.25", datetime.date(2026, 3, 15))
    e8 = commit(request("L2", "Hibe projesi", "1000.00"), "1000.00", datetime.date(2026, 8, 1))
    pay(e8, "999.99", datetime.date(2026, 8, 10))

    hall = in_kind_rate_save(
        actor=t,
        council=council,
        fiscal_year=2026,
        category="Salon günü",
        unit="day",
        rate=D("2000"),
    )
    design = in_kind_rate_save(
        actor=t,
        council=council,
        fiscal_year=2026,
        category="Afiş tasarımı",
        unit="item",
        rate=D("250"),
    )
    in_kind_record(
        actor=t,
        rate=hall,
        contributor_name="Destek Hizmetleri Dairesi Başkanlığı",
        contributor_kind="municipal_unit",
        quantity=D("3"),
        received_on=datetime.date(2026, 4, 1),
    )
    in_kind_record(
        actor=t,
        rate=design,
        contributor_name="Grafik Tasarımcılar Derneği",
        contributor_kind="ngo",
        quantity=D("4"),
        received_on=datetime.date(2026, 4, 2),
    )
    budget_settings_update(actor=t, council=council, transparency="lines", publish_in_kind=True)
    return lines


def test_every_state_is_there_and_the_ledger_agrees_with_it(cast, council_year):
    statuses = set(
        Expenditure.objects.filter(council=cast.council_a).values_list("status", flat=True)
    )
    assert statuses == set(Expenditure.Status.values)
    cancelled = Expenditure.objects.get(status="cancelled")
    entries = LedgerEntry.objects.filter(expenditure=cancelled)
    assert sum(e.amount for e in entries if e.kind == "commitment") == D(Z)
    assert sum(e.amount for e in entries if e.kind == "payment") == D(Z)


def test_report_equals_the_hand_computation(cast, council_year):
    report = budget_report(cast.council_a, 2026)
    by_line = {row.line.pk: row.figures.as_dict() for row in report.lines if row.line}
    for key, line in council_year.items():
        assert by_line[line.pk] == HAND[key], key
    assert report.total.as_dict() == TOTAL
    assert {g.key: tuple(getattr(g.figures, k) for k in SIX) for g in report.by_route()} == {
        key: _six(values) for key, values in ROUTES.items()
    }
    assert {g.key: tuple(getattr(g.figures, k) for k in SIX) for g in report.by_financing()} == {
        key: _six(values) for key, values in FINANCING.items()
    }
    assert {
        g.key: (g.label, tuple(getattr(g.figures, k) for k in SIX)) for g in report.by_unit()
    } == {key: (name, _six(values)) for key, (name, values) in UNITS.items()}
    assert report.in_kind_total == IN_KIND
    assert report.cash_plus_in_kind == CASH_PLUS_IN_KIND


def test_api_equals_the_hand_computation(cast, council_year):
    data = Client().get("/api/v1/councils/seyhan/budget/2026/").json()
    assert data["visibility"] == "lines"
    assert {k: D(data["totals"][k]) for k in FIGURE_KEYS} == TOTAL
    lines = {
        (r["kurumsal"], r["fonksiyonel"], r["finansman"], r["ekonomik"]): r for r in data["lines"]
    }
    for key, address in LINES.items():
        assert {k: D(lines[address][k]) for k in FIGURE_KEYS} == HAND[key], key
    assert lines[LINES["L5"]]["route"] == {
        "code": "project_account",
        "label": "Konsey proje hesabı",
    }
    routes = {r["code"]: (r["label"], tuple(D(r[k]) for k in SIX)) for r in data["by_route"]}
    assert routes == {k: (ROUTE_LABELS[k], _six(v)) for k, v in ROUTES.items()}
    financing = {r["code"]: tuple(D(r[k]) for k in SIX) for r in data["by_financing"]}
    assert financing == {k: _six(v) for k, v in FINANCING.items()}
    units = {r["code"]: (r["name"], tuple(D(r[k]) for k in SIX)) for r in data["by_unit"]}
    assert units == {k: (name, _six(v)) for k, (name, v) in UNITS.items()}
    assert D(data["in_kind"]["total"]) == IN_KIND


def test_csv_and_xlsx_equal_the_hand_computation(cast, council_year):
    from openpyxl import load_workbook

    report = budget_report(cast.council_a, 2026)
    rows = list(csv.reader(io.StringIO(report_csv(report, table="satirlar"))))
    assert rows[-1][0] == "TOPLAM"
    assert dict(zip(FIGURE_KEYS, (D(v) for v in rows[-1][6:]), strict=True)) == TOTAL
    by_address = {tuple(r[i] for i in (0, 2, 3, 4)): r for r in rows[1:-1]}
    for key, address in LINES.items():
        row = by_address[address]
        assert dict(zip(FIGURE_KEYS, (D(v) for v in row[6:]), strict=True)) == HAND[key], key
    assert by_address[LINES["L3"]][5] == "Özel Kalem Müdürlüğü"
    consolidated = list(csv.reader(io.StringIO(report_csv(report, table="konsolide"))))
    got = {r[0]: tuple(D(v) if v else None for v in r[1:]) for r in consolidated[1:]}
    for key, values in ROUTES.items():
        assert got[ROUTE_LABELS[key]] == _six(values), key
    assert got["Ayni katkılar"] == (None, None, None, IN_KIND, None, None)
    assert got["TOPLAM"] == (
        TOTAL["revised"],
        TOTAL["reserved"],
        TOTAL["committed"],
        CASH_PLUS_IN_KIND,
        TOTAL["remaining"],
        TOTAL["available"],
    )
    financing = list(csv.reader(io.StringIO(report_csv(report, table="finansman"))))
    assert {r[0]: D(r[2 + FIGURE_KEYS.index("paid")]) for r in financing[1:-1]} == {
        "5": D("6700.75"),
        "8": D("999.99"),
    }

    book = load_workbook(io.BytesIO(report_xlsx(report)))
    sheet = book["satirlar"]
    last = [cell.value for cell in sheet[sheet.max_row]]
    values = [D(str(v)).quantize(D("0.01")) for v in last[6:]]
    assert dict(zip(FIGURE_KEYS, values, strict=True)) == TOTAL
    routes = book["yol"]
    xlsx_routes = {
        r[1]: tuple(D(str(v)).quantize(D("0.01")) for v in r[2:])
        for r in routes.iter_rows(min_row=2, max_row=routes.max_row - 1, values_only=True)
    }
    for key, values in ROUTES.items():
        row = dict(zip(FIGURE_KEYS, xlsx_routes[ROUTE_LABELS[key]], strict=True))
        assert tuple(row[k] for k in SIX) == _six(values), key


def test_pdf_and_public_page_equal_the_hand_computation(cast, council_year):
    from pypdf import PdfReader

    report = budget_report(cast.council_a, 2026)
    pdf = report_pdf(report, public=True)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for key in SIX:
        assert tl(TOTAL[key]) in text, key
    for values in ROUTES.values():
        for value in values:
            assert tl(D(value)) in text
    assert tl(CASH_PLUS_IN_KIND) in text and tl(IN_KIND) in text
    assert "Konsey proje hesabı" in text

    html = Client().get(reverse("budget:public", args=["seyhan", 2026])).content.decode()
    for key in SIX:
        assert re.search(rf'data-total="{key}">{re.escape(tl(TOTAL[key]))} TL', html), key
    assert f'data-total="in_kind">{tl(IN_KIND)} TL' in html
    table = html[html.index('data-table="konsolide"') :]
    table = table[: table.index("</table>")]
    for key, values in ROUTES.items():
        row = table[table.index(ROUTE_LABELS[key]) :]
        row = row[: row.index("</tr>")]
        assert re.findall(r'class="num">([^<]*)<', row) == [tl(D(v)) for v in values], key
