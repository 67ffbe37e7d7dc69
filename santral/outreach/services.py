"""Writes for outreach. Staff writes check `can_manage_outreach` and are audited;
the public subscription flow is authorised by the random tokens mailed to the address."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.text import has_header_break
from santral.councils.models import Body, Council, District
from santral.councils.permissions import can_manage_outreach
from santral.events.models import EventPage
from santral.privacy.models import PrivacyNotice, Purpose
from santral.privacy.selectors import notice_current
from santral.privacy.services import consent_give, consents_withdraw_for

from .models import (
    HEADER_BREAK_MESSAGE,
    AreaCount,
    AreaPopulation,
    Audience,
    AudienceCount,
    AudienceKind,
    CommunicationPlan,
    Delivery,
    DeliveryStatus,
    GatewayMessage,
    Newsletter,
    NewsletterStatus,
    NewsletterTopic,
    ParticipationRecord,
    PlanAction,
    PlanKpi,
    PlanMessage,
    Subscriber,
    SubscriberStatus,
    new_token,
)

# The KVKK notice shown on the subscription form. Change the text => bump the version:
# each subscriber keeps the version they agreed to and when.
CONSENT_TEXT_VERSION = "2026-11-v1"

DEFAULT_AUDIENCES: list[tuple[str, str]] = [
    (AudienceKind.WOMEN, "kadinlar"),
    (AudienceKind.YOUTH, "gencler"),
    (AudienceKind.ELDERLY, "yaslilar"),
    (AudienceKind.DISABLED, "engelliler"),
    (AudienceKind.LOW_INCOME, "dusuk-gelirli"),
    (AudienceKind.MIGRANTS, "gocmenler"),
    (AudienceKind.RURAL, "kirsal"),
    (AudienceKind.CHILDREN, "cocuklar"),
]


def _guard(actor, council: Council) -> None:
    ensure(
        can_manage_outreach(actor, council),
        _("Bu konseyin iletişim çalışmalarını yönetme yetkiniz yok."),
    )


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


# ------------------------------------------------------------------ audiences


@transaction.atomic
def audiences_ensure_defaults(*, actor, council: Council) -> list[Audience]:
    """Create the eight default audiences a council lacks, with no baseline figure."""
    _guard(actor, council)
    created = []
    for order, (kind, slug) in enumerate(DEFAULT_AUDIENCES):
        if Audience.objects.filter(council=council, slug=slug).exists():
            continue
        audience = Audience.objects.create(
            council=council,
            kind=kind,
            slug=slug,
            name=str(AudienceKind(kind).label),
            sort_order=order * 10,
        )
        created.append(audience)
    if created:
        audit_record(
            actor=actor,
            action="audience.defaults",
            council_id=council.pk,
            after={"created": [audience.slug for audience in created]},
        )
    return created


AUDIENCE_FIELDS = (
    "kind",
    "slug",
    "name",
    "description",
    "baseline_share",
    "baseline_count",
    "baseline_population",
    "baseline_source",
    "baseline_year",
    "baseline_note",
    "sort_order",
    "is_active",
)


@transaction.atomic
def audience_save(*, actor, audience: Audience) -> Audience:
    """Create or update an audience and its baseline. Raises ValidationError in Turkish."""
    _guard(actor, audience.council)
    before = None
    if audience.pk is not None:
        previous = Audience.objects.select_for_update().get(pk=audience.pk)
        if previous.council_id != audience.council_id:
            raise ValidationError(_("Bir hedef kitle başka bir konseye taşınamaz."))
        before = {name: _plain(getattr(previous, name)) for name in AUDIENCE_FIELDS}
    audience.full_clean()
    audience.save()
    after = {name: _plain(getattr(audience, name)) for name in AUDIENCE_FIELDS}
    if before != after:
        audit_record(
            actor=actor,
            action="audience.save",
            target=audience,
            council_id=audience.council_id,
            before=before,
            after=after,
        )
    return audience


@transaction.atomic
def area_population_set(
    *, actor, council: Council, total: int, source: str, year: int, note: str = ""
) -> AreaPopulation:
    """Set the population of the council's area, with its source and year."""
    _guard(actor, council)
    population = AreaPopulation.objects.filter(council=council).first() or AreaPopulation(
        council=council
    )
    before = (
        {"total": population.total, "source": population.source, "year": population.year}
        if population.pk
        else None
    )
    population.total, population.source, population.year, population.note = (
        total,
        (source or "").strip(),
        year,
        note,
    )
    if not population.source:
        raise ValidationError({"source": _("Nüfus değerinin kaynağını yazın.")})
    population.full_clean()
    population.save()
    audit_record(
        actor=actor,
        action="area_population.set",
        target=population,
        council_id=council.pk,
        before=before,
        after={"total": total, "source": population.source, "year": year},
    )
    return population


