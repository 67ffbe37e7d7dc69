"""Writes for stakeholders, joint projects, support requests and pledges.

Every function takes the acting user, checks a predicate from
santral.councils.permissions (or, for an institution's liaison, the liaison
link), validates with Turkish messages, runs in one transaction and writes an
audit record. Bad input raises ValidationError and leaves nothing written.
"""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.budget.models import ContributorKind, InKindContribution, InKindRate
from santral.budget.services import in_kind_record
from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.fields import save_with_unique_name
from santral.core.text import turkish_slugify
from santral.councils.models import Body, Council
from santral.councils.permissions import can_manage_partners, is_platform_admin
from santral.privacy.models import Method, Purpose
from santral.privacy.selectors import notice_current
from santral.privacy.services import consent_give

from ..models import (
    DUPLICATE_ORGANISATION_NAME,
    Affiliation,
    AnswerKind,
    ConsentText,
    ContactPerson,
    CouncilLetterhead,
    LetterCounter,
    Liaison,
    Organisation,
    OrganisationKind,
    Pledge,
    PledgeStatus,
    Project,
    RequestStatus,
    SupportRequest,
    Topic,
)

ORGANISATION_AUDITED_FIELDS = (
    "name",
    "slug",
    "kind",
    "registry_number",
    "province_id",
    "district_id",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "owner_council_id",
    "is_public",
    "show_registry_number",
    "show_website",
    "show_location",
    "show_topics",
    "show_councils",
    "show_projects",
    "show_contributions",
)
PROJECT_AUDITED_FIELDS = ("title", "slug", "aim", "status", "starts_on", "ends_on", "is_public")
REQUEST_EDITABLE_FIELDS = (
    "organisation",
    "body",
    "project",
    "subject",
    "addressee_line",
    "references",
    "text",
    "attachments",
    "distribution",
    "signatory_name",
    "signatory_title",
    "needed_by",
    "resource_line",
)


def _snapshot(instance, fields) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields:
        value = getattr(instance, field)
        if value is not None and not isinstance(value, (str, int, bool, float)):
            value = str(value)
        values[field] = value
    return values


def _deny(message: str) -> PermissionDenied:
    return PermissionDenied(message)


# --- Organisations -------------------------------------------------------------------------


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """The council that keeps the record edits it; platform-wide records only platform admins."""
    if is_platform_admin(user):
        return True
    owner = organisation.owner_council
    return owner is not None and can_manage_partners(user, owner)


def _set_topics(organisation: Organisation, topics: list[str] | None) -> None:
    if topics is None:
        return
    found = []
    for raw in topics:
        name = " ".join(raw.split())
        if not name:
            continue
        slug = turkish_slugify(name)
        topic = Topic.objects.filter(slug=slug).first() or Topic.objects.create(
            name=name, slug=slug
        )
        found.append(topic)
    organisation.topics.set(found)


@transaction.atomic
def organisation_create(
    *,
    actor,
    council: Council | None,
    topics: list[str] | None = None,
    bodies: list[Body] | None = None,
    **fields,
) -> Organisation:
    """Register an organisation kept by `council` (None: platform-wide, platform admins only).

    The organisation is linked to the council at once (an Affiliation), with the
    bodies it takes part in.
    """
    if council is None:
        ensure(
            is_platform_admin(actor),
            _("Platform genelindeki kurumları yalnızca platform yöneticileri kaydedebilir."),
        )
    else:
        ensure(
            can_manage_partners(actor, council),
            _("Bu konseyin paydaşlarını düzenleme yetkiniz yok."),
        )
    organisation = Organisation(owner_council=council, **fields)
    if not organisation.slug:
        organisation.slug = turkish_slugify(organisation.name or "", max_length=120)
    organisation.full_clean()
    save_with_unique_name(organisation, field="name", message=DUPLICATE_ORGANISATION_NAME)
    _set_topics(organisation, topics)
    if council is not None:
        _affiliation_write(council=council, organisation=organisation, bodies=bodies or [])
    audit_record(
        actor=actor,
        action="organisation.create",
        target=organisation,
        council_id=council.pk if council else None,
        after=_snapshot(organisation, ORGANISATION_AUDITED_FIELDS),
    )
    return organisation


