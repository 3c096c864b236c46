"""The access-control matrix, generated: every named route of the URL configuration and every path
and method of the OpenAPI schema, for every role, in every state of the object it names, answers
as tests/security/permission_matrix.py says; and no answer to a role shows a draft or a hidden
meeting it may not see. A route without rows there fails, naming itself.

One world of objects is built per module (through the services, so the audit trail is real) and
each request runs in a savepoint rolled back afterwards, so a write one role makes (publishing a
draft, completing a milestone) is not seen by the next."""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.generic.edit import ProcessFormView

from opengov.action_plans.models import Milestone
from opengov.api.api import api
from opengov.api.datasets import DATASETS
from opengov.core.audit import object_key
from opengov.core.models import AuditEvent

from .matrix_apps import PARTS
from .matrix_resolvers import Resolver, constant, stateful, stateless
from .permission_matrix import EXPECTED, PRESENCE, ROLES, SEES_DRAFTS, SEES_HIDDEN, STATES
from .permission_world import MARKS, World, build_world

pytestmark = pytest.mark.django_db

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
API_DOCS = {"api:openapi-json", "api:openapi-view", "api:api-root"}
UNIFORM = ("anonymous", "administrator")


# Routes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the URL name, or the API's OpenAPI path
    method: str
    path: str
    params: tuple[tuple[str, str], ...]  # (the path segment before it, the parameter's name)

    def __str__(self) -> str:
        return f"{self.method} {self.key}"

    @property
    def is_api(self) -> bool:
        return self.key.startswith("/")


PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>|\{(\w+)\}")


