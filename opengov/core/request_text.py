"""opengov.core.text's rules at the doors that are not forms: an address holding a NUL character
is refused (400) before any view runs, since PostgreSQL cannot even look it up; the API's JSON
bodies are cleaned as long text before their schemas read them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.parser import Parser

from .text import clean_values

API_PREFIX = "/api/"


class RefuseNulInAddressMiddleware:
    """A NUL character in the path or the query string (%00) answers 400: as JSON under /api/,
    otherwise with the site's "bad request" page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            message = _("The address holds a NUL character (%00), which is not allowed.")
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": message}, status=400)
            raise BadRequest(message)
        return self.get_response(request)


class NotAnObjectError(ValueError):
    """A JSON body that is not an object: django-ninja answers it as a malformed body (400)."""


class CleanTextParser(Parser):
    """The API's parser: every string of a JSON body, and of the query, cleaned as long text
    (opengov.core.text.clean_text); one-line fields are cleaned further by their schemas."""

    def parse_body(self, request: HttpRequest) -> Any:
        body = super().parse_body(request)
        if not isinstance(body, dict):
            # Every write takes one JSON object. Anything else (a list, a string, a number) is
            # refused here: a schema whose fields all have defaults would read it as "{}".
            raise NotAnObjectError("The request body must be one JSON object.")
        return clean_values(body)

    def parse_querydict(self, data: Any, list_fields: list[str], request: HttpRequest) -> Any:
        return clean_values(super().parse_querydict(data, list_fields, request))
