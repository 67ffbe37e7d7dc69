"""Local development: `make run`. DEBUG on, a throw-away key, e-mail to the console."""

import os

os.environ.setdefault("DEBUG", "1")

from .base import *

SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-use-in-production"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"

# `make run`: the task worker's routine lines (a RUNNING and a SUCCESSFUL line per task,
# hundreds after load_demo) go to var/log/worker.log; its warnings and errors (a failed
# task with its traceback) still reach the console beside the server's own output.
LOG_DIR = VAR_DIR / "log"
LOG_DIR.mkdir(parents=True, exist_ok=True)
LOGGING["handlers"]["worker_file"] = {
    "class": "logging.FileHandler",
    "filename": str(LOG_DIR / "worker.log"),
    "encoding": "utf-8",
    "delay": True,  # created by the first line the worker writes, not by every command
    "filters": ["request_id"],
    "formatter": "with_request_id",
}
LOGGING["handlers"]["console_problems"] = {
    "class": "logging.StreamHandler",
    "level": "WARNING",
    "filters": ["request_id"],
    "formatter": "with_request_id",
}
for _worker_logger in ("django_tasks", "django_tasks_db"):
    LOGGING["loggers"][_worker_logger] = {
        "handlers": ["worker_file", "console_problems"],
        "propagate": False,
    }
