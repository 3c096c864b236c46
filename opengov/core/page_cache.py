"""A cache of the public pages and API reads that anonymous visitors see (ADR 6).

A public page is the same for every anonymous visitor, so it is rendered once and kept, under a
key that names:

- the **data generation**: the audit chain's last sequence. Every write goes through a service and
  every service write appends an audit event in the same transaction, so any change to any record
  makes every earlier entry unreachable. The generation is read before the page is rendered: a
  page rendered while a write commits is stored under the older generation, never the newer one;
- the request's full path (with its query string) and language, and today's date (pages mark
  overdue actions);
- nothing about a person: a request is served from, or stored in, the cache only when it carries no
  session cookie, no messages cookie and no Authorization header, so it cannot be anyone's own page.

An entry also expires after ``OPENGOV_PAGE_CACHE_SECONDS`` (300 by default): pages that depend on
the clock alone (a meeting passing from upcoming to past) are never staler than that. Only complete
200 responses are stored: never one that sets a cookie, uses a CSRF token (a form), streams, or
says ``Cache-Control: private``/``no-store``. ``OPENGOV_PAGE_CACHE_SECONDS = 0`` turns it off
(the test settings do, so that tests writing through factories read fresh pages).

The cache is Django's default cache, shared by the app server's processes: files under var/cache,
or Redis when REDIS_URL is set.
Responses carry ``X-Opengov-Cache: hit`` or ``miss`` so operators can see it working.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone, translation

from .models import AuditChainHead

CACHE_HEADER = "X-Opengov-Cache"
# Headers a stored response keeps; the security headers are added again by the outer middleware.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Link", "Vary")
# Paths never cached, whatever their response: sign-in and account pages, managing pages, admin.
EXCLUDED_PREFIXES = ("/accounts/", "/admin/", "/manage/", "/_bench/")


def data_generation() -> int:
    """The audit chain's last sequence: it moves with every write of every service."""
    value = AuditChainHead.objects.filter(pk=1).values_list("last_sequence", flat=True).first()
    return int(value or 0)


def is_anonymous_request(request: HttpRequest) -> bool:
    """True when nothing in the request could make its page someone's own."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.OPENGOV_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and is_anonymous_request(request)
    )


def cache_key(request: HttpRequest, generation: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = translation.get_language() or ""
    return f"opengov:page:{generation}:{timezone.localdate():%Y%m%d}:{language}:{path}"


def storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and isinstance(response, HttpResponse)
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PublicPageCacheMiddleware:
    """Serve and store anonymous GETs as described in the module's docstring. It sits last in
    MIDDLEWARE, so the security, CSP and frame headers are added to cached responses as to any."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request, data_generation())
        stored: dict[str, Any] | None = cache.get(key)
        if stored is not None:
            cached = HttpResponse(stored["content"], status=200)
            for header, value in stored["headers"].items():
                cached[header] = value
            cached[CACHE_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if storable(request, response):
            assert isinstance(response, HttpResponse)
            headers = {h: response[h] for h in KEPT_HEADERS if response.has_header(h)}
            entry = {"content": response.content, "headers": headers}
            cache.set(key, entry, settings.OPENGOV_PAGE_CACHE_SECONDS)
            response[CACHE_HEADER] = "miss"
        return response
