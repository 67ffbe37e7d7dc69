"""Background work of outreach (docs/tasks.md). Each task loads by id and calls the mailing code."""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .mailing import (
    confirmation_message,
    deliver_batch,
    is_permanent,
    newsletter_sample_message,
    next_due_at,
)
from .models import Newsletter, Subscriber
from .services import max_attempts, retry_delay

logger = logging.getLogger(__name__)


@task(queue_name="email")
def send_confirmation_email(subscriber_id: int, attempt: int = 1) -> bool:
    """Mail the double opt-in link, retrying temporary SMTP failures like the newsletter.

    Returns False when there is nothing to confirm any more or a retry was queued.
    """
    subscriber = Subscriber.objects.select_related("council").filter(pk=subscriber_id).first()
    if subscriber is None or not subscriber.pending_topic_ids:
        return False
    try:
        confirmation_message(subscriber).send(fail_silently=False)
    except Exception as error:
        if is_permanent(error) or attempt >= max_attempts():
            raise
        follow_up = send_confirmation_email
        delay = retry_delay(attempt)
        if delay:
            if not follow_up.get_backend().supports_defer:
                raise
            follow_up = follow_up.using(run_after=timezone.now() + delay)
        logger.warning("Confirmation e-mail %s failed (%s); retry queued.", subscriber_id, error)
        follow_up.enqueue(subscriber_id, attempt + 1)
        return False
    return True


@task(queue_name="email")
def send_newsletter_test(newsletter_id: int, email: str) -> bool:
    """Mail one test copy of a newsletter to a staff member (no delivery row, no retry)."""
    newsletter = (
        Newsletter.objects.select_related("council", "topic").filter(pk=newsletter_id).first()
    )
    if newsletter is None:
        return False
    newsletter_sample_message(newsletter, email, test=True).send(fail_silently=False)
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
