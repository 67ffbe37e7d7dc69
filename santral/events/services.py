"""Writes for events: registration with a waiting list, cancellation that moves the list up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.privacy.models import Method, Purpose
from santral.privacy.services import consent_give, notice_check

from .forms import PRIVACY_NOTICE
from .models import EventPage, Registration, RegistrationMode, RegistrationStatus
from .tasks import send_registration_email


@transaction.atomic
def registration_create(
    *,
    event: EventPage,
    full_name: str,
    email: str,
    notice_id: int | None,
    photos: bool = False,
    method: str = Method.FORM,
    recorded_by=None,
) -> Registration:
    """Register a person: a seat while the capacity lasts, then the waiting list.

    `notice_id` is the privacy notice version the person agreed to; it must be the current
    one of the event's council. The consent (and, when given, the one for photos) is recorded
    with that version. Raises ValidationError (Turkish) when the notice is not current, the
    event takes no on-site registration, has ended, or the e-mail is already registered.
    """
    locked = EventPage.objects.select_for_update().get(pk=event.pk)
    notice = notice_check(council=locked.council, notice_id=notice_id)
    if locked.registration_mode != RegistrationMode.ONSITE or not locked.live:
        raise ValidationError(_("Bu etkinliğe Santral üzerinden kayıt alınmıyor."))
    if locked.end_at < timezone.now():
        raise ValidationError(_("Etkinlik sona erdi; kayıt alınmıyor."))
    email = email.strip().lower()
    if (
        locked.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .filter(email=email)
        .exists()
    ):
        raise ValidationError(_("Bu e-posta adresiyle zaten kayıt yapılmış."))
    confirmed = locked.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    has_seat = locked.capacity is None or confirmed < locked.capacity
    registration = Registration.objects.create(
        event=locked,
        full_name=full_name.strip(),
        email=email,
        status=RegistrationStatus.CONFIRMED if has_seat else RegistrationStatus.WAITING,
        consent_text=str(PRIVACY_NOTICE),
    )
    purposes = [Purpose.EVENT_REGISTRATION] + ([Purpose.EVENT_PHOTOS] if photos else [])
    for purpose in purposes:
        consent_give(
            council=locked.council,
            purpose=purpose,
            email=email,
            notice=notice,
            method=method,
            recorded_by=recorded_by,
            reference=f"events.registration:{registration.pk}",
        )
    _mail_after_commit(registration)
    return registration


def _mail_after_commit(registration: Registration) -> None:
    language = get_language() or "tr"
    transaction.on_commit(lambda: send_registration_email.enqueue(registration.pk, language))


@transaction.atomic
def registration_cancel(*, actor, registration: Registration) -> Registration | None:
    """Cancel a registration; the first person waiting takes the freed seat (returned)."""
    locked_event = EventPage.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    promoted = None
    if was_confirmed:
        promoted = (
            locked_event.registrations.select_for_update()
            .filter(status=RegistrationStatus.WAITING)
            .order_by("created_at", "pk")
            .first()
        )
        if promoted is not None:
            promoted.status = RegistrationStatus.CONFIRMED
            promoted.save(update_fields=["status", "updated_at"])
            _mail_after_commit(promoted)
    audit_record(
        actor=actor,
        action="event.registration_cancel",
        target=registration,
        council_id=locked_event.council_id,
    )
    return promoted


def registration_consent_withdrawn(sender, consent, **kwargs) -> None:
    """Withdrawing the consent of a registration (the link in its e-mail) cancels the seat."""
    prefix = "events.registration:"
    if consent.purpose != Purpose.EVENT_REGISTRATION or not consent.reference.startswith(prefix):
        return
    registration = (
        Registration.objects.filter(pk=consent.reference.removeprefix(prefix))
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is not None:
        registration_cancel(actor=None, registration=registration)


def registrations_of_erased_person(sender, actor, user, emails, **kwargs) -> None:
    """Before an erased person's registrations are deleted, their seats at events still to
    come are cancelled as they would cancel them, so the first person waiting gets the seat
    (and its e-mail) instead of the seat staying empty."""
    if not emails:
        return
    query = Q()
    for address in emails:
        query |= Q(email__iexact=address)
    upcoming = Registration.objects.filter(
        query,
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
        event__end_at__gte=timezone.now(),
    ).order_by("pk")
    for registration in upcoming:
        registration_cancel(actor=actor, registration=registration)
