"""Invitations to a meeting: one e-mail per member of the body, with the meeting as .ics.

A member is invited at the address of their user account (BodyMember.user); members without
an account are listed back to the secretary, who invites them another way. Each message goes
to one person only, so no member sees another's address.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from santral.core.audit import audit_record
from santral.core.text import xml_safe

from .models import Meeting, MeetingStatus
from .services.meetings import _ensure_may_manage

ISTANBUL = ZoneInfo("Europe/Istanbul")
DEFAULT_LENGTH = timedelta(hours=2)


def meeting_ics(meeting: Meeting) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Santral//Kent Konseyleri Bilgi Santrali//TR")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(Timezone.from_tzid("Europe/Istanbul"))
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@santral")
    event.add("dtstamp", timezone.now())
    start = meeting.starts_at.astimezone(ISTANBUL)
    event.add("dtstart", start)
    event.add("dtend", (meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH).astimezone(ISTANBUL))
    event.add("summary", xml_safe(f"{meeting.body.name}: {meeting.display_title}"))
    agenda = [f"{item.number}. {item.title}" for item in meeting.agenda_items.all()]
    if agenda:
        event.add("description", xml_safe(_("Gündem:") + "\n" + "\n".join(agenda)))
    if meeting.place:
        event.add("location", xml_safe(meeting.place))
    if meeting.online_url:
        event.add("url", meeting.online_url)
    event.add("organizer", xml_safe(meeting.council.name))
    calendar.add_component(event)
    return calendar.to_ical()


def _body_text(meeting: Meeting, name: str) -> str:
    start = timezone.localtime(meeting.starts_at, ISTANBUL)
    lines = [
        _("Sayın %(name)s,") % {"name": name},
        "",
        _("%(body)s toplantısına davetlisiniz.") % {"body": meeting.body.name},
        _("Tarih: %(date)s, saat %(time)s")
        % {"date": start.strftime("%d.%m.%Y"), "time": start.strftime("%H:%M")},
    ]
    if meeting.place:
        lines.append(_("Yer: %(place)s") % {"place": meeting.place})
    if meeting.online_url:
        lines.append(_("Çevrim içi bağlantı: %(url)s") % {"url": meeting.online_url})
    items = list(meeting.agenda_items.all())
    if items:
        lines += ["", _("Gündem:")] + [f"{item.number}. {item.title}" for item in items]
    lines += ["", meeting.council.name]
    return "\n".join(lines)


def meeting_send_invitations(*, actor, meeting: Meeting) -> dict:
    """Send the invitations; returns {"sent": n, "without_address": [names]}."""
    meeting = Meeting.objects.select_related("body", "council").get(pk=meeting.pk)
    _ensure_may_manage(actor, meeting.council)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Yalnızca planlanmış bir toplantıya davet gönderilir."))
    members = list(meeting.body.members.select_related("user").order_by("sort_order", "pk"))
    ics = meeting_ics(meeting)
    subject = " ".join(
        (
            _("Toplantı daveti: %(body)s, %(date)s")
            % {
                "body": meeting.body.name,
                "date": timezone.localtime(meeting.starts_at, ISTANBUL).strftime("%d.%m.%Y"),
            }
        ).split()
    )
    messages, without = [], []
    for member in members:
        address = getattr(member.user, "email", "") if member.user_id else ""
        if not address:
            without.append(member.full_name)
            continue
        message = EmailMessage(
            subject=subject, body=_body_text(meeting, member.full_name), to=[address]
        )
        if meeting.council.email:
            message.reply_to = [meeting.council.email]
        message.attach("toplanti.ics", ics, "text/calendar; charset=utf-8")
        messages.append(message)
    sent = get_connection().send_messages(messages) if messages else 0
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=timezone.now())
        audit_record(
            actor=actor,
            action="meeting.invite",
            target=meeting,
            council_id=meeting.council_id,
            after={"sent": sent, "without_address": len(without)},
        )
    return {"sent": sent or 0, "without_address": without}
