"""Meetings: quorum at its boundaries, attendance only for the body's own members, votes only
from members present."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from santral.core.models import AuditRecord
from santral.decisions.factories import held_meeting, make_body
from santral.decisions.models import AttendanceStatus, BodyRule, Decision, Vote
from santral.decisions.rules import decision_passes, share_reached
from santral.decisions.services import (
    attendance_record,
    decision_record,
    meeting_create,
    recommendation_create,
)

from ..factories import at

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)


@pytest.fixture
def body(cast):
    return make_body(cast.council_a, name="Ulaşım Çalışma Grubu", members=10)


def test_share_arithmetic_at_the_boundaries():
    assert not share_reached(5, 10, 50, True)  # exactly half is not "more than half"
    assert share_reached(6, 10, 50, True)  # one more is
    assert share_reached(5, 10, 50, False)  # "at least half"
    assert not share_reached(4, 10, 50, False)
    assert not share_reached(0, 0, 50, True)  # a body without members never has a quorum
    assert not share_reached(3, 5, 60, True) and share_reached(3, 5, 60, False)


def test_opening_quorum_default_rule_exactly_half_and_one_more(cast, body):
    half = held_meeting(cast.editor_a, body, day=DAY, present=5)
    more = held_meeting(cast.editor_a, body, day=DAY, present=6)
    assert (half.member_count, half.present_count, half.has_quorum) == (10, 5, False)
    assert (more.present_count, more.has_quorum) == (6, True)


def test_opening_quorum_follows_the_bodys_own_rule(cast, body):
    BodyRule.objects.create(body=body, opening_percent=50, opening_strict=False)
    assert held_meeting(cast.editor_a, body, day=DAY, present=5).has_quorum
    assert not held_meeting(cast.editor_a, body, day=DAY, present=4).has_quorum


def test_decision_needs_a_majority_of_those_present(cast, body):
    meeting = held_meeting(cast.editor_a, body, day=DAY, present=6, agenda=["A", "B"])
    first, second = meeting.agenda_items.all()
    half = decision_record(
        actor=cast.editor_a, agenda_item=first, text="Yarısı", votes_for=3, votes_against=3
    )
    more = decision_record(
        actor=cast.editor_a, agenda_item=second, text="Bir fazlası", votes_for=4, abstentions=2
    )
    assert not half.is_adopted and more.is_adopted
    assert decision_passes(votes_for=2, present=4, rule=BodyRule(decision_strict=False))


def test_no_decision_without_the_opening_quorum(cast, body):
    meeting = held_meeting(cast.editor_a, body, day=DAY, present=5)
    with pytest.raises(ValidationError, match="yeter sayısı sağlanmadığı"):
        decision_record(
            actor=cast.editor_a, agenda_item=meeting.agenda_items.get(), text="X", votes_for=5
        )


def test_member_of_another_council_is_never_recorded(cast, body):
    other = make_body(cast.council_b, name="Çukurova Çevre Grubu", members=2)
    stranger = other.members.first()
    meeting = meeting_create(
        actor=cast.editor_a, body=body, starts_at=at(DAY), place="Salon", agenda=["A"]
    )
    with pytest.raises(ValidationError, match="başka bir konseyin üyesidir"):
        attendance_record(actor=cast.editor_a, meeting=meeting, statuses={stranger: "present"})
    assert not meeting.attendance.exists()
    # nor by the other council's own secretary
    with pytest.raises(PermissionDenied):
        attendance_record(actor=cast.editor_b, meeting=meeting, statuses={stranger: "present"})


def test_member_of_another_body_of_the_same_council_is_refused(cast, body):
    neighbour = make_body(cast.council_a, name="Kadın Meclisi", members=1, kind="assembly")
    meeting = meeting_create(actor=cast.editor_a, body=body, starts_at=at(DAY), place="Salon")
    with pytest.raises(ValidationError, match="bu kurulun üyesi değildir"):
        attendance_record(
            actor=cast.editor_a, meeting=meeting, statuses={neighbour.members.get(): "present"}
        )


def test_members_not_named_are_absent_and_guests_are_a_count(cast, body):
    meeting = meeting_create(actor=cast.editor_a, body=body, starts_at=at(DAY), place="Salon")
    first, second = body.members.order_by("sort_order")[:2]
    attendance_record(
        actor=cast.editor_a,
        meeting=meeting,
        statuses={first: "present", second: "excused"},
        guest_count=7,
    )
    statuses = dict(meeting.attendance.values_list("member_id", "status"))
    assert len(statuses) == 10
    assert statuses[second.pk] == AttendanceStatus.EXCUSED
    assert list(statuses.values()).count(AttendanceStatus.ABSENT) == 8
    meeting.refresh_from_db()
    assert meeting.guest_count == 7
    assert AuditRecord.objects.filter(action="meeting.attendance", target_id=str(meeting.pk))


def test_a_non_member_cannot_vote(cast, body):
    meeting = held_meeting(cast.editor_a, body, day=DAY, present=6, agenda=["A"])
    item = meeting.agenda_items.get()
    members = list(body.members.order_by("sort_order"))
    outsider = make_body(cast.council_a, name="Gençlik Meclisi", members=1).members.get()
    with pytest.raises(ValidationError, match="bu kurulun üyesi değildir"):
        decision_record(
            actor=cast.editor_a, agenda_item=item, text="X", named_votes={outsider: "for"}
        )
    with pytest.raises(ValidationError, match="bulunmadığı için oy kullanamaz"):
        decision_record(
            actor=cast.editor_a, agenda_item=item, text="X", named_votes={members[9]: "for"}
        )
    with pytest.raises(ValidationError, match="kurul üyesi olmayanlar oy kullanamaz"):
        decision_record(actor=cast.editor_a, agenda_item=item, text="X", votes_for=7)
    assert not Decision.objects.filter(agenda_item=item).exists()
    decision = decision_record(
        actor=cast.editor_a,
        agenda_item=item,
        text="Kabul",
        named_votes={m: "for" for m in members[:4]} | {members[4]: "against"},
    )
    assert (decision.votes_for, decision.votes_against, decision.is_adopted) == (4, 1, True)
    assert Vote.objects.filter(decision=decision).count() == 5


def test_noted_decision_has_no_votes_and_is_no_recommendation(cast, body):
    meeting = held_meeting(cast.editor_a, body, day=DAY, present=6)
    item = meeting.agenda_items.get()
    with pytest.raises(ValidationError, match="oy sayısı olmaz"):
        decision_record(
            actor=cast.editor_a, agenda_item=item, text="Bilgi", noted=True, votes_for=1
        )
    decision = decision_record(actor=cast.editor_a, agenda_item=item, text="Bilgi", noted=True)
    assert decision.kind == "noted"
    with pytest.raises(ValidationError, match="kabul edilmiş bir karar"):
        recommendation_create(
            actor=cast.editor_a, decision=decision, title="T", text="T", addressed_unit="Birim"
        )


def test_only_the_councils_secretariat_manages_meetings(cast, body):
    for actor in (cast.member_a, cast.editor_b, cast.outsider, None):
        with pytest.raises(PermissionDenied):
            meeting_create(actor=actor, body=body, starts_at=at(DAY), place="Salon")


def test_meeting_needs_a_place_or_a_link(cast, body):
    with pytest.raises(ValidationError, match="çevrim içi bağlantı gereklidir"):
        meeting_create(actor=cast.editor_a, body=body, starts_at=at(DAY))
    online = meeting_create(
        actor=cast.editor_a, body=body, starts_at=at(DAY), online_url="https://toplanti.ornek.tr/x"
    )
    assert online.place == ""


def test_co_signers_must_be_other_bodies_of_the_same_council(cast, body):
    other = make_body(cast.council_b, name="Başka Grup", members=1)
    meeting = held_meeting(cast.editor_a, body, day=DAY, present=6)
    decision = decision_record(
        actor=cast.editor_a, agenda_item=meeting.agenda_items.get(), text="K", votes_for=6
    )
    with pytest.raises(ValidationError):
        recommendation_create(
            actor=cast.editor_a,
            decision=decision,
            title="T",
            text="T",
            addressed_unit="Fen İşleri Müdürlüğü",
            co_signing_bodies=[other],
        )
    women = make_body(cast.council_a, name="Kadın Meclisi", members=1, kind="assembly")
    recommendation = recommendation_create(
        actor=cast.editor_a,
        decision=decision,
        title="T",
        text="T",
        addressed_unit="Fen İşleri Müdürlüğü",
        co_signing_bodies=[women],
    )
    assert list(recommendation.co_signing_bodies.all()) == [women]
    assert recommendation.decided_on == DAY