# ------------------------------------------------------ participation records


@transaction.atomic
def participation_record_save(
    *,
    actor,
    council: Council,
    activity_title: str,
    held_on: date,
    total_participants: int,
    audience_counts: Mapping[Audience, int] | None = None,
    area_counts: Iterable[tuple[District, str, int]] = (),
    body: Body | None = None,
    event: EventPage | None = None,
    source: str = "after_event",
    notes: str = "",
    is_demo: bool = False,
    record: ParticipationRecord | None = None,
) -> ParticipationRecord:
    """Create (or replace the figures of) one activity's aggregate participation record.

    Counts per audience may overlap (one person, several audiences) but none may
    exceed the total; counts per area may not add up to more than the total.
    An event must belong to the council, must have started already and gets one
    record (edit that one instead). Raises ValidationError in Turkish; nothing is
    written then.
    """
    _guard(actor, council)
    errors: list[str] = []
    if event is not None:
        errors.extend(_event_problems(council=council, event=event, record=record))
    if not (activity_title or "").strip():
        errors.append(_("Etkinlik adını yazın."))
    if total_participants is None or total_participants < 0:
        errors.append(_("Toplam katılımcı sayısı sıfır ya da daha büyük olmalı."))
    if body is not None and body.council_id != council.pk:
        errors.append(_("Seçilen kurul bu konseye ait değil."))
    counts = dict(audience_counts or {})
    for audience, count in counts.items():
        if audience.council_id != council.pk:
            errors.append(_("%(name)s bu konseyin hedef kitlesi değil.") % {"name": audience.name})
        elif count is None or count < 0:
            errors.append(_("%(name)s için sayı sıfırdan küçük olamaz.") % {"name": audience.name})
        elif total_participants is not None and count > total_participants:
            errors.append(
                _("%(name)s için girilen sayı (%(count)s) toplam katılımcıdan büyük.")
                % {"name": audience.name, "count": count}
            )
    areas = list(area_counts)
    if any(count < 0 for _district, _place, count in areas):
        errors.append(_("Bölge sayıları sıfırdan küçük olamaz."))
    if total_participants is not None and sum(count for *_rest, count in areas) > (
        total_participants
    ):
        errors.append(_("İlçe/mahalle sayılarının toplamı toplam katılımcıdan büyük."))
    if errors:
        raise ValidationError(errors)

    before = None
    if record is None:
        record = ParticipationRecord(council=council, created_by=actor if actor else None)
    else:
        record = ParticipationRecord.objects.select_for_update().get(pk=record.pk, council=council)
        before = _record_snapshot(record)
    record.body = body
    record.activity_title = activity_title.strip()
    record.held_on = held_on
    record.event = event
    record.source = source
    record.total_participants = total_participants
    record.notes = notes
    record.is_demo = is_demo
    record.full_clean()
    record.save()
    record.audience_counts.all().delete()
    AudienceCount.objects.bulk_create(
        AudienceCount(record=record, audience=audience, count=count)
        for audience, count in counts.items()
    )
    record.area_counts.all().delete()
    AreaCount.objects.bulk_create(
        AreaCount(record=record, district=district, neighbourhood=(place or "").strip(), count=n)
        for district, place, n in areas
    )
    audit_record(
        actor=actor,
        action="participation.save",
        target=record,
        council_id=council.pk,
        before=before,
        after=_record_snapshot(record),
    )
    return record


