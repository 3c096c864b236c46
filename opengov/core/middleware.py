"""The database locked or gone, or the disk full: a 503 page with Retry-After instead of a 500.

Services write inside `transaction.atomic`, so by the time an exception reaches this middleware
the block it escaped has been rolled back: the failed change wrote nothing. The answer is
`opengov.core.error_pages.service_unavailable` (JSON under /api/); the cause is logged."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from .error_pages import is_service_unavailable, service_unavailable


class ServiceUnavailableMiddleware:
    """Turns a database that is locked or unreachable (or a full disk), raised by a view, into
    503. Failures in other middleware reach the 500 handler, which answers the same."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_service_unavailable(exception):
            return None
        return service_unavailable(request, exception)
