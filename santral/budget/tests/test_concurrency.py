"""Concurrent approvals and payments on PostgreSQL: row locks keep the line and the request safe.

SQLite has no row locks (it serialises whole-database writes), so these run on PostgreSQL only.
"""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from santral.budget.factories import make_line
from santral.budget.models import Expenditure, ExpenditureApproval, LedgerEntry
from santral.budget.services import (
    expenditure_approve,
    expenditure_commit,
    expenditure_pay,
    expenditure_request,
)
from santral.core.factories import UserFactory, give_totp
from santral.councils.services import membership_set_roles

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locking needs PostgreSQL (SQLite locks the whole file)",
    ),
    # Real commits from several connections; the migrations' reference rows come back after.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _race(*calls):
    """Run each call in its own thread and database connection, released together."""
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


@pytest.fixture
def two_treasurers(cast):
    second = UserFactory(email="treasurer2_a@ornek.test")
    give_totp(second)
    membership_set_roles(actor=None, council=cast.council_a, user=second, roles=["treasurer"])
    return cast.treasurer_a, second


def _fresh(user):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=user.pk)


def test_concurrent_approvals_never_exceed_the_line(cast, two_treasurers):
    first, second = two_treasurers
    line = make_line(first, cast.council_a, initial="1000.00")
    requests = [
        expenditure_request(
            actor=cast.editor_a,
            council=cast.council_a,
            fiscal_year=2026,
            line=line,
            title=f"Talep {n}",
            estimated_amount=Decimal("700.00"),
        )
        for n in range(2)
    ]
    outcomes = _race(
        lambda: expenditure_approve(actor=_fresh(first), expenditure=requests[0]),
        lambda: expenditure_approve(actor=_fresh(second), expenditure=requests[1]),
    )
    errors = [o for o in outcomes if isinstance(o, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), outcomes
    assert Expenditure.objects.filter(status="approved").count() == 1


def test_two_treasurers_cannot_double_approve_or_double_pay(cast, two_treasurers):
    first, second = two_treasurers
    line = make_line(first, cast.council_a, initial="5000.00")
    exp = expenditure_request(
        actor=cast.editor_a,
        council=cast.council_a,
        fiscal_year=2026,
        line=line,
        title="Salon kirası",
        estimated_amount=Decimal("1000.00"),
    )
    outcomes = _race(
        lambda: expenditure_approve(actor=_fresh(first), expenditure=exp),
        lambda: expenditure_approve(actor=_fresh(second), expenditure=exp),
    )
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
    assert ExpenditureApproval.objects.filter(expenditure=exp).count() == 1
    expenditure_commit(
        actor=_fresh(first),
        expenditure=exp,
        supplier_name="Salon A.Ş.",
        contract_no="S-1",
        amount=Decimal("1000.00"),
        committed_on=datetime.date(2026, 5, 1),
    )
    day = datetime.date(2026, 5, 20)
    outcomes = _race(
        lambda: expenditure_pay(
            actor=_fresh(first),
            expenditure=exp,
            payment_order_no="Ö-1",
            paid_on=day,
            amount=Decimal("1000.00"),
        ),
        lambda: expenditure_pay(
            actor=_fresh(second),
            expenditure=exp,
            payment_order_no="Ö-2",
            paid_on=day,
            amount=Decimal("1000.00"),
        ),
    )
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1, outcomes
    assert LedgerEntry.objects.filter(expenditure=exp, kind="payment").count() == 1
