"""The demo (idempotent, through the services), the API (lists with constant queries, details,
writes with a token) and the open datasets."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.accounts.tokens import create_api_token
from opengov.api.datasets import DATASETS
from opengov.collective_actions import demo, services
from opengov.collective_actions.choices import ActionStatus
from opengov.collective_actions.models import CollectiveAction, SignUp

from .conftest import speaker_for
from .factories import CollectiveActionFactory, EventFactory

pytestmark = pytest.mark.django_db


def test_the_demo_loads_a_considered_action_once():
    created: Counter[str] = Counter()
    demo.load(created=created)
    action = CollectiveAction.objects.get()
    assert action.status == ActionStatus.CONSIDERED and action.counted_signatories == 3
    again: Counter[str] = Counter()
    demo.load(created=again)
    assert not +again


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries), response.json()


@pytest.mark.parametrize(
    "path", ["/api/v1/events", "/api/v1/collective-actions", "/api/v1/sign-ups"]
)
def test_api_lists_run_the_same_queries_at_10_and_100_rows(client, path):
    def add(n):
        for i in range(n):
            action = CollectiveActionFactory(event=EventFactory())
            user, organisation = speaker_for(f"Country {path}-{action.pk}-{i}")
            services.sign_up(by=user, action=action, organisation=organisation)

    add(10)
    few, body = _queries(client, path + "?limit=200")
    assert len(body["items"]) == 10
    add(90)
    many, body = _queries(client, path + "?limit=200")
    assert len(body["items"]) == 100 and many == few


def test_api_details_show_sign_ups_and_delegation(client, governments, secretariat):
    action = CollectiveActionFactory()
    services.sign_up(by=governments[0][0], action=action, organisation=governments[0][1])
    _n, body = _queries(client, f"/api/v1/collective-actions/{action.pk}")
    assert body["status"]["key"] == "gathering" and body["counted_signatories"] == 1
    assert body["sign_ups"][0]["organisation"]["name"] == "France"
    _n, event = _queries(client, f"/api/v1/events/{action.event_id}")
    assert event["collective_actions"][0]["id"] == action.pk


def test_api_sign_up_and_withdraw_with_a_write_token(client, governments):
    action = CollectiveActionFactory()
    user, france = governments[0]
    _token, raw = create_api_token(by=user, name="script")
    headers = {"Authorization": f"Bearer {raw}"}
    response = client.post(
        f"/api/v1/collective-actions/{action.pk}/sign-ups",
        {"organisation": france.slug, "statement": "Yes"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    sign_up = SignUp.objects.get()
    assert client.delete(f"/api/v1/sign-ups/{sign_up.pk}", headers=headers).status_code == 200
    assert not SignUp.objects.exists()
    anonymous = client.post(
        f"/api/v1/collective-actions/{action.pk}/sign-ups", {}, content_type="application/json"
    )
    assert anonymous.status_code == 401


def test_datasets_stream_every_row(governments, secretariat):
    action = CollectiveActionFactory()
    services.sign_up(by=governments[0][0], action=action, organisation=governments[0][1])
    from opengov.organisations.tests.factories import PersonFactory

    services.add_delegate(by=secretariat, event=action.event, person=PersonFactory())
    rows = {name: list(DATASETS[name].rows()) for name in (
        "events", "delegations", "collective-actions", "sign-ups")}  # fmt: skip
    assert rows["collective-actions"][0]["counted_signatories"] == 1
    assert rows["sign-ups"][0]["organisation"] == "France"
    assert rows["delegations"][0]["posts"] == []
    assert len(rows["events"]) == 1
