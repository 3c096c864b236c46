"""The JSON API: one NinjaAPI instance under /api/v1/, mounting each app's router, and the one
place where service errors become HTTP answers (400, 403, 404, 409), each documented for every
operation in the OpenAPI document (`openapi.py`)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from opengov.action_plans.api import router as action_plans_router
from opengov.api.docs import GovukDocs
from opengov.api.openapi import document_errors
from opengov.collective_actions.api import router as collective_actions_router
from opengov.consultations.api import router as consultations_router
from opengov.core.api import VERIFY
from opengov.core.api import router as history_router
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.request_text import CleanTextParser
from opengov.feedback.api import router as feedback_router
from opengov.ideas.api import router as ideas_router
from opengov.meetings.api import router as meetings_router
from opengov.nominations.api import router as nominations_router
from opengov.organisations.api import router as organisations_router

DESCRIPTION = f"""The public record of an Open Government Partnership process: members, action
plans, commitments, milestones, progress updates, organisations, people and the history of
every change.

**Reading** needs no account. Lists are cursor-paginated: each answers
`{{"items": [...], "next": <cursor or null>}}`; pass `next` back as `cursor` for the following
page, and `limit` (at most 200) to change the page size. Send `Authorization: Bearer <token>` to
read as your account (for example to see draft plans you manage).

**Writing** (progress updates, completing milestones, moving due dates) needs a personal API
token, created and revoked on your account's "API tokens" page: send it as
`Authorization: Bearer <token>`. A signed-in browser session is never accepted for writes.
Changes to an editable record carry the `version` you read; a stale one is refused with 409.

Errors answer `{{"detail": <message>}}`, with `"field"` naming the input at fault where there is
one. Bulk downloads (CSV and JSON) of every resource are at /data/.

**Verifying the history.** {VERIFY}"""


class OpengovAPI(NinjaAPI):
    """The NinjaAPI whose OpenAPI document also lists each operation's error answers."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema


api = OpengovAPI(
    title="opengov API",
    version="1.0.0",
    urls_namespace="api",
    description=DESCRIPTION,
    docs=GovukDocs(),
    parser=CleanTextParser(),
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=400)


@api.exception_handler(ConflictError)
def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message, "field": exc.field}, status=409)


@api.exception_handler(PermissionDeniedError)
def permission_denied(request: HttpRequest, exc: PermissionDeniedError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    """A number too large for the database (SQLite's integers are 64-bit) or a date past the
    calendar's end (`to=9999-12-31` plus a day): the input is at fault, not the server."""
    detail = _("A number or date in the request is out of range.")
    return api.create_response(request, {"detail": detail, "field": None}, status=400)


api.add_router("/", action_plans_router)
api.add_router("/", organisations_router)
api.add_router("/", meetings_router)
api.add_router("/", ideas_router)
api.add_router("/", consultations_router)
api.add_router("/", feedback_router)
api.add_router("/", collective_actions_router)
api.add_router("/", nominations_router)
api.add_router("/", history_router)
