"""Settings shared by every environment. Every value that differs between deployments comes from
the environment (see docs/deploy.md); nothing here is secret."""

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("OPENGOV_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key_from_env_or_file() -> str:
    """The secret key from DJANGO_SECRET_KEY, or one generated once into var/secret_key."""
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


SECRET_KEY = secret_key_from_env_or_file()
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "opengov.core",
    "opengov.accounts",
    "opengov.organisations",
    "opengov.action_plans",
    "opengov.meetings",
    "opengov.ideas",
    "opengov.consultations",
    "opengov.feedback",
    "opengov.collective_actions",
    "opengov.nominations",
    "opengov.pages",
    "opengov.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "opengov.core.request_text.RefuseNulInAddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "opengov.core.middleware.ServiceUnavailableMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so every header above is added to cached pages too (opengov/core/page_cache.py).
    "opengov.core.page_cache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "opengov" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "opengov.core.context_processors.deployment",
            ],
            "builtins": ["opengov.core.templatetags.govuk"],
        },
    }
]
FORM_RENDERER = "opengov.core.forms.GovukFormRenderer"


def database_from_env() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    # Connections are kept between requests (each app process keeps its own): opening one costs
    # more than most queries (for SQLite, about 2 ms of CPU and 8 ms in all on the benchmark
    # machine: the file, the WAL index, Django's SQL functions and the PRAGMAs below).
    max_age = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=max_age))
        config["CONN_HEALTH_CHECKS"] = True
        return config
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "opengov.sqlite3")),
        "CONN_MAX_AGE": max_age,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue
            # on the busy timeout instead of failing half-way with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
            ),
        },
    }


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "pages:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [BASE_DIR / "opengov" / "locale"]
TIME_ZONE = os.environ.get("OPENGOV_TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "opengov" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "opengov <noreply@localhost>")
if os.environ.get("EMAIL_HOST"):
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("OPENGOV_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# One cache shared by every app server process: Redis when configured (several machines), else
# files under var/cache (one machine: gunicorn's workers share it; writes are atomic renames).
CACHES: dict[str, dict[str, Any]]
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("OPENGOV_CACHE_DIR", str(VAR_DIR / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

# Content-Security-Policy: no inline scripts, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
# A form refused for its CSRF token gets a GOV.UK page saying nothing was saved.
CSRF_FAILURE_VIEW = "opengov.core.error_pages.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The deployment's identity, shown in the header, page titles and e-mails.
OPENGOV_SITE_NAME = os.environ.get("OPENGOV_SITE_NAME", "Open Government UK")
OPENGOV_MEMBER_SLUG = os.environ.get("OPENGOV_MEMBER_SLUG", "united-kingdom")
OPENGOV_LOGO_URL = os.environ.get("OPENGOV_LOGO_URL", "")
# The site's address as people reach it, for links in e-mails (opengov/core/notifications.py).
OPENGOV_SITE_URL = os.environ.get("OPENGOV_SITE_URL", "http://127.0.0.1:8000")
OPENGOV_API_PAGE_SIZE = 50
OPENGOV_API_MAX_PAGE_SIZE = 200
OPENGOV_LIST_PAGE_SIZE = 50
# Anonymous visitors' pages and API reads are kept this many seconds at most, and dropped at the
# next write (opengov/core/page_cache.py, docs/adr/0006); 0 turns the cache off.
OPENGOV_PAGE_CACHE_SECONDS = int(os.environ.get("OPENGOV_PAGE_CACHE_SECONDS", "300"))
# The totals of numbered lists are kept this many seconds at most, and dropped at the next write
# (opengov/core/paging.py); 0 turns that cache off.
OPENGOV_COUNT_CACHE_SECONDS = int(os.environ.get("OPENGOV_COUNT_CACHE_SECONDS", "300"))
# bench/run sets it: adds /_bench/floor/, the no-query page every route is compared with.
OPENGOV_BENCH_FLOOR = env_bool("OPENGOV_BENCH_FLOOR", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

# Throttling of sign-in failures and password-reset requests (docs/deploy.md, "Throttling"): rates
# as "count/period" per account and per client address. The counters live in the "throttle"
# cache, shared by every app server: Redis when REDIS_URL is set, otherwise a database table
# (`opengov createcachetable`). The client address is REMOTE_ADDR unless OPENGOV_CLIENT_IP_HEADER
# names the header a trusted reverse proxy sets (X-Forwarded-For: its last entry counts).
OPENGOV_SIGN_IN_RATE_PER_ACCOUNT = os.environ.get("OPENGOV_SIGN_IN_RATE_PER_ACCOUNT", "5/15m")
OPENGOV_SIGN_IN_RATE_PER_ADDRESS = os.environ.get("OPENGOV_SIGN_IN_RATE_PER_ADDRESS", "30/15m")
OPENGOV_PASSWORD_RESET_RATE_PER_ACCOUNT = os.environ.get(
    "OPENGOV_PASSWORD_RESET_RATE_PER_ACCOUNT", "3/h"
)
OPENGOV_PASSWORD_RESET_RATE_PER_ADDRESS = os.environ.get(
    "OPENGOV_PASSWORD_RESET_RATE_PER_ADDRESS", "20/h"
)
# Feedback sent from one client address (opengov/feedback/spam.py): anonymous, so by address only.
OPENGOV_FEEDBACK_RATE_PER_ADDRESS = os.environ.get("OPENGOV_FEEDBACK_RATE_PER_ADDRESS", "10/h")
OPENGOV_CLIENT_IP_HEADER = os.environ.get("OPENGOV_CLIENT_IP_HEADER", "")
RATELIMIT_USE_CACHE = "throttle"
THROTTLE_CACHE: dict[str, Any] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "throttle",
    }
    if os.environ.get("REDIS_URL")
    else {
        "BACKEND": "opengov.accounts.throttle.ThrottleDatabaseCache",
        "LOCATION": "opengov_throttle",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)
CACHES["throttle"] = THROTTLE_CACHE
