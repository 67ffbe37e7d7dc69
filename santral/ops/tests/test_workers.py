"""Several workers never run a task twice (acceptance: "two worker processes on PostgreSQL,
500 tasks, each run exactly once").

Two real `manage.py db_worker` processes share the test database. The 500 tasks are enqueued
first with a run_after far ahead, and made due only once both workers have started, so the
two race for every task. Each run appends the task's number to one file.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from santral.ops.tests.probe_tasks import probe

ROOT = Path(__file__).resolve().parents[3]
TASKS = 500

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SKIP LOCKED workers: PostgreSQL round only"
)


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_run_500_tasks_each_exactly_once(tmp_path):
    runs = tmp_path / "runs.txt"
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    logs = [tmp_path / f"worker-{n}.log" for n in (1, 2)]
    workers = []
    for number, log in enumerate(logs, start=1):
        with log.open("w") as handle:
            workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        str(ROOT / "manage.py"),
                        "db_worker",
                        "--backend",
                        "database",
                        "--queue-name",
                        "*",
                        "--interval",
                        "0.05",
                        "--no-startup-delay",
                        "--no-reload",
                        "--worker-id",
                        f"worker-{number}",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=handle,
                    stderr=subprocess.STDOUT,
                )
            )
    try:
        # Enqueued while the workers start up; due only once both are polling.
        later = timezone.now() + timezone.timedelta(days=1)
        for number in range(TASKS):
            probe.using(backend="database", run_after=later).enqueue(str(runs), number)
        wait_for(
            lambda: all("Starting worker" in log.read_text() for log in logs), 60, "both workers"
        )
        DBTaskResult.objects.update(run_after=timezone.now() - timezone.timedelta(seconds=1))
        wait_for(
            lambda: (
                not DBTaskResult.objects.filter(
                    status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
                ).exists()
            ),
            60,
            "the queue to empty",
        )
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)

    numbers = [int(line) for line in runs.read_text().split()]
    assert len(numbers) == TASKS, "a task ran twice or not at all"
    assert sorted(numbers) == list(range(TASKS))
    rows = list(DBTaskResult.objects.values_list("status", "worker_ids"))
    assert {status for status, _ in rows} == {TaskResultStatus.SUCCESSFUL}
    assert all(len(worker_ids) == 1 for _, worker_ids in rows)
    shares = {
        worker: sum(ids == [worker] for _, ids in rows) for worker in ("worker-1", "worker-2")
    }
    # Both took part (the race was real), and their shares add up to the 500.
    assert all(share > 0 for share in shares.values()), shares
    assert sum(shares.values()) == TASKS
