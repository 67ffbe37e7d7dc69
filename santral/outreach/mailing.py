"""E-mail of the newsletter: building messages and delivering one batch.

Delivery is at-least-once. A worker claims a batch by pushing the rows'
`next_attempt_at` forward by a lease (SELECT ... FOR UPDATE SKIP LOCKED on
PostgreSQL, so parallel workers take different rows), then sends outside the
transaction. A worker that dies mid-batch leaves rows whose lease runs out and
another worker takes them again.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import (
    Delivery,
    DeliveryStatus,
    Newsletter,
    NewsletterStatus,
    Subscriber,
    SubscriberStatus,
)
from .services import max_attempts, retry_delay

logger = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)


def absolute(path: str) -> str:
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path.lstrip("/"))


def unsubscribe_url(subscriber: Subscriber) -> str:
    with override("tr"):
        return absolute(
            reverse(
                "outreach:unsubscribe",
                kwargs={
                    "council_slug": subscriber.council.slug,
                    "token": subscriber.unsubscribe_token,
                },
            )
        )


def confirm_url(subscriber: Subscriber) -> str:
    with override("tr"):
        return absolute(
            reverse(
                "outreach:confirm",
                kwargs={"council_slug": subscriber.council.slug, "token": subscriber.confirm_token},
            )
        )


def list_headers(subscriber: Subscriber) -> dict[str, str]:
    """RFC 2369 List-Unsubscribe with RFC 8058 one-click POST."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(subscriber)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"<{subscriber.council.slug}.santral>",
    }


def confirmation_message(subscriber: Subscriber) -> EmailMessage:
    with override("tr"):
        subject = _("%(council)s bülten aboneliğinizi onaylayın") % {
            "council": subscriber.council.name
        }
        body = _(
            "Merhaba,\n\n%(council)s bültenine abone olmak için bu adres kullanıldı. "
            "Aboneliği onaylamak için bağlantıyı açın:\n\n%(url)s\n\n"
            "Bu isteği siz yapmadıysanız bu e-postayı yok sayın; size başka ileti gönderilmez."
        ) % {"council": subscriber.council.name, "url": confirm_url(subscriber)}
    return EmailMessage(subject=subject, body=body, to=[subscriber.email])


def newsletter_message(newsletter: Newsletter, subscriber: Subscriber) -> EmailMessage:
    with override("tr"):
        footer = _(
            "\n\n--\n%(council)s · %(topic)s\nBu bülteni artık almak istemiyorsanız: %(url)s"
        ) % {
            "council": newsletter.council.name,
            "topic": newsletter.topic.name,
            "url": unsubscribe_url(subscriber),
        }
    return EmailMessage(
        subject=newsletter.subject,
        body=newsletter.body + footer,
        to=[subscriber.email],
        headers=list_headers(subscriber),
    )


# The stand-in unsubscribe token of a preview or a test send: each real subscriber gets their own.
SAMPLE_TOKEN = "ornek"  # noqa: S105 (a placeholder in a preview, not a secret)


def newsletter_sample_message(newsletter: Newsletter, email: str, *, test: bool = False):
    """The newsletter as a subscriber receives it, addressed to `email` (preview, test send).

    The same builder as the real send (`newsletter_message`); only the unsubscribe link is a
    stand-in, and a test send says so in its subject.
    """
    sample = Subscriber(council=newsletter.council, email=email, unsubscribe_token=SAMPLE_TOKEN)
    message = newsletter_message(newsletter, sample)
    if test:
        with override("tr"):
            message.subject = _("[Deneme] %(subject)s") % {"subject": newsletter.subject}
    return message


@dataclass
class BatchResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    remaining: int = 0


def _due(newsletter_id: int, now):
    return Delivery.objects.filter(
        newsletter_id=newsletter_id,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
    ).filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))


