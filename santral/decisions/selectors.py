"""Reads of the decisions app: the public accountability list, its filters and figures.

Public means: a recommendation of a listed council whose meeting is public. Only names of
bodies and units, texts and dates are read; attendance, votes of named members and who
recorded an entry never leave the back office.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet

from santral.core.i18n import local_name
from santral.councils.models import Council

from .models import JourneyEntry, Outcome, Recommendation

PUBLIC_FILTERS = ("kurul", "konu", "yil", "birim", "sonuc")


def public_recommendations(*, council: Council | None = None) -> QuerySet[Recommendation]:
    """Public recommendations (one council's, or every listed council's for the hub)."""
    qs = Recommendation.objects.filter(
        meeting__is_public=True, council__in=Council.objects.listed()
    ).select_related("council", "body", "topic")
    if council is not None:
        qs = qs.filter(council=council)
    return qs.order_by("-decided_on", "-pk")


def valid_year(value: str) -> bool:
    """A four-digit year a council could have decided in (a date out of range would fail)."""
    return value.isdigit() and 1900 <= int(value) <= 2999


def filter_recommendations(qs: QuerySet[Recommendation], params) -> QuerySet[Recommendation]:
    """Apply the public filters (body slug, topic slug, year, unit, outcome); a value that
    names nothing gives an empty list rather than an error."""
    if body := (params.get("kurul") or "").strip():
        qs = qs.filter(body__slug=body)
    if topic := (params.get("konu") or "").strip():
        qs = qs.filter(topic__slug=topic)
    if year := (params.get("yil") or "").strip():
        qs = qs.filter(decided_on__year=int(year)) if valid_year(year) else qs.none()
    if unit := (params.get("birim") or "").strip():
        qs = qs.filter(addressed_unit=unit)
    if outcome := (params.get("sonuc") or "").strip():
        if outcome == "bekliyor":
            qs = qs.filter(outcome="")
        else:
            qs = qs.filter(outcome=outcome) if outcome in Outcome.values else qs.none()
    return qs


def filter_choices(qs: QuerySet[Recommendation]) -> dict:
    """The values the filters offer, from the public list itself (three queries)."""
    bodies = qs.order_by().values_list("body__slug", "body__name").distinct()
    topics = (
        qs.exclude(topic=None)
        .order_by()
        .values_list("topic__slug", "topic__name", "topic__name_en", "topic__name_ar")
        .distinct()
    )
    units = qs.order_by().values_list("addressed_unit", flat=True).distinct()
    years = sorted(
        {d.year for d in qs.order_by().values_list("decided_on", flat=True)}, reverse=True
    )
    return {
        "bodies": sorted(set(bodies), key=lambda b: b[1]),
        # A topic's name in the visitor's language (LocalName: Turkish, marked, when it has none).
        "topics": sorted(
            {(slug, local_name(name, en=en, ar=ar)) for slug, name, en, ar in topics},
            key=lambda t: str(t[1]),
        ),
        "units": sorted(set(units)),
        "years": years,
        "outcomes": Outcome.choices,
    }


def with_history(qs: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    """Prefetch what a list or page shows of each recommendation (constant queries)."""
    entries = JourneyEntry.objects.select_related("document").order_by("on", "recorded_at", "pk")
    return qs.prefetch_related(Prefetch("entries", queryset=entries), "co_signing_bodies")


def _median(values: list[int]) -> Decimal | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return Decimal(ordered[middle])
    return Decimal(ordered[middle - 1] + ordered[middle]) / 2


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    total: int
    referred: int
    on_agenda: int
    with_outcome: int
    accepted: int
    implemented: int
    pending_implementation: int
    share_on_agenda: Decimal | None  # on the assembly's agenda / all recommendations, %
    share_accepted: Decimal | None  # accepted / those the assembly decided on, %
    median_days_to_agenda: Decimal | None  # committee decision → assembly agenda
    median_days_to_implementation: Decimal | None  # committee decision → implemented


def recommendation_figures(qs: QuerySet[Recommendation]) -> Figures:
    """The accountability figures of a (filtered) public list, in one query.

    A recommendation counts as implemented once a "done" update is recorded; pending
    implementation = accepted by the assembly and not yet done.
    """
    rows = list(
        qs.order_by().values_list(
            "decided_on", "referred_on", "agenda_on", "outcome", "implemented_on"
        )
    )
    on_agenda = [(d, a) for d, _r, a, _o, _i in rows if a]
    decided = [o for *_x, o, _i in rows if o]
    accepted = [row for row in rows if row[3] == Outcome.ACCEPTED]
    implemented = [(d, i) for d, _r, _a, _o, i in rows if i]
    return Figures(
        total=len(rows),
        referred=sum(1 for row in rows if row[1]),
        on_agenda=len(on_agenda),
        with_outcome=len(decided),
        accepted=len(accepted),
        implemented=len(implemented),
        pending_implementation=sum(1 for row in accepted if not row[4]),
        share_on_agenda=_share(len(on_agenda), len(rows)),
        share_accepted=_share(len(accepted), len(decided)),
        median_days_to_agenda=_median([(a - d).days for d, a in on_agenda]),
        median_days_to_implementation=_median([(i - d).days for d, i in implemented]),
    )
