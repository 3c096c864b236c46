"""What the site answers when a request fails: the 400, 403, 404 and 500 handlers (config/urls.py)
and the 503 "service unavailable" answer, as GOV.UK pages or, under /api/, as JSON.

- 403 and 404 render like any page (the header shows who is signed in).
- 400, 500 and 503 render without the request's context: no session, no user, no database query,
  so they still work when what failed was the database.
- A failure that is the database being locked or unreachable, or the disk being full
  (`is_service_unavailable`), answers 503 with Retry-After, whether it escaped a view (see
  `opengov.core.middleware`) or a middleware (the 500 handler checks the exception it handles).
- No page shows a traceback or the exception's text."""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
RETRY_AFTER_SECONDS = 30
# SQLite's words for "try again later"; its other OperationalErrors ("no such table") are bugs.
SQLITE_UNAVAILABLE = (
    "database is locked",
    "database table is locked",
    "unable to open database file",
    "disk i/o error",
    "database or disk is full",
)
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


def is_service_unavailable(error: BaseException | None) -> bool:
    """True for failures that pass: SQLite locked, busy or unable to open its file; PostgreSQL
    refusing or dropping the connection, or any of its operational errors (lock or statement
    timeouts, too many connections, disk full); a full disk anywhere."""
    if isinstance(error, InterfaceError):
        return True
    if isinstance(error, OperationalError):
        cause = error.__cause__
        if isinstance(cause, sqlite3.Error):
            text = str(cause).lower()
            return any(words in text for words in SQLITE_UNAVAILABLE)
        return True
    return isinstance(error, OSError) and error.errno in DISK_FULL


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def standalone_page(template_name: str, context: dict[str, Any] | None = None) -> str:
    """A page rendered without the request: the context processors' values it needs are given."""
    base = {"site_name": settings.OPENGOV_SITE_NAME, "logo_url": settings.OPENGOV_LOGO_URL}
    return loader.get_template(template_name).render({**base, **(context or {})})


def service_unavailable(
    request: HttpRequest, error: BaseException, *, raised_by_view: bool = True
) -> HttpResponse:
    """503 with Retry-After; the cause goes to the log, never to the page. A view's change was
    rolled back; a failure outside the view (saving the session) may come after a change was
    saved, and the page says to check."""
    logger.error(
        "Service unavailable for %s %s: %s: %s",
        request.method,
        request.path,
        type(error).__name__,
        error,
    )
    message = _("Sorry, the service is unavailable. Try again in a few minutes.")
    response: HttpResponse
    if wants_json(request):
        response = JsonResponse({"detail": message}, status=503)
    else:
        context = {"change_may_be_saved": not raised_by_view}
        response = HttpResponse(standalone_page("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"detail": _("The request could not be understood.")}, status=400)
    return HttpResponse(standalone_page("400.html"), status=400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    body = loader.render_to_string("403.html", request=request)
    return HttpResponse(body, status=403)


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token (settings.CSRF_FAILURE_VIEW): the GOV.UK page
    saying nothing was saved and what to do, instead of Django's bare page."""
    if wants_json(request):
        return JsonResponse(
            {"detail": _("The form's security token is missing or expired.")}, status=403
        )
    body = loader.render_to_string("403_csrf.html", request=request)
    return HttpResponse(body, status=403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    body = loader.render_to_string("404.html", request=request)
    return HttpResponse(body, status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """Django calls this while handling the exception, so it is still `sys.exc_info()`."""
    error = sys.exc_info()[1]
    if is_service_unavailable(error):
        assert error is not None
        return service_unavailable(request, error, raised_by_view=False)
    if wants_json(request):
        return JsonResponse(
            {"detail": _("Sorry, there is a problem with the service.")}, status=500
        )
    return HttpResponse(standalone_page("500.html"), status=500)
