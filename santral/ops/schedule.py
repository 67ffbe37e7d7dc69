"""One schedule of periodic work that any number of machines may run at once.

Each job has a period (every N minutes, counted from midnight Europe/Istanbul, or once a day
from a given hour). Every scheduler process, on every machine, calls `run_due()` about once
a minute. For each job it tries to insert `ScheduledRun(job, period)`; the unique constraint
lets exactly one insert succeed per period, on SQLite and PostgreSQL alike, and the process
whose insert succeeded enqueues the job's task in the same transaction. The task itself
runs on whichever `db_worker` takes it. A period that every scheduler missed (all machines
down) is not caught up: the next period runs as usual, and every job is written so that a
run does all the work that is due (harvest_due_sources, send_resource_reminders, …).
"""

import datetime
import logging
import os
import socket
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from santral.core.request_id import reset_request_id, set_request_id

from .models import ScheduledRun

logger = logging.getLogger("santral.scheduler")


@dataclass(frozen=True)
class Job:
    name: str
    task: str  # dotted path of a Tasks API task taking no arguments
    every_minutes: int = 0  # > 0: every N minutes
    daily_at_hour: int | None = None  # else: once a day, from this hour (Europe/Istanbul)

    def period(self, now: datetime.datetime) -> str | None:
        """The key of the period `now` falls in, or None before a daily job's hour."""
        local = timezone.localtime(now)
        if self.every_minutes:
            minute_of_day = local.hour * 60 + local.minute
            start = minute_of_day - minute_of_day % self.every_minutes
            return f"{local:%Y-%m-%d}T{start // 60:02d}:{start % 60:02d}"
        if self.daily_at_hour is not None and local.hour >= self.daily_at_hour:
            return f"{local:%Y-%m-%d}"
        return None


def jobs() -> list[Job]:
    return [Job(**entry) for entry in settings.SANTRAL_SCHEDULE]


def _scheduler_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:128]


def run_due(now: datetime.datetime | None = None) -> list[ScheduledRun]:
    """Claim and enqueue every job whose current period has not run yet; the claimed runs."""
    now = now or timezone.now()
    claimed = []
    for job in jobs():
        period = job.period(now)
        if period is None:
            continue
        token = set_request_id(f"sched-{job.name}-{period}".replace(":", ""))
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(
                    job=job.name, period=period, claimed_by=_scheduler_id()
                )
                result = import_string(job.task).enqueue()
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another scheduler claimed this period
        except Exception:
            # The claim rolled back with the failed enqueue: the next look tries again, and
            # one broken job never stops the others.
            logger.exception("Zamanlanmış iş kuyruğa eklenemedi: %s (%s)", job.name, period)
            continue
        finally:
            reset_request_id(token)
        logger.info("Zamanlanmış iş kuyruğa eklendi: %s (%s) → %s", job.name, period, run.task_id)
        claimed.append(run)
    return claimed
