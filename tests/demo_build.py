"""The demo site as `make run` builds it, built once per `make test` and shared.

`make run` on a fresh machine: a new SQLite file, `migrate`, `load_demo`, then the task worker
(here `--batch`: until its queue is empty). Two kinds of test need exactly that: the first-run
test (issue 19) reads the build's output for tracebacks and failed tasks, and every browser
test serves a copy of the built site (tests/browser/conftest.py: `live_site`).

Migrating a fresh database alone takes half a minute of CPU (Django renders every migration's
model state), so the build is done once: `make test` names a folder in SANTRAL_DEMO_BUILD
that both rounds share, the first round to need the build makes it under a file lock and the
other waits for it. Without SANTRAL_DEMO_BUILD (pytest run by hand) each pytest session
builds its own in a temporary folder.

The template is never served: each live site copies the database (SQLite's backup API) and
the media files into its own folder, so a journey's writes stay in its round.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "santral.sqlite3"
_OUTPUTS = "outputs.json"

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
    "EMAIL_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SANTRAL_DEMO_BUILD",
}


def make_run_environment(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment `make run` gives manage.py, with its var/ folder at `var_dir`."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env["SANTRAL_VAR_DIR"] = str(var_dir)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def _manage(var_dir: Path, *args: str, timeout: int) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=make_run_environment(var_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} ended with {done.returncode}:\n{output}")
    return output


def _build(folder: Path) -> dict[str, str]:
    outputs = {
        "migrate": _manage(folder, "migrate", "--no-input", timeout=600),
        "load_demo": _manage(folder, "load_demo", timeout=600),
        # `make run` keeps the worker running beside the server; --batch runs the same
        # worker until the queue is empty and then stops.
        "db_worker": _manage(
            folder,
            "db_worker",
            "--queue-name",
            "*",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            timeout=300,
        ),
    }
    for log_file in sorted((folder / "log").glob("*.log")):
        outputs[f"var/log/{log_file.name}"] = log_file.read_text(encoding="utf-8")
    return outputs


def demo_build(folder: Path) -> dict[str, str]:
    """Build the demo in `folder` unless a build is there; return the commands' outputs."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other round waits here while one builds
        done = folder / _OUTPUTS
        if not done.exists():
            outputs = _build(folder / "site")
            done.write_text(json.dumps(outputs), encoding="utf-8")
        return json.loads(done.read_text(encoding="utf-8"))


def built_site(folder: Path) -> Path:
    """The var/ folder of the build: the database, media/ and log/."""
    return folder / "site"


def copy_site(folder: Path, target: Path) -> None:
    """A private copy of the built site (database and media) in `target`, ready to serve."""
    source = built_site(folder)
    target.mkdir(parents=True, exist_ok=True)
    built, copy = sqlite3.connect(source / DATABASE), sqlite3.connect(target / DATABASE)
    try:
        built.backup(copy)
    finally:
        built.close()
        copy.close()
    if (source / "media").exists():
        shutil.copytree(source / "media", target / "media", dirs_exist_ok=True)
