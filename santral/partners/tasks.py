"""Background work of partners (docs/tasks.md): the daily resource-gap reminder."""

from django_tasks import task

from .selectors.resources import events_due_for_reminder
from .services.resources import resource_reminder_send


@task(queue_name="email")
def send_resource_reminders() -> int:
    """Warn council admins about every event that still has a gap and starts within its
    council's reminder window (`reminder_days_for`: the council's setting or the platform's).

    Safe to run as often and on as many workers as you like: each event gets at most one
    mail per day (a unique ResourceReminder row claims it). Returns the number sent.
    """
    sent = 0
    for row in events_due_for_reminder():
        sent += resource_reminder_send(event=row.event, gap=row.gap)
    return sent
