"""Prometheus metrics at /metrics: requests, latency, queries, cache hits, the task queue.

Request metrics are counted by MetricsMiddleware (the outermost middleware) in each process;
the task queue's depth and age are read from the database when Prometheus scrapes. Under
gunicorn set PROMETHEUS_MULTIPROC_DIR to an empty directory per start (deploy/) so that the
workers' values are added up; without it each worker answers for itself.

/metrics answers only addresses in METRICS_ALLOWED_IPS or a request with
`Authorization: Bearer $METRICS_TOKEN`; everyone else gets 404.
"""

import hmac
import os
import time
from contextlib import ExitStack

from django.conf import settings
from django.db import connections
from django.db.models import Count, Min, Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import TaskResultStatus
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "santral_http_requests_total",
    "HTTP requests answered, by method, view and status code.",
    ["method", "view", "status"],
)
LATENCY = Histogram(
    "santral_http_request_duration_seconds",
    "Time to answer a request, by view.",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
QUERIES = Histogram(
    "santral_db_queries_per_request",
    "SQL queries run while answering one request.",
    buckets=(0, 1, 2, 5, 10, 20, 50, 100, 200),
)
QUERIES_TOTAL = Counter(
    "santral_db_queries_total", "SQL queries run by requests, by database alias.", ["alias"]
)


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"
    return match.view_name or "unnamed"


class _QueryCounter:
    def __init__(self, alias: str):
        self.alias = alias
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/metrics":
            return self.get_response(request)
        started = time.perf_counter()
        counters = [_QueryCounter(alias) for alias in connections]
        with ExitStack() as stack:
            for counter in counters:
                stack.enter_context(connections[counter.alias].execute_wrapper(counter))
            response = self.get_response(request)
        view = _view_name(request)
        LATENCY.labels(view=view).observe(time.perf_counter() - started)
        REQUESTS.labels(method=request.method, view=view, status=str(response.status_code)).inc()
        QUERIES.observe(sum(counter.count for counter in counters))
        for counter in counters:
            if counter.count:
                QUERIES_TOTAL.labels(alias=counter.alias).inc(counter.count)
        return response


class TaskQueueCollector:
    """Ready tasks per queue and how long the oldest has waited, read at scrape time."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        depth = GaugeMetricFamily(
            "santral_task_queue_depth", "Tasks ready to run, by queue.", labels=["queue"]
        )
        age = GaugeMetricFamily(
            "santral_task_queue_oldest_age_seconds",
            "Seconds the oldest ready task has been waiting, by queue.",
            labels=["queue"],
        )
        running = GaugeMetricFamily(
            "santral_task_running", "Tasks a worker is running now, by queue.", labels=["queue"]
        )
        now = timezone.now()
        rows = (
            DBTaskResult.objects.using("default")
            .filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
            .values("queue_name")
            .annotate(
                ready=Count("pk", filter=Q(status=TaskResultStatus.READY)),
                running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
                oldest=Min("enqueued_at", filter=Q(status=TaskResultStatus.READY)),
            )
        )
        queues = {
            queue: None
            for backend in settings.TASKS.values()
            for queue in backend.get("QUEUES", [])
        }
        seen = {row["queue_name"]: row for row in rows}
        for queue in sorted(set(queues) | set(seen)):
            row = seen.get(queue)
            depth.add_metric([queue], row["ready"] if row else 0)
            running.add_metric([queue], row["running"] if row else 0)
            oldest = row["oldest"] if row else None
            age.add_metric([queue], (now - oldest).total_seconds() if oldest else 0.0)
        yield depth
        yield age
        yield running


def metrics_allowed(request) -> bool:
    token = settings.SANTRAL_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        if hmac.compare_digest(header.removeprefix("Bearer ").encode(), token.encode()):
            return True
    return request.META.get("REMOTE_ADDR") in settings.SANTRAL_METRICS_ALLOWED_IPS


def render_metrics() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        process_part = generate_latest(registry)
    else:
        process_part = generate_latest(REGISTRY)
    queue_registry = CollectorRegistry()
    queue_registry.register(TaskQueueCollector())
    return process_part + generate_latest(queue_registry)


@never_cache
@require_safe
def metrics_view(request):
    if not metrics_allowed(request):
        raise Http404
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)