def _event_problems(
    *, council: Council, event: EventPage, record: ParticipationRecord | None
) -> list[str]:
    if event.council_id != council.pk:
        return [_("Seçilen etkinlik bu konseyin etkinliği değil.")]
    if event.start_at > timezone.now():
        return [_("Henüz yapılmamış bir etkinliğe katılım kaydı girilemez.")]
    others = ParticipationRecord.objects.filter(event=event)
    if record is not None:
        others = others.exclude(pk=record.pk)
    if others.exists():
        return [_("Bu etkinliğin katılım kaydı zaten var; o kaydı düzenleyin.")]
    return []


def _record_snapshot(record: ParticipationRecord) -> dict[str, Any]:
    return {
        "activity_title": record.activity_title,
        "held_on": record.held_on.isoformat() if record.held_on else None,
        "body_id": record.body_id,
        "event_id": record.event_id,
        "total": record.total_participants,
        "audiences": {str(row.audience_id): row.count for row in record.audience_counts.all()},
    }


@transaction.atomic
def participation_record_delete(*, actor, record: ParticipationRecord) -> None:
    _guard(actor, record.council)
    audit_record(
        actor=actor,
        action="participation.delete",
        target=record,
        council_id=record.council_id,
        before=_record_snapshot(record),
    )
    record.delete()


# ---------------------------------------------------------- communication plans


@transaction.atomic
def plan_save(
    *, actor, plan: CommunicationPlan, audiences: Iterable[Audience] | None = None
) -> CommunicationPlan:
    _guard(actor, plan.council)
    if plan.body_id and plan.body.council_id != plan.council_id:
        raise ValidationError({"body": _("Seçilen kurul bu konseye ait değil.")})
    plan.full_clean()
    created = plan.pk is None
    plan.save()
    if audiences is not None:
        chosen = list(audiences)
        if any(audience.council_id != plan.council_id for audience in chosen):
            raise ValidationError({"audiences": _("Hedef kitleler bu konseye ait olmalı.")})
        plan.audiences.set(chosen)
    audit_record(
        actor=actor,
        action="plan.create" if created else "plan.update",
        target=plan,
        council_id=plan.council_id,
        after={"title": plan.title, "starts_on": str(plan.starts_on), "ends_on": str(plan.ends_on)},
    )
    return plan


def _check_audience(plan: CommunicationPlan, audience: Audience | None) -> None:
    if audience is not None and audience.council_id != plan.council_id:
        raise ValidationError({"audience": _("Hedef kitle bu konseye ait olmalı.")})


@transaction.atomic
def plan_message_add(
    *, actor, plan: CommunicationPlan, channel: str, text: str, audience: Audience | None = None
) -> PlanMessage:
    _guard(actor, plan.council)
    _check_audience(plan, audience)
    message = PlanMessage(plan=plan, channel=channel, text=text, audience=audience)
    message.full_clean()
    message.save()
    audit_record(actor=actor, action="plan.message", target=plan, council_id=plan.council_id)
    return message


ACTION_FIELDS = ("title", "channel", "audience_id", "owner", "due_on", "status", "cost")


@transaction.atomic
def plan_action_save(*, actor, action: PlanAction) -> PlanAction:
    """Create or update an action. Its cost is money: before/after go to the audit trail."""
    plan = action.plan
    _guard(actor, plan.council)
    _check_audience(plan, action.audience)
    before = None
    if action.pk is not None:
        previous = PlanAction.objects.select_for_update().get(pk=action.pk)
        if previous.plan_id != action.plan_id:
            raise ValidationError(_("Bir eylem başka bir plana taşınamaz."))
        before = {name: _plain(getattr(previous, name)) for name in ACTION_FIELDS}
        before["funding"] = [previous.funding_kind, previous.funding_id]
    action.full_clean()
    action.save()
    after = {name: _plain(getattr(action, name)) for name in ACTION_FIELDS}
    after["funding"] = [action.funding_kind, action.funding_id]
    audit_record(
        actor=actor,
        action="plan.action",
        target=action,
        council_id=plan.council_id,
        before=before,
        after=after,
    )
    return action


