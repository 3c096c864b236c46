"""The "Take part" page: what is open now of each way to take part, drafts and closed things left
out, in a number of queries that does not grow with the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from opengov.collective_actions.choices import ActionStatus
from opengov.collective_actions.tests.factories import CollectiveActionFactory
from opengov.ideas.tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def _calls(n: int, **kwargs) -> None:
    for i in range(n):
        CallFactory(title=f"Open call {i}", **kwargs)


def test_open_calls_and_gathering_actions_are_listed_and_the_rest_left_out(client):
    today = timezone.localdate()
    CallFactory(title="Open call for the next plan")
    CallFactory(title="Draft call", published_at=None)
    CallFactory(
        title="Closed call",
        opens_on=today - dt.timedelta(days=60),
        closes_on=today - dt.timedelta(days=30),
    )
    CollectiveActionFactory(title="Open contracting")
    CollectiveActionFactory(title="Beneficial ownership", status=ActionStatus.CONSIDERED)
    page = client.get("/take-part/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Open call for the next plan" in html and "Open contracting" in html
    for absent in ("Draft call", "Closed call", "Beneficial ownership"):
        assert absent not in html
    assert "No consultation is open for comments now." in html
    assert "No nomination round is taking nominations or votes now." in html
    assert 'href="/feedback/new/"' in html


def test_the_page_costs_the_same_queries_with_more_data(client, django_assert_num_queries):
    _calls(2)
    client.get("/take-part/")  # warm: sessions, content types
    with django_assert_num_queries(4) as first:
        client.get("/take-part/")
    _calls(20)
    for i in range(20):
        CollectiveActionFactory(title=f"Action {i}")
    with django_assert_num_queries(len(first.captured_queries)):
        page = client.get("/take-part/")
    assert page.content.decode().count("Open call") == 5  # a few of each, soonest to close
