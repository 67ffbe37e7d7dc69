"""Acceptance (issue 19, "a first run that reassures"): the demo starts as `make run` starts it.

A fresh SQLite file, `migrate`, `load_demo`, then the task worker until its queue is empty,
each in its own process with the settings `make run` uses (manage.py's default,
config.settings.dev). The run fails on any traceback in any output (the worker's log file
included) and on any task left FAILED in the database.

The commands use their own SQLite file, so the test runs in the SQLite round only; the
PostgreSQL round (DATABASE_URL set) skips it rather than run the same thing twice.
"""

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent

sqlite_round_only = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="starts the demo on its own SQLite file; runs in the SQLite round only",
)

# What pytest (or the caller's shell) set that `make run` does not.
NOT_INHERITED = {
    "DATABASE_URL",
    "DJANGO_SETTINGS_MODULE",
    "SANTRAL_VAR_DIR",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "CACHE_URL",
    "TASKS_BACKEND",
    "DEBUG",
    "LOG_LEVEL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _manage(var_dir: Path, *args: str, timeout: int) -> str:
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env["SANTRAL_VAR_DIR"] = str(var_dir)
    env["PYTHONUNBUFFERED"] = "1"
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = done.stdout + done.stderr
    command = " ".join(args)
    assert done.returncode == 0, f"manage.py {command} ended with {done.returncode}:\n{output}"
    return output


@sqlite_round_only
def test_make_run_starts_without_a_traceback_or_a_failed_task(tmp_path):
    outputs = {
        "migrate": _manage(tmp_path, "migrate", "--no-input", timeout=600),
        "load_demo": _manage(tmp_path, "load_demo", timeout=600),
        # `make run` keeps the worker running beside the server; --batch runs the same
        # worker until the queue is empty and then stops.
        "db_worker": _manage(
            tmp_path,
            "db_worker",
            "--queue-name",
            "*",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            timeout=300,
        ),
    }
    for log_file in sorted((tmp_path / "log").glob("*.log")):
        outputs[f"var/log/{log_file.name}"] = log_file.read_text(encoding="utf-8")

    with_traceback = {name: text for name, text in outputs.items() if "Traceback" in text}
    assert not with_traceback, "\n\n".join(
        f"== {name} ==\n{text[max(0, text.index('Traceback') - 400) :][:4000]}"
        for name, text in with_traceback.items()
    )
    # The worker's routine lines go to its log file, not to the console beside the server.
    assert "state=SUCCESSFUL" not in outputs["db_worker"]
    assert "state=SUCCESSFUL" in outputs.get("var/log/worker.log", "")

    database = sqlite3.connect(tmp_path / "santral.sqlite3")
    try:
        ran = database.execute(
            "SELECT status, COUNT(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
        ).fetchall()
        failed = database.execute(
            "SELECT task_path, args_kwargs, exception_class_path "
            "FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'"
        ).fetchall()
    finally:
        database.close()
    assert dict(ran).get("SUCCESSFUL", 0) > 0, f"the worker ran nothing: {ran}"
    assert failed == [], f"failed tasks: {failed}"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_run_says_which_step_it_is_on(tmp_path):
    """The first install took a silent minute: each phase now prints its step, and pip
    prints its own progress (no --quiet on the long install)."""
    done = subprocess.run(
        ["make", "-n", "run", f"VENV={tmp_path / 'venv'}"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    steps = [line for line in lines if line.startswith('echo "') and "/4 " in line]
    assert [step[6:9] for step in steps] == ["1/4", "1/4", "2/4", "3/4", "4/4"], steps
    install = next(line for line in lines if "pip install" in line and "requirements.lock" in line)
    assert "--quiet" not in install
    assert "worker.log" in done.stdout
