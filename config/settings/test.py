"""The test suite: SQLite in memory unless DATABASE_URL names PostgreSQL; mail to Django's outbox;
tasks run immediately so tests see their effects."""

from .base import *  # noqa: F403
from .base import CACHES, DATABASES

DEBUG = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = ":memory:"
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Static files come straight from the app folders (no collectstatic in tests).
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True

# Off: tests that write through factories (no audit event) must read fresh pages. The page cache's
# own tests turn it on.
OPENGOV_PAGE_CACHE_SECONDS = 0
OPENGOV_COUNT_CACHE_SECONDS = 0  # the same reason; opengov/core/tests/test_paging.py turns it on
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
