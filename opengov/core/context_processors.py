"""Template context every page needs: the deployment's name and logo."""

from django.conf import settings
from django.http import HttpRequest


def deployment(request: HttpRequest) -> dict[str, str]:
    return {
        "site_name": settings.OPENGOV_SITE_NAME,
        "logo_url": settings.OPENGOV_LOGO_URL,
    }
