"""Background work of partners (docs/tasks.md): the daily resource-gap reminder."""

from django.conf import settings
from django_tasks import task

from .selectors.resources import events_due_for_reminder
from .services.resources import resource_reminder_send


def reminder_days() -> int:
    return int(getattr(settings, "SANTRAL_RESOURCE_REMINDER_DAYS", 7))


@task(queue_name="email")
def send_resource_reminders() -> int:
    """Warn council admins about every event starting within N days that still has a gap.

    Safe to run as often and on as many workers as you like: each event gets at most one
    mail per day (a unique ResourceReminder row claims it). Returns the number sent.
    """
    sent = 0
    for row in events_due_for_reminder(days=reminder_days()):
        sent += resource_reminder_send(event=row.event, gap=row.gap)
    return sent
