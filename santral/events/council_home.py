"""The events app's section of a council's home page: the next events."""

from django.utils import timezone

from santral.core.registry import CouncilHomeSection, register_council_home_section

from .models import EventPage
from .selectors import public_events

EVENTS_ON_HOME = 4


def upcoming_events(council) -> list[EventPage]:
    """Public events not yet over, soonest first."""
    events = public_events(council=council).filter(end_at__gte=timezone.now())
    return list(events.order_by("start_at", "pk")[:EVENTS_ON_HOME])


def register() -> None:
    register_council_home_section(
        CouncilHomeSection("events", 20, "events/council_home/events.html", upcoming_events)
    )
