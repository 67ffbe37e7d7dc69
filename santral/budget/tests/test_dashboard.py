"""Budget panels on the dashboard: requests awaiting my approval, expenditures to pay."""

import datetime
from decimal import Decimal

import pytest

from santral.budget.factories import make_line
from santral.budget.services import expenditure_approve, expenditure_commit, expenditure_request
from santral.core.tests.panels import dashboard_panels, dashboard_queries

pytestmark = pytest.mark.django_db

APPROVE, PAY = "santral-expenditures-to-approve", "santral-expenditures-to-pay"


def _requests(cast, line, n, *, council=None, author=None):
    return [
        expenditure_request(
            actor=author or cast.editor_a,
            council=council or cast.council_a,
            fiscal_year=2026,
            line=line,
            title=f"Afiş baskısı {i}",
            estimated_amount=Decimal("100.00"),
        )
        for i in range(n)
    ]


@pytest.fixture
def line_a(cast):
    return make_line(cast.treasurer_a, cast.council_a)


def test_treasurer_sees_requests_to_approve_and_expenditures_to_pay(client, cast, line_a):
    waiting, approved = _requests(cast, line_a, 2)
    expenditure_approve(actor=cast.treasurer_a, expenditure=approved)
    committed = _requests(cast, line_a, 1)[0]
    expenditure_approve(actor=cast.treasurer_a, expenditure=committed)
    expenditure_commit(
        actor=cast.treasurer_a,
        expenditure=committed,
        supplier_name="Örnek Matbaa Ltd.",
        contract_no="S-1",
        amount=Decimal("90.00"),
        committed_on=datetime.date(2026, 3, 1),
    )
    _requests(cast, line_a, 1, author=cast.treasurer_a)  # their own: another treasurer approves

    panels = dashboard_panels(client, cast.treasurer_a)

    assert panels[APPROVE][0] == 1
    assert waiting.title in panels[APPROVE][1]
    assert f"/admin/butce/{cast.council_a.pk}/2026/harcama/{waiting.pk}/" in panels[APPROVE][1]
    assert panels[PAY][0] == 2
    assert approved.title in panels[PAY][1] and committed.title in panels[PAY][1]
    assert "90,00 TL" in panels[PAY][1]


def test_requests_of_another_council_are_not_counted(client, cast, line_a):
    from santral.councils.services import membership_set_roles

    membership_set_roles(
        actor=None, council=cast.council_b, user=cast.editor_b, roles=["editor", "treasurer"]
    )
    line_b = make_line(cast.platform_admin, cast.council_b)
    _requests(cast, line_b, 3, council=cast.council_b, author=cast.editor_b)

    assert dashboard_panels(client, cast.treasurer_a)[APPROVE][0] == 0
    assert dashboard_panels(client, cast.platform_admin)[APPROVE][0] == 3


@pytest.mark.parametrize("persona", ["editor_a", "admin_a", "editor_b"])
def test_people_who_cannot_manage_money_see_no_budget_panel(client, cast, line_a, persona):
    _requests(cast, line_a, 1)
    panels = dashboard_panels(client, getattr(cast, persona))
    assert APPROVE not in panels and PAY not in panels


def test_the_panels_read_with_a_constant_number_of_queries(client, cast, line_a):
    _requests(cast, line_a, 1)
    one = dashboard_queries(client, cast.treasurer_a)
    _requests(cast, line_a, 6)
    assert dashboard_panels(client, cast.treasurer_a)[APPROVE][0] == 7
    assert dashboard_queries(client, cast.treasurer_a) == one


def test_the_dashboard_writes_nothing(client, cast, line_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _requests(cast, line_a, 2)
    client.force_login(cast.treasurer_a)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/")
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
        and "django_session" not in q["sql"]
    ]
    assert writes == []
