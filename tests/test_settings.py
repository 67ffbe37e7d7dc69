"""Settings come from the environment and production is safe by default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE is set by the browser fixture for the rest of the session.
    hidden = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in hidden}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 20 + "a-long-random-production-key-0123456789!",
        ALLOWED_HOSTS="santral.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_debug_is_off_unless_set():
    from config.settings import base

    assert base.env_bool("SANTRAL_SURELY_UNSET_VARIABLE") is False
    assert base.DEBUG is (os.environ.get("DEBUG", "").lower() in {"1", "true", "yes", "on"})


def test_time_zone_and_languages(settings):
    assert settings.TIME_ZONE == "Europe/Istanbul"
    assert settings.LANGUAGE_CODE == "tr"
    assert [code for code, _ in settings.LANGUAGES] == ["tr", "en", "ar"]


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite-only setting; this run uses PostgreSQL")
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from config.settings.base import DATABASES

    options = DATABASES["default"]["OPTIONS"]
    assert options["timeout"] >= 5
    settings_dict = {**connection.settings_dict, "NAME": str(tmp_path / "wal.sqlite3")}
    settings_dict["OPTIONS"] = options
    wrapper = DatabaseWrapper(settings_dict)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        wrapper.close()


def test_uploads_go_to_s3_compatible_storage_when_a_bucket_is_named(tmp_path):
    code = (
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__module__, s.bucket_name, s.endpoint_url)"
    )
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        code,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 's3.sqlite3'}",
        S3_BUCKET="santral-uploads",
        S3_ENDPOINT_URL="http://127.0.0.1:9000",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "storages.backends.s3",
        "santral-uploads",
        "http://127.0.0.1:9000",
    ]
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.files.storage import storages; print(type(storages['default']).__name__)",
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{tmp_path / 'disk.sqlite3'}",
    )
    assert result.stdout.strip() == "FileSystemStorage"
