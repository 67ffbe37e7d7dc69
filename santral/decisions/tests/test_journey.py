"""The md. 76 journey: every legal step, every illegal move refused in Turkish, corrections
kept in history and audit, the assembly's first meeting as the deadline."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from santral.core.models import AuditRecord
from santral.decisions.factories import adopted_recommendation, make_body
from santral.decisions.models import (
    CouncilDecisionSettings,
    JourneyEntry,
    JourneyState,
    ReferralLetterCounter,
)
from santral.decisions.rules import first_assembly_meeting_after
from santral.decisions.services import (
    journey_correct,
    recommendation_add_implementation,
    recommendation_close,
    recommendation_put_on_agenda,
    recommendation_record_outcome,
    recommendation_refer,
)
from santral.partners.models import LetterCounter

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)


@pytest.fixture
def rec(cast):
    body = make_body(cast.council_a, name="Engelliler Meclisi", members=3, kind="assembly")
    return adopted_recommendation(
        cast.editor_a, body, day=DAY, title="Rampalı durak", unit="Ulaşım Dairesi Başkanlığı"
    )


def _decided(actor, rec, outcome="accepted"):
    recommendation_refer(actor=actor, recommendation=rec, on=date(2026, 3, 12))
    recommendation_put_on_agenda(
        actor=actor, recommendation=rec, on=date(2026, 4, 6), agenda_number="14"
    )
    return recommendation_record_outcome(
        actor=actor,
        recommendation=rec,
        outcome=outcome,
        on=date(2026, 4, 6),
        assembly_decision_number="2026/112",
    )


@pytest.mark.parametrize(
    ("day", "week", "weekday", "expected"),
    [
        (date(2026, 3, 12), 1, 0, date(2026, 4, 6)),  # after March's first Monday → April's
        (date(2026, 3, 1), 1, 0, date(2026, 3, 2)),  # before it → this month's
        (date(2026, 3, 2), 1, 0, date(2026, 4, 6)),  # on the meeting day: too late for it
        (date(2026, 12, 20), 1, 1, date(2027, 1, 5)),  # first Tuesday, over the year's end
        (date(2026, 3, 1), 2, 2, date(2026, 3, 11)),  # second-week Wednesday
    ],
)
def test_first_assembly_meeting_after(day, week, weekday, expected):
    assert first_assembly_meeting_after(day, week=week, weekday=weekday) == expected


def test_the_whole_journey(cast, rec):
    r = recommendation_refer(actor=cast.editor_a, recommendation=rec, on=date(2026, 3, 12))
    assert r.state == JourneyState.REFERRED
    assert r.letter_reference == "SEYHAN-MT-2026-1"
    assert r.due_on == date(2026, 4, 6)
    r = _decided_rest(cast.editor_a, r)
    r = recommendation_add_implementation(
        actor=cast.editor_a,
        recommendation=r,
        status="done",
        on=date(2026, 6, 1),
        progress=100,
        evidence_url="https://ornek.bel.tr/haber/rampalar",
    )
    assert (r.state, r.implemented_on) == (JourneyState.IMPLEMENTING, date(2026, 6, 1))
    r = recommendation_close(actor=cast.editor_a, recommendation=r, on=date(2026, 6, 2))
    assert r.state == JourneyState.CLOSED
    assert r.entries.count() == 5
    actions = set(
        AuditRecord.objects.filter(
            target_id=str(r.pk), action__startswith="recommendation."
        ).values_list("action", flat=True)
    )
    assert {"recommendation.refer", "recommendation.outcome", "recommendation.close"} <= actions


def _decided_rest(actor, r):
    r = recommendation_put_on_agenda(
        actor=actor, recommendation=r, on=date(2026, 4, 6), agenda_number="14"
    )
    assert r.state == JourneyState.ON_AGENDA
    r = recommendation_record_outcome(
        actor=actor, recommendation=r, outcome="accepted", on=date(2026, 4, 6)
    )
    assert (r.state, r.outcome) == (JourneyState.DECIDED, "accepted")
    return r


def test_referral_letters_have_their_own_gap_free_series(cast, rec):
    body = rec.body
    second = adopted_recommendation(cast.editor_a, body, day=DAY, title="İkinci", unit="Fen İşleri")
    recommendation_refer(actor=cast.editor_a, recommendation=rec, on=date(2026, 3, 12))
    second = recommendation_refer(actor=cast.editor_a, recommendation=second, on=date(2026, 3, 13))
    assert second.letter_reference == "SEYHAN-MT-2026-2"
    assert ReferralLetterCounter.objects.get(council=cast.council_a, year=2026).last_number == 2
    assert not LetterCounter.objects.filter(council=cast.council_a).exists()


def test_the_councils_own_assembly_day_sets_the_deadline(cast, rec):
    CouncilDecisionSettings.objects.create(council=cast.council_a, assembly_weekday=2)
    r = recommendation_refer(actor=cast.editor_a, recommendation=rec, on=date(2026, 3, 12))
    assert r.due_on == date(2026, 4, 1)  # first Wednesday of April


def test_illegal_moves_are_refused_in_turkish(cast, rec):
    a = cast.editor_a
    with pytest.raises(ValidationError, match="gönderilmeden meclis kararı kaydedilemez"):
        recommendation_record_outcome(
            actor=a, recommendation=rec, outcome="accepted", on=date(2026, 4, 6)
        )
    with pytest.raises(ValidationError, match="Meclis kararı kaydedilmeden öneri kapatılamaz"):
        recommendation_close(actor=a, recommendation=rec)
    with pytest.raises(ValidationError, match="gönderilmeden meclis gündemine alınamaz"):
        recommendation_put_on_agenda(actor=a, recommendation=rec, on=date(2026, 4, 6))
    with pytest.raises(ValidationError, match="kaydedilmeden uygulama bilgisi eklenemez"):
        recommendation_add_implementation(actor=a, recommendation=rec, status="started")
    recommendation_refer(actor=a, recommendation=rec, on=date(2026, 3, 12))
    with pytest.raises(ValidationError, match="zaten belediye meclisine gönderilmiş"):
        recommendation_refer(actor=a, recommendation=rec)
    with pytest.raises(ValidationError, match="gündemine alınmadan meclis kararı kaydedilemez"):
        recommendation_record_outcome(
            actor=a, recommendation=rec, outcome="accepted", on=date(2026, 4, 6)
        )
    with pytest.raises(ValidationError, match="Meclis kararı kaydedilmeden öneri kapatılamaz"):
        recommendation_close(actor=a, recommendation=rec)
    with pytest.raises(ValidationError, match="gönderme tarihinden önce olamaz"):
        recommendation_put_on_agenda(actor=a, recommendation=rec, on=date(2026, 3, 1))
    _decided_rest(a, rec)
    with pytest.raises(ValidationError, match="Kaydedilmiş bir meclis kararı değiştirilemez"):
        recommendation_record_outcome(
            actor=a, recommendation=rec, outcome="rejected", on=date(2026, 4, 7)
        )
    recommendation_close(actor=a, recommendation=rec, on=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="Kapanmış bir öneriye"):
        recommendation_add_implementation(actor=a, recommendation=rec, status="started")
    with pytest.raises(ValidationError, match="zaten kapatılmış"):
        recommendation_close(actor=a, recommendation=rec)


def test_implementation_only_after_acceptance_and_commission_needs_a_final_outcome(cast, rec):
    a = cast.editor_a
    r = _decided(a, rec, outcome="commission")
    with pytest.raises(ValidationError, match="yalnızca meclisin kabul ettiği"):
        recommendation_add_implementation(actor=a, recommendation=r, status="started")
    with pytest.raises(ValidationError, match="Komisyona havale edilen öneri"):
        recommendation_close(actor=a, recommendation=r)
    r = recommendation_record_outcome(
        actor=a, recommendation=r, outcome="rejected", on=date(2026, 5, 4)
    )
    assert (r.outcome, r.outcome_on) == ("rejected", date(2026, 5, 4))
    assert recommendation_close(actor=a, recommendation=r).state == JourneyState.CLOSED


def test_a_correction_is_a_new_entry_with_a_reason_and_the_history_stays(cast, rec):
    a = cast.editor_a
    r = _decided(a, rec, outcome="rejected")
    wrong = JourneyEntry.objects.get(recommendation=r, kind="outcome")
    with pytest.raises(ValidationError, match="gerekçe"):
        journey_correct(actor=a, entry=wrong, reason="  ", outcome="accepted")
    with pytest.raises(ValidationError, match="düzeltilebilecek alanlar"):
        journey_correct(actor=a, entry=wrong, reason="x", letter_reference="HACK-1")
    correction = journey_correct(
        actor=a,
        entry=wrong,
        reason="Karar yanlış girilmişti; meclis kabul etti.",
        outcome="accepted",
    )
    r.refresh_from_db()
    wrong.refresh_from_db()
    assert wrong.outcome == "rejected"  # the original stays as it was
    assert correction.corrects == wrong and r.outcome == "accepted"
    assert r.entries.filter(kind="outcome").count() == 2
    with pytest.raises(ValidationError, match="zaten düzeltilmiş"):
        journey_correct(actor=a, entry=wrong, reason="tekrar", outcome="noted")
    audit = AuditRecord.objects.get(action="recommendation.correct", target_id=str(r.pk))
    assert audit.before == {"outcome": "rejected"}
    assert audit.after["reason"].startswith("Karar yanlış")


def test_only_the_councils_secretariat_moves_the_journey(cast, rec):
    for actor in (cast.member_a, cast.editor_b, cast.treasurer_a):
        with pytest.raises(PermissionDenied):
            recommendation_refer(actor=actor, recommendation=rec)
    assert not rec.entries.exists()


def test_referral_letter_pdf_has_its_number_and_the_assembly_as_addressee(cast, rec):
    import io
    import unicodedata

    from pypdf import PdfReader

    from santral.decisions.letters import render_referral_pdf

    r = recommendation_refer(actor=cast.editor_a, recommendation=rec, on=date(2026, 3, 12))
    data = render_referral_pdf(r)
    text = unicodedata.normalize(
        "NFC",
        "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages),
    )
    assert "SEYHAN-MT-2026-1" in text and "12.03.2026" in text
    assert "SEYHAN BELEDİYE BAŞKANLIĞINA" in text
    assert "76. maddesi" in " ".join(text.split())  # the paragraph wraps
