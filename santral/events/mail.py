"""The e-mail a person gets after registering for an event (or moving up from the waiting list).

Written in the language the person used on the site (passed by the task), with the event's
date in Europe/Istanbul time and the event attached as an .ics file, so a phone adds it to a
calendar with one tap.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from santral.privacy.models import Purpose
from santral.privacy.selectors import consent_for, withdraw_path

from .ical import calendar_bytes
from .models import Registration, RegistrationStatus


def _absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def _withdraw_url(registration: Registration) -> str:
    consent = consent_for(
        reference=f"events.registration:{registration.pk}", purpose=Purpose.EVENT_REGISTRATION
    )
    return _absolute(withdraw_path(consent)) if consent else ""


def registration_message(registration: Registration, language: str = "tr") -> EmailMessage:
    event = registration.event.specific
    with override(language), timezone.override("Europe/Istanbul"):
        if registration.status == RegistrationStatus.CONFIRMED:
            subject = _("Kaydınız alındı: %(event)s") % {"event": event.title}
        else:
            subject = _("Bekleme listesindesiniz: %(event)s") % {"event": event.title}
        body = render_to_string(
            "events/email/registration.txt",
            {
                "registration": registration,
                "event": event,
                "confirmed": registration.status == RegistrationStatus.CONFIRMED,
                "event_url": _absolute(event.url),
                "withdraw_url": _withdraw_url(registration),
            },
        )
    # A title is one line on the page; a pasted line break must not break the header.
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[registration.email])
    if event.council is not None and event.council.email:
        message.reply_to = [event.council.email]
    ics = calendar_bytes(
        name=event.title, events=[event], absolute_url=lambda page: _absolute(page.url)
    )
    message.attach("etkinlik.ics", ics, "text/calendar; charset=utf-8")
    return message