@transaction.atomic
def organisation_update(
    *, actor, organisation: Organisation, topics: list[str] | None = None, **fields
) -> Organisation:
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    ensure(can_edit_organisation(actor, locked), _("Bu kurumun kaydını düzenleme yetkiniz yok."))
    if "owner_council" in fields and not is_platform_admin(actor):
        fields.pop("owner_council")
    before = _snapshot(locked, ORGANISATION_AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean()
    save_with_unique_name(locked, field="name", message=DUPLICATE_ORGANISATION_NAME)
    _set_topics(locked, topics)
    after = _snapshot(locked, ORGANISATION_AUDITED_FIELDS)
    changed = [name for name in after if before[name] != after[name]]
    if changed:
        audit_record(
            actor=actor,
            action="organisation.update",
            target=locked,
            council_id=locked.owner_council_id,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
        )
    return locked


def _affiliation_write(*, council: Council, organisation: Organisation, bodies, **fields):
    foreign = [body for body in bodies if body.council_id != council.pk]
    if foreign:
        raise ValidationError({"bodies": _("Seçilen kurul bu konseye ait değil.")})
    affiliation, _created = Affiliation.objects.get_or_create(
        council=council, organisation=organisation, defaults=fields
    )
    for name, value in fields.items():
        setattr(affiliation, name, value)
    affiliation.save()
    affiliation.bodies.set(bodies)
    return affiliation


@transaction.atomic
def affiliation_set(
    *,
    actor,
    council: Council,
    organisation: Organisation,
    bodies: list[Body] | None = None,
    since_on: date | None = None,
    note: str = "",
) -> Affiliation:
    """Link an existing organisation to the council (or change the link's bodies)."""
    ensure(
        can_manage_partners(actor, council), _("Bu konseyin paydaşlarını düzenleme yetkiniz yok.")
    )
    affiliation = _affiliation_write(
        council=council,
        organisation=organisation,
        bodies=list(bodies or []),
        since_on=since_on,
        note=note,
    )
    audit_record(
        actor=actor,
        action="affiliation.set",
        target=affiliation,
        council_id=council.pk,
        after={"bodies": sorted(body.pk for body in bodies or [])},
    )
    return affiliation


@transaction.atomic
def affiliation_remove(*, actor, affiliation: Affiliation) -> None:
    ensure(
        can_manage_partners(actor, affiliation.council),
        _("Bu konseyin paydaşlarını düzenleme yetkiniz yok."),
    )
    audit_record(
        actor=actor,
        action="affiliation.remove",
        target=affiliation,
        council_id=affiliation.council_id,
    )
    affiliation.delete()


# --- Contacts (KVKK) and liaisons -----------------------------------------------------------


def current_consent_text() -> ConsentText | None:
    return ConsentText.objects.order_by("-created_at", "-id").first()


def _require_affiliation(council: Council, organisation: Organisation) -> None:
    if not Affiliation.objects.filter(council=council, organisation=organisation).exists():
        raise ValidationError(
            {
                "organisation": _(
                    "Bu kurum konseyin paydaşları arasında değil; önce paydaş olarak ekleyin."
                )
            }
        )


@transaction.atomic
def contact_save(*, actor, contact: ContactPerson, consent_given: bool = False) -> ContactPerson:
    """Create or update a contact person. A new one needs the person's explicit consent.

    The consent text's current version and the time are stored with the row.
    """
    ensure(
        can_manage_partners(actor, contact.council),
        _("Bu konseyin paydaşlarını düzenleme yetkiniz yok."),
    )
    if contact.pk is not None:
        previous = ContactPerson.objects.select_for_update().get(pk=contact.pk)
        if previous.council_id != contact.council_id:
            raise _deny(_("Bir iletişim kişisi başka bir konseye taşınamaz."))
    _require_affiliation(contact.council, contact.organisation)
    if contact.pk is None or consent_given:
        if not consent_given:
            raise ValidationError(
                {"consent_given": _("Kişinin KVKK açık rızası alınmadan kayıt yapılamaz.")}
            )
        consent = current_consent_text()
        if consent is None:
            raise ValidationError(
                _("Önce bir KVKK açık rıza metni tanımlanmalıdır (platform yöneticisi).")
            )
        contact.consent_version = consent.version
        contact.consent_at = timezone.now()
    action = "contact.create" if contact.pk is None else "contact.update"
    contact.full_clean()
    contact.save()
    notice = notice_current(contact.council)
    if consent_given and contact.email and notice is not None:
        # The consent register (santral/privacy) too: staff recorded it, given in person.
        consent_give(
            council=contact.council,
            purpose=Purpose.PARTNER_CONTACT,
            email=contact.email,
            notice=notice,
            method=Method.IN_PERSON,
            recorded_by=actor,
            reference=f"partners.contactperson:{contact.pk}",
        )
    # No target: an audit row outlives an erased contact, so it keeps ids, never the name.
    audit_record(
        actor=actor,
        action=action,
        council_id=contact.council_id,
        after={
            "contact_id": contact.pk,
            "organisation_id": contact.organisation_id,
            "consent_version": contact.consent_version,
        },
    )
    return contact


@transaction.atomic
def contact_delete(*, actor, contact: ContactPerson) -> None:
    """Erase a contact (e.g. when the person withdraws consent)."""
    ensure(
        can_manage_partners(actor, contact.council),
        _("Bu konseyin paydaşlarını düzenleme yetkiniz yok."),
    )
    audit_record(
        actor=actor,
        action="contact.delete",
        council_id=contact.council_id,
        before={"contact_id": contact.pk, "organisation_id": contact.organisation_id},
    )
    contact.delete()


@transaction.atomic
def liaison_add(*, actor, council: Council, organisation: Organisation, user) -> Liaison:
    """Let `user` see and answer the requests `council` sends to `organisation`."""
    ensure(
        can_manage_partners(actor, council), _("Bu konseyin paydaşlarını düzenleme yetkiniz yok.")
    )
    _require_affiliation(council, organisation)
    liaison, _created = Liaison.objects.get_or_create(
        council=council, organisation=organisation, user=user
    )
    audit_record(
        actor=actor,
        action="liaison.add",
        target=liaison,
        council_id=council.pk,
        after={"user": user.pk, "organisation": organisation.pk},
    )
    return liaison


@transaction.atomic
def liaison_remove(*, actor, liaison: Liaison) -> None:
    ensure(
        can_manage_partners(actor, liaison.council),
        _("Bu konseyin paydaşlarını düzenleme yetkiniz yok."),
    )
    audit_record(
        actor=actor,
        action="liaison.remove",
        target=liaison,
        council_id=liaison.council_id,
        before={"user": liaison.user_id, "organisation": liaison.organisation_id},
    )
    liaison.delete()


# --- Joint projects ------------------------------------------------------------------------


def _validate_project_children(project: Project) -> None:
    errors: list[str] = []
    partners = list(project.partners.all())
    partner_ids = [partner.organisation_id for partner in partners]
    if len(partner_ids) != len(set(partner_ids)):
        errors.append(_("Bir kurum projeye yalnızca bir kez ortak olarak eklenebilir."))
    for contribution in project.contributions.all():
        if contribution.organisation_id not in partner_ids:
            errors.append(
                _("%(name)s projenin ortakları arasında değil; katkısı kaydedilemez.")
                % {"name": contribution.organisation}
            )
        if contribution.amount is not None and contribution.amount < 0:
            errors.append(_("Katkı tutarı eksi olamaz."))
    for milestone in project.milestones.all():
        if milestone.done_on and milestone.done_on < date(2000, 1, 1):
            errors.append(_("Aşama tarihi geçersiz."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def project_save(*, actor, project: Project, bodies: list[Body] | None = None) -> Project:
    """Create or update a project with its partners, milestones, documents and contributions."""
    ensure(
        can_manage_partners(actor, project.council),
        _("Bu konseyin projelerini düzenleme yetkiniz yok."),
    )
    before = None
    if project.pk is not None:
        previous = Project.objects.select_for_update().get(pk=project.pk)
        if previous.council_id != project.council_id:
            raise _deny(_("Bir proje başka bir konseye taşınamaz."))
        before = _snapshot(previous, PROJECT_AUDITED_FIELDS)
    if not project.slug:
        project.slug = turkish_slugify(project.title or "", max_length=120)
    if (
        Project.objects.filter(council_id=project.council_id, slug=project.slug)
        .exclude(pk=project.pk)
        .exists()
    ):
        raise ValidationError({"slug": _("Bu kısa ad konseyin başka bir projesinde kullanılıyor.")})
    if bodies is not None:
        project.bodies.set(bodies)
    if any(body.council_id != project.council_id for body in project.bodies.all()):
        raise ValidationError({"bodies": _("Seçilen kurul bu konseye ait değil.")})
    project.full_clean(exclude=["bodies"])
    _validate_project_children(project)
    project.save()
    after = _snapshot(project, PROJECT_AUDITED_FIELDS)
    after["contributions"] = [
        [c.organisation_id, c.kind, str(c.amount)] for c in project.contributions.all()
    ]
    audit_record(
        actor=actor,
        action="project.create" if before is None else "project.update",
        target=project,
        council_id=project.council_id,
        before=before,
        after=after,
    )
    return project


@transaction.atomic
def project_delete(*, actor, project: Project) -> None:
    ensure(
        can_manage_partners(actor, project.council),
        _("Bu konseyin projelerini düzenleme yetkiniz yok."),
    )
    audit_record(
        actor=actor,
        action="project.delete",
        target=project,
        council_id=project.council_id,
        before=_snapshot(project, PROJECT_AUDITED_FIELDS),
    )
    project.delete()


# --- Letterhead and letter numbers ---------------------------------------------------------


@transaction.atomic
def letterhead_save(*, actor, letterhead: CouncilLetterhead) -> CouncilLetterhead:
    ensure(
        can_manage_partners(actor, letterhead.council),
        _("Bu konseyin yazı antedini düzenleme yetkiniz yok."),
    )
    letterhead.full_clean()
    letterhead.save()
    audit_record(
        actor=actor,
        action="letterhead.save",
        target=letterhead,
        council_id=letterhead.council_id,
        after={"heading": letterhead.heading, "number_prefix": letterhead.number_prefix},
    )
    return letterhead


def next_letter_number(*, council: Council, year: int) -> int:
    """Take the council's next letter number for the year: no gaps, no duplicates.

    Must run inside the caller's transaction. The counter row is locked with
    SELECT … FOR UPDATE, so concurrent senders queue; a number is only taken
    when a letter is sent, and sending never rolls back after it, so numbers
    have no gaps. The first letter of a year creates the row; two first letters
    at once collide on the unique constraint, and the loser retries.
    """
    for _attempt in range(3):
        counter = (
            LetterCounter.objects.select_for_update().filter(council=council, year=year).first()
        )
        if counter is None:
            try:
                with transaction.atomic():
                    LetterCounter.objects.create(council=council, year=year, last_number=0)
            except IntegrityError:
                pass
            continue
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return counter.last_number
    raise RuntimeError("letter counter could not be created")


def format_reference(*, council: Council, year: int, number: int) -> str:
    letterhead = CouncilLetterhead.objects.filter(council=council).first()
    prefix = letterhead.number_prefix if letterhead else turkish_slugify(council.slug).upper()
    return f"{prefix}-{year}-{number}"


# --- Support requests ----------------------------------------------------------------------


def _resolve_organisation(organisation) -> Organisation:
    if isinstance(organisation, Organisation):
        return organisation
    try:
        return Organisation.objects.get(pk=organisation)
    except (Organisation.DoesNotExist, ValueError, TypeError):
        raise ValidationError(
            {"organisation": _("Bilinmeyen kurum: böyle bir kurum kayıtlı değil.")}
        ) from None


def _check_request_links(support_request: SupportRequest) -> None:
    errors: dict[str, str] = {}
    if support_request.body_id and support_request.body.council_id != support_request.council_id:
        errors["body"] = _("Seçilen kurul bu konseye ait değil.")
    if (
        support_request.project_id
        and support_request.project.council_id != support_request.council_id
    ):
        errors["project"] = _("Seçilen proje bu konseye ait değil.")
    if (
        support_request.resource_line_id
        and support_request.resource_line.council_id != support_request.council_id
    ):
        errors["resource_line"] = _("Seçilen kaynak kalemi bu konseye ait değil.")
    if not (support_request.subject or "").strip():
        errors["subject"] = _("Konu boş olamaz.")
    if not (support_request.text or "").strip():
        errors["text"] = _("Yazı metni boş olamaz.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def support_request_create(*, actor, council: Council, organisation, **fields) -> SupportRequest:
    """A draft request to an institution. `organisation` may be an Organisation or its id."""
    ensure(
        can_manage_partners(actor, council),
        _("Bu konseyin destek yazılarını düzenleme yetkiniz yok."),
    )
    unknown = set(fields) - set(REQUEST_EDITABLE_FIELDS) - {"is_demo"}
    if unknown:
        raise ValidationError(_("Bilinmeyen alan: %(name)s") % {"name": sorted(unknown)[0]})
    support_request = SupportRequest(
        council=council,
        organisation=_resolve_organisation(organisation),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    letterhead = CouncilLetterhead.objects.filter(council=council).first()
    if letterhead is not None:
        support_request.signatory_name = support_request.signatory_name or letterhead.signatory_name
        support_request.signatory_title = (
            support_request.signatory_title or letterhead.signatory_title
        )
    _check_request_links(support_request)
    support_request.full_clean()
    support_request.save()
    audit_record(
        actor=actor,
        action="support_request.create",
        target=support_request,
        council_id=council.pk,
        after={"organisation": support_request.organisation_id, "subject": support_request.subject},
    )
    return support_request


def _locked_request(support_request: SupportRequest) -> SupportRequest:
    return (
        SupportRequest.objects.select_for_update(of=("self",))
        .select_related("council", "organisation", "resource_line__event")
        .get(pk=support_request.pk)
    )


@transaction.atomic
def support_request_update(*, actor, support_request: SupportRequest, **fields) -> SupportRequest:
    """Edit a draft. A sent letter is frozen: its number, date and text no longer change."""
    locked = _locked_request(support_request)
    ensure(
        can_manage_partners(actor, locked.council),
        _("Bu konseyin destek yazılarını düzenleme yetkiniz yok."),
    )
    if not locked.is_draft:
        raise ValidationError(_("Gönderilmiş bir yazı değiştirilemez."))
    unknown = set(fields) - set(REQUEST_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Bilinmeyen alan: %(name)s") % {"name": sorted(unknown)[0]})
    if "organisation" in fields:
        fields["organisation"] = _resolve_organisation(fields["organisation"])
    before = _snapshot(locked, ("organisation_id", "subject", "text"))
    for name, value in fields.items():
        setattr(locked, name, value)
    _check_request_links(locked)
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        action="support_request.update",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after=_snapshot(locked, ("organisation_id", "subject", "text")),
    )
    return locked


@transaction.atomic
def support_request_delete(*, actor, support_request: SupportRequest) -> None:
    locked = _locked_request(support_request)
    ensure(
        can_manage_partners(actor, locked.council),
        _("Bu konseyin destek yazılarını düzenleme yetkiniz yok."),
    )
    if not locked.is_draft:
        raise ValidationError(_("Gönderilmiş bir yazı silinemez; numarası boşa düşer."))
    audit_record(
        actor=actor, action="support_request.delete", target=locked, council_id=locked.council_id
    )
    locked.delete()


@transaction.atomic
def support_request_send(*, actor, support_request: SupportRequest) -> SupportRequest:
    """Give the draft its number (sayı) and today's date, and mark it sent."""
    locked = _locked_request(support_request)
    ensure(
        can_manage_partners(actor, locked.council),
        _("Bu konseyin destek yazılarını gönderme yetkiniz yok."),
    )
    if not locked.is_draft:
        raise ValidationError(
            _("Bu yazı zaten gönderilmiş (sayı: %(ref)s).") % {"ref": locked.reference}
        )
    _check_request_links(locked)
    today = timezone.localdate()
    number = next_letter_number(council=locked.council, year=today.year)
    locked.number_year = today.year
    locked.number = number
    locked.reference = format_reference(council=locked.council, year=today.year, number=number)
    locked.letter_date = today
    locked.sent_at = timezone.now()
    locked.status = RequestStatus.SENT
    locked.save()
    audit_record(
        actor=actor,
        action="support_request.send",
        target=locked,
        council_id=locked.council_id,
        after={"reference": locked.reference, "letter_date": today.isoformat()},
    )
    return locked


def _may_answer(actor, support_request: SupportRequest) -> bool:
    from ..selectors import is_liaison_for

    return can_manage_partners(actor, support_request.council) or is_liaison_for(
        actor, support_request
    )


@transaction.atomic
def support_request_answer(
    *, actor, support_request: SupportRequest, answer: str, note: str = "", document=None
) -> SupportRequest:
    """Record the institution's answer (accepted / partly / declined), by the council or liaison."""
    locked = _locked_request(support_request)
    if not _may_answer(actor, locked):
        raise PermissionDenied(_("Bu yazıyı yanıtlama yetkiniz yok."))
    if answer not in AnswerKind.values:
        raise ValidationError({"answer": _("Yanıt kabul, kısmen kabul ya da ret olmalıdır.")})
    if locked.status not in (RequestStatus.SENT, RequestStatus.ANSWERED):
        raise ValidationError(
            _("Yalnızca gönderilmiş ve teslim alınmamış bir yazı yanıtlanabilir.")
        )
    before = {"answer": locked.answer}
    locked.answer = answer
    locked.answer_note = note
    if document is not None:
        locked.answer_document = document
    locked.answered_at = timezone.now()
    locked.answered_by = actor
    locked.status = RequestStatus.ANSWERED
    locked.save()
    audit_record(
        actor=actor,
        action="support_request.answer",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={"answer": answer},
    )
    return locked


@transaction.atomic
def support_request_mark_delivered(*, actor, support_request: SupportRequest) -> SupportRequest:
    locked = _locked_request(support_request)
    ensure(
        can_manage_partners(actor, locked.council),
        _("Bu konseyin destek yazılarını düzenleme yetkiniz yok."),
    )
    if locked.status != RequestStatus.ANSWERED or locked.answer == AnswerKind.DECLINED:
        raise ValidationError(
            _("Yalnızca kabul edilmiş (tamamen ya da kısmen) bir talep teslim alınabilir.")
        )
    locked.status = RequestStatus.DELIVERED
    locked.delivered_at = timezone.now()
    locked.save()
    audit_record(
        actor=actor, action="support_request.delivered", target=locked, council_id=locked.council_id
    )
    return locked


@transaction.atomic
def support_request_mark_thanked(*, actor, support_request: SupportRequest) -> SupportRequest:
    locked = _locked_request(support_request)
    ensure(
        can_manage_partners(actor, locked.council),
        _("Bu konseyin destek yazılarını düzenleme yetkiniz yok."),
    )
    if locked.status != RequestStatus.DELIVERED:
        raise ValidationError(_("Teşekkür, destek teslim alındıktan sonra kaydedilir."))
    locked.status = RequestStatus.THANKED
    locked.thanked_at = timezone.now()
    locked.save()
    audit_record(
        actor=actor, action="support_request.thanked", target=locked, council_id=locked.council_id
    )
    return locked


# --- Pledges -------------------------------------------------------------------------------


def _decimal(value, field: str, label: str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    text = str(value).strip()
    # Turkish input: "1.234,50" means one thousand two hundred thirty-four and a half.
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        return Decimal(text)
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: _("%(label)s bir sayı olmalıdır.") % {"label": label}}
        ) from None


@transaction.atomic
def pledge_add(
    *,
    actor,
    support_request: SupportRequest,
    what: str,
    quantity,
    unit: str = "",
    value=Decimal("0"),
    due_on: date | None = None,
    note: str = "",
) -> Pledge:
    """Record what the institution promises in answer to a request (council or liaison).

    The pledge covers the request's event resource line (if any); a pledge for an
    event that has already ended is refused.
    """
    locked = _locked_request(support_request)
    if not _may_answer(actor, locked):
        raise PermissionDenied(_("Bu yazıya taahhüt ekleme yetkiniz yok."))
    errors: dict[str, str] = {}
    line = locked.resource_line
    if line is not None and line.event.end_at < timezone.now():
        errors["__all__"] = _("Sona ermiş bir etkinlik için taahhüt eklenemez.")
    elif locked.is_draft:
        errors["__all__"] = _("Gönderilmemiş bir yazıya taahhüt eklenemez.")
    elif locked.answer == AnswerKind.DECLINED:
        errors["__all__"] = _("Reddedilmiş bir talebe taahhüt eklenemez.")
    if not (what or "").strip():
        errors["what"] = _("Taahhüt edilen şey boş olamaz.")
    quantity = _decimal(quantity, "quantity", _("Miktar"))
    value = _decimal(value, "value", _("Değer"))
    if quantity <= 0:
        errors["quantity"] = _("Miktar sıfırdan büyük olmalıdır (eksi miktar kabul edilmez).")
    if value < 0:
        errors["value"] = _("Değer eksi olamaz.")
    if errors:
        raise ValidationError(errors)
    pledge = Pledge(
        council=locked.council,
        support_request=locked,
        organisation=locked.organisation,
        resource_line=line,
        what=what.strip(),
        quantity=quantity,
        unit=unit,
        value=value,
        due_on=due_on,
        note=note,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    pledge.full_clean()
    pledge.save()
    audit_record(
        actor=actor,
        action="pledge.add",
        target=pledge,
        council_id=locked.council_id,
        after={"what": pledge.what, "quantity": str(quantity), "value": str(value)},
    )
    return pledge


@transaction.atomic
def pledge_settle(
    *,
    actor,
    pledge: Pledge,
    fulfilled: bool,
    settled_on: date | None = None,
    delivered_value=None,
) -> Pledge:
    """Mark a pledge fulfilled (with the value actually delivered) or not fulfilled."""
    locked = Pledge.objects.select_for_update().select_related("council").get(pk=pledge.pk)
    ensure(
        can_manage_partners(actor, locked.council),
        _("Bu konseyin taahhütlerini düzenleme yetkiniz yok."),
    )
    before = {"status": locked.status, "delivered_value": str(locked.delivered_value)}
    if fulfilled:
        amount = (
            locked.value
            if delivered_value is None
            else _decimal(delivered_value, "delivered_value", _("Gerçekleşen değer"))
        )
        if amount < 0:
            raise ValidationError({"delivered_value": _("Değer eksi olamaz.")})
        locked.status = PledgeStatus.FULFILLED
        locked.delivered_value = amount
    else:
        locked.status = PledgeStatus.NOT_FULFILLED
        locked.delivered_value = None
    locked.settled_on = settled_on or timezone.localdate()
    locked.save()
    audit_record(
        actor=actor,
        action="pledge.settle",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={"status": locked.status, "delivered_value": str(locked.delivered_value)},
    )
    return locked


@transaction.atomic
def consent_text_create(*, actor, version: str, text: str) -> ConsentText:
    """Publish a new version of the KVKK consent text. Versions are never edited."""
    ensure(is_platform_admin(actor), _("Açık rıza metnini yalnızca platform yöneticileri ekler."))
    consent = ConsentText(version=(version or "").strip(), text=(text or "").strip())
    if ConsentText.objects.filter(version=consent.version).exists():
        raise ValidationError({"version": _("Bu sürüm zaten var; yeni bir sürüm adı verin.")})
    consent.full_clean()
    consent.save()
    audit_record(
        actor=actor, action="consent_text.create", target=consent, after={"version": version}
    )
    return consent


# The budget's contributor kinds are coarser than the registry's organisation kinds.
CONTRIBUTOR_KIND_OF = {
    OrganisationKind.MUNICIPAL_UNIT: ContributorKind.MUNICIPAL_UNIT,
    OrganisationKind.PUBLIC_BODY: ContributorKind.PUBLIC_INSTITUTION,
    OrganisationKind.UNIVERSITY: ContributorKind.PUBLIC_INSTITUTION,
    OrganisationKind.COMPANY: ContributorKind.COMPANY,
}


@transaction.atomic
def pledge_book_in_kind(
    *, actor, pledge: Pledge, rate: InKindRate, received_on: date | None = None
) -> InKindContribution:
    """Book a fulfilled pledge in the budget's in-kind ledger, valued at the council's rate.

    Only someone who manages the council's money (the budget service checks it) books it;
    the pledge's delivered value becomes the ledger's value, so the institution's history
    and the council's in-kind report show the same figure. A pledge is booked once.
    """
    # Lock only the pledge row: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # outer join to the resource line.
    locked = (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("council", "organisation", "resource_line__event")
        .get(pk=pledge.pk)
    )
    if locked.status != PledgeStatus.FULFILLED:
        raise ValidationError(
            _("Yalnızca yerine getirilmiş bir taahhüt ayni katkı olarak işlenir.")
        )
    if locked.in_kind_id is not None:
        raise ValidationError(_("Bu taahhüt ayni katkı defterine zaten işlendi."))
    if rate.council_id != locked.council_id:
        raise ValidationError({"rate": _("Birim değer bu konseyin değil.")})
    line = locked.resource_line
    label = line.event.title if line is not None else locked.support_request.subject
    contribution = in_kind_record(
        actor=actor,
        rate=rate,
        contributor_name=locked.organisation.name,
        contributor_kind=CONTRIBUTOR_KIND_OF.get(locked.organisation.kind, ContributorKind.NGO),
        quantity=locked.quantity,
        received_on=received_on or locked.settled_on or timezone.localdate(),
        description=locked.what,
        project_label=label,
    )
    before = {"delivered_value": str(locked.delivered_value)}
    locked.in_kind = contribution
    locked.delivered_value = contribution.value
    locked.save(update_fields=["in_kind", "delivered_value"])
    audit_record(
        actor=actor,
        action="pledge.in_kind",
        target=locked,
        council_id=locked.council_id,
        before=before,
        after={"delivered_value": str(contribution.value), "in_kind": contribution.pk},
    )
    return contribution
