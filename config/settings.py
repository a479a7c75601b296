"""Centric's one settings module; every value that differs between installations comes from the
environment (see docs/configuration.md).

Two modes:
- ``embedded`` (the default): SQLite in ``CENTRIC_DATA_DIR``, background work through a broker
  kept in that folder, a secret key generated there on first run. Nothing else to install.
- ``production``: ``DATABASE_URL`` (PostgreSQL), Celery on ``CELERY_BROKER_URL`` (RabbitMQ), Redis
  for task results and the cache, and a ``SECRET_KEY`` that must be given; ``CENTRIC_DATA_DIR``
  still keeps uploaded files and the scheduler's state.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import envbool, envchoice, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
MODE = envchoice("CENTRIC_MODE", "embedded", {"embedded", "production"})
PRODUCTION = MODE == "production"
DEBUG = envbool("DEBUG", False)


def _data_dir() -> Path:
    """The installation's own folder: uploaded files and the scheduler's state in every mode, and
    the database, queue and generated key of the embedded mode. Created on first start; one that
    cannot be created or written to stops start-up here, where the scheduler would otherwise die
    quietly beside a worker that carries on as if nothing had happened."""
    path = Path(envstr("CENTRIC_DATA_DIR", str(BASE_DIR / "data"))).resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"CENTRIC_DATA_DIR={str(path)!r} cannot be created: {exc.strerror}"
        ) from exc
    if not os.access(path, os.W_OK | os.X_OK):
        raise ImproperlyConfigured(f"CENTRIC_DATA_DIR={str(path)!r} is not writable by this user")
    return path


def _hosts(name: str, default: list[str]) -> list[str]:
    """A list of host names or origins, separated by commas, spaces or both: a space-separated
    list read on commas alone would be one host that never matches."""
    return [item for entry in envlist(name, default) for item in entry.split()]


DATA_DIR = _data_dir()


def _secret_key() -> str:
    key = envstr("SECRET_KEY")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long")
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production")
    # The embedded mode keeps a generated key beside its database, so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = _hosts("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = _hosts("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "centric.core",
    "centric.people",
    "centric.customers",
    "centric.feedback",
    "centric.insights",
    "centric.cases",
    "centric.dashboard",
    "centric.demo",
    "config.apps.DeploymentConfig",
]

MIDDLEWARE = [
    # first: a load balancer's probe is answered before the Host header is checked, http is
    # redirected to https or anyone is asked to sign in
    "config.health.health_check",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "centric.core.middleware.own_time_zone",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "centric.core.middleware.method_not_allowed_page",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "centric" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "centric.core.navigation.navigation",
                "centric.cases.context_processors.notifications",
            ],
        },
    },
]

# Databases ----------------------------------------------------------------------------------
_database_url = envstr("DATABASE_URL")
if PRODUCTION and not _database_url:
    raise ImproperlyConfigured("DATABASE_URL is required in production (postgres://...)")
if _database_url:
    # Each thread keeps its connection between requests (opening one costs milliseconds), and
    # checks it before reusing it, so a restarted database fails no request.
    DATABASES = {
        "default": dj_database_url.parse(
            _database_url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 600)
        )
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "centric.sqlite3"),
            "OPTIONS": {
                # WAL lets the web server read while the worker writes; IMMEDIATE avoids
                # "database is locked" upgrades from read to write transactions.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache, background work ---------------------------------------------------------------------
REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "centric",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = envstr("CELERY_BROKER_URL")
if PRODUCTION and not CELERY_BROKER_URL:
    raise ImproperlyConfigured("CELERY_BROKER_URL is required in production (amqp://...)")
if not CELERY_BROKER_URL:
    # The embedded mode passes tasks to its worker through files beside the database.
    CELERY_BROKER_URL = "filesystem://localhost/"
    _queue_dir = DATA_DIR / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(DATA_DIR / "queue-control"),
    }
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND", REDIS_URL) or None
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_TASK_DEFAULT_QUEUE", "centric")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic work, sent by exactly one scheduler (`make scheduler`, i.e. `celery beat`; the demo's
# one worker runs it inside, `celery worker --beat`): SLA breaches escalate within a minute,
# feedback whose analysis task was lost is analysed within minutes, and invitations held back by
# the fatigue window go within an hour of its passing, and the CX leads hear of a theme's spike
# within the hour it is found.
CELERY_BEAT_SCHEDULE = {
    "escalate-sla-breaches": {"task": "centric.cases.tasks.escalate_breaches", "schedule": 60.0},
    "analyse-missed-feedback": {
        "task": "centric.insights.tasks.analyse_missed_feedback",
        "schedule": 300.0,
    },
    "send-waiting-invitations": {
        "task": "centric.feedback.tasks.send_waiting_invitations",
        "schedule": 3600.0,
    },
    "alert-spikes": {"task": "centric.insights.tasks.alert_spikes", "schedule": 3600.0},
    "close-due-surveys": {"task": "centric.feedback.tasks.close_due_surveys", "schedule": 300.0},
    "send-due-reminders": {
        "task": "centric.feedback.tasks.send_due_reminders",
        "schedule": 3600.0,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")

# Authentication and security ----------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_THROTTLE_ATTEMPTS = envint("LOGIN_THROTTLE_ATTEMPTS", 5)
LOGIN_THROTTLE_SECONDS = envint("LOGIN_THROTTLE_SECONDS", 900)

SECURE_HTTPS = envbool("SECURE_HTTPS", PRODUCTION)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", SECURE_HTTPS)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if SECURE_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", SECURE_HTTPS)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies of the installation's own each request passes, each appending the
# address it was reached from to X-Forwarded-For: the client's address (which the sign-in
# throttle counts by) is read that many entries from the right. Without a proxy the header,
# which anyone can send, is not read at all.
PROXY_HOPS = envint("PROXY_HOPS", 1 if BEHIND_PROXY else 0)
if PROXY_HOPS and not BEHIND_PROXY:
    raise ImproperlyConfigured("PROXY_HOPS is only read behind a proxy: set BEHIND_PROXY=true")
if BEHIND_PROXY and PROXY_HOPS < 1:
    raise ImproperlyConfigured("PROXY_HOPS must be at least 1 with BEHIND_PROXY=true")

# Mail ---------------------------------------------------------------------------------------
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)  # STARTTLS, usually on port 587
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)  # TLS from the first byte, usually on port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be true: EMAIL_USE_SSL for a server that "
        "speaks TLS from the start (port 465), EMAIL_USE_TLS for STARTTLS (port 587)"
    )
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 465 if EMAIL_USE_SSL else 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
# seconds: a mail server that takes the connection and never answers would otherwise hold the
# request or task that sends for ever
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)
if EMAIL_TIMEOUT < 1:
    raise ImproperlyConfigured(f"EMAIL_TIMEOUT={EMAIL_TIMEOUT} must be at least 1 (seconds)")
# production sends from the host people reach Centric at, never from localhost, which mail
# servers refuse (`manage.py check --deploy` says so when it is still local)
DEFAULT_FROM_EMAIL = envstr(
    "DEFAULT_FROM_EMAIL",
    f"Centric <centric@{urlsplit(SITE_URL).hostname or 'localhost'}>"
    if PRODUCTION
    else "Centric <centric@localhost>",
)
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "outbox"

# Internationalisation, static files ----------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = envstr("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# the embedded mode looks files up as they are asked for, so it runs before any collectstatic
WHITENOISE_AUTOREFRESH = not PRODUCTION
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}
