"""Production: everything sensitive comes from the environment; refuses to start without it."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY ortam değişkeni tanımlı olmalı (production).")
if DEBUG:
    raise ImproperlyConfigured("DEBUG production ayarlarıyla açılamaz.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")
# One JSON object per line for the journal and log collectors; LOG_FORMAT=text for humans.
if os.environ.get("LOG_FORMAT", "json") == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
# Uploads: S3-compatible storage when S3_BUCKET is set (base.py), else MEDIA_ROOT, which on
# several web nodes must be one shared disk (NFS, CephFS) mounted at the same path.
# Static files: `manage.py collectstatic --noinput` at every deploy, before the workers start
# (docs/deploy.md); WhiteNoise serves them from STATIC_ROOT with far-future cache headers.
