"""/metrics: restricted, and counts requests, latency, queries, cache hits and the queue."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from santral.ops.tests.probe_tasks import probe


def sample(text: str, name: str, **labels) -> float | None:
    """The value of one sample of the exposition text, None when absent."""
    want = ",".join(f'{key}="{value}"' for key, value in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        series, _, value = line.rpartition(" ")
        if series == (f"{name}{{{want}}}" if want else name):
            return float(value)
    return None


@pytest.mark.django_db
def test_metrics_are_refused_without_the_token_or_an_allowed_address(client, settings):
    settings.SANTRAL_METRICS_TOKEN = "s3cret-token-for-prometheus"
    settings.SANTRAL_METRICS_ALLOWED_IPS = []
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus")
    assert ok.status_code == 200
    settings.SANTRAL_METRICS_TOKEN = ""
    settings.SANTRAL_METRICS_ALLOWED_IPS = ["127.0.0.1"]  # the test client's REMOTE_ADDR
    assert client.get("/metrics").status_code == 200


@pytest.mark.django_db
def test_requests_queries_cache_and_queue_are_counted(client, settings):
    settings.SANTRAL_METRICS_ALLOWED_IPS = ["127.0.0.1"]
    settings.SANTRAL_PAGE_CACHE_SECONDS = 60
    before = client.get("/metrics").content.decode()
    requests_before = (
        sample(before, "santral_http_requests_total", method="GET", view="healthz", status="200")
        or 0
    )
    queries_before = sample(before, "santral_db_queries_total", alias="default") or 0
    hits_before = sample(before, "santral_cache_lookups_total", kind="page", result="hit") or 0

    client.get("/healthz")
    client.get("/")  # Wagtail looks the site and the page up: queries on "default"
    anonymous = Client()
    anonymous.get("/erisilebilirlik/")
    anonymous.get("/erisilebilirlik/")  # the second is a page-cache hit
    # Two tasks waiting in the email queue, the older one enqueued 90 s ago.
    older = probe.using(backend="database", queue_name="email").enqueue("unused", 1)
    probe.using(backend="database", queue_name="email").enqueue("unused", 2)
    DBTaskResult.objects.filter(id=older.id).update(
        enqueued_at=timezone.now() - datetime.timedelta(seconds=90)
    )

    after = client.get("/metrics").content.decode()
    assert (
        sample(after, "santral_http_requests_total", method="GET", view="healthz", status="200")
        == requests_before + 1
    )
    assert sample(after, "santral_db_queries_total", alias="default") > queries_before
    assert (
        sample(after, "santral_cache_lookups_total", kind="page", result="hit") >= hits_before + 1
    )
    assert sample(after, "santral_http_request_duration_seconds_count", view="healthz") >= 1
    assert sample(after, "santral_task_queue_depth", queue="email") == 2
    assert 90 <= sample(after, "santral_task_queue_oldest_age_seconds", queue="email") < 200
    assert sample(after, "santral_task_queue_depth", queue="default") == 0
