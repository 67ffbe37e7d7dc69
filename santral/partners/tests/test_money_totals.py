"""Partners' money totals are exact on both databases (issue 14, item 1).

The float error is SQLite's behaviour (REAL storage, float SUM); MoneySum sums with Decimal
there (santral/core/money.py). Run on both databases.
"""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from santral.core.money import MONEY_MAX
from santral.partners.factories import OrganisationFactory, ProjectFactory
from santral.partners.models import ContributionKind, ProjectContribution
from santral.partners.selectors import (
    council_contributions_by_partner,
    organisation_contribution_totals,
)

pytestmark = pytest.mark.django_db

# Everyday amounts, and amounts up to the 15-digit bound: sums of those pass 15 significant
# digits, where a float SUM (and Django's 15-digit float context on SQLite) loses the kuruş.
amounts = st.one_of(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999999.99"), places=2),
    st.decimals(min_value=Decimal("1000000000000.00"), max_value=MONEY_MAX, places=2),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(st.tuples(st.sampled_from(ContributionKind.values), amounts), max_size=30))
def test_partner_totals_equal_decimal_sums(cast, rows):
    organisation = OrganisationFactory()
    project = ProjectFactory(council=cast.council_a)
    ProjectContribution.objects.bulk_create(
        ProjectContribution(
            project=project,
            organisation=organisation,
            kind=kind,
            amount=amount,
            contributed_on=datetime.date(2026, 5, 1),
        )
        for kind, amount in rows
    )
    cash = sum((a for k, a in rows if k == ContributionKind.CASH), Decimal("0.00"))
    in_kind = sum((a for k, a in rows if k == ContributionKind.IN_KIND), Decimal("0.00"))

    totals = organisation_contribution_totals(organisation=organisation, council=cast.council_a)
    assert (totals.cash, totals.in_kind) == (cash, in_kind)
    by_partner = {
        row.organisation_id: row
        for row in council_contributions_by_partner(council=cast.council_a, year=2026)
    }
    if rows:
        row = by_partner[organisation.pk]
        assert (row.cash, row.in_kind, row.total) == (cash, in_kind, cash + in_kind)


def test_ten_thousand_dimes_of_cash_total_exactly_one_thousand(cast):
    organisation = OrganisationFactory()
    project = ProjectFactory(council=cast.council_a)
    ProjectContribution.objects.bulk_create(
        ProjectContribution(
            project=project,
            organisation=organisation,
            kind=ContributionKind.CASH,
            amount=Decimal("0.10"),
            contributed_on=datetime.date(2026, 5, 1),
        )
        for _ in range(10_000)
    )
    totals = organisation_contribution_totals(organisation=organisation)
    assert totals.cash == Decimal("1000.00")
    assert str(totals.cash) == "1000.00"


def test_partner_money_beyond_the_bound_is_refused_not_stored_inexactly(cast):
    """Partner amounts share the ledger's 15-digit bound (exact on SQLite's REAL storage)."""
    from django.core.exceptions import ValidationError

    field = ProjectContribution._meta.get_field("amount")
    field.clean(MONEY_MAX, None)  # the bound itself is fine
    with pytest.raises(ValidationError):
        field.clean(MONEY_MAX + Decimal("0.01"), None)
