"""The md. 76 journey of a recommendation: a state machine over append-only entries.

adopted → referred (letter with its own number series, deadline = the assembly's first
meeting after referral) → on_agenda → decided (outcome; "commission" may be followed by the
assembly's final outcome) → implementing (updates, only after "accepted") → closed.
Every illegal move is refused with a Turkish message. A recorded entry is never edited:
`journey_correct` adds a newer entry that names it and gives a reason, and the
recommendation's cached state is rebuilt from the entries that stand.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.text import turkish_slugify
from santral.partners.models import CouncilLetterhead

from ..models import (
    CouncilDecisionSettings,
    EntryKind,
    ImplementationStatus,
    JourneyEntry,
    JourneyState,
    Outcome,
    Recommendation,
    ReferralLetterCounter,
)
from ..rules import first_assembly_meeting_after
from .meetings import _ensure_may_manage

ALREADY_DECIDED = _(
    "Kaydedilmiş bir meclis kararı değiştirilemez; düzeltme için gerekçeli yeni bir kayıt ekleyin."
)
CLOSED = _("Kapanmış bir öneriye yeni adım eklenemez.")

# Which fields a correction of each kind may set.
CORRECTABLE = {
    EntryKind.REFERRED: ("on",),
    EntryKind.ON_AGENDA: ("on", "agenda_number"),
    EntryKind.OUTCOME: ("on", "outcome", "assembly_decision_number", "document"),
    EntryKind.IMPLEMENTATION: ("on", "implementation_status", "progress", "note", "evidence_url"),
    EntryKind.CLOSED: ("on", "note"),
}


def _locked(recommendation: Recommendation) -> Recommendation:
    return Recommendation.objects.select_for_update().get(pk=recommendation.pk)


def _refuse(message) -> ValidationError:
    return ValidationError(str(message))


def next_referral_number(*, council, year: int) -> int:
    """The referral letters' next number for the council and year: no gaps, no duplicates.
    Same locking as the partners' letter counter (partners.services.next_letter_number), on a
    counter of its own so that referrals form their own series."""
    for _attempt in range(3):
        counter = (
            ReferralLetterCounter.objects.select_for_update()
            .filter(council=council, year=year)
            .first()
        )
        if counter is None:
            try:
                with transaction.atomic():
                    ReferralLetterCounter.objects.create(council=council, year=year)
            except IntegrityError:
                pass
            continue
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        return counter.last_number
    raise RuntimeError("referral counter could not be created")


def referral_reference(*, council, year: int, number: int) -> str:
    """Sayı of a referral letter: the council's letter prefix, "MT" (meclise tavsiye), year,
    number."""
    letterhead = CouncilLetterhead.objects.filter(council=council).first()
    prefix = letterhead.number_prefix if letterhead else turkish_slugify(council.slug).upper()
    return f"{prefix}-MT-{year}-{number}"


def council_settings(council) -> CouncilDecisionSettings:
    """The council's settings, or unsaved defaults (a GET never writes)."""
    found = CouncilDecisionSettings.objects.filter(council=council).first()
    return found or CouncilDecisionSettings(council=council)


def first_meeting_after(council, day: date) -> date:
    found = council_settings(council)
    return first_assembly_meeting_after(
        day, week=found.assembly_week, weekday=found.assembly_weekday
    )


def _entry(actor, recommendation, kind, on, **fields) -> JourneyEntry:
    entry = JourneyEntry(
        recommendation=recommendation,
        kind=kind,
        on=on or timezone.localdate(),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    entry.full_clean()
    entry.save()
    return entry


def _audit(actor, action, recommendation, entry, **extra) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=recommendation,
        council_id=recommendation.council_id,
        after={"entry": entry.pk, "kind": entry.kind, "on": entry.on.isoformat(), **extra},
    )


def standing_entries(recommendation: Recommendation) -> list[JourneyEntry]:
    """The entries no later entry corrects, in the order they happened."""
    entries = list(recommendation.entries.all())
    corrected = {e.corrects_id for e in entries if e.corrects_id}
    standing = [e for e in entries if e.pk not in corrected]
    return sorted(standing, key=lambda e: (e.on, e.recorded_at, e.pk))