def params_of(path: str) -> tuple[tuple[str, str], ...]:
    found = []
    for match in PARAM.finditer(path):
        segment = path[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        found.append((segment, next(g for g in match.groups() if g)))
    return tuple(found)


@functools.cache
def openapi_operations() -> list[Route]:
    schema = api.get_openapi_schema()
    return [
        Route(path, method.upper(), path, params_of(path))
        for path, operations in schema["paths"].items()
        for method in operations
    ]


def _methods(callback: Any) -> list[str]:
    """The methods a view answers. Django's form views answer PUT as POST: only POST counts."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None:  # function views and feeds are read with GET
        return ["GET"]
    names = [
        m for m in HTTP_METHODS if m in view_class.http_method_names and hasattr(view_class, m)
    ]
    if getattr(view_class, "put", None) is ProcessFormView.put:
        names.remove("put")
    return [m.upper() for m in names]


def html_routes() -> list[Route]:
    """Every named URL pattern, except the API operations (they come from the OpenAPI schema)."""
    api_paths = {re.sub(r"\{(\w+)\}", r"<\1>", r.path) for r in openapi_operations()}
    routes: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            path = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
                walk(pattern, path, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and "/" + path not in api_paths:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
                routes.extend(
                    Route(key, m, path, params_of(path)) for m in _methods(pattern.callback)
                )

    walk(get_resolver(), "", "")
    return routes


ROUTES = html_routes() + openapi_operations()


# The world ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module inside a transaction that is rolled back at its end; each test's
    own transaction, and each request's savepoint, nest inside it."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        built.cookies["anonymous"] = SimpleCookie()
        for role, user in built.users.items():
            built.client.force_login(user)
            built.cookies[role], built.client.cookies = built.client.cookies, SimpleCookie()
        yield built
        transaction.set_rollback(True)


# Path arguments -------------------------------------------------------------------------------


PLANS, MEETINGS = ("published", "draft"), ("published", "hidden")
# By "<segment before it>/<parameter>" where a name such as pk means different things, else by name.
RESOLVERS: dict[str, Resolver] = {
    **{f"{seg}/pk": stateful(kind, PLANS) for seg, kind in (
        ("plans", "plan"), ("commitments", "commitment"), ("milestones", "milestone"),
        ("updates", "update"))},
    **{name: stateful(kind, PLANS) for name, kind in (
        ("plan_id", "plan"), ("commitment_id", "commitment"), ("milestone_id", "milestone"),
        ("update_id", "update"))},
    **{key: stateful(kind, MEETINGS) for key, kind in (
        ("meetings/pk", "meeting"), ("meeting_id", "meeting"), ("attendance/pk", "attendance"),
        ("sections/pk", "section"), ("actions/pk", "action"), ("action_item_id", "action"))},
    "sequence": stateful("event", ("published", "draft", "hidden"), "sequence"),
    **{f"{seg}/slug": stateless(kind, "slug") for seg, kind in (
        ("members", "member"), ("organisations", "organisation"), ("people", "person"),
        ("networks", "network"), ("series", "series"))},
    "import/pk": stateless("note"),
    "tokens/pk": stateless("token"),
    "name": constant(*sorted(DATASETS)),
    "uidb64": Resolver(("-",), lambda w, s: [
        urlsafe_base64_encode(force_bytes(w.users["participant"].pk))]),
    "token": constant("not-a-valid-token"),
    "object_id": constant("1"),  # Django's admin: no role reaches an object's page
    "content_type_id": constant("1"),
    "app_label": constant("auth"),
}  # fmt: skip
for _part in PARTS:
    RESOLVERS.update(getattr(_part, "RESOLVERS", {}))


def resolver_for(route: Route, segment: str, name: str) -> Resolver:
    found = RESOLVERS.get(f"{segment}/{name}") or RESOLVERS.get(name)
    if found is None:
        pytest.fail(f"{route}: no resolver for the path argument {name!r} (after {segment!r}/): "
                    "add one to RESOLVERS in tests/security/test_permission_matrix.py")  # fmt: skip
    return found


def route_states(route: Route) -> tuple[str, ...]:
    stateful_params = [r.states for s, n in route.params if (r := RESOLVERS.get(f"{s}/{n}")
                       or RESOLVERS.get(n)) and r.states != ("-",)]  # fmt: skip
    assert len(stateful_params) <= 1, f"{route}: more than one path argument with a state"
    return stateful_params[0] if stateful_params else ("-",)


def urls_for(route: Route, world: World, state: str) -> list[str]:
    names = [name for _segment, name in route.params]
    choices = [resolver_for(route, s, n).values(world, state) for s, n in route.params]
    urls = []
    for values in itertools.product(*choices):
        kwargs = dict(zip(names, values, strict=True))
        if route.is_api:
            urls.append(re.sub(r"\{(\w+)\}", lambda m: kwargs[m.group(1)], route.path))
        else:
            urls.append(reverse(route.key, kwargs=kwargs))
    return urls


# Requests -------------------------------------------------------------------------------------


def _version(url: str) -> int:
    """The version of the milestone the URL names, as it is now (a stale one would be a 409)."""
    return Milestone.objects.get(pk=int(url.split("/")[4])).version


# A valid body for each API write, so that only the rules decide the answer.
BODIES: dict[str, Callable[[str], dict[str, Any]]] = {
    "/api/v1/commitments/{commitment_id}/updates": lambda url: {
        "status": "on_track", "text": "Reported through the API", "reported_on": "2017-01-16"},
    "/api/v1/milestones/{milestone_id}/complete": lambda url: {
        "version": _version(url), "completed_on": "2017-01-16"},
    "/api/v1/milestones/{milestone_id}/revisions": lambda url: {
        "version": _version(url), "new_due_on": "2017-09-30", "new_due_precision": "day",
        "reason": "Moved through the API"},
}  # fmt: skip
for _part in PARTS:
    BODIES.update(getattr(_part, "BODIES", {}))


def _payload(route: Route, url: str) -> dict[str, Any]:
    if route.key not in BODIES:
        pytest.fail(f"{route}: no request body for this API write: add one to BODIES")
    return BODIES[route.key](url)


def _send(route: Route, world: World, role: str, url: str) -> Any:
    """Pages as the role's session (an empty form for a POST); the API with the role's token."""
    client = world.client
    if not route.is_api:
        client.cookies = SimpleCookie(world.cookies[role])
        return client.post(url, {}) if route.method == "POST" else client.generic(route.method, url)
    client.cookies = SimpleCookie()
    headers = {"Authorization": f"Bearer {world.tokens[role]}"} if role in world.tokens else {}
    if route.method == "GET":
        return client.get(url, headers=headers)
    body = json.dumps(_payload(route, url))
    return client.generic(route.method, url, body, content_type="application/json", headers=headers)


def request(route: Route, world: World, role: str, url: str) -> tuple[str, str]:
    """(outcome, body text) of one request, made in a savepoint that is rolled back."""
    with transaction.atomic():
        response = _send(route, world, role, url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    body = content.decode("utf-8", "replace").replace("\r\n ", "")  # unfold iCalendar lines
    if response.status_code not in (301, 302, 303, 307, 308):
        return str(response.status_code), body
    location = response["Location"].split("?")[0]
    if location == reverse("accounts:sign-in"):
        return "login", body
    return ("admin" if location == reverse("admin:login") else "302"), body


def leaks(role: str, body: str) -> list[str]:
    """What the role may never see, shown in this answer."""
    found = []
    if role not in SEES_DRAFTS and MARKS["draft"] in body:
        found.append("a draft")
    if role not in SEES_HIDDEN and MARKS["hidden"] in body:
        found.append("a hidden meeting")
    return found


def rows_for(route: Route) -> dict[str, dict[str, str]]:
    return {
        s: row
        for (key, method, s), row in EXPECTED.items()
        if (key, method) == (route.key, route.method)
    }


def row_problems(route: Route) -> list[str]:
    """Why the table's rows for this route do not fit it (none: they do)."""
    rows, states = rows_for(route), route_states(route)
    if not rows:
        wanted = ", ".join(states)
        return [f"{route} ({route.path}) has no rows in tests/security/permission_matrix.py "
                f"TABLE: add one per state ({wanted})"]  # fmt: skip
    if states != ("-",) and set(rows) != set(states):
        return [f"{route}: rows for states {sorted(rows)}, the object has {sorted(states)}"]
    if states == ("-",) and "-" in rows and len(rows) > 1:
        return [f"{route}: a route without a state has one row (-) or one per state shown"]
    if any(outcome in PRESENCE for state in rows if state not in STATES for outcome in
           rows[state].values()):  # fmt: skip
        return [f"{route}: listed/absent need a state"]
    return []


def roles_to_request(route: Route) -> tuple[str, ...]:
    """Every role; but a route that names no object with a state and answers every role alike
    is requested as the two ends of the scale only, no account and an administrator."""
    outcomes = {outcome for row in rows_for(route).values() for outcome in row.values()}
    return ROLES if route_states(route) != ("-",) or len(outcomes) > 1 else UNIFORM


def check_route(route: Route, world: World) -> list[str]:
    problems = row_problems(route)
    if problems:
        return problems
    rows = rows_for(route)
    for state in route_states(route):
        checked = rows if state == "-" else {state: rows[state]}
        for url, role in itertools.product(urls_for(route, world, state), roles_to_request(route)):
            try:
                outcome, body = request(route, world, role, url)
            except Exception as error:  # a view that raises is a finding, named with its cell
                problems.append(f"{route.method} {url} as {role}: raised {error!r}")
                continue
            problems += [
                f"{route.method} {url} as {role} shows {leak}" for leak in leaks(role, body)
            ]
            for row_state, row in checked.items():
                expected, actual = row[role], outcome
                if expected in PRESENCE and outcome == "200":
                    actual = "listed" if MARKS[row_state] in body else "absent"
                if actual != expected:
                    problems.append(f"{route.method} {url} as {role} ({row_state}): "
                                    f"expected {expected}, got {actual}")  # fmt: skip
    return problems


# Tests ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_route_answers_every_role_as_the_matrix_says(route: Route, world: World) -> None:
    problems = check_route(route, world)
    assert not problems, "\n".join(problems)


def test_every_route_has_rows_and_every_row_a_route() -> None:
    problems = [p for route in ROUTES for p in row_problems(route)]
    known = {(r.key, r.method) for r in ROUTES}
    problems += [f"{method} {key}: rows for a route that does not exist"
                 for key, method, _state in EXPECTED if (key, method) not in known]  # fmt: skip
    assert not problems, "\n".join(problems)


def test_the_matrix_walks_the_served_openapi_schema(client: Client) -> None:
    served = client.get("/api/v1/openapi.json").json()["paths"]
    walked = {(r.key, r.method) for r in ROUTES if r.is_api}
    assert {(p, m.upper()) for p, ops in served.items() for m in ops} == walked


def test_no_api_url_but_its_documentation_is_outside_the_openapi_schema() -> None:
    """An API operation left out of the schema is walked as a page; say so plainly."""
    api_names = {r.key for r in ROUTES if r.key.startswith("api:")}
    assert api_names == API_DOCS, f"API URLs outside the OpenAPI schema: {api_names - API_DOCS}"


def test_states_of_the_world_are_those_of_the_matrix() -> None:
    used = {s for r in RESOLVERS.values() for s in r.states} - {"-"}
    assert used == set(STATES) == set(MARKS)


def test_a_public_action_page_lists_no_event_of_a_hidden_meeting(world: World) -> None:
    """The public meeting's action was reviewed at the meeting made private later: that review's
    event has left /history/ (404 for anyone but administrators), so the action's own page must
    not list it, nor link to it."""
    item, hidden = world.objects["action"]["published"], world.objects["meeting"]["hidden"]
    review = AuditEvent.objects.get(
        verb="meetings.actionitem.reviewed",
        object_key=object_key(item),
        scope_key=object_key(hidden),
    )
    page = Route("meetings:action-detail", "GET", "actions/<int:pk>/", (("actions", "pk"),))
    outcome, body = request(page, world, "anonymous", item.get_absolute_url())
    assert outcome == "200"
    assert reverse("core:event-detail", args=[review.sequence]) not in body
