"""Filter and sort injection: on every page and every API list (all found by walking config.urls),
query parameters that name fields (`sort=-user__password`, `user__password__startswith=a`), SQL
(`id; DROP TABLE`), lookups (`__`) or are very long are rejected (400/422) or ignored, never used
as raw ordering or filter names (no query touches the password column, nothing is dropped), and
never answered with a 500.

Each page's filter forms (opengov/*/filters.py) accept only values they list, mapped to fixed
conditions; the API's filters are typed schemas. Routes and sample arguments: route_samples.py.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .route_samples import API_PREFIX, ROUTES, build_world, make_admin, url_for

# Parameter names that name fields or carry SQL: no page or API list knows them.
UNKNOWN = {
    "sort": "-user__password",
    "order": "password",
    "ordering": "id; DROP TABLE accounts_user",
    "order_by": "__",
    "o": "-author__password",
    "user__password__startswith": "pbkdf2",
    "password": "x",
    "author__email__icontains": "@",
    "id__gt": "0) OR 1=1 --",
    "__": "__",
}
# The parameters the pages and API lists do know, given hostile values.
KNOWN = [
    "page",
    "status",
    "lead",
    "government",
    "policy_area",
    "series",
    "owner",
    "overdue",
    "object",
    "app",
    "since",
    "before",
    "cursor",
    "limit",
    "verb",
    "plan",
    "commitment",
    "organisation",
    "kind",
]
HOSTILE = [
    "password",
    "-user__password",
    "id; DROP TABLE accounts_user",
    "' OR '1'='1",
    "__",
    "-1",
    "99999999999999999999999",
    "x" * 5000,
]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
# What differs between two renderings of one page: per-form tokens and the time of rendering.
PER_RENDERING = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?"
    r"|\d{8}T\d{6}Z"
)


@pytest.fixture
def admin_user(administrator):
    return make_admin(administrator)


@pytest.fixture
def world(db, commitment, lead_organisation, lead):
    return build_world(commitment, lead_organisation, lead)


def page(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return PER_RENDERING.sub("", CSRF_INPUT.sub("", body.decode(errors="replace")))


def answer(response) -> tuple[int, str, str]:
    return response.status_code, response.get("Location", ""), page(response)


def assert_no_injected_sql(queries) -> None:
    """No query filters or orders by a password, and none carries the injected statement. Values
    sent as parameters (shown quoted in the captured SQL) are data, not names: they are left out."""
    for query in queries:
        sql = re.sub(r"'(?:[^']|'')*'", "''", query["sql"])
        tail = re.split(r"\bWHERE\b|\bORDER BY\b", sql, maxsplit=1, flags=re.IGNORECASE)[1:]
        assert not any("password" in part.lower() for part in tail), sql
        assert "DROP TABLE" not in sql.upper(), sql


def get(client, url: str, params: dict[str, str]):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{url}?{urlencode(params)}")
    assert_no_injected_sql(queries.captured_queries)
    return response


def test_unknown_filter_and_sort_parameters_are_ignored_everywhere(world, admin_user):
    """Every route answers as if the unknown parameters were not there, or refuses them (400).
    The admin site (Django's own, which refuses unknown lookups and repeats the query in its links)
    is held to no server error and no injected SQL."""
    client = Client()
    client.force_login(admin_user)
    differ = []
    for route in ROUTES:
        url = url_for(route, world)
        plain = client.get(url)
        injected = get(client, url, UNKNOWN)
        assert injected.status_code < 500, (url, injected.status_code)
        if injected.status_code == 400 or route.pattern.startswith("admin/"):
            continue  # refused outright; the admin keeps the query in its links and checks it
        if answer(injected) != answer(plain):
            differ.append((route.key, url, plain.status_code, injected.status_code))
    assert differ == []


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: v[:30])
def test_hostile_values_of_known_parameters_never_cause_a_server_error(world, admin_user, value):
    client = Client()
    client.force_login(admin_user)
    params = {name: value for name in KNOWN}
    failures = []
    for route in ROUTES:
        if route.pattern.startswith("admin/"):
            continue
        response = get(client, url_for(route, world), params)
        if response.status_code >= 500:
            failures.append((route.key, response.status_code))
    assert failures == []


def api_lists() -> list[str]:
    """The API's list endpoints: its GET routes without path arguments that answer a page."""
    return [
        "/" + r.pattern
        for r in ROUTES
        if r.pattern.startswith(API_PREFIX) and not r.params and r.name.startswith("api:list_")
    ]


def test_api_lists_ignore_unknown_parameters(world):
    client = Client()
    assert len(api_lists()) >= 10
    for url in api_lists():
        plain = client.get(url)
        assert plain.status_code == 200 and "items" in plain.json(), url
        injected = get(client, url, UNKNOWN)
        assert injected.status_code == 200, (url, injected.content)
        assert injected.json() == plain.json(), url


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("limit", "password"),
        ("limit", "-1"),
        ("limit", "0"),
        ("limit", "1e309"),
        ("cursor", "-user__password"),
        ("cursor", "W10"),  # a valid encoding of an empty key
        ("cursor", "eyJwayI6MX0"),  # a JSON object instead of a key
        ("cursor", "WyJwYXNzd29yZCJd"),  # ["password"]
        ("cursor", "x" * 5000),
    ],
)
def test_api_lists_refuse_malformed_paging_with_a_clear_message(world, name, value):
    client = Client()
    for url in api_lists():
        response = get(client, url, {name: value})
        assert response.status_code in (400, 422), (url, response.status_code)
        body = response.json()
        assert body.get("detail"), (url, body)


@pytest.mark.parametrize("value", HOSTILE, ids=lambda v: v[:30])
def test_api_list_filters_refuse_or_ignore_hostile_values(world, value):
    client = Client()
    for url in api_lists():
        response = get(client, url, {n: value for n in KNOWN if n not in ("cursor", "limit")})
        assert response.status_code in (200, 400, 422), (url, response.status_code)
        if response.status_code != 200:
            assert response.json().get("detail"), url