def rebuild_state(recommendation: Recommendation) -> Recommendation:
    """Recompute the cached journey fields from the standing entries and save them."""
    r = recommendation
    r.state = JourneyState.ADOPTED
    r.letter_reference, r.referred_on, r.due_on = "", None, None
    r.agenda_on, r.agenda_number = None, ""
    r.outcome, r.outcome_on, r.assembly_decision_number = "", None, ""
    r.implementation_status, r.implemented_on, r.closed_on = "", None, None
    kinds = set()
    for e in standing_entries(r):
        kinds.add(e.kind)
        if e.kind == EntryKind.REFERRED:
            r.letter_reference, r.referred_on = e.letter_reference, e.on
            r.due_on = first_meeting_after(r.council, e.on)
        elif e.kind == EntryKind.ON_AGENDA:
            r.agenda_on, r.agenda_number = e.on, e.agenda_number
        elif e.kind == EntryKind.OUTCOME:
            r.outcome, r.outcome_on = e.outcome, e.on
            r.assembly_decision_number = e.assembly_decision_number
        elif e.kind == EntryKind.IMPLEMENTATION:
            r.implementation_status = e.implementation_status
            if e.implementation_status == ImplementationStatus.DONE and not r.implemented_on:
                r.implemented_on = e.on
        elif e.kind == EntryKind.CLOSED:
            r.closed_on = e.on
    for kind, state in (
        (EntryKind.CLOSED, JourneyState.CLOSED),
        (EntryKind.IMPLEMENTATION, JourneyState.IMPLEMENTING),
        (EntryKind.OUTCOME, JourneyState.DECIDED),
        (EntryKind.ON_AGENDA, JourneyState.ON_AGENDA),
        (EntryKind.REFERRED, JourneyState.REFERRED),
    ):
        if kind in kinds:
            r.state = state
            break
    r.save()
    return r


def _not_before(on: date | None, earlier: date | None, message) -> None:
    if on and earlier and on < earlier:
        raise _refuse(message)


@transaction.atomic
def recommendation_refer(*, actor, recommendation: Recommendation, on: date | None = None):
    """Send the recommendation to the municipal assembly: a numbered letter and a deadline."""
    r = _locked(recommendation)
    _ensure_may_manage(actor, r.council)
    if r.state == JourneyState.CLOSED:
        raise _refuse(CLOSED)
    if r.state != JourneyState.ADOPTED:
        raise _refuse(
            _("Bu öneri zaten belediye meclisine gönderilmiş (sayı: %(ref)s).")
            % {"ref": r.letter_reference}
        )
    on = on or timezone.localdate()
    _not_before(on, r.decided_on, _("Gönderme tarihi kurul kararından önce olamaz."))
    number = next_referral_number(council=r.council, year=on.year)
    reference = referral_reference(council=r.council, year=on.year, number=number)
    entry = _entry(actor, r, EntryKind.REFERRED, on, letter_reference=reference)
    rebuild_state(r)
    _audit(actor, "recommendation.refer", r, entry, letter=reference, due=r.due_on.isoformat())
    return r


@transaction.atomic
def recommendation_put_on_agenda(
    *, actor, recommendation: Recommendation, on: date, agenda_number: str = ""
):
    r = _locked(recommendation)
    _ensure_may_manage(actor, r.council)
    if r.state == JourneyState.ADOPTED:
        raise _refuse(_("Öneri belediye meclisine gönderilmeden meclis gündemine alınamaz."))
    if r.state == JourneyState.CLOSED:
        raise _refuse(CLOSED)
    if r.state != JourneyState.REFERRED:
        raise _refuse(
            _(
                "Gündem bilgisi zaten kaydedilmiş; değiştirmek için gerekçeli düzeltme "
                "kaydı ekleyin."
            )
        )
    _not_before(on, r.referred_on, _("Gündem tarihi meclise gönderme tarihinden önce olamaz."))
    entry = _entry(actor, r, EntryKind.ON_AGENDA, on, agenda_number=agenda_number.strip())
    rebuild_state(r)
    _audit(actor, "recommendation.on_agenda", r, entry, agenda_number=agenda_number)
    return r


@transaction.atomic
def recommendation_record_outcome(
    *,
    actor,
    recommendation: Recommendation,
    outcome: str,
    on: date,
    assembly_decision_number: str = "",
    document=None,
):
    r = _locked(recommendation)
    _ensure_may_manage(actor, r.council)
    if r.state == JourneyState.ADOPTED:
        raise _refuse(_("Öneri belediye meclisine gönderilmeden meclis kararı kaydedilemez."))
    if r.state == JourneyState.REFERRED:
        raise _refuse(_("Öneri meclis gündemine alınmadan meclis kararı kaydedilemez."))
    if r.state == JourneyState.CLOSED:
        raise _refuse(CLOSED)
    # After "referred to a commission" the assembly decides again on the commission's report;
    # that is a new outcome, not a correction.
    if r.state != JourneyState.ON_AGENDA and not (
        r.state == JourneyState.DECIDED and r.outcome == Outcome.COMMISSION
    ):
        raise _refuse(ALREADY_DECIDED)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Geçersiz meclis kararı.")})
    _not_before(on, r.outcome_on or r.agenda_on, _("Karar tarihi gündem tarihinden önce olamaz."))
    entry = _entry(
        actor,
        r,
        EntryKind.OUTCOME,
        on,
        outcome=outcome,
        assembly_decision_number=assembly_decision_number.strip(),
        document=document,
    )
    rebuild_state(r)
    _audit(actor, "recommendation.outcome", r, entry, outcome=outcome)
    return r


