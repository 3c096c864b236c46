"""What schemathesis found, pinned down: out-of-range numbers and dates are refused (400), not a
server error; write bodies take dates only as YYYY-MM-DD and numbers only as numbers (422, nothing
written); and the OpenAPI document declares every error answer with the body it really has."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection

from opengov.action_plans.models import DueDateRevision, Milestone, ProgressUpdate
from opengov.action_plans.tests.factories import MilestoneFactory
from opengov.api.tests.helpers import API, bearer

HUGE = 2**70  # past SQLite's and PostgreSQL's 64-bit integers
NOT_DATES = [0, "0", 1478736000, "2016-11-10T00:00:00", "10/11/2016", True]


def post(client, path: str, data: dict, **headers):
    return client.post(
        f"{API}{path}", data=json.dumps(data), content_type="application/json", **headers
    )


@pytest.fixture
def milestone(commitment):
    return MilestoneFactory(commitment=commitment, due_on=dt.date(2017, 3, 31))


@pytest.mark.parametrize(
    "query",
    [f"/commitments?plan={HUGE}", f"/milestones?commitment={HUGE}", f"/updates?commitment={HUGE}"],
)
def test_huge_number_in_a_filter_is_not_a_server_error(client, commitment, query):
    response = client.get(f"{API}{query}")
    if connection.vendor == "sqlite":  # it cannot even bind the number
        assert response.status_code == 400, response.content
        assert response.json()["detail"] == "A number or date in the request is out of range."
    else:  # PostgreSQL compares it as numeric: nothing matches
        assert response.status_code == 200, response.content
        assert response.json() == {"items": [], "next": None}


def test_date_past_the_end_of_the_calendar_is_400(client, db):
    response = client.get(f"{API}/meetings?to=9999-12-31")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "A number or date in the request is out of range.",
        "field": None,
    }


@pytest.mark.parametrize("value", NOT_DATES)
def test_completing_with_a_date_that_is_not_yyyy_mm_dd_is_422(client, milestone, lead, value):
    data = {"completed_on": value, "version": milestone.version}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **bearer(lead))
    assert response.status_code == 422, response.content
    assert Milestone.objects.get(pk=milestone.pk).completed_on is None


@pytest.mark.parametrize("version", [True, "1", 1.0])
def test_version_that_is_not_an_integer_is_422(client, milestone, lead, version):
    assert milestone.version == 1
    data = {"completed_on": "2016-11-10", "version": version}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **bearer(lead))
    assert response.status_code == 422, response.content
    assert Milestone.objects.get(pk=milestone.pk).completed_on is None


@pytest.mark.parametrize("value", NOT_DATES)
def test_revising_to_a_date_that_is_not_yyyy_mm_dd_is_422(client, milestone, lead, value):
    data = {"new_due_on": value, "reason": "Delayed", "version": milestone.version}
    response = post(client, f"/milestones/{milestone.pk}/revisions", data, **bearer(lead))
    assert response.status_code == 422, response.content
    assert not DueDateRevision.objects.exists()


@pytest.mark.parametrize("extra", [{"reported_on": 0}, {"milestone_id": "1"}])
def test_update_with_a_mistyped_field_is_422(client, commitment, lead, milestone, extra):
    data = {"status": "on_track", "text": "Consultation launched.", **extra}
    response = post(client, f"/commitments/{commitment.pk}/updates", data, **bearer(lead))
    assert response.status_code == 422, response.content
    assert not ProgressUpdate.objects.exists()


def test_a_well_formed_date_is_still_taken(client, milestone, lead):
    data = {"completed_on": "2016-11-10", "version": milestone.version}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **bearer(lead))
    assert response.status_code == 200, response.content
    assert Milestone.objects.get(pk=milestone.pk).completed_on == dt.date(2016, 11, 10)


# The OpenAPI document ------------------------------------------------------------------------


@pytest.fixture
def schema(client, db):
    return client.get(f"{API}/openapi.json").json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_declares_its_error_answers(schema):
    for label, operation in operations(schema):
        codes = set(operation["responses"])
        assert {"400", "401", "422"} <= codes, label
        if "{" in label:
            assert "404" in codes, label
        if operation.get("security"):
            assert {"403", "404", "409"} <= codes, label
    assert set(schema["components"]["schemas"]) >= {"Error", "ValidationError"}


def ref(schema, label: str, code: str) -> str:
    operation = dict(operations(schema))[label]
    return operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]


def test_declared_error_bodies_are_the_real_ones(client, schema, milestone, lead, other_lead):
    error = schema["components"]["schemas"]["Error"]
    invalid = schema["components"]["schemas"]["ValidationError"]
    complete = f"/milestones/{milestone.pk}/complete"
    label = "POST /api/v1/milestones/{milestone_id}/complete"
    answers = {
        "401": post(client, complete, {"version": 1}),
        "403": post(client, complete, {"version": 1}, **bearer(other_lead)),
        "404": post(client, "/milestones/999999/complete", {"version": 1}, **bearer(lead)),
        "409": post(client, complete, {"version": 7}, **bearer(lead)),
        "422": post(client, complete, {"version": "one"}, **bearer(lead)),
    }
    for code, response in answers.items():
        assert str(response.status_code) == code, (code, response.content)
        body = response.json()
        if code == "422":
            assert ref(schema, label, code) == "#/components/schemas/ValidationError"
            assert set(body) == set(invalid["properties"])
            assert all({"type", "loc", "msg"} <= set(entry) for entry in body["detail"])
        else:
            assert ref(schema, label, code) == "#/components/schemas/Error"
            assert set(body) <= set(error["properties"]) and isinstance(body["detail"], str)
