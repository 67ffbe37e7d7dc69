"""Settings shared by every environment; values that differ come from the environment.

No secret lives here: SECRET_KEY must come from the environment (dev and test set
their own throw-away key).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_email_url
import django_cache_url

from .databases import database_from_url, replica_from_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("SANTRAL_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "santral.core",
    "santral.councils",
    "santral.content",
    "santral.privacy",
    "santral.events",
    "santral.budget",
    "santral.partners",
    "santral.outreach",
    "santral.decisions",
    "santral.visuals",
    "santral.search",
    "santral.federation",
    "santral.opendata",
    "santral.api",
    "santral.ops",
    # Wagtail: content model and the back office
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts: sign-up, e-mail verification, password reset, TOTP
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # API
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's files, served from our own static files (the doc page uses no CDN).
    "drf_spectacular_sidecar",
    # Background work: Django's Tasks API (backport) with the database backend
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: counts every request and its time, whatever the others answer.
    "santral.ops.metrics.MetricsMiddleware",
    "santral.core.middleware.RequestIdMiddleware",
    # Before anything reads the database (sessions, the page cache's generation).
    "santral.ops.db_router.ReplicaRoutingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "santral.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "santral.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "santral.councils.middleware.SessionLimitsMiddleware",
    "santral.councils.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "santral.core.refusals.RefusedWriteAuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "santral.core.context_processors.site",
            ],
        },
    },
]

# Database: SQLite by default (no set-up), PostgreSQL in production and CI.
# DATABASE_POOL (e.g. "2:8") takes connections from a psycopg 3 pool instead of keeping one
# open per process; DATABASE_REPLICA_URL sends anonymous reads to a streaming replica
# (santral/ops/db_router.py, docs/deploy.md).
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'santral.sqlite3'}"
DATABASES = {
    "default": database_from_url(
        DATABASE_URL,
        pool=os.environ.get("DATABASE_POOL"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", 60)),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and not os.environ.get(
    "DATABASE_URL"
):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_ROUTERS: list[str] = []
# The alias anonymous public reads go to; None: everything reads from the primary.
SANTRAL_READ_REPLICA = None
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = replica_from_url(
        os.environ["DATABASE_REPLICA_URL"],
        primary=DATABASES["default"],
        pool=os.environ.get("DATABASE_POOL"),
    )
    SANTRAL_READ_REPLICA = "replica"
    DATABASE_ROUTERS = ["santral.ops.db_router.ReplicaRouter"]
# Seconds a browser keeps reading from the primary after a request of its own wrote.
SANTRAL_REPLICA_PIN_SECONDS = int(os.environ.get("SANTRAL_REPLICA_PIN_SECONDS", 15))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL", "locmem://")
CACHES = {"default": django_cache_url.parse(CACHE_URL)}
# Whole pages for visitors without cookies (santral/core/page_cache.py); 0 turns it off.
# A process-local cache cannot see another process's writes: keep its pages short-lived.
SANTRAL_PAGE_CACHE_SECONDS = int(
    os.environ.get("PAGE_CACHE_SECONDS", "30" if CACHE_URL.startswith("locmem") else "300")
)

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# allauth: e-mail is the login, verified before first use.
ACCOUNT_LOGIN_METHODS = {"email"}
# Members land in /hesabim/, not on the back office's "no access" (councils/account_adapter.py).
ACCOUNT_ADAPTER = "santral.councils.account_adapter.AccountAdapter"
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Santral] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Santral"
# Sessions (docs/security.md): staff sessions end after 30 minutes without a request and
# 12 hours after sign-in; everyone else's SESSION_COOKIE_AGE (14 days) after sign-in.
SANTRAL_STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("SANTRAL_STAFF_SESSION_IDLE_SECONDS", 1800))
SANTRAL_STAFF_SESSION_MAX_SECONDS = int(
    os.environ.get("SANTRAL_STAFF_SESSION_MAX_SECONDS", 12 * 3600)
)
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 14 * 24 * 3600))

# Internationalisation: Turkish is the source language and lives at "/".
LANGUAGE_CODE = "tr"
LANGUAGES = [
    ("tr", "Türkçe"),
    ("en", "English"),
    ("ar", "العربية"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Formats Django lacks for a language (Arabic date + time); docs/language.md.
FORMAT_MODULE_PATH = ["santral.formats"]
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "santral" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads on S3-compatible object storage (AWS, MinIO, Ceph …) when a bucket is named.
if os.environ.get("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["S3_BUCKET"],
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "querystring_auth": env_bool("S3_SIGNED_URLS", True),
            "file_overwrite": False,
        },
    }

_email = dj_email_url.parse(os.environ.get("EMAIL_URL", "console://"))
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
if EMAIL_BACKEND.endswith("filebased.EmailBackend"):
    # EMAIL_URL=file:///var/mail/santral writes each message to a file there (demo, tests);
    # dj-email-url drops the leading slash of the path, so it is read from the URL itself.
    EMAIL_FILE_PATH = urlsplit(os.environ["EMAIL_URL"]).path
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Santral <santral@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = "Santral"
# No avatar from gravatar.com: the back office makes no third-party request (the CSP would
# block it anyway) and sends nobody's e-mail hash abroad (docs/privacy.md).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the dashboard ask releases.wagtail.org for a newer Wagtail (upgrades are the
# operator's, docs/deploy.md).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_BASE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# One way in: the back office signs people in through allauth (password, then TOTP where the
# role needs it); Wagtail's own login and password-reset screens lead there.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt", "vtt"]

# API
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "santral.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # API limits (docs/security-input.md): JSON bodies of at most SANTRAL_API_MAX_BODY_BYTES
    # and SANTRAL_API_MAX_JSON_DEPTH levels; 429 with Retry-After above these rates, counted
    # in the `default` cache. Behind N reverse proxies set API_NUM_PROXIES=N so clients are
    # told apart by their real address (and cannot dodge the limit with X-Forwarded-For).
    "DEFAULT_PARSER_CLASSES": [
        "santral.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "santral.api.throttling.AnonRateThrottle",
        "santral.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON", "60/min"),
        "user": os.environ.get("API_THROTTLE_USER", "300/min"),
    },
    "NUM_PROXIES": int(os.environ["API_NUM_PROXIES"])
    if os.environ.get("API_NUM_PROXIES")
    else None,
}
SANTRAL_API_MAX_BODY_BYTES = int(os.environ.get("SANTRAL_API_MAX_BODY_BYTES", 1024 * 1024))
SANTRAL_API_MAX_JSON_DEPTH = int(os.environ.get("SANTRAL_API_MAX_JSON_DEPTH", 32))
SANTRAL_API_MAX_PAGE_SIZE = int(os.environ.get("SANTRAL_API_MAX_PAGE_SIZE", 100))
SPECTACULAR_SETTINGS = {
    "TITLE": "Santral API",
    "DESCRIPTION": "Public API of Santral, the information hub of Turkey's City Councils.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["santral.api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "santral.api.schema.document_common_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "santral.partners.models.OrganisationKind",
        "ProjectStatusEnum": "santral.partners.models.ProjectStatus",
        # Two choice sets are both a field "code" (a payment route, a contributor's kind).
        "PaymentRouteEnum": "santral.budget.models.PaymentRoute",
        "ContributorKindEnum": "santral.budget.models.ContributorKind",
    },
    # The doc page at /api/belgeler/ (docs/api.md): Swagger UI from drf-spectacular-sidecar's
    # static files, its start-up script a separate same-origin file, so the strict CSP holds.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # validatorUrl: None — Swagger UI would otherwise load a badge from validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# Background work (docs/tasks.md): tasks are rows in the database; `manage.py db_worker`
# runs them. Workers claim rows with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL), so
# any number of workers on any number of machines can share one queue.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email"],
    }
}

# Santral's own knobs
SANTRAL_LOGO_MAX_BYTES = int(os.environ.get("SANTRAL_LOGO_MAX_BYTES", 2 * 1024 * 1024))
# Visual materials (docs/visuals.md): cards and posters are made by the task queue after an
# event or news page is published; never with the immediate backend (it would render inside
# the editor's request).
SANTRAL_VISUALS_AUTO_GENERATE = os.environ.get("SANTRAL_VISUALS_AUTO_GENERATE", "1") == "1"
SANTRAL_DIRECTORY_PAGE_SIZE = 24
# Outreach (docs/outreach.md): representation flag threshold and newsletter sending.
SANTRAL_REPRESENTATION_THRESHOLD = os.environ.get("SANTRAL_REPRESENTATION_THRESHOLD", "0.5")
SANTRAL_NEWSLETTER_BATCH_SIZE = int(os.environ.get("SANTRAL_NEWSLETTER_BATCH_SIZE", 50))
# Seconds to wait before the 2nd, 3rd, 4th attempt; after the last one a delivery fails.
SANTRAL_NEWSLETTER_RETRY_SECONDS = [60, 600, 3600]
SANTRAL_CONTENT_PAGE_SIZE = 20
SANTRAL_UPLOAD_MAX_BYTES = int(os.environ.get("SANTRAL_UPLOAD_MAX_BYTES", 50 * 1024 * 1024))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = SANTRAL_UPLOAD_MAX_BYTES
WAGTAILDOCS_DOCUMENT_FORM_BASE = "santral.content.forms.SantralDocumentForm"
# Security headers. Public pages get a strict CSP (no inline script or style);
# the Wagtail back office ships inline scripts of its own, so it gets a looser one.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'self'"
)
CONTENT_SECURITY_POLICY_BACKOFFICE = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
CONTENT_SECURITY_POLICY_RELAXED_PREFIXES = ["/admin/", "/django-admin/"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail marks its preview views SAMEORIGIN itself; everything else may not be framed.
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "santral.core.request_id.RequestIdLogFilter"}},
    "formatters": {
        "with_request_id": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "with_request_id",
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "level": "INFO",
            "formatter": "django.server",
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's DEFAULT_LOGGING gives "django" a console handler of its own (DEBUG only)
        # and lets it propagate to ours, so every 404 and every reloader line was printed
        # twice under `make run`. Its records now reach the console once, through the root.
        # (Its other handler, mail_admins, is unused: there is no ADMINS.)
        "django": {"handlers": [], "level": "INFO"},
        # Configuring "django" resets its children; runserver's request lines keep
        # Django's own handler and format, as in DEFAULT_LOGGING.
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Every use of an API token is on the record; reads go to this log, not to the
        # database (a GET never writes: docs/api-tokens.md).
        "santral.api.tokens": {"level": "INFO"},
    },
}

# Partners: warn council admins this many days before an event whose resource plan has a gap.
SANTRAL_RESOURCE_REMINDER_DAYS = int(os.environ.get("SANTRAL_RESOURCE_REMINDER_DAYS", 7))

# Budget imports (docs/budget-import.md, docs/security-files.md): checked before a file is
# parsed. Bytes uploaded; bytes an XLSX inflates to (sum of its members) and the largest
# compression ratio of a member over 1 MB; rows, columns (XFD would be 16 384) and cells.
SANTRAL_IMPORT_MAX_BYTES = int(os.environ.get("SANTRAL_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
SANTRAL_IMPORT_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("SANTRAL_IMPORT_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)
)
SANTRAL_IMPORT_MAX_COMPRESSION_RATIO = int(
    os.environ.get("SANTRAL_IMPORT_MAX_COMPRESSION_RATIO", 100)
)
SANTRAL_IMPORT_MAX_ROWS = int(os.environ.get("SANTRAL_IMPORT_MAX_ROWS", 200_000))
SANTRAL_IMPORT_MAX_COLUMNS = int(os.environ.get("SANTRAL_IMPORT_MAX_COLUMNS", 100))
SANTRAL_IMPORT_MAX_CELLS = int(os.environ.get("SANTRAL_IMPORT_MAX_CELLS", 3_000_000))

# Refused writes (santral/core/refusals.py): anonymous refusals recorded per minute, site-wide;
# beyond it they go to the log only. Signed-in users' refusals are always recorded. 0 = no cap.
SANTRAL_REFUSAL_AUDIT_ANONYMOUS_PER_MINUTE = int(
    os.environ.get("SANTRAL_REFUSAL_AUDIT_ANONYMOUS_PER_MINUTE", 60)
)

# Harvesting (docs/federation-fetching.md): every outbound fetch of a source. Seconds to
# connect; seconds for the whole fetch, body included, redirects too; bytes a body may have
# (decompressed). Loopback is refused like every non-public address; only the tests allow it.
SANTRAL_HARVEST_CONNECT_TIMEOUT = float(os.environ.get("SANTRAL_HARVEST_CONNECT_TIMEOUT", 5))
SANTRAL_HARVEST_TOTAL_TIMEOUT = float(os.environ.get("SANTRAL_HARVEST_TOTAL_TIMEOUT", 30))
SANTRAL_HARVEST_MAX_BYTES = int(os.environ.get("SANTRAL_HARVEST_MAX_BYTES", 10 * 1024 * 1024))
SANTRAL_HARVEST_ALLOW_LOOPBACK = False
# Sources see who asks and where to complain: this installation's own address.
SANTRAL_HARVEST_USER_AGENT = os.environ.get(
    "SANTRAL_HARVEST_USER_AGENT", f"Santral/1.0 (+{WAGTAILADMIN_BASE_URL})"
)
# Items one run of one source takes at most (docs/federation.md); minutes between two runs of a
# source; the licence of this installation's shared-items feed when a council sets none.
SANTRAL_HARVEST_MAX_ITEMS = int(os.environ.get("SANTRAL_HARVEST_MAX_ITEMS", 5000))
SANTRAL_HARVEST_INTERVAL_MINUTES = int(os.environ.get("SANTRAL_HARVEST_INTERVAL_MINUTES", 60))
SANTRAL_FEDERATION_LICENCE = os.environ.get("SANTRAL_FEDERATION_LICENCE", "CC-BY-4.0")

# KVKK retention (days) per kind of record; santral/privacy/retention.py applies them once a
# day (manage.py privacy_daily) and docs/privacy.md gives the reason for each period.
SANTRAL_RETENTION_DAYS = {
    "sign_ins": 730,  # law 5651: access logs are kept for two years at most
    "failed_logins": 365,
    "email_logs": 90,  # finished e-mail tasks (address, subject)
    "unconfirmed_subscriptions": 30,
    "unsubscribed": 30,
    "past_event_registrations": 365,  # after the event's end: name and address go
}
# Operations (docs/deploy.md). The one schedule every `manage.py run_scheduler` shares; each
# job runs once per period however many schedulers run (santral/ops/schedule.py).
SANTRAL_SCHEDULE = [
    {
        "name": "resource_reminders",
        "task": "santral.partners.tasks.send_resource_reminders",
        "daily_at_hour": int(os.environ.get("SANTRAL_REMINDER_HOUR", 8)),
    },
    {
        "name": "newsletter_retries",
        "task": "santral.ops.tasks.resume_newsletters",
        "every_minutes": 5,
    },
    {
        "name": "harvest",
        "task": "santral.federation.tasks.harvest_due_sources",
        "every_minutes": 15,
    },
    {"name": "search_upkeep", "task": "santral.ops.tasks.search_index_upkeep", "daily_at_hour": 3},
    {"name": "prune", "task": "santral.ops.tasks.prune_finished_work", "daily_at_hour": 4},
    # Recommendations past the assembly's first meeting, listed for the executive board
    # (docs/decisions.md).
    {
        "name": "overdue_recommendations",
        "task": "santral.decisions.tasks.send_overdue_reminders",
        "daily_at_hour": 9,
    },
    # KVKK (docs/privacy.md): retention periods applied, erasure requests near 30 days reminded.
    {
        "name": "privacy_retention",
        "task": "santral.privacy.tasks.apply_retention",
        "daily_at_hour": 2,
    },
    {
        "name": "erasure_reminders",
        "task": "santral.privacy.tasks.remind_erasure_requests",
        "daily_at_hour": 9,
    },
]
# Finished task rows, their request ids and schedule claims are kept this many days.
SANTRAL_TASK_RESULT_DAYS = int(os.environ.get("SANTRAL_TASK_RESULT_DAYS", 30))
# /metrics answers these addresses (REMOTE_ADDR as gunicorn sees it) or a bearer token.
SANTRAL_METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS")
SANTRAL_METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# /healthz, /readyz and /metrics are asked over plain HTTP by load balancers and Prometheus.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
# LOG_FORMAT=json: one JSON object per line (production's default), with the request id.
LOGGING["formatters"]["json"] = {"()": "santral.core.logjson.JsonFormatter"}
if os.environ.get("LOG_FORMAT", "text") == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