@transaction.atomic
def plan_kpi_add(
    *, actor, plan: CommunicationPlan, kind: str, target: Decimal, audience: Audience | None = None
) -> PlanKpi:
    _guard(actor, plan.council)
    _check_audience(plan, audience)
    kpi = PlanKpi(plan=plan, kind=kind, target=target, audience=audience)
    kpi.full_clean()
    kpi.save()
    audit_record(actor=actor, action="plan.kpi", target=plan, council_id=plan.council_id)
    return kpi


# ------------------------------------------------------------------ newsletters


@transaction.atomic
def topic_save(*, actor, topic: NewsletterTopic) -> NewsletterTopic:
    _guard(actor, topic.council)
    topic.full_clean()
    topic.save()
    audit_record(actor=actor, action="topic.save", target=topic, council_id=topic.council_id)
    return topic


@transaction.atomic
def subscription_request(
    *,
    council: Council,
    email: str,
    topics: Iterable[NewsletterTopic],
    consent_given: bool,
    phone: str = "",
    wants_sms: bool = False,
) -> Subscriber:
    """Record a subscription request and mail a confirmation link (double opt-in).

    Nothing is sent to the address before its owner clicks the link: topics, phone,
    SMS wish and consent wait in `pending_topic_ids` / `pending_details`. A request for
    an address already subscribed changes nothing until confirmed, so no one can
    subscribe someone else or change their subscription.
    """
    chosen = list(topics)
    if not consent_given:
        raise ValidationError({"consent": _("Abone olmak için aydınlatma metnini onaylayın.")})
    if not chosen:
        raise ValidationError({"topics": _("En az bir konu seçin.")})
    if any(topic.council_id != council.pk or not topic.is_active for topic in chosen):
        raise ValidationError({"topics": _("Seçilen konu bu konseye ait değil.")})
    key = (email or "").strip().casefold()
    subscriber = (
        Subscriber.objects.select_for_update().filter(council=council, email_key=key).first()
    )
    now = timezone.now()
    if subscriber is None:
        # A new address: the consent given on the form is its only consent so far.
        subscriber = Subscriber(
            council=council,
            email=email.strip(),
            consent_text_version=CONSENT_TEXT_VERSION,
            consent_at=now,
        )
    # An existing subscriber's topics, phone and consent stay as they are until the
    # owner of the address confirms this request.
    subscriber.pending_topic_ids = sorted(topic.pk for topic in chosen)
    subscriber.pending_details = {
        "phone": (phone or "").strip(),
        "wants_sms": bool(wants_sms),
        "consent_text_version": CONSENT_TEXT_VERSION,
        "consent_at": now.isoformat(),
        "notice_id": getattr(notice_current(council), "pk", None),
    }
    subscriber.confirm_token = new_token()
    subscriber.full_clean(exclude=["topics"])
    subscriber.save()

    from .tasks import send_confirmation_email

    subscriber_id = subscriber.pk
    transaction.on_commit(lambda: send_confirmation_email.enqueue(subscriber_id))
    return subscriber


@transaction.atomic
def subscription_confirm(*, council: Council, token: str) -> Subscriber:
    """The address's owner clicked the link: the pending topics become the subscription."""
    subscriber = (
        Subscriber.objects.select_for_update().filter(council=council, confirm_token=token).first()
    )
    if subscriber is None or not token:
        raise ValidationError(_("Bu onay bağlantısı geçersiz ya da daha önce kullanılmış."))
    topics = NewsletterTopic.objects.filter(
        council=council, pk__in=subscriber.pending_topic_ids, is_active=True
    )
    subscriber.topics.set(topics)
    details = subscriber.pending_details or {}
    if details:
        subscriber.phone = details.get("phone", "")
        subscriber.wants_sms = bool(details.get("wants_sms")) and bool(subscriber.phone)
        subscriber.consent_text_version = details["consent_text_version"]
        subscriber.consent_at = datetime.fromisoformat(details["consent_at"])
    _record_newsletter_consent(subscriber, details)
    subscriber.pending_topic_ids = []
    subscriber.pending_details = {}
    subscriber.status = SubscriberStatus.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.confirm_token = new_token()  # single use
    subscriber.save()
    return subscriber


