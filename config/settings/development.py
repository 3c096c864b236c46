"""Local development: `make run`. DEBUG on, e-mail printed to the console, SQLite under var/."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)

# Static files come straight from the app folders (no collectstatic in development).
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Off while developing, so a changed template shows at once; on in production.
OPENGOV_PAGE_CACHE_SECONDS = int(os.environ.get("OPENGOV_PAGE_CACHE_SECONDS", "0"))
OPENGOV_COUNT_CACHE_SECONDS = int(os.environ.get("OPENGOV_COUNT_CACHE_SECONDS", "0"))
