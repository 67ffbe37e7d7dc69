"""What reaches the console: each record once (issue 19: every 404 was printed twice)."""

import io
import logging

import pytest


@pytest.fixture
def console_lines():
    """Point every console handler a `django.request` record passes through at a buffer."""
    buffers, swapped = [], []
    logger = logging.getLogger("django.request")
    while logger is not None:
        for handler in logger.handlers:
            if type(handler) is logging.StreamHandler:  # pytest's own handlers are subclasses
                buffer = io.StringIO()
                swapped.append((handler, handler.setStream(buffer)))
                buffers.append(buffer)
        logger = logger.parent if logger.propagate else None
    yield lambda: [line for buffer in buffers for line in buffer.getvalue().splitlines()]
    for handler, stream in swapped:
        handler.setStream(stream)


@pytest.mark.django_db
def test_a_404_is_logged_once(client, settings, caplog, console_lines):
    settings.DEBUG = True  # as under `make run`: Django's own console handler spoke only then

    with caplog.at_level(logging.WARNING):
        response = client.get("/yok-boyle-bir-sayfa/")

    assert response.status_code == 404
    assert [record.name for record in caplog.records] == ["django.request"]
    printed = [line for line in console_lines() if "Not Found: /yok-boyle-bir-sayfa/" in line]
    assert len(printed) == 1, printed
    assert "WARNING django.request" in printed[0]  # our format, with the request id


def test_runserver_request_lines_keep_their_own_handler():
    """Emptying the "django" logger's handlers resets its children; runserver's request lines
    ("GET / HTTP/1.1" 200) still print once, in Django's own format."""
    from django.utils.log import ServerFormatter

    server = logging.getLogger("django.server")
    assert server.propagate is False
    own = [handler for handler in server.handlers if type(handler) is logging.StreamHandler]
    assert [type(handler.formatter) for handler in own] == [ServerFormatter]
