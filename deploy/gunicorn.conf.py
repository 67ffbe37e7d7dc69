"""gunicorn settings from the environment: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

WEB_CONCURRENCY      worker processes (default: 2 × cores + 1, at most 8)
GUNICORN_THREADS     threads per worker (default 1: Santral's views are CPU-bound)
GUNICORN_BIND        address (default 127.0.0.1:8000; nginx or the load balancer in front)
GUNICORN_TIMEOUT     seconds a request may take before its worker is restarted (default 30)
GUNICORN_GRACEFUL_TIMEOUT  seconds to finish requests on restart (default 30)
GUNICORN_KEEPALIVE   seconds to keep an idle connection from the proxy (default 5)
GUNICORN_MAX_REQUESTS  restart a worker after this many requests (default 2000; 0 = never):
                     keeps memory flat over weeks
PROMETHEUS_MULTIPROC_DIR  set (deploy/santral-web.service) so /metrics adds up every worker
"""

import multiprocessing
import os
from pathlib import Path


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2 + 1, 8))
threads = _int("GUNICORN_THREADS", 1)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10 if max_requests else 0
# The proxy in front sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Request lines on stdout (the journal); the app's own JSON lines come from Django's logging.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
errorlog = "-"
# Each worker loads the app itself: a worker restarted by max_requests starts clean, and
# database connections (or pools) are never shared across fork.
preload_app = False
# Heartbeat files in memory, not on a disk that may stall (gunicorn docs, "Blocking OS calls").
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108


def on_starting(server):
    """Prometheus' per-process files from the previous run would be added to this one's."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)
        for stale in Path(directory).glob("*.db"):
            stale.unlink()


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
