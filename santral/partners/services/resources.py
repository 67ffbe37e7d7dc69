"""Writes for event resource plans: lines, support requests from a line, actuals, copying a
plan, and the daily gap reminder. Same shape as the other partner services: the acting
user, a permission predicate, one transaction, Turkish errors, an audit record.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.budget.models import BudgetLine, Expenditure
from santral.budget.services import expenditure_request
from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.text import clean_name, turkish_lower_text
from santral.councils.models import Membership, Role
from santral.councils.permissions import can_manage_partners
from santral.events.models import EventPage

from ..models import (
    Affiliation,
    Organisation,
    ResourceKind,
    ResourceLine,
    ResourceReminder,
    ResourceSource,
    SupportRequest,
)
from . import _decimal, support_request_create

CENT = Decimal("0.01")
LINE_FIELDS = (
    "kind",
    "description",
    "quantity",
    "unit",
    "unit_cost",
    "source",
    "budget_line",
    "organisation",
    "sort_order",
)
AUDITED = ("kind", "description", "quantity", "unit", "unit_cost", "estimated_total", "source")


def _snapshot(line: ResourceLine) -> dict[str, Any]:
    values = {name: str(getattr(line, name)) for name in AUDITED}
    values["budget_line_id"] = line.budget_line_id
    values["organisation_id"] = line.organisation_id
    return values


def _deny_event(actor, event: EventPage) -> None:
    ensure(
        event.council_id is not None and can_manage_partners(actor, event.council),
        _("Bu etkinliğin kaynak planını düzenleme yetkiniz yok."),
    )


def _has_ended(event: EventPage) -> bool:
    return event.end_at < timezone.now()


def _resolve_organisation(value) -> Organisation | None:
    if value in (None, ""):
        return None
    if isinstance(value, Organisation):
        return value
    try:
        return Organisation.objects.get(pk=value)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise ValidationError(
            {"organisation": _("Bilinmeyen kurum: böyle bir kurum kayıtlı değil.")}
        ) from None


def _clean_line(line: ResourceLine) -> None:
    errors: dict[str, str] = {}
    if line.kind not in ResourceKind.values:
        errors["kind"] = _("Kalem türü geçersiz.")
    if not (line.description or "").strip():
        errors["description"] = _("Açıklama boş olamaz.")
    if line.quantity is None or line.quantity <= 0:
        errors["quantity"] = _("Miktar sıfırdan büyük olmalıdır (eksi miktar kabul edilmez).")
    if line.unit_cost is None or line.unit_cost < 0:
        errors["unit_cost"] = _("Birim maliyet eksi olamaz.")
    if line.source not in ResourceSource.values:
        errors["source"] = _("Karşılanma yolu geçersiz.")
    if line.source == ResourceSource.PLEDGE:
        if line.organisation_id is None:
            errors["organisation"] = _("Ayni destek için destek verecek kurumu seçin.")
        elif not Affiliation.objects.filter(
            council_id=line.council_id, organisation_id=line.organisation_id
        ).exists():
            errors["organisation"] = _(
                "Bu kurum konseyin paydaşları arasında değil; önce paydaş olarak ekleyin."
            )
    if line.source == ResourceSource.BUDGET:
        if line.budget_line_id is None:
            errors["budget_line"] = _("Bütçeden karşılanacak kalem için bütçe satırını seçin.")
        elif line.budget_line.council_id != line.council_id:
            errors["budget_line"] = _("Bütçe satırı bu konseye ait değil.")
        if line.unit_cost is not None and line.unit_cost <= 0:
            errors.setdefault(
                "unit_cost", _("Bütçeden karşılanacak kalemin birim maliyeti girilmelidir.")
            )
    if errors:
        raise ValidationError(errors)


def _request_expenditure(actor, line: ResourceLine) -> None:
    """File an expenditure request for a budget line (the budget app's workflow takes over)."""
    current = line.expenditure
    if current is not None and current.status != Expenditure.Status.DECLINED:
        return
    line.expenditure = expenditure_request(
        actor=actor,
        council=line.council,
        fiscal_year=line.budget_line.fiscal_year,
        line=line.budget_line,
        title=f"{line.event.title}: {line.description}"[:200],
        estimated_amount=line.estimated_total,
        purpose=_("Etkinlik kaynak planı: %(kind)s, %(quantity)s %(unit)s")
        % {"kind": line.get_kind_display(), "quantity": line.quantity, "unit": line.unit},
        project_ref=f"events.event:{line.event_id}",
        project_label=line.event.title[:200],
    )


@transaction.atomic
def resource_line_save(
    *, actor, event: EventPage, line: ResourceLine | None = None, **fields
) -> ResourceLine:
    """Create (line=None) or change a line of `event`'s resource plan.

    A budget-covered line files an expenditure request through the budget services
    (again if the previous one was declined). Raises PermissionDenied for another
    council's event and ValidationError (Turkish) for bad input; nothing is written then.
    """
    event = EventPage.objects.select_related("council").get(pk=event.pk)
    _deny_event(actor, event)
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise ValidationError(_("Bilinmeyen alan: %(name)s") % {"name": sorted(unknown)[0]})
    if line is None:
        if _has_ended(event):
            raise ValidationError(_("Sona ermiş bir etkinliğin planına kalem eklenemez."))
        line = ResourceLine(council=event.council, event=event)
        line.created_by = actor if getattr(actor, "is_authenticated", False) else None
        before = None
    else:
        line = (
            ResourceLine.objects.select_for_update(of=("self",))
            .select_related("expenditure")
            .get(pk=line.pk)
        )
        if line.event_id != event.pk:
            raise ValidationError(_("Bu kalem bu etkinliğe ait değil."))
        before = _snapshot(line)
    if "organisation" in fields:
        fields["organisation"] = _resolve_organisation(fields["organisation"])
    for name in ("quantity", "unit_cost"):
        if name in fields and fields[name] is not None:
            fields[name] = _decimal(fields[name], name, _("Sayı"))
    if "budget_line" in fields and fields["budget_line"] not in (None, ""):
        if not isinstance(fields["budget_line"], BudgetLine):
            fields["budget_line"] = BudgetLine.objects.filter(pk=fields["budget_line"]).first()
            if fields["budget_line"] is None:
                raise ValidationError({"budget_line": _("Bilinmeyen bütçe satırı.")})
    for name, value in fields.items():
        setattr(line, name, value)
    if line.source != ResourceSource.PLEDGE:
        line.organisation = None
    if line.source != ResourceSource.BUDGET:
        line.budget_line = None
    _clean_line(line)
    line.description = line.description.strip()
    line.estimated_total = (line.quantity * line.unit_cost).quantize(CENT, ROUND_HALF_UP)
    line.full_clean(exclude=["expenditure", "budget_line", "organisation", "created_by"])
    line.save()
    if line.source == ResourceSource.BUDGET:
        _request_expenditure(actor, line)
        line.save(update_fields=["expenditure"])
    audit_record(
        actor=actor,
        action="resource_line.create" if before is None else "resource_line.update",
        target=line,
        council_id=line.council_id,
        before=before,
        after={**_snapshot(line), "expenditure_id": line.expenditure_id},
    )
    return line


@transaction.atomic
def resource_line_delete(*, actor, line: ResourceLine) -> None:
    """Remove a line that nothing depends on yet (no sent request, pledge or live expenditure)."""
    locked = (
        ResourceLine.objects.select_for_update(of=("self",))
        .select_related("event", "expenditure")
        .get(pk=line.pk)
    )
    _deny_event(actor, locked.event)
    if locked.pledges.exists() or locked.support_requests.exclude(status="draft").exists():
        raise ValidationError(
            _("Bu kalem için yazı gönderilmiş ya da taahhüt alınmış; kalem silinemez.")
        )
    if locked.expenditure is not None and locked.expenditure.status != Expenditure.Status.DECLINED:
        raise ValidationError(
            _("Bu kalem için açık bir harcama talebi var; önce talep reddedilmeli.")
        )
    audit_record(
        actor=actor,
        action="resource_line.delete",
        target=locked,
        council_id=locked.council_id,
        before=_snapshot(locked),
    )
    locked.delete()


@transaction.atomic
def resource_line_request_support(
    *, actor, line: ResourceLine, organisation=None
) -> SupportRequest:
    """A draft support request (kurum yazısı) for the line, pre-filled from the line and event.

    The addressee is `organisation` or the line's institution. The draft is a normal
    request: edit it, send it (it gets its sayı), and pledges in answer cover the line.
    """
    line = ResourceLine.objects.select_related("event", "council", "organisation").get(pk=line.pk)
    _deny_event(actor, line.event)
    if _has_ended(line.event):
        raise ValidationError(_("Sona ermiş bir etkinlik için destek istenemez."))
    target = _resolve_organisation(organisation) or line.organisation
    if target is None:
        raise ValidationError({"organisation": _("Yazının gönderileceği kurumu seçin.")})
    if not Affiliation.objects.filter(council=line.council, organisation=target).exists():
        raise ValidationError(
            {
                "organisation": _(
                    "Bu kurum konseyin paydaşları arasında değil; önce paydaş olarak ekleyin."
                )
            }
        )
    start = timezone.localtime(line.event.start_at)
    quantity = line.quantity.normalize()
    text = _(
        'Kent Konseyimizce %(date)s tarihinde düzenlenecek "%(event)s" etkinliği '
        "(yer: %(venue)s) için %(quantity)s %(unit)s %(what)s (%(kind)s) "
        "desteğine ihtiyaç duyulmaktadır.\n\n"
        "Söz konusu desteğin Kurumunuzca sağlanması hususunda gereğini bilgilerinize arz ederim."
    ) % {
        "date": start.strftime("%d.%m.%Y"),
        "venue": line.event.venue,
        "event": line.event.title,
        "quantity": f"{quantity:f}",
        "unit": line.unit,
        "what": line.description,
        "kind": turkish_lower_text(line.get_kind_display()),
    }
    return support_request_create(
        actor=actor,
        council=line.council,
        organisation=target,
        subject=(
            _("%(event)s için %(kind)s desteği")
            % {"event": line.event.title, "kind": turkish_lower_text(line.get_kind_display())}
        )[:200],
        text=text,
        needed_by=start.date(),
        resource_line=line,
    )


@transaction.atomic
def resource_line_record_actual(
    *, actor, line: ResourceLine, actual_cost=None, delivered_quantity=None
) -> ResourceLine:
    """After the event has started: what it really cost and how much was delivered."""
    locked = (
        ResourceLine.objects.select_for_update(of=("self",)).select_related("event").get(pk=line.pk)
    )
    _deny_event(actor, locked.event)
    if locked.event.start_at > timezone.now():
        raise ValidationError(_("Gerçekleşen değerler etkinlik başladıktan sonra girilir."))
    errors: dict[str, str] = {}
    cost = None if actual_cost in (None, "") else _decimal(actual_cost, "actual_cost", _("Tutar"))
    delivered = (
        None
        if delivered_quantity in (None, "")
        else _decimal(delivered_quantity, "delivered_quantity", _("Miktar"))
    )
    if cost is not None and cost < 0:
        errors["actual_cost"] = _("Tutar eksi olamaz.")
    if delivered is not None and delivered < 0:
        errors["delivered_quantity"] = _("Miktar eksi olamaz.")
    if errors:
        raise ValidationError(errors)
    before = {"actual_cost": str(locked.actual_cost), "delivered": str(locked.delivered_quantity)}
    locked.actual_cost = cost
    locked.delivered_quantity = delivered
    locked.full_clean(exclude=["expenditure", "budget_line", "organisation", "created_by"])
    locked.save(update_fields=["actual_cost", "delivered_quantity", "updated_at"])
    audit_record(
        actor=actor,
        action="resource_line.actual",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={"actual_cost": str(cost), "delivered": str(delivered)},
    )
    return locked


@transaction.atomic
def resource_plan_copy(*, actor, source: EventPage, target: EventPage) -> list[ResourceLine]:
    """Copy `source`'s plan into `target` (same council, not ended, no plan yet).

    Kinds, descriptions, quantities, units, unit costs and the institution of pledge lines
    are copied; pledges, requests and actuals are not. Budget lines become "not yet
    covered": spending for a new event needs a new request, decided by a person.
    """
    target = (
        EventPage.objects.select_for_update(of=("self",))
        .select_related("council")
        .get(pk=target.pk)
    )
    source = EventPage.objects.select_related("council").get(pk=source.pk)
    _deny_event(actor, target)
    _deny_event(actor, source)
    if source.council_id != target.council_id:
        raise ValidationError(_("Yalnızca aynı konseyin etkinliklerinden plan kopyalanabilir."))
    if source.pk == target.pk:
        raise ValidationError(_("Bir etkinliğin planı kendisine kopyalanamaz."))
    if _has_ended(target):
        raise ValidationError(_("Sona ermiş bir etkinliğe plan kopyalanamaz."))
    if ResourceLine.objects.filter(event=target).exists():
        raise ValidationError(_("Bu etkinliğin zaten bir kaynak planı var."))
    copies = []
    for original in ResourceLine.objects.filter(event=source).order_by("sort_order", "pk"):
        is_pledge = original.source == ResourceSource.PLEDGE
        copies.append(
            ResourceLine(
                council=target.council,
                event=target,
                kind=original.kind,
                description=original.description,
                quantity=original.quantity,
                unit=original.unit,
                unit_cost=original.unit_cost,
                estimated_total=original.estimated_total,
                source=ResourceSource.PLEDGE if is_pledge else ResourceSource.UNCOVERED,
                organisation_id=original.organisation_id if is_pledge else None,
                sort_order=original.sort_order,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        )
    if not copies:
        raise ValidationError(_("Kaynak etkinliğin planı boş; kopyalanacak kalem yok."))
    ResourceLine.objects.bulk_create(copies)
    audit_record(
        actor=actor,
        action="resource_plan.copy",
        target=target,
        council_id=target.council_id,
        after={"from_event": source.pk, "lines": len(copies)},
    )
    return list(ResourceLine.objects.filter(event=target))


# --- The daily gap reminder -----------------------------------------------------------------


def reminder_recipients(council) -> list[str]:
    """E-mail addresses of the council's admins (active users with an address), sorted."""
    return sorted(
        set(
            Membership.objects.filter(
                council=council, role=Role.COUNCIL_ADMIN, user__is_active=True
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def resource_reminder_send(*, event: EventPage, gap, today=None) -> bool:
    """Mail the council's admins about `event`'s gap, at most once per event and day.

    The claim is a ResourceReminder row (unique event + day) inserted in the same
    transaction that sends the mail: of many workers exactly one inserts it (on
    PostgreSQL the others wait on the unique index, then fail and skip). If sending
    fails, the transaction rolls back, the claim disappears and a later run retries.
    Returns True when this call sent the mail.
    """
    today = today or timezone.localdate()
    recipients = reminder_recipients(event.council)
    if not recipients or not gap.uncovered_lines:
        return False
    try:
        with transaction.atomic():
            ResourceReminder.objects.create(
                event=event, sent_on=today, recipients="\n".join(recipients)
            )
            _reminder_message(event=event, gap=gap, recipients=recipients).send(fail_silently=False)
    except IntegrityError:
        return False
    audit_record(
        actor=None,
        action="resource_plan.reminder",
        target=event,
        council_id=event.council_id,
        after={"day": today.isoformat(), "recipients": len(recipients)},
    )
    return True


def _reminder_message(*, event: EventPage, gap, recipients: list[str]) -> EmailMessage:
    from django.conf import settings
    from django.urls import reverse

    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    context = {
        "event": event,
        "gap": gap,
        "start": timezone.localtime(event.start_at),
        "plan_url": base + reverse("santral_resource_plan", args=[event.pk]),
    }
    # A mail header: clean_name keeps it on one line even for a title stored before titles
    # were cleaned (a line break would make the send fail).
    subject = _("Kaynak açığı: %(event)s (%(date)s)") % {
        "event": clean_name(event.title),
        "date": context["start"].strftime("%d.%m.%Y"),
    }
    body = render_to_string("partners/email/resource_reminder.txt", context)
    return EmailMessage(subject=subject, body=body, to=recipients)