def _claim(newsletter_id: int, size: int) -> list[Delivery]:
    now = timezone.now()
    with transaction.atomic():
        rows = _due(newsletter_id, now).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True, of=("self",))
        claimed = list(rows.select_related("subscriber", "subscriber__council")[:size])
        for delivery in claimed:
            delivery.attempts += 1
            delivery.next_attempt_at = now + LEASE
        Delivery.objects.bulk_update(claimed, ["attempts", "next_attempt_at"])
    return claimed


def is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _msg in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def deliver_batch(*, newsletter_id: int, size: int | None = None) -> BatchResult:
    """Send one batch of a newsletter's due deliveries; record every outcome in the log."""
    size = size or settings.SANTRAL_NEWSLETTER_BATCH_SIZE
    newsletter = Newsletter.objects.select_related("council", "topic").get(pk=newsletter_id)
    result = BatchResult()
    claimed = _claim(newsletter_id, size)
    if claimed:
        smtp = get_connection(fail_silently=False)
        try:
            smtp.open()
        except Exception as error:  # the server is down: every row waits for its retry
            logger.warning("SMTP connection failed: %s", error)
            for delivery in claimed:
                _record_failure(delivery, error, result)
            claimed = []
        # Re-read the subscribers now (two queries per batch): whoever unsubscribed
        # after the newsletter was queued gets nothing.
        ids = [delivery.subscriber_id for delivery in claimed]
        fresh = Subscriber.objects.select_related("council").in_bulk(ids)
        subscribed = set(
            Subscriber.topics.through.objects.filter(
                subscriber_id__in=ids, newslettertopic_id=newsletter.topic_id
            ).values_list("subscriber_id", flat=True)
        )
        for delivery in claimed:
            subscriber = fresh.get(delivery.subscriber_id)
            if (
                subscriber is None
                or subscriber.status != SubscriberStatus.CONFIRMED
                or subscriber.pk not in subscribed
            ):
                delivery.status = DeliveryStatus.SKIPPED
                delivery.next_attempt_at = None
                delivery.save(update_fields=["status", "next_attempt_at"])
                result.skipped += 1
                continue
            message = newsletter_message(newsletter, subscriber)
            message.connection = smtp
            try:
                message.send()
            except Exception as error:
                _record_failure(delivery, error, result)
                _reset(smtp)
            else:
                delivery.status = DeliveryStatus.SENT
                delivery.sent_at = timezone.now()
                delivery.next_attempt_at = None
                delivery.last_error = ""
                delivery.save(update_fields=["status", "sent_at", "next_attempt_at", "last_error"])
                result.sent += 1
        try:
            smtp.close()
        except Exception:  # noqa: S110 (closing a broken connection may fail; nothing to keep)
            pass
    open_rows = Delivery.objects.filter(
        newsletter_id=newsletter_id,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
    )
    result.remaining = open_rows.count()
    if result.remaining == 0:
        Newsletter.objects.filter(pk=newsletter_id, status=NewsletterStatus.SENDING).update(
            status=NewsletterStatus.SENT, sent_at=timezone.now()
        )
    return result


def _reset(smtp) -> None:
    """After a refusal the SMTP session may be mid-transaction: start it over."""
    try:
        smtp.close()
    except Exception:  # noqa: S110
        pass
    try:
        smtp.open()
    except Exception as error:
        logger.warning("SMTP reconnect failed: %s", error)


def _record_failure(delivery: Delivery, error: Exception, result: BatchResult) -> None:
    delivery.last_error = f"{type(error).__name__}: {error}"[:500]
    if is_permanent(error) or delivery.attempts >= max_attempts():
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
        result.failed += 1
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = timezone.now() + retry_delay(delivery.attempts)
        result.retrying += 1
    delivery.save(update_fields=["status", "next_attempt_at", "last_error"])


def next_due_at(newsletter_id: int):
    """When the earliest open delivery of the newsletter may be tried again (None: none open)."""
    return Delivery.objects.filter(
        newsletter_id=newsletter_id,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
    ).aggregate(at=Min("next_attempt_at"))["at"]
