"""Reads for outreach: the representation figures, plans with their KPIs, subscriber lists.

Representation arithmetic (docs/outreach.md):
- population share p (percent) comes from the audience's sourced baseline, or is
  count / reference population; no source, no share ("henüz kaynak yok").
- participation share q (percent) = participants of the audience / total participants
  of the activities where that audience was counted (an activity without a count for
  the audience says nothing about it, so it is left out of the denominator).
- representation ratio r = q / p; an audience is flagged when r < threshold.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from santral.content.models import DocumentPage, NewsPage, PublicationPage
from santral.core.registry import AccountSection
from santral.core.text import turkish_capfirst_text
from santral.councils.models import Body, Council
from santral.events.models import EventPage

from .models import (
    AreaPopulation,
    Audience,
    AudienceCount,
    CommunicationPlan,
    Delivery,
    KpiKind,
    Newsletter,
    NewsletterTopic,
    ParticipationRecord,
    PlanAction,
    PlanKpi,
    PlanMessage,
    Subscriber,
    SubscriberStatus,
)

HUNDRED = Decimal(100)


def default_threshold() -> Decimal:
    return Decimal(str(settings.SANTRAL_REPRESENTATION_THRESHOLD))


def population_share(audience: Audience, area: AreaPopulation | None) -> Decimal | None:
    """The audience's share of the area's population in percent, or None without a source."""
    if not audience.has_baseline:
        return None
    if audience.baseline_share is not None:
        return Decimal(audience.baseline_share)
    reference = audience.baseline_population or (area.total if area else None)
    if not reference:
        return None
    return Decimal(audience.baseline_count) * HUNDRED / Decimal(reference)


@dataclass
class AudienceFigures:
    audience: Audience
    population_share: Decimal | None
    participants: int
    counted_total: int
    participation_share: Decimal | None
    ratio: Decimal | None
    is_flagged: bool

    @property
    def has_source(self) -> bool:
        return self.population_share is not None


@dataclass
class Period:
    label: str
    year: int
    quarter: int


@dataclass
class TrendRow:
    audience: Audience
    ratios: list[Decimal | None]


@dataclass
class RepresentationReport:
    council: Council
    body: Body | None
    event: EventPage | None
    starts_on: date | None
    ends_on: date | None
    threshold: Decimal
    activities: int
    total_participants: int
    area: AreaPopulation | None
    rows: list[AudienceFigures]
    periods: list[Period] = field(default_factory=list)
    trend: list[TrendRow] = field(default_factory=list)

    @property
    def flagged(self) -> list[AudienceFigures]:
        return [row for row in self.rows if row.is_flagged]


def records_for(
    *,
    council: Council,
    body: Body | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    event: EventPage | None = None,
) -> QuerySet[ParticipationRecord]:
    """The council's records, filtered. A body matches the record's own body or, for a
    record of an event, one of the event's organiser bodies."""
    records = ParticipationRecord.objects.filter(council=council)
    if body is not None:
        organised = EventPage.objects.filter(organiser_bodies=body).values("pk")
        records = records.filter(Q(body=body) | Q(event__in=organised))
    if event is not None:
        records = records.filter(event=event)
    if starts_on is not None:
        records = records.filter(held_on__gte=starts_on)
    if ends_on is not None:
        records = records.filter(held_on__lte=ends_on)
    return records


def _figures(
    audience: Audience,
    area: AreaPopulation | None,
    participants: int,
    counted_total: int,
    threshold: Decimal,
) -> AudienceFigures:
    p = population_share(audience, area)
    q = Decimal(participants) * HUNDRED / Decimal(counted_total) if counted_total else None
    ratio = q / p if (q is not None and p) else None
    return AudienceFigures(
        audience=audience,
        population_share=p,
        participants=participants,
        counted_total=counted_total,
        participation_share=q,
        ratio=ratio,
        is_flagged=ratio is not None and ratio < threshold,
    )


