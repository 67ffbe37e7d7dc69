"""The id of the request that enqueued a task reaches the worker's log lines."""

import logging

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory

from santral.core.middleware import RequestIdMiddleware
from santral.core.request_id import current_request_id
from santral.ops.models import TaskOrigin
from santral.ops.tests.probe_tasks import probe


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_logs_under_the_id_of_the_request_that_enqueued_it(tmp_path, caplog):
    runs = tmp_path / "runs.txt"

    def view(request):
        probe.using(backend="database").enqueue(str(runs), 7)
        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="req-0123456789")
    RequestIdMiddleware(view)(request)
    assert TaskOrigin.objects.get().request_id == "req-0123456789"
    assert current_request_id() == ""  # the request is over

    seen = []

    class Spy(logging.Handler):
        def emit(self, record):
            seen.append(current_request_id())

    spy = Spy()
    logging.getLogger("santral.tests.probe").addHandler(spy)
    logging.getLogger("santral.tests.probe").setLevel(logging.INFO)
    try:
        call_command(
            "db_worker",
            "--backend",
            "database",
            "--batch",
            "--queue-name",
            "*",
            "--no-startup-delay",
            "--interval",
            "0",
            "--no-reload",
            verbosity=0,
        )
    finally:
        logging.getLogger("santral.tests.probe").removeHandler(spy)
    assert runs.read_text() == "7\n"
    assert seen == ["req-0123456789"]
    assert current_request_id() == ""
