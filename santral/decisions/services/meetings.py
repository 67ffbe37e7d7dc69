"""Writes for meetings: create, attendance (quorum), decisions and recommendations.

Every function takes the acting user, checks `can_manage_meetings` for the meeting's
council, validates with Turkish messages, runs in one transaction and writes an audit
record. Bad input raises ValidationError and leaves nothing written.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.councils.models import Body, BodyMember
from santral.councils.permissions import can_manage_meetings

from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    BodyRule,
    Decision,
    DecisionKind,
    Meeting,
    MeetingStatus,
    Recommendation,
    Vote,
    VoteChoice,
)
from ..rules import decision_passes, opening_quorum_met


def _ensure_may_manage(actor, council) -> None:
    ensure(
        can_manage_meetings(actor, council),
        _("Bu konseyin toplantılarını ve kararlarını yönetme yetkiniz yok."),
    )


def body_rule(body: Body) -> BodyRule | None:
    return BodyRule.objects.filter(body=body).first()


@transaction.atomic
def meeting_create(
    *,
    actor,
    body: Body,
    starts_at: datetime,
    place: str = "",
    online_url: str = "",
    title: str = "",
    ends_at: datetime | None = None,
    is_public: bool = True,
    agenda: list[str] | None = None,
) -> Meeting:
    """Plan a meeting of `body` with its agenda (one title per item, numbered in order)."""
    _ensure_may_manage(actor, body.council)
    if not (place or "").strip() and not (online_url or "").strip():
        raise ValidationError({"place": _("Toplantı yeri ya da çevrim içi bağlantı gereklidir.")})
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Bitiş zamanı başlangıçtan sonra olmalıdır.")})
    meeting = Meeting(
        council=body.council,
        body=body,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=(place or "").strip(),
        online_url=(online_url or "").strip(),
        is_public=is_public,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    meeting.full_clean()
    meeting.save()
    for number, item in enumerate([a for a in (agenda or []) if a.strip()], start=1):
        AgendaItem.objects.create(meeting=meeting, number=number, title=item.strip())
    audit_record(
        actor=actor,
        action="meeting.create",
        target=meeting,
        council_id=meeting.council_id,
        after={"body": body.name, "starts_at": starts_at.isoformat(), "agenda": agenda or []},
    )
    return meeting


@transaction.atomic
def agenda_item_add(*, actor, meeting: Meeting, title: str, description: str = "") -> AgendaItem:
    _ensure_may_manage(actor, meeting.council)
    if not title.strip():
        raise ValidationError({"title": _("Gündem maddesinin başlığı boş olamaz.")})
    last = meeting.agenda_items.order_by("-number").values_list("number", flat=True).first()
    item = AgendaItem.objects.create(
        meeting=meeting, number=(last or 0) + 1, title=title.strip(), description=description
    )
    audit_record(actor=actor, action="agenda_item.add", target=item, council_id=meeting.council_id)
    return item


def _member_of_body(meeting: Meeting, member_id) -> BodyMember:
    """The body member `member_id`, refused unless they sit on the meeting's body."""
    member = BodyMember.objects.select_related("body").filter(pk=member_id).first()
    if member is None:
        raise ValidationError(_("Bilinmeyen kurul üyesi."))
    if member.body.council_id != meeting.council_id:
        raise ValidationError(
            _("%(name)s başka bir konseyin üyesidir; bu toplantıya kaydedilemez.")
            % {"name": member.full_name}
        )
    if member.body_id != meeting.body_id:
        raise ValidationError(
            _("%(name)s bu kurulun üyesi değildir; bu toplantıya kaydedilemez.")
            % {"name": member.full_name}
        )
    return member


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, statuses: dict, guest_count: int = 0) -> Meeting:
    """Record who of the body's members came (member or id → present/excused/absent); members
    not named count as absent. Checks the opening quorum against the body's rule."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    _ensure_may_manage(actor, meeting.council)
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("İptal edilmiş bir toplantının katılımı kaydedilemez."))
    if meeting.agenda_items.filter(decision__isnull=False).exists():
        raise ValidationError(_("Karar alınmış bir toplantının katılımı değiştirilemez."))
    if guest_count is None or int(guest_count) < 0:
        raise ValidationError({"guest_count": _("Konuk sayısı sıfır ya da daha büyük olmalıdır.")})
    chosen: dict[int, str] = {}
    for key, status in statuses.items():
        member = _member_of_body(meeting, getattr(key, "pk", key))
        if status not in AttendanceStatus.values:
            raise ValidationError(_("Geçersiz katılım durumu: %(value)s") % {"value": status})
        chosen[member.pk] = status
    members = list(meeting.body.members.values_list("pk", flat=True))
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, member_id=pk, status=chosen.get(pk, AttendanceStatus.ABSENT))
        for pk in members
    )
    present = sum(1 for pk in members if chosen.get(pk) == AttendanceStatus.PRESENT)
    meeting.member_count = len(members)
    meeting.present_count = present
    meeting.guest_count = int(guest_count)
    meeting.has_quorum = opening_quorum_met(
        present=present, members=len(members), rule=body_rule(meeting.body)
    )
    meeting.status = MeetingStatus.HELD
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.attendance",
        target=meeting,
        council_id=meeting.council_id,
        after={
            "members": len(members),
            "present": present,
            "guests": meeting.guest_count,
            "quorum": meeting.has_quorum,
        },
    )
    return meeting


@transaction.atomic
def decision_record(
    *,
    actor,
    agenda_item: AgendaItem,
    text: str,
    noted: bool = False,
    votes_for: int = 0,
    votes_against: int = 0,
    abstentions: int = 0,
    named_votes: dict | None = None,
) -> Decision:
    """Close an agenda item with a decision: vote counts (or named votes, which give the
    counts) or "noted". Only members present at the meeting vote."""
    meeting = (
        Meeting.objects.select_for_update().select_related("body").get(pk=agenda_item.meeting_id)
    )
    _ensure_may_manage(actor, meeting.council)
    if Decision.objects.filter(agenda_item=agenda_item).exists():
        raise ValidationError(_("Bu gündem maddesinin kararı zaten kaydedilmiş."))
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(_("Katılım kaydedilmeden karar kaydedilemez."))
    if not meeting.has_quorum:
        raise ValidationError(_("Toplantı yeter sayısı sağlanmadığı için karar alınamaz."))
    if not text.strip():
        raise ValidationError({"text": _("Karar metni boş olamaz.")})
    decision = Decision(agenda_item=agenda_item, text=text.strip())
    if noted:
        if named_votes or votes_for or votes_against or abstentions:
            raise ValidationError(_("“Bilgi edinildi” kararında oy sayısı olmaz."))
        decision.kind = DecisionKind.NOTED
        decision.save()
    else:
        decision.kind = DecisionKind.VOTED
        present = set(
            meeting.attendance.filter(status=AttendanceStatus.PRESENT).values_list(
                "member_id", flat=True
            )
        )
        votes = []
        if named_votes:
            counts = {choice: 0 for choice in VoteChoice.values}
            for key, choice in named_votes.items():
                member = _member_of_body(meeting, getattr(key, "pk", key))
                if member.pk not in present:
                    raise ValidationError(
                        _("%(name)s toplantıda bulunmadığı için oy kullanamaz.")
                        % {"name": member.full_name}
                    )
                if choice not in counts:
                    raise ValidationError(_("Geçersiz oy: %(value)s") % {"value": choice})
                counts[choice] += 1
                votes.append(Vote(member=member, choice=choice))
            votes_for, votes_against, abstentions = (
                counts[VoteChoice.FOR],
                counts[VoteChoice.AGAINST],
                counts[VoteChoice.ABSTAIN],
            )
        numbers = [votes_for, votes_against, abstentions]
        if any(int(n) < 0 for n in numbers):
            raise ValidationError(_("Oy sayıları negatif olamaz."))
        if sum(int(n) for n in numbers) > len(present):
            raise ValidationError(
                _(
                    "Oy sayılarının toplamı (%(total)s) toplantıda bulunan üye sayısını "
                    "(%(present)s) geçemez: kurul üyesi olmayanlar oy kullanamaz."
                )
                % {"total": sum(int(n) for n in numbers), "present": len(present)}
            )
        decision.votes_for, decision.votes_against, decision.abstentions = map(int, numbers)
        decision.is_adopted = decision_passes(
            votes_for=decision.votes_for, present=len(present), rule=body_rule(meeting.body)
        )
        decision.save()
        for vote in votes:
            vote.decision = decision
        Vote.objects.bulk_create(votes)
    audit_record(
        actor=actor,
        action="decision.record",
        target=decision,
        council_id=meeting.council_id,
        after={
            "kind": decision.kind,
            "for": decision.votes_for,
            "against": decision.votes_against,
            "abstain": decision.abstentions,
            "adopted": decision.is_adopted,
        },
    )
    return decision


@transaction.atomic
def recommendation_create(
    *,
    actor,
    decision: Decision,
    title: str,
    text: str,
    addressed_unit: str,
    topic=None,
    co_signing_bodies: list[Body] | None = None,
) -> Recommendation:
    """Turn an adopted decision that asks something of the municipality into a recommendation."""
    meeting = decision.agenda_item.meeting
    _ensure_may_manage(actor, meeting.council)
    if decision.kind != DecisionKind.VOTED or not decision.is_adopted:
        raise ValidationError(_("Yalnızca oylanarak kabul edilmiş bir karar tavsiye olabilir."))
    if Recommendation.objects.filter(decision=decision).exists():
        raise ValidationError(_("Bu karardan zaten bir tavsiye kararı oluşturulmuş."))
    co_signers = list(co_signing_bodies or [])
    for body in co_signers:
        if body.council_id != meeting.council_id or body.pk == meeting.body_id:
            raise ValidationError(
                {"co_signing_bodies": _("Ortak imzacı, aynı konseyin başka bir kurulu olmalıdır.")}
            )
    recommendation = Recommendation(
        council_id=meeting.council_id,
        body_id=meeting.body_id,
        meeting=meeting,
        decision=decision,
        title=title,
        text=text,
        topic=topic,
        addressed_unit=addressed_unit,
        decided_on=timezone.localdate(meeting.starts_at),
    )
    recommendation.full_clean(exclude=["co_signing_bodies"])
    recommendation.save()
    recommendation.co_signing_bodies.set(co_signers)
    audit_record(
        actor=actor,
        action="recommendation.create",
        target=recommendation,
        council_id=recommendation.council_id,
        after={"title": title, "unit": addressed_unit, "co_signers": [b.name for b in co_signers]},
    )
    return recommendation
