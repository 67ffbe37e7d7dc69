"""One schedule, many schedulers (acceptance: "the shared schedule fires once per period with
two schedulers running")."""

import datetime
import threading
import uuid
import zoneinfo

import pytest
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from santral.ops.models import ScheduledRun
from santral.ops.schedule import Job, jobs, run_due

DATABASE_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}
ISTANBUL = zoneinfo.ZoneInfo("Europe/Istanbul")


def at(hour: int, minute: int, day: int = 7) -> datetime.datetime:
    return datetime.datetime(2026, 12, day, hour, minute, 30, tzinfo=ISTANBUL)


def test_periods():
    every_15 = Job(name="h", task="x", every_minutes=15)
    assert every_15.period(at(10, 14)) == "2026-12-07T10:00"
    assert every_15.period(at(10, 15)) == "2026-12-07T10:15"
    # Counted in Istanbul time whatever the server's clock says.
    assert every_15.period(at(10, 20).astimezone(datetime.UTC)) == "2026-12-07T10:15"
    daily = Job(name="r", task="x", daily_at_hour=8)
    assert daily.period(at(7, 59)) is None
    assert daily.period(at(8, 0)) == daily.period(at(23, 59)) == "2026-12-07"


def test_the_schedule_names_every_periodic_job(settings):
    names = {job.name for job in jobs()}
    assert names == {
        "resource_reminders",
        "newsletter_retries",
        "harvest",
        "search_upkeep",
        "prune",
        "privacy_retention",
        "erasure_reminders",
        "overdue_recommendations",
    }
    for job in jobs():
        # Every task path imports and is a Tasks API task.
        from django.utils.module_loading import import_string

        assert hasattr(import_string(job.task), "enqueue"), job.task


@pytest.mark.django_db
def test_two_schedulers_fire_each_job_once_per_period(settings):
    settings.TASKS = DATABASE_TASKS
    first = run_due(at(9, 1))
    second = run_due(at(9, 2))  # the other machine, a minute later, same periods
    assert {run.job for run in first} == {
        "resource_reminders",
        "newsletter_retries",
        "harvest",
        "search_upkeep",
        "prune",
        "privacy_retention",
        "erasure_reminders",
        "overdue_recommendations",
    }
    assert second == []
    assert DBTaskResult.objects.count() == len(jobs())
    assert set(DBTaskResult.objects.values_list("id", flat=True)) == {
        uuid.UUID(run.task_id) for run in first
    }

    # 09:05: a new 5-minute period; the 15-minute and daily jobs are still in theirs.
    assert [run.job for run in run_due(at(9, 5))] == ["newsletter_retries"]
    assert [run.job for run in run_due(at(9, 6))] == []
    assert sorted(run.job for run in run_due(at(9, 15))) == ["harvest", "newsletter_retries"]
    # The next day the daily jobs run again.
    assert {run.job for run in run_due(at(9, 0, day=8))} >= {"resource_reminders", "prune"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="threads need a shared server")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_at_the_same_instant_on_postgresql(settings):
    """Two schedulers in two threads, two connections, released at the same moment."""
    settings.TASKS = DATABASE_TASKS
    gate = threading.Barrier(2)
    claimed: list[list[ScheduledRun]] = []

    def scheduler():
        try:
            gate.wait(timeout=10)
            claimed.append(run_due(at(12, 0)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(claimed) == 2
    assert sorted(run.job for runs in claimed for run in runs) == sorted(j.name for j in jobs())
    assert ScheduledRun.objects.count() == len(jobs())
    assert DBTaskResult.objects.count() == len(jobs())


@pytest.mark.django_db
def test_run_scheduler_command_once(settings):
    from django.core.management import call_command

    settings.TASKS = DATABASE_TASKS
    settings.SANTRAL_SCHEDULE = [
        {
            "name": "harvest",
            "task": "santral.federation.tasks.harvest_due_sources",
            "every_minutes": 15,
        }
    ]
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    assert list(ScheduledRun.objects.values_list("job", flat=True)) == ["harvest"]
    assert DBTaskResult.objects.get().task_path == "santral.federation.tasks.harvest_due_sources"


@pytest.mark.django_db
def test_a_broken_job_neither_stops_the_others_nor_keeps_its_claim(settings, caplog):
    settings.TASKS = DATABASE_TASKS
    settings.SANTRAL_SCHEDULE = [
        {"name": "broken", "task": "santral.ops.tasks.no_such_task", "every_minutes": 5},
        {"name": "prune", "task": "santral.ops.tasks.prune_finished_work", "every_minutes": 5},
    ]
    assert [run.job for run in run_due(at(9, 0))] == ["prune"]
    assert list(ScheduledRun.objects.values_list("job", flat=True)) == ["prune"]
    assert "broken" in caplog.text
