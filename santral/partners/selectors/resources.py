"""Reads for event resource plans: coverage per line, the gap and the readiness of an event.

The rules (docs/partners.md, "Gap and readiness"):

- A **budget** line is covered when its expenditure request is approved, committed or
  paid (confirmed), or still `requested` (covered, not yet confirmed). Declined or no
  request: not covered.
- A **pledge** line is covered by the quantities of its live pledges, capped at the line's
  quantity. A pledge is live unless it was marked not fulfilled or its request was
  declined — so a declined pledge reopens the gap. A live pledge is confirmed when it was
  fulfilled or its request was answered accepted / partly accepted; otherwise (promised,
  request not yet answered) it covers but is not confirmed.
- A line **not yet covered** covers nothing.
- Money not covered = Σ uncovered quantity × estimated unit cost (to the kuruş); money not
  confirmed likewise for the unconfirmed quantity.
- Readiness: **not ready** while any quantity is uncovered; **at risk** when everything
  is covered but something is not yet confirmed; **ready** otherwise (an empty plan is ready).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from santral.councils.models import Council

from ..models import (
    AnswerKind,
    Pledge,
    PledgeStatus,
    RequestStatus,
    ResourceLine,
    ResourceSource,
    SupportRequest,
)

ZERO = Decimal("0")
CENT = Decimal("0.01")
CONFIRMED_EXPENDITURE = ("approved", "committed", "paid")
PENDING_EXPENDITURE = ("requested",)


class Readiness(models.TextChoices):
    READY = "ready", _("Hazır")
    AT_RISK = "at_risk", _("Riskli")
    NOT_READY = "not_ready", _("Hazır değil")


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class LineCoverage:
    line: ResourceLine
    covered: Decimal = ZERO  # quantity covered (confirmed + unconfirmed)
    unconfirmed: Decimal = ZERO  # part of `covered` that is not confirmed yet
    waiting_requests: int = 0  # sent requests for this line with no answer yet

    @property
    def uncovered(self) -> Decimal:
        return max(self.line.quantity - self.covered, ZERO)

    @property
    def money_uncovered(self) -> Decimal:
        return _money(self.uncovered * self.line.unit_cost)

    @property
    def money_unconfirmed(self) -> Decimal:
        return _money(self.unconfirmed * self.line.unit_cost)

    @property
    def state(self) -> str:
        if self.uncovered > 0:
            return Readiness.NOT_READY
        if self.unconfirmed > 0:
            return Readiness.AT_RISK
        return Readiness.READY

    @property
    def state_label(self) -> str:
        return {
            Readiness.NOT_READY: _("Karşılanmadı"),
            Readiness.AT_RISK: _("Onay bekliyor"),
            Readiness.READY: _("Karşılandı"),
        }[self.state]


@dataclass
class PlanGap:
    lines: list[LineCoverage] = field(default_factory=list)

    @property
    def estimated_total(self) -> Decimal:
        return sum((row.line.estimated_total for row in self.lines), ZERO)

    @property
    def money_uncovered(self) -> Decimal:
        return sum((row.money_uncovered for row in self.lines), ZERO)

    @property
    def money_unconfirmed(self) -> Decimal:
        return sum((row.money_unconfirmed for row in self.lines), ZERO)

    @property
    def uncovered_lines(self) -> list[LineCoverage]:
        return [row for row in self.lines if row.uncovered > 0]

    @property
    def unconfirmed_lines(self) -> list[LineCoverage]:
        return [row for row in self.lines if row.unconfirmed > 0]

    @property
    def items_uncovered(self) -> int:
        """How many lines still miss some quantity."""
        return len(self.uncovered_lines)

    @property
    def pledges_unconfirmed(self) -> int:
        return sum(
            1
            for row in self.lines
            for pledge in row.line.pledges.all()
            if _pledge_live(pledge) and not _pledge_confirmed(pledge)
        )

    @property
    def readiness(self) -> str:
        if self.uncovered_lines:
            return Readiness.NOT_READY
        if self.unconfirmed_lines:
            return Readiness.AT_RISK
        return Readiness.READY

    @property
    def readiness_label(self) -> str:
        return Readiness(self.readiness).label

    @property
    def actual_total(self) -> Decimal:
        return sum((row.line.actual_cost or ZERO for row in self.lines), ZERO)


def _pledge_live(pledge: Pledge) -> bool:
    return (
        pledge.status != PledgeStatus.NOT_FULFILLED
        and pledge.support_request.answer != AnswerKind.DECLINED
    )


def _pledge_confirmed(pledge: Pledge) -> bool:
    return pledge.status == PledgeStatus.FULFILLED or pledge.support_request.answer in (
        AnswerKind.ACCEPTED,
        AnswerKind.PARTLY,
    )


def line_coverage(line: ResourceLine) -> LineCoverage:
    """Coverage of one line from its prefetched pledges, requests and expenditure."""
    row = LineCoverage(line=line)
    row.waiting_requests = sum(
        1
        for request in line.support_requests.all()
        if request.status == RequestStatus.SENT and not request.answer
    )
    if line.source == ResourceSource.BUDGET:
        status = line.expenditure.status if line.expenditure_id else None
        if status in CONFIRMED_EXPENDITURE:
            row.covered = line.quantity
        elif status in PENDING_EXPENDITURE:
            row.covered = row.unconfirmed = line.quantity
    elif line.source == ResourceSource.PLEDGE:
        confirmed = unconfirmed = ZERO
        for pledge in line.pledges.all():
            if not _pledge_live(pledge):
                continue
            if _pledge_confirmed(pledge):
                confirmed += pledge.quantity
            else:
                unconfirmed += pledge.quantity
        row.covered = min(confirmed + unconfirmed, line.quantity)
        row.unconfirmed = max(row.covered - confirmed, ZERO)
    return row


def resource_lines_prefetched(lines: QuerySet[ResourceLine]) -> QuerySet[ResourceLine]:
    """Everything `line_coverage` reads, in a fixed number of queries."""
    return lines.select_related("expenditure", "organisation", "budget_line").prefetch_related(
        Prefetch("pledges", queryset=Pledge.objects.select_related("support_request")),
        Prefetch(
            "support_requests",
            queryset=SupportRequest.objects.only(
                "id",
                "status",
                "answer",
                "resource_line_id",
                "reference",
                "subject",
                "organisation_id",
            ),
        ),
    )


def plan_gap(lines) -> PlanGap:
    return PlanGap(lines=[line_coverage(line) for line in lines])


def event_resource_lines(event) -> QuerySet[ResourceLine]:
    return resource_lines_prefetched(ResourceLine.objects.filter(event=event))


def event_gap(event) -> PlanGap:
    """The gap and readiness of one event's resource plan (4 queries)."""
    return plan_gap(event_resource_lines(event))


