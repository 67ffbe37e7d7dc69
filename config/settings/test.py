"""pytest: the database comes from DATABASE_URL (SQLite unless set)."""

import os

from .base import *

SECRET_KEY = "test-only-insecure-key"  # noqa: S105 (tests only)
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
# One folder per database round: `make test` runs both rounds at once, and tests that list
# the files they stored must not see the other round's files.
MEDIA_ROOT = VAR_DIR / ("test-media-pg" if os.environ.get("DATABASE_URL") else "test-media")
# Serve static files from the app folders: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = ":memory:"
# Tasks run at once in tests; the "database" alias is the production backend, used by the
# tests that go through the worker (santral/outreach/tests/test_tasks.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "email"],
    },
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}
SANTRAL_NEWSLETTER_RETRY_SECONDS = [0, 0, 0]
# Tests change rows with QuerySet.update() and read pages at once; the page cache has its
# own tests (santral/core/tests/test_page_cache.py), which switch it on.
SANTRAL_PAGE_CACHE_SECONDS = 0
# The suite calls the API far more often than a client may; the throttle tests set low
# rates with override_settings (santral/api/tests/test_limits.py).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/min", "user": "100000/min"},
}
# The harvesting tests run their feeds on 127.0.0.1 (santral/federation/tests/loopback.py);
# the refusal tests switch this off again. Private and link-local addresses stay refused.
SANTRAL_HARVEST_ALLOW_LOOPBACK = True