def representation_report(
    *,
    council: Council,
    body: Body | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    threshold: Decimal | None = None,
    event: EventPage | None = None,
) -> RepresentationReport:
    """Each active audience's participation share against its population share.

    A fixed number of queries whatever the number of activities or audiences.
    """
    threshold = default_threshold() if threshold is None else threshold
    area = AreaPopulation.objects.filter(council=council).first()
    audiences = list(Audience.objects.filter(council=council, is_active=True))
    records = records_for(
        council=council, body=body, starts_on=starts_on, ends_on=ends_on, event=event
    )
    totals = records.aggregate(activities=Count("id"), people=Sum("total_participants"))
    counts = AudienceCount.objects.filter(record__in=records)
    by_audience = {
        row["audience_id"]: row
        for row in counts.values("audience_id").annotate(
            participants=Sum("count"), counted_total=Sum("record__total_participants")
        )
    }
    rows = []
    for audience in audiences:
        found = by_audience.get(audience.pk, {})
        rows.append(
            _figures(
                audience,
                area,
                found.get("participants") or 0,
                found.get("counted_total") or 0,
                threshold,
            )
        )

    # Trend by quarter: one grouped query.
    quarterly = (
        counts.annotate(year=ExtractYear("record__held_on"), month=ExtractMonth("record__held_on"))
        .values("audience_id", "year", "month")
        .annotate(participants=Sum("count"), counted_total=Sum("record__total_participants"))
    )
    buckets: dict[tuple[int, int], dict[int, list[int]]] = {}
    for row in quarterly:
        key = (row["year"], (row["month"] - 1) // 3 + 1)
        sums = buckets.setdefault(key, {}).setdefault(row["audience_id"], [0, 0])
        sums[0] += row["participants"] or 0
        sums[1] += row["counted_total"] or 0
    periods = [
        Period(label=f"{year} Ç{quarter}", year=year, quarter=quarter)
        for year, quarter in sorted(buckets)
    ]
    trend = []
    for audience in audiences:
        ratios = []
        for period in periods:
            sums = buckets[(period.year, period.quarter)].get(audience.pk)
            if sums is None:
                ratios.append(None)
            else:
                ratios.append(_figures(audience, area, sums[0], sums[1], threshold).ratio)
        trend.append(TrendRow(audience=audience, ratios=ratios))
    return RepresentationReport(
        council=council,
        body=body,
        event=event,
        starts_on=starts_on,
        ends_on=ends_on,
        threshold=threshold,
        activities=totals["activities"] or 0,
        total_participants=totals["people"] or 0,
        area=area,
        rows=rows,
        periods=periods,
        trend=trend,
    )


# ---------------------------------------------------------------- plans and KPIs


@dataclass
class KpiReading:
    kpi: PlanKpi
    value: Decimal | None
    is_met: bool | None


def plan_detail(*, council: Council, plan_id: int) -> CommunicationPlan:
    """One plan of the council with everything it shows; another council's plan: DoesNotExist."""
    return (
        CommunicationPlan.objects.filter(council=council)
        .select_related("council", "body")
        .prefetch_related(
            "audiences",
            Prefetch("messages", queryset=PlanMessage.objects.select_related("audience")),
            Prefetch("actions", queryset=PlanAction.objects.select_related("audience")),
            Prefetch("kpis", queryset=PlanKpi.objects.select_related("audience")),
        )
        .get(pk=plan_id)
    )


def plan_kpi_readings(*, plan: CommunicationPlan) -> list[KpiReading]:
    """Each KPI's current value, read from the participation records of the plan's period
    (and body, when the plan has one)."""
    report = representation_report(
        council=plan.council, body=plan.body, starts_on=plan.starts_on, ends_on=plan.ends_on
    )
    by_audience = {row.audience.pk: row for row in report.rows}
    readings = []
    for kpi in plan.kpis.all():
        value: Decimal | None
        if kpi.kind == KpiKind.TOTAL_PARTICIPANTS:
            value = Decimal(report.total_participants)
        else:
            row = by_audience.get(kpi.audience_id)
            if row is None:
                value = None
            elif kpi.kind == KpiKind.AUDIENCE_PARTICIPANTS:
                value = Decimal(row.participants)
            else:
                value = row.ratio
        readings.append(
            KpiReading(kpi=kpi, value=value, is_met=None if value is None else value >= kpi.target)
        )
    return readings


def plans_of(*, council: Council) -> QuerySet[CommunicationPlan]:
    return CommunicationPlan.objects.filter(council=council).select_related("body")


# ------------------------------------------------------------------ newsletters


def public_topics(*, council: Council) -> QuerySet[NewsletterTopic]:
    return NewsletterTopic.objects.filter(council=council, is_active=True).order_by("name")


def subscribers_for_export(*, council: Council) -> QuerySet[Subscriber]:
    """Confirmed subscribers of this council only, with their topics loaded."""
    return (
        Subscriber.objects.filter(council=council, status=SubscriberStatus.CONFIRMED)
        .prefetch_related(Prefetch("topics", queryset=NewsletterTopic.objects.order_by("name")))
        .order_by("email_key")
    )


def gateway_recipients(*, council: Council, topic: NewsletterTopic) -> QuerySet[Subscriber]:
    """Confirmed subscribers of the topic who gave a phone number and asked for SMS/WhatsApp."""
    return (
        Subscriber.objects.filter(
            council=council,
            status=SubscriberStatus.CONFIRMED,
            topics=topic,
            wants_sms=True,
        )
        .exclude(phone="")
        .distinct()
        .order_by("email_key")
    )


def newsletters_of(*, council: Council) -> QuerySet[Newsletter]:
    return (
        Newsletter.objects.filter(council=council)
        .select_related("topic")
        .annotate(recipients=Count("deliveries"))
    )


def delivery_log(*, newsletter: Newsletter) -> QuerySet[Delivery]:
    return newsletter.deliveries.select_related("subscriber").order_by("id")


def past_events(*, council: Council) -> QuerySet[EventPage]:
    """The council's events that have started (newest first), each annotated with the
    total of its participation record (`participants`, None when not entered yet)."""
    record = ParticipationRecord.objects.filter(event=OuterRef("pk")).order_by("pk")
    return (
        EventPage.objects.filter(council=council, start_at__lte=timezone.now())
        .annotate(participants=Subquery(record.values("total_participants")[:1]))
        .order_by("-start_at", "-pk")
    )


# ---------------------------------------------------------- newsletter composition

RECENT_DAYS = 30  # without a sent newsletter, "recent" means the last 30 days
RECENT_LIMIT = 50  # per kind of item


@dataclass(frozen=True)
class RecentItem:
    pk: int
    kind: str
    title: str
    summary: str
    url: str
    published_at: datetime


def _recent_models() -> list[type]:
    return [NewsPage, DocumentPage, PublicationPage, EventPage]


def last_sent_at(*, council: Council) -> datetime | None:
    """When the council's newest non-draft newsletter was queued (None if never)."""
    return (
        Newsletter.objects.filter(council=council, queued_at__isnull=False)
        .order_by("-queued_at")
        .values_list("queued_at", flat=True)
        .first()
    )


def recent_items(
    *, council: Council, since: datetime | None = None, page_ids: Iterable[int] | None = None
) -> list[RecentItem]:
    """The council's own published items (news, documents, publications, public events),
    newest first: those first published since `since`, or exactly those in `page_ids`.

    Only live, non-archived pages of this council (never drafts, never another council's
    items, re-shared ones neither); one query per kind, links absolute (SITE_URL).
    """
    from .mailing import absolute

    found: list[RecentItem] = []
    for model in _recent_models():
        items = model.objects.listed().filter(council=council)
        if hasattr(model, "is_public"):
            items = items.filter(is_public=True)
        if page_ids is not None:
            items = items.filter(pk__in=list(page_ids))
        elif since is not None:
            items = items.filter(first_published_at__gte=since)
        items = items.only("pk", "title", "intro", "url_path", "first_published_at")
        for page in items.order_by("-first_published_at", "-pk")[:RECENT_LIMIT]:
            found.append(
                RecentItem(
                    pk=page.pk,
                    kind=turkish_capfirst_text(str(model._meta.verbose_name)),
                    title=page.title,
                    summary=page.intro.strip(),
                    url=absolute(page.get_url() or ""),
                    published_at=page.first_published_at,
                )
            )
    return sorted(found, key=lambda item: (item.published_at, item.pk), reverse=True)


def account_subscriptions(user):
    """The member area's "my subscriptions": newsletter subscriptions of the user's e-mail."""
    rows = list(
        Subscriber.objects.filter(email_key=(user.email or "").strip().casefold())
        .exclude(status=SubscriberStatus.UNSUBSCRIBED)
        .select_related("council")
        .prefetch_related("topics")
        .order_by("council__name")
    )
    return AccountSection(20, "outreach/_account_subscriptions.html", {"subscriptions": rows})