@dataclass
class EventReadiness:
    event: object
    gap: PlanGap


def events_readiness(events) -> list[EventReadiness]:
    """Gap and readiness for a list of events (a page): a constant number of queries."""
    events = list(events)
    by_event: dict[int, list[ResourceLine]] = {event.pk: [] for event in events}
    for line in resource_lines_prefetched(ResourceLine.objects.filter(event__in=events)):
        by_event[line.event_id].append(line)
    return [EventReadiness(event=event, gap=plan_gap(by_event[event.pk])) for event in events]


def council_events(*, council: Council):
    """The council's event pages (drafts too), soonest first."""
    from santral.events.models import EventPage

    return (
        EventPage.objects.filter(council=council)
        .select_related("council")
        .order_by("start_at", "pk")
    )


def council_upcoming_events(*, council: Council, days: int = 90):
    now = timezone.now()
    return council_events(council=council).filter(
        end_at__gte=now, start_at__lte=now + timedelta(days=days)
    )


def default_reminder_days() -> int:
    """The platform's reminder window (SANTRAL_RESOURCE_REMINDER_DAYS, 7 by default)."""
    from django.conf import settings

    return int(getattr(settings, "SANTRAL_RESOURCE_REMINDER_DAYS", 7))


def reminder_days_for(council: Council) -> int:
    """How many days before an event its council wants the gap reminder: its own setting,
    else the platform's."""
    return council.resource_reminder_days or default_reminder_days()


def events_due_for_reminder(*, days: int | None = None, today=None) -> list[EventReadiness]:
    """Live council events starting within the reminder window (Europe/Istanbul) with
    anything uncovered: `days` days for every council, or each council's own window
    (`reminder_days_for`) when `days` is None."""
    from datetime import datetime, time

    from django.db.models import Max

    from santral.events.models import EventPage

    today = today or timezone.localdate()
    tz = timezone.get_current_timezone()

    def end_of(window: int):
        return timezone.make_aware(
            datetime.combine(today + timedelta(days=window + 1), time.min), tz
        )

    start = timezone.make_aware(datetime.combine(today, time.min), tz)
    if days is None:
        longest = Council.objects.aggregate(longest=Max("resource_reminder_days"))["longest"]
        window = max(longest or 0, default_reminder_days())
    else:
        window = days
    end = end_of(window)
    events = EventPage.objects.filter(
        live=True,
        council__isnull=False,
        start_at__gte=max(start, timezone.now()),
        start_at__lt=end,
        pk__in=ResourceLine.objects.values("event_id"),
    ).select_related("council")
    return [
        row
        for row in events_readiness(events)
        if row.gap.uncovered_lines
        and (days is not None or row.event.start_at < end_of(reminder_days_for(row.event.council)))
    ]
