"""Acceptance (issue 19, "a first run that reassures"): the demo starts as `make run` starts it.

A fresh SQLite file, `migrate`, `load_demo`, then the task worker until its queue is empty,
each in its own process with the settings `make run` uses (manage.py's default,
config.settings.dev): tests/demo_build.py, the build every browser test serves a copy of
(`make test` builds it once for both rounds). The test fails on any traceback in any output
(the worker's log file included) and on any task left FAILED in the database.
"""

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.demo_build import DATABASE, built_site

BASE_DIR = Path(__file__).resolve().parent.parent


def test_make_run_starts_without_a_traceback_or_a_failed_task(demo_site):
    folder, outputs = demo_site
    with_traceback = {name: text for name, text in outputs.items() if "Traceback" in text}
    assert not with_traceback, "\n\n".join(
        f"== {name} ==\n{text[max(0, text.index('Traceback') - 400) :][:4000]}"
        for name, text in with_traceback.items()
    )
    # The worker's routine lines go to its log file, not to the console beside the server.
    assert "state=SUCCESSFUL" not in outputs["db_worker"]
    assert "state=SUCCESSFUL" in outputs.get("var/log/worker.log", "")

    database = sqlite3.connect(f"file:{built_site(folder) / DATABASE}?mode=ro", uri=True)
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
