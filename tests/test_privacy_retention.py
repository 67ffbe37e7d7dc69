"""Retention (issue 20): what is past its period goes after one run, the rest stays, and a
second run changes nothing."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from santral.core.audit import audit_record
from santral.core.models import AuditRecord
from santral.events.factories import make_event
from santral.events.models import Registration
from santral.outreach.factories import SubscriberFactory
from santral.outreach.models import Subscriber
from santral.privacy.retention import retention_apply

pytestmark = pytest.mark.django_db


def test_expired_records_go_the_others_stay_and_a_second_run_changes_nothing(cast, settings):
    now = timezone.now()
    login = audit_record(actor=cast.member_a, action="auth.login", target=cast.member_a)
    failed = audit_record(actor=None, action="auth.login_failed", after={"login": "x@y.z"})
    money = audit_record(actor=cast.treasurer_a, action="budget.line_create")
    # Audit rows are append-only, so the run happens "later" instead of ageing the rows:
    # sign-ins and failed logins are 800 days old then.
    later = now + timedelta(days=800)
    old_event = make_event(cast.council_a, registration_mode="onsite")
    new_event = make_event(cast.council_a, registration_mode="onsite")
    old_event.__class__.objects.filter(pk=old_event.pk).update(
        start_at=later - timedelta(days=400), end_at=later - timedelta(days=400)
    )
    old_seat = Registration.objects.create(
        event=old_event, full_name="Eski Kayıt", email="eski@ornek.test", status="confirmed"
    )
    new_event.__class__.objects.filter(pk=new_event.pk).update(
        start_at=later - timedelta(days=10), end_at=later - timedelta(days=10)
    )
    new_seat = Registration.objects.create(
        event=new_event, full_name="Yeni Kayıt", email="yeni@ornek.test", status="confirmed"
    )
    pending_old = SubscriberFactory(council=cast.council_a, status="pending")
    Subscriber.objects.filter(pk=pending_old.pk).update(created_at=later - timedelta(days=31))
    pending_new = SubscriberFactory(council=cast.council_a, status="pending")
    Subscriber.objects.filter(pk=pending_new.pk).update(created_at=later - timedelta(days=29))
    confirmed = SubscriberFactory(council=cast.council_a)
    Subscriber.objects.filter(pk=confirmed.pk).update(created_at=later - timedelta(days=900))
    gone = SubscriberFactory(
        council=cast.council_a, status="unsubscribed", unsubscribed_at=later - timedelta(days=40)
    )
    session = SessionStore()
    session["x"] = 1
    session.create()
    Session.objects.filter(pk=session.session_key).update(expire_date=later - timedelta(days=1))

    counts = retention_apply(now=later)

    assert counts == {
        "sign_ins": 1,
        "failed_logins": 1,
        "email_logs": 0,
        "unconfirmed_subscriptions": 1,
        "unsubscribed": 1,
        "past_event_registrations": 1,
        "expired_sessions": counts["expired_sessions"],
    }
    assert counts["expired_sessions"] >= 1
    remaining = set(AuditRecord.objects.values_list("pk", flat=True))
    assert login.pk not in remaining and failed.pk not in remaining and money.pk in remaining
    old_seat.refresh_from_db()
    new_seat.refresh_from_db()
    assert "Eski" not in old_seat.full_name and old_seat.email.endswith("@silinmis.invalid")
    assert old_seat.status == "confirmed"  # the count of the event stays
    assert (new_seat.full_name, new_seat.email) == ("Yeni Kayıt", "yeni@ornek.test")
    assert set(Subscriber.objects.values_list("pk", flat=True)) >= {pending_new.pk, confirmed.pk}
    assert not Subscriber.objects.filter(pk__in=[pending_old.pk, gone.pk]).exists()
    assert AuditRecord.objects.filter(action="privacy.retention").count() == 1

    audit_count = AuditRecord.objects.count()
    again = retention_apply(now=later)
    assert set(again.values()) == {0}
    assert AuditRecord.objects.count() == audit_count  # no report row for an empty run


def test_periods_are_settings(cast, settings):
    settings.SANTRAL_RETENTION_DAYS = {"failed_logins": 1}
    audit_record(actor=None, action="auth.login_failed", after={"login": "x@y.z"})
    assert retention_apply(now=timezone.now() + timedelta(days=2))["failed_logins"] == 1
