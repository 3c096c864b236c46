"""Production: gunicorn behind a TLS-terminating reverse proxy. `manage.py check --deploy` is clean
with these settings; DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must be set in the environment."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Links in e-mails: the site's public address; by default https:// and the first allowed host.
OPENGOV_SITE_URL = os.environ.get("OPENGOV_SITE_URL") or f"https://{ALLOWED_HOSTS[0]}"  # noqa: F405
