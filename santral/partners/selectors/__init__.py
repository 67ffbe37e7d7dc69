"""Reads for stakeholders, projects and support requests, scoped and pre-loaded (no N+1)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from santral.core.money import MoneySum
from santral.councils.models import Council

from ..models import (
    Affiliation,
    ContributionKind,
    Liaison,
    Organisation,
    Pledge,
    PledgeStatus,
    Project,
    ProjectContribution,
    ProjectDocument,
    ProjectPartner,
    SupportRequest,
)

# --- Liaisons ------------------------------------------------------------------------------


def is_liaison_for(user, support_request: SupportRequest) -> bool:
    """True when the user answers for the institution this council wrote to."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Liaison.objects.filter(
        user=user,
        council_id=support_request.council_id,
        organisation_id=support_request.organisation_id,
    ).exists()


def liaison_requests(*, user) -> QuerySet[SupportRequest]:
    """Sent requests addressed to the institutions (per council) this user is liaison for."""
    if not getattr(user, "is_authenticated", False):
        return SupportRequest.objects.none()
    links = Liaison.objects.filter(user=user).values_list("council_id", "organisation_id")
    condition = Q(pk__in=[])
    for council_id, organisation_id in links:
        condition |= Q(council_id=council_id, organisation_id=organisation_id)
    return (
        SupportRequest.objects.filter(condition)
        .exclude(status="draft")
        .select_related("council", "organisation")
        .order_by("-sent_at", "-id")
    )


def liaison_request(*, user, pk: int) -> SupportRequest | None:
    return (
        liaison_requests(user=user)
        .select_related("answer_document")
        .prefetch_related("pledges")
        .filter(pk=pk)
        .first()
    )


def is_liaison(user) -> bool:
    return getattr(user, "is_authenticated", False) and Liaison.objects.filter(user=user).exists()


# --- Public stakeholder profiles ------------------------------------------------------------


def public_organisations(*, council: Council | None = None) -> QuerySet[Organisation]:
    """Organisations with a public profile, in Turkish alphabetical order."""
    organisations = Organisation.objects.public().select_related("province", "district")
    if council is not None:
        organisations = organisations.filter(affiliations__council=council)
    return organisations.prefetch_related("topics").order_by("sort_key", "name").distinct()


