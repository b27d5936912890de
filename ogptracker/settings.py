"""OGP Tracker settings: one file, driven by the environment.

With nothing set, the app runs on a SQLite file in the project folder, an in-process cache and Celery
tasks executed in-process (the embedded default for a laptop). Set DATABASE_URL, CELERY_BROKER_URL and
CACHE_URL for the production shape (PostgreSQL and Redis). A bad value stops start-up with a message that
names the variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ogptracker.uploads import DEFAULT_MAX_AGE_HOURS, upload_temp_dir

BASE_DIR = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "django-insecure-development-key-refused-by-check-deploy"


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, schemes: tuple[str, ...]) -> str:
    value = env_str(name)
    if value and not value.startswith(tuple(f"{s}://" for s in schemes)):
        raise ImproperlyConfigured(
            f"{name} must start with one of {', '.join(s + '://' for s in schemes)}; got {value!r}."
        )
    return value


# --- Core -------------------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", default=True)
# With DEBUG on, 404s still get the site's own page (ogptracker.views.FriendlyNotFoundMiddleware);
# TECHNICAL_404=1 shows Django's technical 404 page instead, for debugging URLs.
TECHNICAL_404 = env_bool("TECHNICAL_404", default=False)
SECRET_KEY = env_str("SECRET_KEY") or DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (the development key is refused)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "corsheaders",
    "commitments",
    "reviews",
    "releases",
    "questions",
    "ogptracker",  # last: its post_migrate sets the role groups once every app's permissions exist
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so its headers reach every answer, a 304 from ConditionalGetMiddleware too (CORS_*).
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Logs every refused request (401, 403) with user, address and path.
    "ogptracker.security.RefusedRequestLogMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Bodies over the limit refused from Content-Length, before anything reads them (413).
    "ogptracker.security.RequestSizeLimitMiddleware",
    # Responses for signed-in users (session or token): Cache-Control: private, no-store.
    "ogptracker.security.PrivateResponseMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ogptracker.views.FriendlyNotFoundMiddleware",
    # Last, so it sees the authenticated user and can count failed logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ogptracker.urls"
WSGI_APPLICATION = "ogptracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------------

DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql", "sqlite"))
if DATABASE_URL:
    try:
        # Health checks: a connection dropped between requests is replaced, not reused broken.
        DATABASES = {
            "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
        }
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {exc}") from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / "db.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The connection budget: every gunicorn thread, every worker process and beat may each hold one
# connection at once. Their sum (and a few for migrate, a shell, a backup) must stay within the
# server's max_connections, or requests wait and fail (ogptracker.W010 says so; a request that cannot
# connect is answered 503 with Retry-After). WEB_CONCURRENCY and WEB_THREADS are also what
# ogptracker/gunicorn.conf.py starts; WORKER_CONCURRENCY is the Celery worker's.
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 3, minimum=1)
WEB_THREADS = env_int("WEB_THREADS", 4, minimum=1)
WORKER_CONCURRENCY = env_int("WORKER_CONCURRENCY", 2, minimum=1)
WORKER_REPLICAS = env_int("WORKER_REPLICAS", 1, minimum=0)
DB_MAX_CONNECTIONS = env_int("DB_MAX_CONNECTIONS", 100, minimum=1)

# --- Cache (throttle counters, login lockouts) ---------------------------------------------------

CACHE_URL = env_url("CACHE_URL", ("redis", "rediss"))
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            # A Redis outage must not take the site down: cache reads miss, writes are dropped.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Auth -------------------------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Five wrong passwords for one user from one address lock that pair out for a cool-off period.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client address as the API throttles see it (REMOTE_ADDR, or behind NUM_PROXIES proxies).
AXES_CLIENT_IP_CALLABLE = "ogptracker.security.client_ip"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OGP Tracker <noreply@localhost>")
# For the SMTP backend (production): where follow notifications are handed over.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 30

# --- Public questions and follows by email (questions/, commitments/follows/visitors.py) --------------------

# Hold every new question and flag until a plan administrator lets it through.
QUESTIONS_PREMODERATED = env_bool("QUESTIONS_PREMODERATED", default=False)
# Questions, flags and follows by email a visitor without an account may send per hour, counted per
# address and per IP address.
VISITOR_REQUESTS_PER_HOUR = env_int("VISITOR_REQUESTS_PER_HOUR", 5, minimum=1)
# How long a confirmation link mailed to a visitor stays valid.
VISITOR_CONFIRMATION_DAYS = env_int("VISITOR_CONFIRMATION_DAYS", 7, minimum=1)

# --- Language and time ------------------------------------------------------------------------------

LANGUAGE_CODE = env_str("LANGUAGE_CODE", "es")
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"LANGUAGE_CODE must be one of es, en; got {LANGUAGE_CODE!r}.")
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write a date per language on the web pages ("31 December 2014", "31 de diciembre de
# 2014"): ogptracker/formats/<language>/formats.py. The API and CSV files keep ISO dates.
FORMAT_MODULE_PATH = ["ogptracker.formats"]
TIME_ZONE = env_str("TIME_ZONE", "America/Lima")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
# Evidence files are served only through the app (never straight from MEDIA_ROOT), so no MEDIA_URL route.
MEDIA_URL = "/media-not-served/"
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Request bodies: a signed-in user's (ten evidence files, an OGP sheet) and anyone else's (forms).
REQUEST_MAX_BYTES = env_int(
    "REQUEST_MAX_BYTES", 10 * EVIDENCE_MAX_BYTES + 1024 * 1024, minimum=1024
)
# Evidence links are checked after they are posted and nightly (commitments.evidence.link_checks).
# EVIDENCE_LINK_CHECKS=0 turns the fetching off (the tests do; they turn it on where they serve pages).
EVIDENCE_LINK_CHECKS = env_bool("EVIDENCE_LINK_CHECKS", default=True)
# Private, loopback, link-local and reserved addresses are refused unless this is on (tests, intranets).
EVIDENCE_LINK_ALLOW_PRIVATE = env_bool("EVIDENCE_LINK_ALLOW_PRIVATE", default=False)
EVIDENCE_LINK_TIMEOUT_SECONDS = env_int("EVIDENCE_LINK_TIMEOUT_SECONDS", 15, minimum=1)
EVIDENCE_LINK_MAX_BYTES = env_int("EVIDENCE_LINK_MAX_BYTES", 20 * 1024 * 1024, minimum=1024)
# A copy of each new version of a page up to this size is kept in the media storage; 0 keeps none.
EVIDENCE_LINK_COPY_MAX_BYTES = env_int("EVIDENCE_LINK_COPY_MAX_BYTES", 0)
EVIDENCE_LINK_RECHECK_HOURS = env_int("EVIDENCE_LINK_RECHECK_HOURS", 20, minimum=1)
# A link the server says is gone (404, 410, another 4xx but 401/403/429) is broken at once. One that
# cannot be reached (DNS, refused, timeout, TLS, 5xx, 401/403/429) reads "could not be checked" until
# it has failed this many checks in a row spread over at least this many days; then it is broken.
EVIDENCE_LINK_BROKEN_AFTER_CHECKS = env_int("EVIDENCE_LINK_BROKEN_AFTER_CHECKS", 3, minimum=1)
EVIDENCE_LINK_BROKEN_AFTER_DAYS = env_int("EVIDENCE_LINK_BROKEN_AFTER_DAYS", 7)
ANONYMOUS_MAX_BYTES = env_int("ANONYMOUS_MAX_BYTES", 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Larger uploads are spooled here while they are read: a folder of their own (a size-bounded tmpfs
# in docker-compose.yml), cleared of leftovers from crashed requests (ogptracker/uploads.py).
FILE_UPLOAD_TEMP_DIR = str(upload_temp_dir())
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
UPLOAD_TEMP_MAX_AGE_HOURS = env_int("UPLOAD_TEMP_MAX_AGE_HOURS", DEFAULT_MAX_AGE_HOURS, minimum=1)

# --- API ------------------------------------------------------------------------------------------

API_ANON_RATE = env_str("API_ANON_RATE", "120/minute")
API_USER_RATE = env_str("API_USER_RATE", "600/minute")
# How many reverse proxies in front of the app append to X-Forwarded-For. 0 (the default): the
# client is REMOTE_ADDR and the header is ignored, so nobody escapes a limit by inventing one.
# Behind one proxy (nginx, a load balancer) set 1: the client is the address that proxy appended.
NUM_PROXIES = env_int("NUM_PROXIES", 0)
REST_FRAMEWORK = {
    # Fail closed: without its own permission_classes a view only reads; every write view declares
    # who may write (commitments/api/permissions.py).
    "DEFAULT_PERMISSION_CLASSES": ["commitments.api.permissions.ReadOnlyUnlessDeclared"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    # DRF's parsers; the JSON one refuses bodies nested too deep with a 400 (not a 500).
    "DEFAULT_PARSER_CLASSES": [
        "commitments.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "ogptracker.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # Services raise Django's exceptions and StaleVersion; this answers them (403, 400, 412).
    "EXCEPTION_HANDLER": "ogptracker.api_errors.exception_handler",
    # Counted atomically in the cache (Redis INCR); a cache outage fails open (ogptracker/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "ogptracker.throttling.AnonRateThrottle",
        "ogptracker.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
    # Who the client is, for throttling (and ogptracker.security.client_address, which reads it).
    "NUM_PROXIES": NUM_PROXIES,
}
# The public reads (API, downloads, data releases) from any web page (a notebook in a browser):
# reads only, never with cookies or a token (a `*` origin forbids them), the paging/caching headers.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/(api|downloads|data)/"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-modified-since", "if-none-match")
CORS_EXPOSE_HEADERS = (
    "Content-Disposition",
    "Content-Language",
    "ETag",
    "Link",
    "Retry-After",
    "X-Total-Count",
)
SPECTACULAR_SETTINGS = {
    "TITLE": "OGP Tracker API",
    # Translated per request, like every description in the schema (ogptracker/schema.py).
    "DESCRIPTION": _(
        "Public API over Open Government Partnership action plans, commitments, civil-society "
        "status reports and Independent Reporting Mechanism (IRM) assessments. Reading needs no "
        "account; writing needs a token. Every list is also available as CSV with ?format=csv."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Swagger UI must not call its online validator: the docs work offline.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # One name for the completion scale shared by both tracks (it appears under several fields).
    "ENUM_NAME_OVERRIDES": {
        "CompletionLevelEnum": "commitments.models.vocab.CompletionLevel",
        "QuestionKindEnum": "questions.models.Question.Kind",
        "RequirementStatusEnum": "commitments.requirements.rules.Status",
        # Named once: the plan list and the plan detail (with `requirements`) share it.
        "ActionPlanStatusEnum": "commitments.models.plans.ActionPlan.Status",
    },
}

# --- Celery -----------------------------------------------------------------------------------------

CELERY_BROKER_URL = env_url("CELERY_BROKER_URL", ("redis", "rediss", "amqp"))
# Without a broker, tasks run in-process when they are sent: the embedded default needs no worker.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Every task is acknowledged after it runs and handed out again if its worker dies, which is safe
# because every task is idempotent. Declared here once, never on a task
# (tests/deployment/test_task_delivery_defaults.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_CONCURRENCY = WORKER_CONCURRENCY
# Redis going away must never end the worker: it waits for Redis at start and reconnects for as long
# as it takes (the default gives up after 100 tries and exits). A task running when the connection
# drops runs to its end; its acknowledgement is lost, so Redis hands it out again after the
# visibility timeout, which is harmless because every task is idempotent
# (tests/resilience/test_worker_redis_loss.py).
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
# The task time limits are derived below it. At least 5 minutes here; the integration test that
# kills a worker shortens it in its own settings (tests/worker_settings.py).
CELERY_BROKER_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=300)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT // 3
CELERY_TASK_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT // 2
CELERY_TIMEZONE = TIME_ZONE


def beat(task: str, **when: int) -> dict:
    """A CELERY_BEAT_SCHEDULE entry: run `task` at the crontab `when` (hour=, minute=, ...)."""
    return {"task": task, "schedule": crontab(**when)}


# Nightly runs heal whatever a lost message missed (times are in TIME_ZONE).
CELERY_BEAT_SCHEDULE: dict = {
    "mark-overdue": beat("commitments.tasks.mark_overdue", hour=0, minute=5),
    "refresh-search-words": beat("commitments.tasks.refresh_search_words", hour=0, minute=25),
    "remove-stale-uploads": beat("ogptracker.remove_stale_uploads", minute=40),
    "check-evidence-links": beat("commitments.tasks.check_evidence_links", hour=2, minute=30),
    "send-status-reminders": beat("commitments.tasks.send_status_reminders", hour=6, minute=30),
    "send-daily-digests": beat("commitments.tasks.send_daily_digests", hour=7, minute=0),
}
# Data releases (releases/): made by the schedule on this day of each month at 01:00, and on
# demand by plan administrators; 0 turns the schedule off. The licence goes in each datapackage.json.
DATA_RELEASE_DAY_OF_MONTH = env_int("DATA_RELEASE_DAY_OF_MONTH", 1)
if DATA_RELEASE_DAY_OF_MONTH > 28:
    raise ImproperlyConfigured("DATA_RELEASE_DAY_OF_MONTH must be 0 (off) or a day from 1 to 28.")
if DATA_RELEASE_DAY_OF_MONTH:
    CELERY_BEAT_SCHEDULE["make-data-release"] = beat(
        "releases.tasks.make_data_release", day_of_month=DATA_RELEASE_DAY_OF_MONTH, hour=1, minute=0
    )
DATA_RELEASE_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
# Editors of monitoring organisations are reminded of a commitment of a running plan without a status
# update for this many months (and again each time as many more pass); its page says so too.
STATUS_REMINDER_MONTHS = env_int("STATUS_REMINDER_MONTHS", 6, minimum=1)

# --- Security (production values come from the environment) -------------------------------------

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# An idle timeout: a session ends after SESSION_IDLE_MINUTES without a request (each request renews).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 8 * 60, minimum=5) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere: every script is a file under /static/ (the API docs included).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Logins, failed logins, lockouts and refused permissions (ogptracker.security).
        "ogptracker.security": {"level": "INFO"},
        # Axes reports lockouts at WARNING; its INFO lines (start-up, resets) are noise.
        "axes": {"level": "WARNING"},
    },
}
