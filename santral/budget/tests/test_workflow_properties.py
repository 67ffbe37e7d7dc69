"""Random sequences of workflow actions keep the ledger, the statuses and the figures in
agreement (issue 16, acceptance 2). Small on purpose: a few seconds per database."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from santral.budget.factories import make_line, make_unit
from santral.budget.models import Expenditure, LedgerEntry, Transfer
from santral.budget.selectors import STORED_FIGURES, Figures, budget_report, line_figures
from santral.budget.services import (
    expenditure_approve,
    expenditure_cancel,
    expenditure_commit,
    expenditure_decline,
    expenditure_pay,
    expenditure_payment_reverse,
    expenditure_request,
    transfer_post,
    transfer_reverse,
)
from santral.core.money import MoneySum

pytestmark = pytest.mark.django_db

ZERO = Decimal("0.00")
DAY = datetime.date(2026, 3, 2)
ACTIONS = ("request", "approve", "decline", "commit", "pay", "reverse", "cancel", "transfer")
steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 7), st.integers(1, 40)),
    min_size=1,
    max_size=8,
)


def _act(cast, lines, action: str, pick: int, size: int) -> None:
    """One action through its service; a refusal (ValidationError) is a valid outcome."""
    t = cast.treasurer_a
    expenditures = list(Expenditure.objects.filter(council=cast.council_a).order_by("pk"))
    chosen = expenditures[pick % len(expenditures)] if expenditures else None
    amount = Decimal(size * 25).quantize(Decimal("0.01"))
    if action == "request":
        expenditure_request(
            actor=cast.editor_a,
            council=cast.council_a,
            fiscal_year=2026,
            line=lines[pick % 2],
            title="Talep",
            estimated_amount=amount,
        )
    elif action == "transfer":
        transfer_post(
            actor=t,
            from_line=lines[pick % 2],
            to_line=lines[(pick + 1) % 2],
            amount=amount,
            transfer_on=DAY,
            decision_ref="K-1",
        )
    elif action == "reverse" and pick % 2 and Transfer.objects.exists():
        transfers = list(Transfer.objects.order_by("pk"))
        transfer_reverse(actor=t, transfer=transfers[pick % len(transfers)], reason="Hata")
    elif chosen is None:
        return
    elif action == "approve":
        expenditure_approve(actor=t, expenditure=chosen)
    elif action == "decline":
        expenditure_decline(actor=t, expenditure=chosen, reason="Gerek yok")
    elif action == "commit":
        expenditure_commit(
            actor=t,
            expenditure=chosen,
            supplier_name="Örnek Ltd.",
            contract_no="S-1",
            amount=chosen.estimated_amount - Decimal(pick),
            committed_on=DAY,
        )
    elif action == "pay":
        expenditure_pay(
            actor=t,
            expenditure=chosen,
            payment_order_no="ÖEB-1",
            paid_on=DAY,
            amount=(chosen.committed_amount or amount) + Decimal(size % 3),
        )
    elif action == "reverse":
        expenditure_payment_reverse(actor=t, expenditure=chosen, reason="Yanlış", entry_on=DAY)
    elif action == "cancel":
        expenditure_cancel(actor=t, expenditure=chosen, reason="İptal", entry_on=DAY)


def _expected_sums(expenditure: Expenditure) -> tuple[Decimal, Decimal]:
    """(open commitment, payment) the ledger must hold for the expenditure's status."""
    if expenditure.status == Expenditure.Status.COMMITTED:
        return expenditure.committed_amount, ZERO
    if expenditure.status == Expenditure.Status.PAID:
        return ZERO, expenditure.paid_amount
    return ZERO, ZERO


def _check(cast, lines) -> Figures:
    sums: dict[tuple[int, str], Decimal] = {}
    for row in (
        LedgerEntry.objects.filter(expenditure__isnull=False)
        .values("expenditure_id", "kind")
        .annotate(total=MoneySum("amount"))
    ):
        sums[(row["expenditure_id"], row["kind"])] = row["total"]
    for expenditure in Expenditure.objects.filter(council=cast.council_a):
        got = (
            sums.get((expenditure.pk, "commitment"), ZERO),
            sums.get((expenditure.pk, "payment"), ZERO),
        )
        assert got == _expected_sums(expenditure), expenditure.status

    per_line = line_figures(council=cast.council_a, year=2026)
    for line in lines:
        assert per_line[line.pk].available >= ZERO, per_line[line.pk]

    # Totals equal the sum of lines, and the ledger's own sums per kind.
    added = Figures()
    for figures in per_line.values():
        added += figures
    kinds = {
        row["kind"]: row["total"]
        for row in LedgerEntry.objects.filter(council=cast.council_a)
        .values("kind")
        .annotate(total=MoneySum("amount"))
    }
    assert added.committed == kinds.get("commitment", ZERO)
    assert added.paid == kinds.get("payment", ZERO)
    assert added.revised == sum(
        (kinds.get(k, ZERO) for k in ("initial", "addition", "reduction", "transfer")), ZERO
    )
    assert added.transfers_in == added.transfers_out  # every transfer has both legs
    reserved = Expenditure.objects.filter(council=cast.council_a, status="approved").aggregate(
        total=MoneySum("estimated_amount")
    )["total"]
    assert added.reserved == (reserved or ZERO)
    return added


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(actions=steps)
def test_random_workflows_keep_ledger_status_and_figures_in_agreement(cast, actions):
    with transaction.atomic():
        unit = make_unit(cast.treasurer_a, cast.council_a)
        lines = [
            make_line(cast.treasurer_a, cast.council_a, unit=unit, initial="1000.00"),
            make_line(
                cast.treasurer_a, cast.council_a, unit=unit, economic="03.5.9.90", initial="500.00"
            ),
        ]
        for action, pick, size in actions:
            try:
                _act(cast, lines, action, pick, size)
            except ValidationError:
                pass  # a refusal: the service wrote nothing (checked below)
            added = _check(cast, lines)
        report = budget_report(cast.council_a, 2026)
        assert {name: getattr(report.total, name) for name in STORED_FIGURES} == {
            name: getattr(added, name) for name in STORED_FIGURES
        }
        transaction.set_rollback(True)  # the next example starts from an empty year