@transaction.atomic
def subscription_unsubscribe(*, council: Council, token: str) -> Subscriber:
    """One-click unsubscribe (RFC 8058): leave every topic of this council at once."""
    subscriber = (
        Subscriber.objects.select_for_update()
        .filter(council=council, unsubscribe_token=token)
        .first()
    )
    if subscriber is None or not token:
        raise ValidationError(_("Bu abonelikten çıkma bağlantısı geçersiz."))
    if subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscriber.status = SubscriberStatus.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.pending_topic_ids = []
        subscriber.pending_details = {}
        subscriber.save()
        subscriber.topics.clear()
        Delivery.objects.filter(
            subscriber=subscriber,
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
        ).update(status=DeliveryStatus.SKIPPED, next_attempt_at=None)
        consents_withdraw_for(
            council=council, purpose=Purpose.NEWSLETTER, email=subscriber.email_key
        )
    return subscriber


def _record_newsletter_consent(subscriber: Subscriber, details: dict) -> None:
    """The confirmed request's consent, with the notice version the form showed (KVKK)."""
    notice = None
    if details.get("notice_id"):
        notice = PrivacyNotice.objects.filter(pk=details["notice_id"]).first()
    notice = notice or notice_current(subscriber.council)
    if notice is None or not details:
        return
    consent_give(
        council=subscriber.council,
        purpose=Purpose.NEWSLETTER,
        email=subscriber.email,
        notice=notice,
        given_at=datetime.fromisoformat(details["consent_at"]),
        reference=f"outreach.subscriber:{subscriber.pk}",
    )


def subscriber_consent_withdrawn(sender, consent, **kwargs) -> None:
    """A newsletter consent withdrawn through its link ends the subscription: the next send
    skips the address (deliver_batch re-reads the subscriber before each mail)."""
    if consent.purpose != Purpose.NEWSLETTER or consent.council_id is None:
        return
    subscriber = Subscriber.objects.filter(
        council_id=consent.council_id, email_key=consent.email_key
    ).first()
    if subscriber is not None and subscriber.status != SubscriberStatus.UNSUBSCRIBED:
        subscription_unsubscribe(council=subscriber.council, token=subscriber.unsubscribe_token)


@transaction.atomic
def newsletter_save(*, actor, newsletter: Newsletter) -> Newsletter:
    _guard(actor, newsletter.council)
    if newsletter.pk is not None:
        previous = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
        if previous.status != NewsletterStatus.DRAFT:
            raise ValidationError(_("Gönderilmiş ya da gönderilmekte olan bülten değiştirilemez."))
    if newsletter.created_by_id is None and actor is not None:
        newsletter.created_by = actor
    newsletter.full_clean()
    newsletter.save()
    audit_record(
        actor=actor, action="newsletter.save", target=newsletter, council_id=newsletter.council_id
    )
    return newsletter


@transaction.atomic
def newsletter_send_test(*, actor, newsletter: Newsletter) -> str:
    """Send one test copy to the signed-in person's own address, through the mail queue.

    Returns the address. Any status may be tested; nothing of the newsletter changes.
    """
    _guard(actor, newsletter.council)
    email = (getattr(actor, "email", "") or "").strip()
    if not email:
        raise ValidationError(_("Hesabınızda e-posta adresi yok; deneme gönderilemez."))
    audit_record(
        actor=actor,
        action="newsletter.test_send",
        target=newsletter,
        council_id=newsletter.council_id,
        after={"to": email},
    )
    from .tasks import send_newsletter_test

    newsletter_id = newsletter.pk
    transaction.on_commit(lambda: send_newsletter_test.enqueue(newsletter_id, email))
    return email


