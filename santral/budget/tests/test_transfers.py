"""Transfers as one act, commitment cancellation, dated corrections in closed periods and the
payment route override (issue 16: items 1, 3, 4, 6)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from santral.budget import services
from santral.budget.factories import make_line, make_unit
from santral.budget.models import Expenditure, LedgerEntry, Transfer
from santral.budget.selectors import budget_report, line_figures
from santral.budget.services import (
    appropriation_post,
    budget_line_route_set,
    entry_reverse,
    expenditure_approve,
    expenditure_cancel,
    expenditure_commit,
    expenditure_pay,
    expenditure_payment_reverse,
    expenditure_request,
    period_close,
    project_account_create,
    transfer_post,
    transfer_reverse,
)
from santral.core.models import AuditRecord

D = Decimal
OCT = datetime.date(2026, 10, 15)


@pytest.fixture
def two_lines(cast):
    unit = make_unit(cast.treasurer_a, cast.council_a)
    giving = make_line(cast.treasurer_a, cast.council_a, unit=unit, initial="1000.00")
    taking = make_line(
        cast.treasurer_a, cast.council_a, unit=unit, economic="03.5.9.90", initial="200.00"
    )
    return giving, taking


def _figures(*lines):
    found = line_figures(line_ids=[line.pk for line in lines])
    return [found[line.pk] for line in lines]


def test_a_transfer_posts_both_legs_linked(cast, two_lines):
    giving, taking = two_lines
    transfer = transfer_post(
        actor=cast.treasurer_a,
        from_line=giving,
        to_line=taking,
        amount=D("300.00"),
        transfer_on=OCT,
        decision_ref="MK-2026/45",
    )
    legs = list(transfer.entries.order_by("amount"))
    assert [(leg.line_id, leg.amount, leg.document_no) for leg in legs] == [
        (giving.pk, D("-300.00"), "MK-2026/45"),
        (taking.pk, D("300.00"), "MK-2026/45"),
    ]
    out, into = _figures(giving, taking)
    assert (out.transfers_out, out.transfers_in, out.revised) == (D("300.00"), 0, D("700.00"))
    assert (into.transfers_in, into.transfers_out, into.revised) == (D("300.00"), 0, D("500.00"))
    assert AuditRecord.objects.filter(action="budget.transfer.post").count() == 1


def test_a_transfer_is_all_or_nothing(cast, two_lines, monkeypatch):
    giving, taking = two_lines
    before = LedgerEntry.objects.count()
    real_post = services._post
    calls = []

    def second_leg_fails(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_post(**kwargs)

    monkeypatch.setattr(services, "_post", second_leg_fails)
    with pytest.raises(RuntimeError):
        transfer_post(
            actor=cast.treasurer_a,
            from_line=giving,
            to_line=taking,
            amount=D("100.00"),
            transfer_on=OCT,
            decision_ref="K-1",
        )
    monkeypatch.undo()
    assert LedgerEntry.objects.count() == before and not Transfer.objects.exists()

    # Refusals write nothing either: more than available, one line, a closed period.
    for kwargs, message in (
        ({"amount": D("1000.01")}, "aktarılamaz"),
        ({"to_line": giving}, "iki ayrı satır"),
        ({"decision_ref": " "}, "karar"),
    ):
        arguments = {
            "actor": cast.treasurer_a,
            "from_line": giving,
            "to_line": taking,
            "amount": D("100.00"),
            "transfer_on": OCT,
            "decision_ref": "K-1",
            **kwargs,
        }
        with pytest.raises(ValidationError, match=message):
            transfer_post(**arguments)
    period_close(actor=cast.treasurer_a, council=cast.council_a, fiscal_year=2026, month=10)
    with pytest.raises(ValidationError, match="dönem kapalı"):
        transfer_post(
            actor=cast.treasurer_a,
            from_line=giving,
            to_line=taking,
            amount=D("100.00"),
            transfer_on=OCT,
            decision_ref="K-1",
        )
    assert LedgerEntry.objects.count() == before and not Transfer.objects.exists()


def test_reversing_one_leg_reverses_both(cast, two_lines):
    giving, taking = two_lines
    transfer = transfer_post(
        actor=cast.treasurer_a,
        from_line=giving,
        to_line=taking,
        amount=D("300.00"),
        transfer_on=OCT,
        decision_ref="K-1",
    )
    incoming = transfer.entries.get(amount__gt=0)
    entry_reverse(
        actor=cast.treasurer_a,
        entry=incoming,
        reason="Yanlış satır",
        entry_on=datetime.date(2026, 11, 2),
    )
    reversals = LedgerEntry.objects.filter(transfer=transfer, reverses__isnull=False)
    assert sorted((r.line_id, r.amount, r.entry_on.month) for r in reversals) == sorted(
        [(giving.pk, D("300.00"), 11), (taking.pk, D("-300.00"), 11)]
    )
    out, into = _figures(giving, taking)
    # A reversed leg stays on its side: transfers in and out both net back to zero.
    assert (out.transfers_out, out.revised) == (D("0.00"), D("1000.00"))
    assert (into.transfers_in, into.revised) == (D("0.00"), D("200.00"))
    with pytest.raises(ValidationError, match="zaten ters"):
        transfer_reverse(actor=cast.treasurer_a, transfer=transfer, reason="Bir daha")


def test_a_transfer_spent_on_the_receiving_line_cannot_be_reversed(cast, two_lines):
    giving, taking = two_lines
    transfer = transfer_post(
        actor=cast.treasurer_a,
        from_line=giving,
        to_line=taking,
        amount=D("300.00"),
        transfer_on=OCT,
        decision_ref="K-1",
    )
    request = expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=taking,
        title="Salon",
        estimated_amount=D("400.00"),
    )
    expenditure_approve(actor=cast.treasurer_a, expenditure=request)
    with pytest.raises(ValidationError, match="ters çevrilemez"):
        transfer_reverse(actor=cast.treasurer_a, transfer=transfer, reason="Hata")
    assert not LedgerEntry.objects.filter(reverses__isnull=False).exists()


def test_single_leg_transfers_are_refused_in_the_back_office(cast, two_lines):
    with pytest.raises(ValidationError, match="tek bir işlem"):
        appropriation_post(
            actor=cast.treasurer_a,
            line=two_lines[0],
            kind="transfer",
            amount=D("-10.00"),
            entry_on=OCT,
        )


def _paid(cast, line, day=datetime.date(2026, 9, 1)):
    exp = expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=line,
        title="Yanlış sipariş",
        estimated_amount=D("120.00"),
    )
    expenditure_approve(actor=cast.treasurer_a, expenditure=exp)
    expenditure_commit(
        actor=cast.treasurer_a,
        expenditure=exp,
        supplier_name="Örnek Ltd.",
        contract_no="S-9",
        amount=D("120.00"),
        committed_on=day,
    )
    return expenditure_pay(
        actor=cast.treasurer_a,
        expenditure=exp,
        payment_order_no="ÖEB-9",
        paid_on=day,
        amount=D("118.00"),
    )


def test_reverse_the_payment_then_cancel_the_commitment(cast, two_lines):
    giving, _taking = two_lines
    exp = _paid(cast, giving)
    with pytest.raises(ValidationError, match="önce ödemeyi ters çevirin"):
        expenditure_cancel(actor=cast.treasurer_a, expenditure=exp, reason="Hata")
    with pytest.raises(ValidationError, match="gerekçe"):
        expenditure_cancel(actor=cast.treasurer_a, expenditure=exp, reason=" ")
    expenditure_payment_reverse(
        actor=cast.treasurer_a, expenditure=exp, reason="Yanlış", entry_on=OCT
    )
    (figures,) = _figures(giving)
    assert (figures.committed, figures.paid) == (D("120.00"), D("0.00"))
    cancelled = expenditure_cancel(
        actor=cast.treasurer_a, expenditure=exp, reason="Sipariş geri alındı", entry_on=OCT
    )
    assert cancelled.status == Expenditure.Status.CANCELLED
    assert (cancelled.cancelled_on, cancelled.cancel_reason) == (OCT, "Sipariş geri alındı")
    (figures,) = _figures(giving)
    assert (figures.committed, figures.paid, figures.available) == (0, 0, D("1000.00"))
    entries = LedgerEntry.objects.filter(expenditure=exp)
    assert sum(e.amount for e in entries if e.kind == "commitment") == 0
    assert sum(e.amount for e in entries if e.kind == "payment") == 0
    assert AuditRecord.objects.filter(action="budget.expenditure.cancel").exists()
    with pytest.raises(ValidationError):
        expenditure_cancel(actor=cast.treasurer_a, expenditure=exp, reason="Bir daha")


def test_dated_reversals_are_refused_in_a_closed_period(cast, two_lines):
    giving, taking = two_lines
    addition = appropriation_post(
        actor=cast.treasurer_a, line=giving, kind="addition", amount=D("50.00"), entry_on=OCT
    )
    transfer = transfer_post(
        actor=cast.treasurer_a,
        from_line=giving,
        to_line=taking,
        amount=D("10.00"),
        transfer_on=OCT,
        decision_ref="K-1",
    )
    exp = _paid(cast, giving)
    period_close(actor=cast.treasurer_a, council=cast.council_a, fiscal_year=2026, month=10)
    before = LedgerEntry.objects.count()
    message = r"15\.10\.2026 tarihli dönem kapalı.*en erken 01\.11\.2026"
    with pytest.raises(ValidationError, match=message):
        entry_reverse(actor=cast.treasurer_a, entry=addition, reason="Hata", entry_on=OCT)
    with pytest.raises(ValidationError, match=message):
        transfer_reverse(actor=cast.treasurer_a, transfer=transfer, reason="Hata", entry_on=OCT)
    with pytest.raises(ValidationError, match=message):
        expenditure_payment_reverse(
            actor=cast.treasurer_a, expenditure=exp, reason="Hata", entry_on=OCT
        )
    assert LedgerEntry.objects.count() == before
    exp.refresh_from_db()
    assert exp.status == Expenditure.Status.PAID

    # The same corrections dated in an open period (a September payment corrected in
    # November, not on the day it is typed) pass with that date.
    november = datetime.date(2026, 11, 3)
    reversal = entry_reverse(
        actor=cast.treasurer_a, entry=addition, reason="Hata", entry_on=november
    )
    assert reversal.entry_on == november
    expenditure_payment_reverse(
        actor=cast.treasurer_a, expenditure=exp, reason="Hata", entry_on=november
    )
    assert LedgerEntry.objects.filter(expenditure=exp, entry_on=november).count() == 2


def test_back_office_reversal_takes_a_date_and_says_why_not(client, cast, two_lines):
    giving, _taking = two_lines
    addition = appropriation_post(
        actor=cast.treasurer_a, line=giving, kind="addition", amount=D("50.00"), entry_on=OCT
    )
    period_close(actor=cast.treasurer_a, council=cast.council_a, fiscal_year=2026, month=10)
    client.force_login(cast.treasurer_a)
    url = reverse("santral_budget_year", args=[cast.council_a.pk, 2026])
    data = {
        "action": "reverse",
        "entry_id": addition.pk,
        "reason": "Hata",
        "entry_on": "2026-10-20",
    }
    page = client.post(url, data, follow=True).content.decode()
    assert "dönem kapalı" in page and "01.11.2026" in page
    assert not LedgerEntry.objects.filter(reverses=addition).exists()
    client.post(url, {**data, "entry_on": "2026-11-04"})
    assert LedgerEntry.objects.get(reverses=addition).entry_on == datetime.date(2026, 11, 4)


def test_routes_are_derived_from_codes_and_overridden_with_a_reason(cast):
    t = cast.treasurer_a
    project_account_create(
        actor=t, council=cast.council_a, year=2026, code="08.2.0.01", name="Proje hesabı"
    )
    unit = make_unit(t, cast.council_a)
    office = make_unit(
        t, cast.council_a, name="Özel Kalem Müdürlüğü", code="46.01.01.02", kind="private_office"
    )
    a = make_line(t, cast.council_a, unit=unit, initial="100.00")
    b = make_line(t, cast.council_a, unit=office, initial="200.00")
    c = make_line(t, cast.council_a, unit=unit, functional="08.2.0.01", initial="400.00")
    report = budget_report(cast.council_a, 2026)
    assert {row.line.pk: row.route for row in report.lines} == {
        a.pk: "unit",
        b.pk: "private_office",
        c.pk: "project_account",
    }
    assert {g.key: g.figures.revised for g in report.by_route()} == {
        "unit": D("100.00"),
        "private_office": D("200.00"),
        "project_account": D("400.00"),
    }
    with pytest.raises(ValidationError, match="gerekçe"):
        budget_line_route_set(actor=t, line=a, route="project_account", reason="")
    budget_line_route_set(
        actor=t, line=a, route="project_account", reason="Meclis kararıyla proje hesabına bağlı"
    )
    report = budget_report(cast.council_a, 2026)
    assert {g.key: g.figures.revised for g in report.by_route()}["project_account"] == D("500.00")
    record = AuditRecord.objects.get(action="budget.line.route")
    assert record.before["route"] == "unit" and record.after["route"] == "project_account"
    budget_line_route_set(actor=t, line=a, route="", reason="")
    assert budget_report(cast.council_a, 2026).lines[0].route in {"unit", "private_office"}
