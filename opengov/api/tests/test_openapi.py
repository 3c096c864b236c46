"""The OpenAPI document loads and describes every endpoint, its security and how to verify the
history."""

from __future__ import annotations

import pytest

PATHS = [
    "/api/v1/members",
    "/api/v1/members/{slug}",
    "/api/v1/plans",
    "/api/v1/plans/{plan_id}",
    "/api/v1/commitments",
    "/api/v1/commitments/{commitment_id}",
    "/api/v1/commitments/{commitment_id}/updates",
    "/api/v1/milestones",
    "/api/v1/milestones/{milestone_id}",
    "/api/v1/milestones/{milestone_id}/complete",
    "/api/v1/milestones/{milestone_id}/revisions",
    "/api/v1/updates",
    "/api/v1/updates/{update_id}",
    "/api/v1/organisations",
    "/api/v1/organisations/{slug}",
    "/api/v1/people",
    "/api/v1/people/{slug}",
    "/api/v1/networks",
    "/api/v1/networks/{slug}",
    "/api/v1/history",
    "/api/v1/history/{sequence}",
]


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_lists_every_path(schema):
    assert set(PATHS) <= set(schema["paths"])


def test_writes_require_bearer_token_and_reads_do_not(schema):
    paths = schema["paths"]
    assert paths["/api/v1/commitments/{commitment_id}/updates"]["post"]["security"] == [
        {"ApiTokenAuth": []}
    ]
    assert "security" not in paths["/api/v1/commitments"]["get"]
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_schemas_are_explicit_and_private_fields_absent(schema):
    components = schema["components"]["schemas"]
    for name in ["CommitmentOut", "MilestoneOut", "UpdateOut", "PersonOut", "HistoryEventOut"]:
        properties = components[name]["properties"]
        assert "email" not in properties and "user" not in properties
    assert {"prev_hash", "hash", "actor_id"} <= set(components["HistoryEventOut"]["properties"])


def test_description_explains_pagination_and_history_verification(schema):
    description = schema["info"]["description"]
    assert "cursor" in description
    assert "sha-256" in description.lower()
    assert "prev_hash" in description


def test_docs_page_is_served(client, db):
    assert client.get("/api/v1/docs").status_code == 200
