"""The production profile: gunicorn from the environment, pooled connections, JSON logs."""

import json
import logging
import runpy
from pathlib import Path

import pytest
from django.db import connection

from config.settings.databases import database_from_url, parse_pool
from santral.core.logjson import JsonFormatter
from santral.core.request_id import reset_request_id, set_request_id

ROOT = Path(__file__).resolve().parents[3]


def test_gunicorn_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["workers"] == 5
    assert config["timeout"] == 45
    assert config["bind"] == "0.0.0.0:9000"
    assert config["preload_app"] is False
    monkeypatch.delenv("WEB_CONCURRENCY")
    assert 1 <= runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["workers"] <= 8


def test_pool_setting():
    assert parse_pool("") is None and parse_pool("0") is None
    assert parse_pool("2:8") == {"min_size": 2, "max_size": 8, "timeout": 10}
    assert parse_pool("on")["max_size"] >= 1
    with pytest.raises(ValueError):
        parse_pool("8:2")


def test_postgresql_pools_or_keeps_connections():
    url = "postgres://santral@db.internal:5432/santral"
    kept = database_from_url(url)
    assert kept["CONN_MAX_AGE"] == 60 and kept["CONN_HEALTH_CHECKS"] is True
    assert "pool" not in kept.get("OPTIONS", {})
    pooled = database_from_url(url, pool="2:8")
    # Django refuses persistent connections together with a pool.
    assert pooled["CONN_MAX_AGE"] == 0
    assert pooled["OPTIONS"]["pool"]["max_size"] == 8
    sqlite = database_from_url("sqlite:////tmp/x.sqlite3", pool="2:8")
    assert "pool" not in sqlite["OPTIONS"] and sqlite["CONN_MAX_AGE"] == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg pool: PostgreSQL")
@pytest.mark.django_db
def test_a_pooled_connection_answers():
    from django.db.backends.postgresql.base import DatabaseWrapper

    settings_dict = {
        **connection.settings_dict,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "OPTIONS": {"pool": {"min_size": 1, "max_size": 2, "timeout": 5}},
    }
    wrapper = DatabaseWrapper(settings_dict, alias="pooled")
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
        assert wrapper.pool is not None
    finally:
        wrapper.close()
        wrapper.close_pool()


def test_json_log_lines_carry_the_request_id():
    record = logging.makeLogRecord(
        {
            "name": "santral.test",
            "levelname": "INFO",
            "levelno": 20,
            "msg": "Bütçe %s",
            "args": ("açıldı",),
        }
    )
    token = set_request_id("abc123def456")
    try:
        line = json.loads(JsonFormatter().format(record))
    finally:
        reset_request_id(token)
    assert line["message"] == "Bütçe açıldı"
    assert line["request_id"] == "abc123def456"
    assert line["level"] == "INFO" and line["logger"] == "santral.test"
