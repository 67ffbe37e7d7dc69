"""Reads for events: visibility, registration counts, calendar months, iCalendar items."""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from santral.content.selectors import public_items
from santral.core.registry import AccountSection, ActivityItem
from santral.core.text import turkish_capfirst_text
from santral.councils.models import Council
from santral.councils.permissions import can_view_internal

from .models import EventPage, Registration, RegistrationStatus


def may_see_event(user, event: EventPage) -> bool:
    """Public events are for everyone; internal ones only for the council's members."""
    if event.is_public:
        return True
    return event.council is not None and can_view_internal(user, event.council)


def registration_counts(event: EventPage) -> dict[str, int]:
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    counts["free"] = (
        max(event.capacity - counts["confirmed"], 0) if event.capacity is not None else None
    )
    return counts


def public_events(*, council: Council | None = None):
    return public_items(EventPage, council=council, extra_related=("lead_image",)).order_by(
        "start_at", "pk"
    )


def public_event(*, council: Council | None, slug: str) -> EventPage | None:
    """One public event of a council (or of the hub when `council` is None) by its slug."""
    events = public_items(EventPage, council=council, include_reshared=False)
    if council is None:
        events = events.filter(council__isnull=True)
    return events.filter(slug=slug).first()


def month_events(*, council: Council | None, year: int, month: int) -> list[EventPage]:
    """Public events that touch the given month (Europe/Istanbul)."""
    tz = timezone.get_current_timezone()
    first = date(year, month, 1)
    following = (first + timedelta(days=32)).replace(day=1)
    start = timezone.make_aware(datetime.combine(first, time.min), tz)
    end = timezone.make_aware(datetime.combine(following, time.min), tz)
    return list(public_events(council=council).filter(start_at__lt=end, end_at__gte=start))


def calendar_events(*, council: Council | None = None, limit: int = 500) -> list[EventPage]:
    """Public events for an iCalendar feed: from 180 days ago onwards."""
    since = timezone.now() - timedelta(days=180)
    return list(public_events(council=council).filter(end_at__gte=since)[:limit])


def upcoming_events_activity(limit: int) -> list[ActivityItem]:
    events = public_events().order_by("-first_published_at")[:limit]
    return [
        ActivityItem(
            title=event.title,
            url=event.url,
            kind=turkish_capfirst_text(str(EventPage._meta.verbose_name)),
            at=event.first_published_at,
            council_name=event.council.name if event.council else "Santral",
        )
        for event in events
    ]


def account_registrations(user):
    """The member area's "my registrations": registrations under the user's e-mail address."""
    rows = list(
        Registration.objects.filter(email__iexact=user.email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("-event__start_at", "-pk")[:50]
    )
    return AccountSection(10, "events/_account_registrations.html", {"registrations": rows})
