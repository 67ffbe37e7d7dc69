"""Background work of outreach (docs/tasks.md). Each task loads by id and calls the mailing code."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .mailing import confirmation_message, deliver_batch, next_due_at
from .models import Subscriber

logger = logging.getLogger(__name__)


@task(queue_name="email")
def send_confirmation_email(subscriber_id: int) -> bool:
    """Mail the double opt-in link. Returns False when there is nothing to confirm any more."""
    subscriber = Subscriber.objects.select_related("council").filter(pk=subscriber_id).first()
    if subscriber is None or not subscriber.pending_topic_ids:
        return False
    confirmation_message(subscriber).send(fail_silently=False)
    return True


@task(queue_name="email")
def send_newsletter_batch(newsletter_id: int) -> dict:
    """Send one batch, then queue the next one (deferred to the next retry time if the
    backend can defer). Stops when every delivery is sent, failed or skipped."""
    result = deliver_batch(newsletter_id=newsletter_id)
    if result.remaining:
        due = next_due_at(newsletter_id)
        follow_up = send_newsletter_batch
        backend = follow_up.get_backend()
        if due is not None and due > timezone.now():
            if backend.supports_defer:
                follow_up = follow_up.using(run_after=due)
            else:
                # An immediate backend cannot wait; the rows stay in the log as "retrying".
                logger.warning(
                    "Newsletter %s: retries need a backend that can defer.", newsletter_id
                )
                return result.__dict__
        elif result.sent + result.retrying + result.failed + result.skipped == 0:
            # Nothing was claimable (another worker holds the rows): try again shortly.
            if backend.supports_defer:
                follow_up = follow_up.using(run_after=timezone.now() + timedelta(seconds=30))
            else:
                return result.__dict__
        follow_up.enqueue(newsletter_id)
    return result.__dict__
