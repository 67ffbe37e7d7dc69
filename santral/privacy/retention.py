"""Retention: how long each kind of record is kept, and the clean-up that applies it.

Periods are days, set in `SANTRAL_RETENTION_DAYS` (config/settings/base.py) with the lawful
defaults below; docs/privacy.md gives the reason for each. `retention_apply` is idempotent:
what it leaves is not expired, so a second run finds nothing.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from santral.core.audit import audit_record

from .erasure import delete_expired_audit

DEFAULT_RETENTION_DAYS: dict[str, int] = {
    # Sign-ins, sign-outs and ended sessions: two years, as law 5651 asks of access logs.
    "sign_ins": 730,
    # Failed sign-ins name the address typed; a year shows a pattern of attempts.
    "failed_logins": 365,
    # E-mail tasks in the queue (address, subject) after they finished.
    "email_logs": 90,
    # A subscription request nobody confirmed (double opt-in): the address was never verified.
    "unconfirmed_subscriptions": 30,
    # After an unsubscribe the address has no purpose left.
    "unsubscribed": 30,
    # Registrations of an event that ended: names and addresses go, the count stays.
    "past_event_registrations": 365,
}

SIGN_IN_ACTIONS = [
    "auth.login",
    "auth.logout",
    "auth.session_expired",
    "auth.sessions_revoked",
]
FAILED_LOGIN_ACTIONS = ["auth.login_failed"]
ANONYMOUS_NAME = "—"
ANONYMOUS_DOMAIN = "silinmis.invalid"


def retention_days() -> dict[str, int]:
    return {**DEFAULT_RETENTION_DAYS, **getattr(settings, "SANTRAL_RETENTION_DAYS", {})}


def _model(label: str):
    try:
        return apps.get_model(label)
    except LookupError:  # pragma: no cover
        return None


def _deleted(rows) -> int:
    """Rows of the queryset's own model that were deleted (cascades are not counted)."""
    return rows.delete()[1].get(rows.model._meta.label, 0)


@transaction.atomic
def retention_apply(*, now=None) -> dict[str, int]:
    """Delete or anonymise every record past its period; returns counts per kind."""
    now = now or timezone.now()
    days = retention_days()

    def cutoff(key: str):
        return now - timedelta(days=days[key])

    counts: dict[str, int] = {}
    counts["sign_ins"] = delete_expired_audit(actions=SIGN_IN_ACTIONS, before=cutoff("sign_ins"))
    counts["failed_logins"] = delete_expired_audit(
        actions=FAILED_LOGIN_ACTIONS, before=cutoff("failed_logins")
    )
    tasks = _model("django_tasks_database.DBTaskResult")
    counts["email_logs"] = _deleted(
        tasks.objects.filter(
            queue_name="email",
            status__in=["SUCCESSFUL", "FAILED"],
            finished_at__lt=cutoff("email_logs"),
        )
    )
    subscriber = _model("outreach.Subscriber")
    counts["unconfirmed_subscriptions"] = _deleted(
        subscriber.objects.filter(
            status="pending", created_at__lt=cutoff("unconfirmed_subscriptions")
        )
    )
    counts["unsubscribed"] = _deleted(
        subscriber.objects.filter(status="unsubscribed", unsubscribed_at__lt=cutoff("unsubscribed"))
    )
    registration = _model("events.Registration")
    expired = registration.objects.filter(
        event__end_at__lt=cutoff("past_event_registrations")
    ).exclude(Q(full_name=ANONYMOUS_NAME) & Q(email__endswith=f"@{ANONYMOUS_DOMAIN}"))
    # Each row gets its own invalid address: an event takes one seat per address.
    counts["past_event_registrations"] = expired.update(
        full_name=ANONYMOUS_NAME,
        email=Concat(Value("kayit-"), Cast("pk", CharField()), Value(f"@{ANONYMOUS_DOMAIN}")),
    )
    counts["expired_sessions"] = _deleted(Session.objects.filter(expire_date__lt=now))
    if any(counts.values()):
        audit_record(actor=None, action="privacy.retention", after=counts)
    return counts
