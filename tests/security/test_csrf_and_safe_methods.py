"""Cross-site request forgery and safe methods, generated from the URL configuration: every route
(the site's pages, the data downloads, the admin and the JSON API) is found by walking
config.urls, so a new route is covered without touching this file.

- Every state-changing method (POST, PUT, PATCH, DELETE) without a CSRF token is refused (403) for
  a signed-in administrator, on every route but the API's.
- The API is exempt by design, and exactly the API: its writes authenticate by bearer token only,
  so a session cookie alone is refused (401) and a token needs no CSRF token.
- GET and HEAD change nothing: every route is requested as an administrator and the database's
  rows (every table but sessions and the throttle counters) are the same afterwards.

Routes and their sample arguments: route_samples.py.
"""

from __future__ import annotations

import inspect
import json
import logging
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from ninja.security import HttpBearer

from opengov.accounts.tokens import create_api_token
from opengov.core.models import AuditEvent

from .route_samples import (
    API_PREFIX,
    ROUTES,
    UNSAFE,
    Route,
    build_world,
    changed_tables,
    make_admin,
    snapshot,
    url_for,
)

# Routes the CSRF middleware skips because the view checks the token itself, after a step that
# must come before the body is read: each is held to the same refusal below. A new one must be
# added here, with its reason.
SELF_PROTECTED = {
    "meetings:note-import": "installs its upload size limit before the body is read",
}


@pytest.fixture
def admin_user(administrator):
    return make_admin(administrator)


@pytest.fixture
def world(db, commitment, lead_organisation, lead):
    return build_world(commitment, lead_organisation, lead)


def test_the_walk_finds_every_kind_of_route():
    names = {route.name for route in ROUTES}
    for expected in ("accounts:sign-in", "meetings:note-import", "api:post_update", "admin:index"):
        assert expected in names
    assert len(ROUTES) > 90


def test_a_route_without_a_sample_fails_asking_for_one():
    route = Route("things:thing-detail", "things/<int:pk>/", ("pk",), None)
    with pytest.raises(pytest.fail.Exception, match=r"No sample for the argument 'pk'.*SAMPLES"):
        url_for(route, SimpleNamespace())


def test_every_route_refuses_a_state_changing_request_without_a_csrf_token(
    world, admin_user, caplog
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    before, events = snapshot(), AuditEvent.objects.count()
    refused_silently = []
    for route in ROUTES:
        if route.pattern.startswith(API_PREFIX):
            continue
        url = url_for(route, world)
        for method in UNSAFE:
            caplog.clear()
            with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
                response = getattr(client, method)(url, {"name": "x"})
            refused = [r for r in caplog.records if r.name == "django.security.csrf"]
            if route.key in SELF_PROTECTED and method != "post" and response.status_code == 405:
                continue  # the view takes no such method: refused before any CSRF question
            if response.status_code != 403 or not refused:
                refused_silently.append((method.upper(), url, response.status_code))
    assert refused_silently == [], "accepted without a CSRF token"
    assert changed_tables(before, snapshot()) == []
    assert AuditEvent.objects.count() == events


def api_operations(route: Route) -> list[Any]:
    """The django-ninja operations behind an API route (its view closes over their PathView)."""
    if not inspect.isfunction(route.callback):
        return []
    path_view = inspect.getclosurevars(route.callback).nonlocals.get("self")
    return list(getattr(path_view, "operations", []))


def unsafe_methods(route: Route) -> set[str]:
    return {m.lower() for op in api_operations(route) for m in op.methods} & set(UNSAFE)


def test_csrf_exemption_is_exactly_the_api_and_its_writes_need_a_bearer_token():
    exempt = {route.key for route in ROUTES if getattr(route.callback, "csrf_exempt", False)}
    api_routes = {r.key for r in ROUTES if r.pattern.startswith(API_PREFIX) and r.name}
    assert exempt <= api_routes | SELF_PROTECTED.keys(), "only the API may skip the CSRF check"
    writes = [op for route in ROUTES for op in api_operations(route) if unsafe_methods(route)]
    assert writes, "the API has write endpoints"
    for op in writes:
        if not {m.lower() for m in op.methods} & set(UNSAFE):
            continue
        name = op.view_func.__name__
        assert op.auth_callbacks, f"{name} must require authentication"
        for auth in op.auth_callbacks:
            # A bearer token is sent deliberately by a client: a browser never adds it to a
            # forged request, unlike a cookie. Cookie or session authentication would need CSRF.
            assert isinstance(auth, HttpBearer), f"{name} authenticates by {auth!r}"


def api_write_urls(world) -> list[tuple[str, str, str]]:
    """(method, address, pattern) of every API write, once each (two operations on one path are
    one route per operation name)."""
    seen = set()
    writes = []
    for route in ROUTES:
        if not route.pattern.startswith(API_PREFIX):
            continue
        for method in sorted(unsafe_methods(route)):
            if (method, route.pattern) not in seen:
                seen.add((method, route.pattern))
                writes.append((method, url_for(route, world), route.pattern))
    return writes


# API writes that need no field, so that an empty body is a whole request, and what they answer
# to the administrator's token; every other write refuses an empty body (422).
WHOLE_WITHOUT_FIELDS = {
    ("post", "api/v1/ideas/<idea_id>/support"): 201,  # supports the idea
    ("delete", "api/v1/ideas/<idea_id>/support"): 200,  # withdraws that support
    ("post", "api/v1/collective-actions/<action_id>/sign-ups"): 201,  # signs up as an expert
    ("delete", "api/v1/sign-ups/<sign_up_id>"): 200,  # withdraws a sign-up
}


def test_api_writes_refuse_a_session_and_take_a_token_without_csrf(world, admin_user):
    session = Client(enforce_csrf_checks=True)
    session.force_login(admin_user)
    _token, raw = create_api_token(by=admin_user, name="Script")
    token = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {raw}")
    before, events = snapshot(), AuditEvent.objects.count()
    writes = api_write_urls(world)
    assert len(writes) >= 3
    for method, url, _pattern in writes:
        answer = getattr(session, method)(url, "{}", content_type="application/json")
        assert answer.status_code == 401, (method, url, answer.status_code)
    assert changed_tables(before, snapshot()) == []
    assert AuditEvent.objects.count() == events
    for method, url, pattern in writes:
        # Past authentication without any CSRF token: the empty body is refused (422), or it is
        # a whole request and is done.
        answer = getattr(token, method)(url, "{}", content_type="application/json")
        expected = WHOLE_WITHOUT_FIELDS.get((method, pattern), 422)
        assert answer.status_code == expected, (method, url, answer.status_code, answer.content)
        assert b"CSRF" not in answer.content
    milestone = world.milestone
    body = json.dumps({"version": milestone.version})
    done = token.post(f"/api/v1/milestones/{milestone.pk}/complete", body, "application/json")
    assert done.status_code == 200, done.content


@pytest.mark.parametrize("method", ["get", "head"])
def test_no_route_changes_anything_on_get_or_head(world, admin_user, method):
    client = Client()
    client.force_login(admin_user)
    before, events = snapshot(), AuditEvent.objects.count()
    server_errors = []
    for route in ROUTES:
        url = url_for(route, world)
        response = getattr(client, method)(url)
        if response.status_code >= 500:
            server_errors.append((url, response.status_code))
        if after := changed_tables(before, snapshot()):
            pytest.fail(f"{method.upper()} {url} ({route.key}) changed {after}")
    assert server_errors == []
    assert AuditEvent.objects.count() == events
