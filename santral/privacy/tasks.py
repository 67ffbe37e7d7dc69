"""Background work of privacy (docs/tasks.md): retention clean-up and erasure-request reminders.

`manage.py privacy_daily` (cron, once a day) enqueues both.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from .models import ErasureRequest, ErasureStatus
from .retention import retention_apply

# Remind from this many days before the legal deadline, once a day until answered.
REMIND_DAYS_BEFORE = 10


@task()
def apply_retention() -> dict[str, int]:
    return retention_apply()


def erasure_reminders_due(today=None) -> list[ErasureRequest]:
    today = today or timezone.localdate()
    return list(
        ErasureRequest.objects.filter(
            status=ErasureStatus.OPEN, due_on__lte=today + timedelta(days=REMIND_DAYS_BEFORE)
        )
        .exclude(reminded_on=today)
        .order_by("due_on", "pk")
    )


@task(queue_name="email")
def remind_erasure_requests() -> int:
    """One mail to the platform admins listing the requests near or past their 30 days."""
    today = timezone.localdate()
    due = erasure_reminders_due(today)
    recipients = list(
        get_user_model()
        .objects.filter(is_superuser=True, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not due or not recipients:
        return 0
    with override("tr"):
        lines = [
            _("#%(id)s: son yanıt günü %(due)s")
            % {"id": r.pk, "due": r.due_on.strftime("%d.%m.%Y")}
            for r in due
        ]
        body = _(
            "Yanıt bekleyen KVKK silme talepleri (yasal süre 30 gün):\n\n%(lines)s\n\n"
            "Talepler: /gizlilik/talepler/"
        ) % {"lines": "\n".join(lines)}
        send_mail(_("Yanıt bekleyen silme talepleri"), body, None, recipients)
    ErasureRequest.objects.filter(pk__in=[r.pk for r in due]).update(reminded_on=today)
    return len(due)
