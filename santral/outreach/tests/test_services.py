"""Services: permissions (council A's staff cannot touch B), validation in Turkish, audit."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from santral.core.models import AuditRecord
from santral.councils.factories import BodyFactory
from santral.outreach.factories import AudienceFactory, TopicFactory
from santral.outreach.models import (
    Audience,
    CommunicationPlan,
    Newsletter,
    ParticipationRecord,
    PlanAction,
    Subscriber,
)
from santral.outreach.services import (
    area_population_set,
    audience_save,
    newsletter_queue,
    newsletter_save,
    participation_record_save,
    plan_action_save,
    plan_save,
    subscription_confirm,
    subscription_request,
)

pytestmark = pytest.mark.django_db


def _record(actor, council, **extra):
    return participation_record_save(
        actor=actor,
        council=council,
        activity_title="T",
        held_on=date(2026, 1, 1),
        total_participants=10,
        **extra,
    )


@pytest.mark.parametrize("who", ["editor_b", "member_a", "treasurer_a", "outsider"])
def test_only_editors_and_admins_of_the_council_write(cast, who):
    user = getattr(cast, who)
    with pytest.raises(PermissionDenied):
        _record(user, cast.council_a)
    with pytest.raises(PermissionDenied):
        area_population_set(actor=user, council=cast.council_a, total=1, source="x", year=2024)
    assert ParticipationRecord.objects.count() == 0


def test_admin_and_editor_write(cast):
    _record(cast.admin_a, cast.council_a)
    _record(cast.editor_a, cast.council_a)
    _record(cast.platform_admin, cast.council_b)
    assert ParticipationRecord.objects.count() == 3


def test_admin_without_totp_loses_the_right(cast):
    from allauth.mfa.models import Authenticator

    from santral.councils.permissions import forget_cached_roles

    Authenticator.objects.filter(user=cast.admin_a).delete()
    forget_cached_roles(cast.admin_a)
    with pytest.raises(PermissionDenied):
        _record(cast.admin_a, cast.council_a)


def test_objects_of_another_council_are_refused(cast):
    audience_b = AudienceFactory(council=cast.council_b, name="B kitlesi")
    body_b = BodyFactory(council=cast.council_b)
    with pytest.raises(ValidationError) as error:
        _record(cast.editor_a, cast.council_a, audience_counts={audience_b: 1}, body=body_b)
    assert "B kitlesi bu konseyin hedef kitlesi değil." in error.value.messages
    assert "Seçilen kurul bu konseye ait değil." in error.value.messages
    plan = CommunicationPlan(
        council=cast.council_a,
        title="P",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 2, 1),
        objectives="O",
    )
    with pytest.raises(ValidationError):
        plan_save(actor=cast.editor_a, plan=plan, audiences=[audience_b])
    assert not CommunicationPlan.objects.exists()


def test_counts_cannot_exceed_the_total_and_nothing_is_written(cast):
    audience = AudienceFactory(council=cast.council_a, name="Gençler")
    with pytest.raises(ValidationError) as error:
        _record(
            cast.editor_a,
            cast.council_a,
            audience_counts={audience: 11},
            area_counts=[(cast.council_a.district, "", 12)],
        )
    assert "Gençler için girilen sayı (11) toplam katılımcıdan büyük." in error.value.messages
    assert "İlçe/mahalle sayılarının toplamı toplam katılımcıdan büyük." in error.value.messages
    assert (
        ParticipationRecord.objects.count() == 0
        and AuditRecord.objects.filter(action="participation.save").count() == 0
    )


def test_baseline_rules(cast):
    audience = Audience(
        council=cast.council_a, kind="youth", slug="g", name="Gençler", baseline_share=Decimal("20")
    )
    with pytest.raises(ValidationError) as error:
        audience_save(actor=cast.editor_a, audience=audience)
    assert "baseline_source" in error.value.message_dict
    assert "baseline_year" in error.value.message_dict
    audience.baseline_count = 5
    audience.baseline_source, audience.baseline_year = "S", 2024
    with pytest.raises(ValidationError) as error:
        audience_save(actor=cast.editor_a, audience=audience)
    assert "Nüfustaki payı ya da kişi sayısını girin; ikisini birden değil." in str(error.value)
    audience.baseline_count = None
    audience_save(actor=cast.editor_a, audience=audience)
    assert AuditRecord.objects.filter(action="audience.save").count() == 1


def test_action_cost_is_decimal_audited_and_funding_pair_checked(cast):
    plan = plan_save(
        actor=cast.editor_a,
        plan=CommunicationPlan(
            council=cast.council_a,
            title="P",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 2, 1),
            objectives="O",
        ),
    )
    action = PlanAction(
        plan=plan,
        title="Radyo",
        channel="radio",
        owner="X",
        due_on=date(2026, 1, 5),
        cost=Decimal("1234.56"),
        funding_kind="budget_line",
    )
    with pytest.raises(ValidationError):
        plan_action_save(actor=cast.editor_a, action=action)
    action.funding_id = 42
    plan_action_save(actor=cast.editor_a, action=action)
    action.refresh_from_db()
    assert action.cost == Decimal("1234.56")
    audit = AuditRecord.objects.get(action="plan.action")
    assert audit.after["cost"] == "1234.56" and audit.after["funding"] == ["budget_line", 42]
    with pytest.raises(ValidationError):
        plan_save(
            actor=cast.editor_a,
            plan=CommunicationPlan(
                council=cast.council_a,
                title="Ters",
                starts_on=date(2026, 3, 1),
                ends_on=date(2026, 2, 1),
                objectives="O",
            ),
        )


def test_newsletter_topic_of_another_council_is_refused(cast):
    topic_b = TopicFactory(council=cast.council_b)
    with pytest.raises(ValidationError):
        newsletter_save(
            actor=cast.editor_a,
            newsletter=Newsletter(council=cast.council_a, topic=topic_b, subject="S", body="B"),
        )
    topic_a = TopicFactory(council=cast.council_a)
    newsletter = newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(council=cast.council_a, topic=topic_a, subject="S", body="B"),
    )
    with pytest.raises(PermissionDenied):
        newsletter_queue(actor=cast.editor_b, newsletter=newsletter)


def test_subscription_request_cannot_add_topics_without_confirmation(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = TopicFactory(council=cast.council_a), TopicFactory(council=cast.council_a)
    with django_capture_on_commit_callbacks(execute=True):
        subscriber = subscription_request(
            council=cast.council_a, email="x@ornek.test", topics=[first], consent_given=True
        )
    subscription_confirm(council=cast.council_a, token=subscriber.confirm_token)
    confirmed = Subscriber.objects.get()
    # someone else asks for more topics, SMS and a phone for the same address (other case)
    with django_capture_on_commit_callbacks(execute=True):
        subscription_request(
            council=cast.council_a,
            email="X@ORNEK.TEST",
            topics=[first, second],
            consent_given=True,
            phone="05559999999",
            wants_sms=True,
        )
    subscriber = Subscriber.objects.get()
    assert list(subscriber.topics.all()) == [first]
    assert subscriber.phone == "" and subscriber.wants_sms is False
    assert subscriber.consent_at == confirmed.consent_at
    assert subscriber.pending_topic_ids == [first.pk, second.pk]
    assert len(mailoutbox) == 2
    with pytest.raises(ValidationError):
        subscription_confirm(council=cast.council_b, token=subscriber.confirm_token)
    with pytest.raises(ValidationError):
        subscription_request(
            council=cast.council_a, email="y@ornek.test", topics=[first], consent_given=False
        )
    topic_b = TopicFactory(council=cast.council_b)
    with pytest.raises(ValidationError):
        subscription_request(
            council=cast.council_a, email="y@ornek.test", topics=[topic_b], consent_given=True
        )
    # the owner confirms the second request: now topics, phone and consent change
    subscription_confirm(council=cast.council_a, token=subscriber.confirm_token)
    subscriber.refresh_from_db()
    assert set(subscriber.topics.all()) == {first, second}
    assert subscriber.phone == "05559999999" and subscriber.wants_sms is True
    assert subscriber.consent_at > confirmed.consent_at and subscriber.pending_details == {}
