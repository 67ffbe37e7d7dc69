"""Small builders for the decisions app's tests and demo (through the services)."""

from datetime import datetime, time

from django.utils import timezone

from santral.councils.models import Body, BodyMember

from .services import attendance_record, decision_record, meeting_create, recommendation_create


def make_body(council, *, name: str, members: int, kind: str = "working_group") -> Body:
    """A body of `council` with `members` named members (no user accounts)."""
    from santral.core.text import turkish_slugify

    body = Body.objects.create(council=council, kind=kind, name=name, slug=turkish_slugify(name))
    BodyMember.objects.bulk_create(
        BodyMember(body=body, full_name=f"Üye {i + 1} {name}", sort_order=i) for i in range(members)
    )
    return body


def at(day, hour: int = 18) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def held_meeting(actor, body, *, day, present: int, agenda: list[str] | None = None, **kwargs):
    """A meeting of `body` on `day` with the first `present` members present, the rest absent."""
    meeting = meeting_create(
        actor=actor,
        body=body,
        starts_at=at(day),
        place=kwargs.pop("place", "Kent Konseyi Salonu"),
        agenda=agenda or ["Gündem maddesi"],
        **kwargs,
    )
    members = list(body.members.order_by("sort_order", "pk"))
    attendance_record(
        actor=actor,
        meeting=meeting,
        statuses={m.pk: "present" for m in members[:present]},
    )
    meeting.refresh_from_db()
    return meeting


def adopted_recommendation(actor, body, *, day, title: str, unit: str, topic=None, **kwargs):
    """A held meeting of `body` whose single agenda item became an adopted recommendation."""
    size = body.members.count()
    meeting = held_meeting(actor, body, day=day, present=size, agenda=[title], **kwargs)
    item = meeting.agenda_items.get()
    decision = decision_record(actor=actor, agenda_item=item, text=title, votes_for=size)
    return recommendation_create(
        actor=actor,
        decision=decision,
        title=title,
        text=f"{title}: belediyeden istenen.",
        addressed_unit=unit,
        topic=topic,
    )
