"""Periodic upkeep enqueued by the schedule (santral/ops/schedule.py, docs/deploy.md)."""

import datetime
import logging

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from santral.outreach.models import Delivery, DeliveryStatus
from santral.outreach.tasks import send_newsletter_batch

from .models import ScheduledRun, TaskOrigin

logger = logging.getLogger("santral.scheduler")


@task()
def resume_newsletters() -> list[int]:
    """Queue a batch for every newsletter with deliveries due and no batch waiting.

    A newsletter's batches normally chain themselves (send_newsletter_batch enqueues its
    follow-up); a worker killed between two batches breaks the chain, and this puts it back.
    """
    now = timezone.now()
    due = set(
        Delivery.objects.filter(
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
        )
        .exclude(next_attempt_at__gt=now)
        .values_list("newsletter_id", flat=True)
        .distinct()
    )
    if not due:
        return []
    waiting = DBTaskResult.objects.filter(
        task_path=send_newsletter_batch.module_path,
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).values_list("args_kwargs", flat=True)
    for args_kwargs in waiting:
        args = (args_kwargs or {}).get("args") or []
        if args:
            due.discard(args[0])
    for newsletter_id in sorted(due):
        send_newsletter_batch.enqueue(newsletter_id)
    return sorted(due)


@task()
def search_index_upkeep() -> str:
    """Keep the search index quick after a day of small writes: merge SQLite's FTS segments,
    refresh PostgreSQL's planner statistics of the index tables."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE search_searchdocument")
        else:
            cursor.execute("ANALYZE search_searchdocument")
            cursor.execute("ANALYZE search_searchterm")
    return connection.vendor


@task()
def prune_finished_work() -> dict[str, int]:
    """Forget finished task rows, their origins and old schedule claims after N days."""
    cutoff = timezone.now() - datetime.timedelta(days=settings.SANTRAL_TASK_RESULT_DAYS)
    tasks, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    origins, _ = TaskOrigin.objects.filter(enqueued_at__lt=cutoff).delete()
    runs, _ = ScheduledRun.objects.filter(claimed_at__lt=cutoff).delete()
    return {"tasks": tasks, "origins": origins, "runs": runs}
