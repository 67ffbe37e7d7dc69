"""The production task path: tasks become rows of django_tasks_db and `db_worker` runs them.

These tests commit for real (transaction=True) because the worker takes its rows in
transactions of its own, as it does on a server.
"""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from santral.outreach.factories import SubscriberFactory, TopicFactory
from santral.outreach.models import Delivery, DeliveryStatus, Newsletter, NewsletterStatus
from santral.outreach.services import newsletter_queue, newsletter_save, subscription_request
from santral.outreach.tasks import send_confirmation_email

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}


def run_worker() -> None:
    call_command(
        "db_worker",
        "--batch",
        "--queue-name",
        "*",
        "--no-startup-delay",
        "--interval",
        "0",
        "--no-reload",
        verbosity=0,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_goes_through_the_database_and_the_worker(cast, smtp_server, settings):
    settings.TASKS = DATABASE_TASKS
    topic = TopicFactory(council=cast.council_a)
    subscriber = subscription_request(
        council=cast.council_a, email="kuyruk@ornek.test", topics=[topic], consent_given=True
    )
    # Committed: the confirmation mail is a row waiting for a worker, not yet sent.
    row = DBTaskResult.objects.get()
    assert row.status == "READY" and row.queue_name == "email"
    assert row.task_path == "santral.outreach.tasks.send_confirmation_email"
    assert smtp_server.received == []

    run_worker()

    row.refresh_from_db()
    assert row.status == "SUCCESSFUL", row.traceback
    assert [item.to for item in smtp_server.received] == [["kuyruk@ornek.test"]]
    assert subscriber.confirm_token in smtp_server.received[0].text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_newsletter_retry_runs_through_the_worker(cast, smtp_server, settings):
    settings.TASKS = DATABASE_TASKS
    topic = TopicFactory(council=cast.council_a)
    for number in range(3):
        SubscriberFactory(council=cast.council_a, email=f"k{number}@ornek.test", topics=[topic])
    settings.SANTRAL_NEWSLETTER_BATCH_SIZE = 2  # two batches
    smtp_server.refuse_next = 1  # the first message is refused once
    newsletter = newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(council=cast.council_a, topic=topic, subject="Kuyruk", body="B"),
    )
    newsletter_queue(actor=cast.editor_a, newsletter=newsletter)
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    run_worker()

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert DBTaskResult.objects.count() >= 2  # the follow-up batch was a task of its own
    deliveries = Delivery.objects.filter(newsletter=newsletter).order_by("id")
    assert [d.status for d in deliveries] == [DeliveryStatus.SENT] * 3
    assert [d.attempts for d in deliveries] == [2, 1, 1]
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT
    assert sorted(address for item in smtp_server.received for address in item.to) == [
        "k0@ornek.test",
        "k1@ornek.test",
        "k2@ornek.test",
    ]


def test_immediate_backend_cannot_wait_and_says_so(
    cast, smtp_server, settings, db, caplog, django_capture_on_commit_callbacks
):
    """With a backend that cannot defer, a retry that must wait stays in the log as 'retrying'."""
    settings.SANTRAL_NEWSLETTER_RETRY_SECONDS = [600]
    topic = TopicFactory(council=cast.council_a)
    SubscriberFactory(council=cast.council_a, email="bekle@ornek.test", topics=[topic])
    smtp_server.refuse_next = 1
    newsletter = newsletter_save(
        actor=cast.editor_a,
        newsletter=Newsletter(council=cast.council_a, topic=topic, subject="S", body="B"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        newsletter_queue(actor=cast.editor_a, newsletter=newsletter)
    delivery = Delivery.objects.get(newsletter=newsletter)
    assert delivery.status == DeliveryStatus.RETRYING and delivery.next_attempt_at
    assert "defer" in caplog.text


def test_confirmation_task_is_a_no_op_without_pending_topics(cast, db):
    subscriber = SubscriberFactory(council=cast.council_a)
    assert send_confirmation_email.call(subscriber.pk) is False
