"""Writing through the API: token authentication only, the services' permissions (403), stale
versions (409), bad input (400/422), and the audit event each write records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from opengov.accounts.tokens import create_api_token, revoke_api_token
from opengov.action_plans.models import DueDateRevision, Milestone, ProgressUpdate
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from opengov.core.models import AuditEvent

API = "/api/v1"


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, path: str, data: dict, **headers):
    return client.post(
        f"{API}{path}", data=json.dumps(data), content_type="application/json", **headers
    )


UPDATE = {"status": "on_track", "text": "Consultation launched."}


@pytest.fixture
def milestone(commitment):
    return MilestoneFactory(commitment=commitment, due_on=dt.date(2017, 3, 31))


# Progress updates --------------------------------------------------------------------------


def test_lead_posts_update_with_token(client, commitment, lead, milestone):
    data = {
        **UPDATE,
        "reported_on": "2016-11-10",
        "evidence": [{"url": "https://example.gov.uk/report", "title": "Report"}],
        "milestone_id": milestone.pk,
    }
    response = post(client, f"/commitments/{commitment.pk}/updates", data, **bearer(lead))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == {"key": "on_track", "label": "On track"}
    assert body["evidence"] == [{"url": "https://example.gov.uk/report", "title": "Report"}]
    assert body["milestone_id"] == milestone.pk
    assert body["author"] == lead.public_name
    assert "@" not in response.content.decode()
    update = ProgressUpdate.objects.get(pk=body["id"])
    assert update.author == lead
    event = AuditEvent.objects.filter(verb="action_plans.progressupdate.posted").get()
    assert event.actor_id == lead.pk
    assert event.object_id == str(update.pk)


def test_token_write_needs_no_csrf_token(commitment, lead):
    client = Client(enforce_csrf_checks=True)
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE, **bearer(lead))
    assert response.status_code == 201


def test_other_lead_cannot_post_update(client, commitment, other_lead):
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE, **bearer(other_lead))
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not ProgressUpdate.objects.exists()


def test_participant_cannot_post_update(client, commitment, participant):
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE, **bearer(participant))
    assert response.status_code == 403


def test_government_contact_can_post_update(client, commitment, government_contact):
    headers = bearer(government_contact)
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE, **headers)
    assert response.status_code == 201


def test_post_without_token_is_401(client, commitment):
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE)
    assert response.status_code == 401
    assert not ProgressUpdate.objects.exists()


def test_post_with_revoked_token_is_401(client, commitment, lead):
    token, raw = create_api_token(by=lead, name="old")
    revoke_api_token(by=lead, token=token)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE, **headers)
    assert response.status_code == 401


def test_post_with_unknown_token_is_401(client, commitment):
    headers = {"HTTP_AUTHORIZATION": "Bearer og_made-up"}
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE, **headers)
    assert response.status_code == 401


def test_post_with_inactive_users_token_is_401(client, commitment, lead):
    headers = bearer(lead)
    lead.is_active = False
    lead.save()
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE, **headers)
    assert response.status_code == 401


@pytest.mark.parametrize("enforce_csrf", [False, True])
def test_session_is_not_accepted_for_writes(commitment, lead, enforce_csrf):
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.force_login(lead)
    response = post(client, f"/commitments/{commitment.pk}/updates", UPDATE)
    assert response.status_code == 401
    assert not ProgressUpdate.objects.exists()


def test_lead_cannot_post_to_draft_commitment(client, lead, lead_organisation):
    draft = CommitmentFactory(
        plan=ActionPlanFactory(published_at=None), lead_organisations=[lead_organisation]
    )
    response = post(client, f"/commitments/{draft.pk}/updates", UPDATE, **bearer(lead))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"status": "on_track"},
        {"status": "brilliant", "text": "x"},
        {"status": "on_track", "text": ""},
        {"status": "on_track", "text": "x", "reported_on": "10/11/2016"},
        {"status": "on_track", "text": "x", "evidence": [{"title": "no url"}]},
    ],
)
def test_malformed_update_is_422(client, commitment, lead, data):
    response = post(client, f"/commitments/{commitment.pk}/updates", data, **bearer(lead))
    assert response.status_code == 422
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"text": "   "}, "text"),
        ({"evidence": [{"url": "javascript:alert(1)"}]}, "evidence"),
        ({"reported_on": "2999-01-01"}, "reported_on"),
        ({"milestone_id": 999999}, "milestone_id"),
    ],
)
def test_update_refused_by_the_service_is_400_with_field(client, commitment, lead, extra, field):
    response = post(
        client, f"/commitments/{commitment.pk}/updates", {**UPDATE, **extra}, **bearer(lead)
    )
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert response.json()["detail"]
    assert not ProgressUpdate.objects.exists()


def test_update_about_another_commitments_milestone_is_400(client, commitment, lead):
    other = MilestoneFactory()
    data = {**UPDATE, "milestone_id": other.pk}
    response = post(client, f"/commitments/{commitment.pk}/updates", data, **bearer(lead))
    assert response.status_code == 400


# Completing milestones ---------------------------------------------------------------------


def test_lead_completes_milestone(client, milestone, lead):
    data = {"version": milestone.version, "completed_on": "2017-01-15"}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **bearer(lead))
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"]["key"] == "complete"
    assert body["completed_on"] == "2017-01-15"
    assert body["version"] == milestone.version + 1
    assert AuditEvent.objects.filter(verb="action_plans.milestone.completed").count() == 1


def test_complete_with_stale_version_is_409(client, milestone, lead):
    data = {"version": milestone.version - 1}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **bearer(lead))
    assert response.status_code == 409
    assert "Someone else changed this record" in response.json()["detail"]
    milestone.refresh_from_db()
    assert milestone.status != "complete"


def test_complete_twice_is_400(client, milestone, lead):
    headers = bearer(lead)
    post(client, f"/milestones/{milestone.pk}/complete", {"version": milestone.version}, **headers)
    data = {"version": milestone.version + 1}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **headers)
    assert response.status_code == 400


def test_complete_without_version_is_422(client, milestone, lead):
    response = post(client, f"/milestones/{milestone.pk}/complete", {}, **bearer(lead))
    assert response.status_code == 422


def test_other_lead_cannot_complete_milestone(client, milestone, other_lead):
    data = {"version": milestone.version}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **bearer(other_lead))
    assert response.status_code == 403


def test_complete_in_the_future_is_400(client, milestone, lead):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = {"version": milestone.version, "completed_on": tomorrow.isoformat()}
    response = post(client, f"/milestones/{milestone.pk}/complete", data, **bearer(lead))
    assert response.status_code == 400
    assert response.json()["field"] == "completed_on"


# Moving due dates --------------------------------------------------------------------------


REVISION = {"new_due_on": "2017-06-30", "new_due_precision": "month", "reason": "Delayed strategy"}


def test_lead_revises_due_date(client, milestone, lead):
    data = {**REVISION, "version": milestone.version}
    response = post(client, f"/milestones/{milestone.pk}/revisions", data, **bearer(lead))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["old_due_on"] == "2017-03-31"
    assert body["new_due_on"] == "2017-06-30"
    assert body["reason"] == "Delayed strategy"
    assert body["revised_by"] == lead.public_name
    milestone.refresh_from_db()
    assert milestone.due_on == dt.date(2017, 6, 30)
    assert milestone.original_due_on == dt.date(2017, 3, 31)
    assert AuditEvent.objects.filter(verb="action_plans.milestone.due_date_revised").exists()
    detail = client.get(f"{API}/milestones/{milestone.pk}").json()
    assert [r["reason"] for r in detail["revisions"]] == ["Delayed strategy"]


def test_revise_with_stale_version_is_409(client, milestone, lead):
    data = {**REVISION, "version": milestone.version + 5}
    response = post(client, f"/milestones/{milestone.pk}/revisions", data, **bearer(lead))
    assert response.status_code == 409
    assert "reload" in response.json()["detail"]
    assert not DueDateRevision.objects.exists()


@pytest.mark.parametrize(
    "change",
    [{"reason": ""}, {"new_due_on": "soon"}, {"new_due_precision": "fortnight"}],
)
def test_malformed_revision_is_422(client, milestone, lead, change):
    data = {**REVISION, "version": milestone.version, **change}
    response = post(client, f"/milestones/{milestone.pk}/revisions", data, **bearer(lead))
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "   "}, "reason"),
        ({"new_due_on": "2017-03-31", "new_due_precision": "day"}, "new_due_on"),
    ],
)
def test_revision_refused_by_the_service_is_400(client, milestone, lead, change, field):
    data = {**REVISION, "version": milestone.version, **change}
    response = post(client, f"/milestones/{milestone.pk}/revisions", data, **bearer(lead))
    assert response.status_code == 400
    assert response.json()["field"] == field
    assert Milestone.objects.get(pk=milestone.pk).due_on == dt.date(2017, 3, 31)


def test_participant_cannot_revise_due_date(client, milestone, participant):
    data = {**REVISION, "version": milestone.version}
    response = post(client, f"/milestones/{milestone.pk}/revisions", data, **bearer(participant))
    assert response.status_code == 403
