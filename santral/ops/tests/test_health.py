"""/healthz and /readyz (acceptance: "/readyz answers 503 while PostgreSQL is stopped and 200
when it is back").

The suite shares its PostgreSQL server with other work, so the test does not stop it: it
adds a database alias that is the test database's own settings with the port of a server
that is not running (connection refused: exactly what a stopped PostgreSQL gives a client),
checks 503, then points the alias back at the running server ("started again") and checks
200. Each probe opens a fresh connection with the alias's settings, as it does in
production. On SQLite the stopped server is a database file in a folder that does not exist.
"""

import socket

import pytest
from django.db import connections
from django.test import override_settings


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nobody listens once the probe is closed


@pytest.fixture
def second_database(tmp_path):
    """A second alias `standby`; yields (stop, start) to make its server go and come back."""
    real = dict(connections["default"].settings_dict)
    if real["ENGINE"].endswith("sqlite3"):
        real["NAME"] = str(tmp_path / "standby.sqlite3")
        stopped = {**real, "NAME": str(tmp_path / "missing" / "standby.sqlite3")}
    else:
        stopped = {**real, "HOST": "127.0.0.1", "PORT": str(closed_port())}
    connections.settings["standby"] = dict(real)

    def point(values):
        connections.settings["standby"].update(values)

    try:
        yield lambda: point(stopped), lambda: point(real)
    finally:
        del connections.settings["standby"]


@pytest.mark.django_db
def test_readyz_is_503_while_the_database_is_stopped_and_200_when_back(client, second_database):
    stop, start = second_database
    assert client.get("/readyz").status_code == 200

    stop()
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["ready"] is False
    assert body["checks"]["database:standby"].startswith("error")
    assert body["checks"]["database:default"] == "ok"
    # The process itself is fine: the load balancer must not restart it.
    assert client.get("/healthz").status_code == 200

    start()
    response = client.get("/readyz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["database:standby"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_unreachable(client):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache:default"].startswith("error")
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_is_503_when_the_media_disk_is_unusable(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.MEDIA_ROOT = str(blocker / "media")  # a folder under a file cannot exist
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"].startswith("error")


def test_healthz_touches_nothing(client):
    # No database marker: a query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_probes_are_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200
    assert client.get("/robots.txt").status_code == 301