def public_organisation(*, slug: str) -> Organisation | None:
    return (
        Organisation.objects.public()
        .select_related("province", "district")
        .prefetch_related(
            "topics",
            Prefetch(
                "affiliations",
                queryset=Affiliation.objects.select_related("council", "council__home_page")
                .prefetch_related("bodies")
                .order_by("council__sort_key"),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def organisation_public_projects(*, organisation: Organisation) -> list[ProjectPartner]:
    return list(
        ProjectPartner.objects.filter(organisation=organisation, project__is_public=True)
        .select_related("project", "project__council")
        .order_by("-project__starts_on", "project__title")
    )


@dataclass
class ContributionTotals:
    cash: Decimal = Decimal("0")
    in_kind: Decimal = Decimal("0")
    pledged_open: Decimal = Decimal("0")
    pledges_fulfilled: int = 0
    pledges_not_fulfilled: int = 0

    @property
    def total(self) -> Decimal:
        return self.cash + self.in_kind


def organisation_contribution_totals(
    *, organisation: Organisation, council: Council | None = None, year: int | None = None
) -> ContributionTotals:
    """Cash and in-kind given via projects and fulfilled pledges (optionally one council/year)."""
    totals = ContributionTotals()
    contributions = ProjectContribution.objects.filter(organisation=organisation)
    pledges = Pledge.objects.filter(organisation=organisation)
    if council is not None:
        contributions = contributions.filter(project__council=council)
        pledges = pledges.filter(council=council)
    if year is not None:
        contributions = contributions.filter(contributed_on__year=year)
    for row in contributions.values("kind").annotate(total=MoneySum("amount")):
        if row["kind"] == ContributionKind.CASH:
            totals.cash += row["total"] or 0
        else:
            totals.in_kind += row["total"] or 0
    fulfilled = pledges.filter(status=PledgeStatus.FULFILLED)
    if year is not None:
        fulfilled = fulfilled.filter(settled_on__year=year)
    aggregate = fulfilled.aggregate(total=MoneySum("delivered_value"), count=Count("id"))
    totals.in_kind += aggregate["total"] or 0
    totals.pledges_fulfilled = aggregate["count"]
    totals.pledges_not_fulfilled = pledges.filter(status=PledgeStatus.NOT_FULFILLED).count()
    totals.pledged_open = (
        pledges.filter(status=PledgeStatus.PENDING).aggregate(total=MoneySum("value"))["total"] or 0
    )
    return totals


def organisation_pledge_history(*, organisation: Organisation, council: Council | None = None):
    pledges = Pledge.objects.filter(organisation=organisation).select_related(
        "support_request", "council"
    )
    if council is not None:
        pledges = pledges.filter(council=council)
    return pledges.order_by("-created_at")


# --- Projects ------------------------------------------------------------------------------


def council_public_projects(*, council: Council) -> QuerySet[Project]:
    return (
        Project.objects.for_council(council)
        .public()
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=ProjectPartner.objects.select_related("organisation").order_by(
                    "sort_order"
                ),
            )
        )
        .order_by("-starts_on", "-id")
    )


def public_project(*, council: Council, slug: str) -> Project | None:
    return (
        Project.objects.for_council(council)
        .public()
        .select_related("council")
        .prefetch_related(
            "bodies",
            Prefetch(
                "partners",
                queryset=ProjectPartner.objects.select_related("organisation").order_by(
                    "sort_order"
                ),
            ),
            "milestones",
            Prefetch("documents", queryset=ProjectDocument.objects.select_related("document")),
            Prefetch(
                "contributions",
                queryset=ProjectContribution.objects.select_related("organisation"),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def project_contribution_summary(project: Project) -> list[dict]:
    """Per partner: cash and in-kind totals, from the prefetched contributions."""
    rows: dict[int, dict] = {}
    for partner in project.partners.all():
        rows[partner.organisation_id] = {
            "partner": partner,
            "cash": Decimal("0"),
            "in_kind": Decimal("0"),
        }
    for contribution in project.contributions.all():
        row = rows.get(contribution.organisation_id)
        if row is None:
            continue
        key = "cash" if contribution.kind == ContributionKind.CASH else "in_kind"
        row[key] += contribution.amount
    return list(rows.values())


# --- Dashboards ----------------------------------------------------------------------------

AGE_BUCKETS = ((7, "0–7"), (30, "8–30"), (None, "31+"))


@dataclass
class InstitutionRow:
    organisation_id: int
    name: str
    buckets: dict[str, int] = field(default_factory=dict)
    oldest_days: int = 0

    @property
    def total(self) -> int:
        return sum(self.buckets.values())


def _bucket(days: int) -> str:
    for limit, label in AGE_BUCKETS:
        if limit is None or days <= limit:
            return label
    return AGE_BUCKETS[-1][1]


def council_open_requests_by_institution(
    *, council: Council, today: date | None = None
) -> list[InstitutionRow]:
    """Open requests (sent, not declined, not delivered) per institution and age in days."""
    today = today or timezone.localdate()
    rows: dict[int, InstitutionRow] = {}
    requests = (
        SupportRequest.objects.for_council(council)
        .open()
        .values("organisation_id", "organisation__name", "organisation__sort_key", "letter_date")
    )
    for item in requests:
        row = rows.setdefault(
            item["organisation_id"],
            InstitutionRow(
                item["organisation_id"],
                item["organisation__name"],
                {label: 0 for _limit, label in AGE_BUCKETS},
            ),
        )
        days = (today - item["letter_date"]).days if item["letter_date"] else 0
        row.buckets[_bucket(days)] += 1
        row.oldest_days = max(row.oldest_days, days)
    return sorted(rows.values(), key=lambda row: (-row.oldest_days, row.name))


@dataclass
class PartnerYearRow:
    organisation_id: int
    name: str
    cash: Decimal = Decimal("0")
    in_kind: Decimal = Decimal("0")

    @property
    def total(self) -> Decimal:
        return self.cash + self.in_kind


def council_contributions_by_partner(*, council: Council, year: int) -> list[PartnerYearRow]:
    """Partners' cash and in-kind contributions to this council in a year (two queries)."""
    rows: dict[int, PartnerYearRow] = defaultdict(lambda: PartnerYearRow(0, ""))
    contributions = (
        ProjectContribution.objects.filter(project__council=council, contributed_on__year=year)
        .values("organisation_id", "organisation__name", "kind")
        .annotate(total=MoneySum("amount"))
    )
    for item in contributions:
        row = rows[item["organisation_id"]]
        row.organisation_id, row.name = item["organisation_id"], item["organisation__name"]
        if item["kind"] == ContributionKind.CASH:
            row.cash += item["total"] or 0
        else:
            row.in_kind += item["total"] or 0
    pledges = (
        Pledge.objects.filter(council=council, status=PledgeStatus.FULFILLED, settled_on__year=year)
        .values("organisation_id", "organisation__name")
        .annotate(total=MoneySum("delivered_value"))
    )
    for item in pledges:
        row = rows[item["organisation_id"]]
        row.organisation_id, row.name = item["organisation_id"], item["organisation__name"]
        row.in_kind += item["total"] or 0
    return sorted(rows.values(), key=lambda row: (-row.total, row.name))


def council_requests(*, council: Council) -> QuerySet[SupportRequest]:
    return SupportRequest.objects.for_council(council).select_related("organisation", "council")
