from datetime import timedelta
from itertools import count

from django.utils import timezone

from santral.content.factories import home_of
from santral.content.services import content_page_create

from .models import EventPage

_numbers = count(1)


def make_event(council, *, publish=True, **fields) -> EventPage:
    number = next(_numbers)
    start = timezone.now() + timedelta(days=7)
    fields.setdefault("title", f"Etkinlik {number}")
    fields.setdefault("slug", f"etkinlik-{number}")
    fields.setdefault("start_at", start)
    fields.setdefault("end_at", start + timedelta(hours=2))
    fields.setdefault("venue", "Konsey salonu")
    return content_page_create(
        actor=None, parent=home_of(council), page=EventPage(**fields), publish=publish
    )