@transaction.atomic
def newsletter_queue(*, actor, newsletter: Newsletter) -> int:
    """Freeze the recipient list (confirmed subscribers of the topic in this council only)
    and hand the sending to the task queue. Returns the number of recipients."""
    _guard(actor, newsletter.council)
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if locked.status != NewsletterStatus.DRAFT:
        raise ValidationError(_("Bu bülten zaten gönderildi ya da gönderiliyor."))
    if has_header_break(locked.subject):  # a row written past newsletter_save
        raise ValidationError({"subject": HEADER_BREAK_MESSAGE})
    recipients = Subscriber.objects.filter(
        council_id=locked.council_id,
        status=SubscriberStatus.CONFIRMED,
        topics=locked.topic_id,
    ).distinct()
    deliveries = [Delivery(newsletter=locked, subscriber=subscriber) for subscriber in recipients]
    Delivery.objects.bulk_create(deliveries)
    locked.status = NewsletterStatus.SENDING
    locked.queued_at = timezone.now()
    locked.save(update_fields=["status", "queued_at"])
    audit_record(
        actor=actor,
        action="newsletter.send",
        target=locked,
        council_id=locked.council_id,
        after={"recipients": len(deliveries)},
    )
    from .tasks import send_newsletter_batch

    newsletter_id = locked.pk
    transaction.on_commit(lambda: send_newsletter_batch.enqueue(newsletter_id))
    return len(deliveries)


def newsletter_items_text(items: Iterable) -> str:
    """The plain-text list a newsletter gets for the chosen items: title, kind and date,
    summary, absolute link."""
    blocks = [_("Son içerikler")]
    for item in items:
        lines = [f"• {item.title} ({item.kind}, {timezone.localtime(item.published_at):%d.%m.%Y})"]
        if item.summary:
            lines.append(f"  {item.summary}")
        lines.append(f"  {item.url}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@transaction.atomic
def newsletter_add_items(*, actor, newsletter: Newsletter, page_ids: Iterable[int]) -> Newsletter:
    """Append a list of the chosen items to a draft newsletter's body.

    Every id must be a live, non-archived item of the newsletter's own council;
    otherwise ValidationError (Turkish) and the body stays as it was.
    """
    from .selectors import recent_items

    _guard(actor, newsletter.council)
    locked = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    if locked.status != NewsletterStatus.DRAFT:
        raise ValidationError(_("Gönderilmiş ya da gönderilmekte olan bülten değiştirilemez."))
    wanted = {int(pk) for pk in page_ids}
    if not wanted:
        raise ValidationError(_("Eklenecek en az bir içerik seçin."))
    items = recent_items(council=locked.council, page_ids=wanted)
    if {item.pk for item in items} != wanted:
        raise ValidationError(_("Seçilen içeriklerden biri bu konseyin yayımlanmış içeriği değil."))
    before = len(locked.body)
    locked.body = f"{locked.body.rstrip()}\n\n{newsletter_items_text(items)}\n".lstrip()
    locked.save(update_fields=["body"])
    audit_record(
        actor=actor,
        action="newsletter.add_items",
        target=locked,
        council_id=locked.council_id,
        after={"items": sorted(wanted), "body_chars_before": before},
    )
    return locked


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next attempt: settings.SANTRAL_NEWSLETTER_RETRY_SECONDS by attempt."""
    delays = settings.SANTRAL_NEWSLETTER_RETRY_SECONDS
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def max_attempts() -> int:
    return len(settings.SANTRAL_NEWSLETTER_RETRY_SECONDS) + 1


@transaction.atomic
def gateway_message_create(
    *, actor, council: Council, channel: str, topic: NewsletterTopic, text: str
) -> GatewayMessage:
    """Record a message for the council's own SMS/WhatsApp gateway (exported, never sent)."""
    _guard(actor, council)
    if topic.council_id != council.pk:
        raise ValidationError({"topic": _("Seçilen konu bu konseye ait değil.")})
    message = GatewayMessage(
        council=council, channel=channel, topic=topic, text=(text or "").strip(), created_by=actor
    )
    message.full_clean()
    message.save()
    audit_record(actor=actor, action="gateway.export", target=message, council_id=council.pk)
    return message