@transaction.atomic
def recommendation_add_implementation(
    *,
    actor,
    recommendation: Recommendation,
    status: str,
    on: date | None = None,
    progress: int | None = None,
    note: str = "",
    evidence_url: str = "",
):
    r = _locked(recommendation)
    _ensure_may_manage(actor, r.council)
    if r.state == JourneyState.CLOSED:
        raise _refuse(CLOSED)
    if r.state not in (JourneyState.DECIDED, JourneyState.IMPLEMENTING):
        raise _refuse(_("Meclis kararı kaydedilmeden uygulama bilgisi eklenemez."))
    if r.outcome != Outcome.ACCEPTED:
        raise _refuse(_("Uygulama bilgisi yalnızca meclisin kabul ettiği öneriler için eklenir."))
    if status not in ImplementationStatus.values:
        raise ValidationError({"status": _("Geçersiz uygulama durumu.")})
    on = on or timezone.localdate()
    _not_before(on, r.outcome_on, _("Uygulama tarihi meclis kararından önce olamaz."))
    entry = _entry(
        actor,
        r,
        EntryKind.IMPLEMENTATION,
        on,
        implementation_status=status,
        progress=progress,
        note=note,
        evidence_url=evidence_url,
    )
    rebuild_state(r)
    _audit(actor, "recommendation.implementation", r, entry, status=status)
    return r


@transaction.atomic
def recommendation_close(
    *, actor, recommendation: Recommendation, on: date | None = None, note: str = ""
):
    r = _locked(recommendation)
    _ensure_may_manage(actor, r.council)
    if r.state == JourneyState.CLOSED:
        raise _refuse(_("Bu öneri zaten kapatılmış."))
    if r.state not in (JourneyState.DECIDED, JourneyState.IMPLEMENTING):
        raise _refuse(_("Meclis kararı kaydedilmeden öneri kapatılamaz."))
    if r.outcome == Outcome.COMMISSION:
        raise _refuse(
            _("Komisyona havale edilen öneri, meclisin son kararı kaydedilmeden kapatılamaz.")
        )
    on = on or timezone.localdate()
    _not_before(on, r.outcome_on, _("Kapanış tarihi meclis kararından önce olamaz."))
    entry = _entry(actor, r, EntryKind.CLOSED, on, note=note)
    rebuild_state(r)
    _audit(actor, "recommendation.close", r, entry)
    return r


@transaction.atomic
def journey_correct(*, actor, entry: JourneyEntry, reason: str, **changes) -> JourneyEntry:
    """Correct a recorded step by a newer entry of the same kind, with a reason; the old entry
    stays in the history. The letter number of a referral is never changed."""
    r = _locked(entry.recommendation)
    _ensure_may_manage(actor, r.council)
    original = JourneyEntry.objects.select_for_update().get(pk=entry.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Düzeltme için bir gerekçe yazılmalıdır.")})
    if original.corrections.exists():
        raise _refuse(_("Bu kayıt zaten düzeltilmiş; en son düzeltmeyi düzeltin."))
    allowed = CORRECTABLE[original.kind]
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise _refuse(
            _("Bu adımda düzeltilebilecek alanlar: %(fields)s.") % {"fields": ", ".join(allowed)}
        )
    if "outcome" in changes and changes["outcome"] not in Outcome.values:
        raise ValidationError({"outcome": _("Geçersiz meclis kararı.")})
    copied = {
        field: getattr(original, field)
        for field in (
            "on",
            "letter_reference",
            "agenda_number",
            "outcome",
            "assembly_decision_number",
            "document",
            "implementation_status",
            "progress",
            "note",
            "evidence_url",
        )
    }
    copied.update(changes)
    on = copied.pop("on")
    correction = _entry(
        actor, r, original.kind, on, corrects=original, reason=reason.strip(), **copied
    )
    rebuild_state(r)
    audit_record(
        actor=actor,
        action="recommendation.correct",
        target=r,
        council_id=r.council_id,
        before={k: str(getattr(original, k)) for k in changes},
        after={"entry": correction.pk, "reason": correction.reason}
        | {k: str(v) for k, v in changes.items()},
    )
    return correction
