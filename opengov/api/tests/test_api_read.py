"""Reading the API: shapes, cursor pagination, filters, visibility of drafts and privacy. History
is in test_api_history.py, query counts in test_api_query_counts.py."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from opengov.accounts.tokens import create_api_token, revoke_api_token
from opengov.action_plans.tests import factories as plans
from opengov.core import audit
from opengov.organisations import models as orgs
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

from . import helpers
from .helpers import LISTS, bearer, get, ids, walk

# The shared fixtures, named here so that pytest finds them for this module.
draft_plan, world = helpers.draft_plan, helpers.world


# Shapes ------------------------------------------------------------------------------------


DETAIL_KEYS = """id plan_id number title lead_organisations policy_areas status irm milestones
latest_updates assessments url history_url version"""


def test_commitment_detail_shape(client, world):
    commitment = world["commitment"]
    body = get(client, f"/commitments/{commitment.pk}").json()
    assert set(DETAIL_KEYS.split()) <= set(body)
    assert body["url"] == commitment.get_absolute_url()
    assert body["history_url"] == f"/history/?object=action_plans.commitment:{commitment.pk}"
    assert body["lead_organisations"][0]["slug"] == "cabinet-office"
    assert [area["slug"] for area in body["policy_areas"]] == ["open-data"]
    assert body["status"] == {"key": "not_started", "label": "Not started"}
    assert set(body["irm"]) >= {"verifiable", "potential_impact", "did_it_open_government"}
    assert body["milestones"][0]["id"] == world["milestone"].pk
    assert body["latest_updates"][0]["author"] == "Ana Example"


def test_commitment_irm_fields_have_key_and_label(client, world):
    commitment = world["commitment"]
    commitment.potential_impact = "transformative"
    commitment.save()
    irm = get(client, f"/commitments/{commitment.pk}").json()["irm"]
    assert irm["potential_impact"] == {"key": "transformative", "label": "Transformative"}
    assert irm["verifiable"] is None


def test_milestone_detail_lists_revisions(client, world):
    body = get(client, f"/milestones/{world['milestone'].pk}").json()
    revision = body["revisions"][0]
    assert revision["old_due_on"] == "2017-03-31"
    assert revision["new_due_on"] == "2017-06-30"
    assert revision["new_due_precision"] == {"key": "month", "label": "Month"}
    assert revision["reason"] == "Postponed due to the delayed Digital Strategy"
    assert revision["revised_by"] == world["lead"].public_name
    assert "revised_at" in revision
    assert {"due_on", "original_due_on", "is_overdue", "version", "commitment"} <= set(body)


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ("/members", {"slug", "name", "kind", "plans", "url", "history_url"}),
        ("/plans", {"id", "member", "number", "title", "status", "commitment_count", "url"}),
        ("/commitments", {"id", "number", "title", "status", "lead_organisations", "url"}),
        ("/milestones", {"id", "commitment_id", "text", "due_on", "status", "url"}),
        ("/updates", {"id", "commitment_id", "status", "text", "evidence", "author", "url"}),
        ("/organisations", {"slug", "name", "kind", "parent", "url", "history_url"}),
        ("/people", {"slug", "name", "memberships", "url", "history_url"}),
        ("/networks", {"slug", "name", "coordinator", "url", "history_url"}),
    ],
)
def test_list_shape(client, world, path, keys):
    response = get(client, path)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "next"}
    assert body["items"]
    assert keys <= set(body["items"][0])


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ("/members/united-kingdom", {"slug", "plans"}),
        ("/organisations/cabinet-office", {"aliases", "leads", "supports", "children"}),
        ("/people/{person}", {"name", "memberships"}),
        ("/networks/ogn", {"members", "coordinator"}),
        ("/updates/{update}", {"status", "evidence", "source", "organisation"}),
        ("/plans/{plan}", {"title", "published_at", "commitment_count"}),
    ],
)
def test_detail_shape(client, world, path, keys):
    path = path.format(
        person=world["person"].slug,
        update=world["update"].pk,
        plan=world["commitment"].plan_id,
    )
    response = get(client, path)
    assert response.status_code == 200, response.content
    assert keys <= set(response.json())


def test_organisation_shows_aliases_and_what_it_leads(client, world):
    body = get(client, "/organisations/cabinet-office").json()
    assert body["aliases"] == ["CO"]
    assert [c["id"] for c in body["leads"]] == [world["commitment"].pk]


def test_person_shows_memberships_without_account(client, world):
    body = get(client, f"/people/{world['person'].slug}").json()
    assert body["memberships"][0]["organisation"]["slug"] == "cabinet-office"
    assert body["memberships"][0]["role"] == "Minister"
    assert "user" not in body and "email" not in body


def test_unknown_object_is_404_with_detail(client, db):
    response = get(client, "/commitments/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


# Visibility and privacy --------------------------------------------------------------------


def test_anonymous_cannot_see_draft_plan_commitment(client, world):
    assert get(client, f"/commitments/{world['draft'].pk}").status_code == 404
    ids = [c["id"] for c in get(client, "/commitments").json()["items"]]
    assert world["draft"].pk not in ids
    assert world["draft"].plan_id not in [p["id"] for p in get(client, "/plans").json()["items"]]


def test_administrator_token_sees_draft_plan_commitment(client, world, administrator):
    headers = bearer(administrator)
    response = get(client, f"/commitments/{world['draft'].pk}", **headers)
    assert response.status_code == 200
    ids = [c["id"] for c in get(client, "/commitments", **headers).json()["items"]]
    assert world["draft"].pk in ids


def test_participant_token_cannot_see_draft(client, world, participant):
    response = get(client, f"/commitments/{world['draft'].pk}", **bearer(participant))
    assert response.status_code == 404


def test_session_does_not_reveal_drafts(client, world, administrator):
    client.force_login(administrator)
    assert get(client, f"/commitments/{world['draft'].pk}").status_code == 404


@pytest.mark.parametrize("header", ["Bearer og_not-a-token", "Basic abc", "Bearer "])
def test_invalid_token_on_read_is_401(client, world, header):
    response = get(client, "/commitments", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_revoked_token_on_read_is_401(client, world, administrator):
    token, raw = create_api_token(by=administrator, name="old")
    revoke_api_token(by=administrator, token=token)
    response = get(client, "/commitments", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401


def test_reading_with_token_marks_it_used_at_most_once_a_minute(client, world, administrator):
    token, raw = create_api_token(by=administrator, name="reader")
    get(client, "/members", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    get(client, "/members", HTTP_AUTHORIZATION=f"Bearer {raw}")
    token.refresh_from_db()
    assert token.last_used_at == first


@pytest.mark.parametrize(
    "path",
    [*LISTS, "/commitments/{commitment}", "/milestones/{milestone}", "/people/{person}"],
)
def test_no_email_address_in_any_response(client, world, path):
    with transaction.atomic():
        audit.record(actor=world["person"].user, verb="test.viewed", obj=world["commitment"])
    path = path.format(
        commitment=world["commitment"].pk,
        milestone=world["milestone"].pk,
        person=world["person"].slug,
    )
    response = get(client, path)
    assert response.status_code == 200
    assert "@example.org" not in response.content.decode()


# Pagination --------------------------------------------------------------------------------


def test_cursor_pagination_walks_every_commitment_once(client, db):
    plan = plans.ActionPlanFactory()
    created = [plans.CommitmentFactory(plan=plan).pk for _ in range(23)]
    seen = walk(client, "/commitments", limit=5)
    assert sorted(seen) == sorted(created)
    assert len(seen) == len(set(seen))


def test_cursor_pagination_with_ties_in_descending_dates(client, commitment):
    created = [
        plans.ProgressUpdateFactory(
            commitment=commitment, reported_on=dt.date(2017, 1, 1 + n % 3)
        ).pk
        for n in range(11)
    ]
    seen = walk(client, "/updates", limit=4)
    assert sorted(seen) == sorted(created) and len(seen) == len(set(seen))


def test_cursor_pagination_walks_people_by_name(client, db):
    created = [PersonFactory(name=f"Same Name {n % 2}").slug for n in range(9)]
    seen = walk(client, "/people", limit=2, key="slug")
    assert sorted(seen) == sorted(created) and len(seen) == len(set(seen))


def test_limit_is_capped(client, commitment, settings):
    settings.OPENGOV_API_MAX_PAGE_SIZE = 3
    for _ in range(5):
        plans.MilestoneFactory(commitment=commitment)
    body = get(client, "/milestones?limit=1000").json()
    assert len(body["items"]) == 3
    assert body["next"] is not None


def test_default_page_size_comes_from_settings(client, commitment, settings):
    settings.OPENGOV_API_PAGE_SIZE = 2
    for _ in range(3):
        plans.MilestoneFactory(commitment=commitment)
    assert len(get(client, "/milestones").json()["items"]) == 2


@pytest.mark.parametrize("limit", ["0", "-1", "many"])
def test_limit_below_one_is_refused(client, db, limit):
    assert get(client, f"/commitments?limit={limit}").status_code == 422


@pytest.mark.parametrize(
    "cursor",
    ["not-base64!!"]
    + [base64.urlsafe_b64encode(raw).decode() for raw in (b"{}", b'["x",1,2]', b"[1,2]")]
    + [base64.urlsafe_b64encode(b"[1, 2, true]").decode()],
)
def test_bad_cursor_is_400_with_clear_message(client, commitment, cursor):
    response = get(client, f"/commitments?cursor={cursor}")
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]
    assert response.json()["field"] == "cursor"


# Filters -----------------------------------------------------------------------------------


def test_commitment_filters(client, world, lead_organisation):
    commitment = world["commitment"]
    wales = OrganisationFactory(
        name="Welsh Government", slug="wales", kind=orgs.OrganisationKind.DEVOLVED_ADMINISTRATION
    )
    welsh = plans.CommitmentFactory(plan=commitment.plan, government=wales, status="delayed")
    assert ids(client, f"/commitments?plan={commitment.plan_id}") == [commitment.pk, welsh.pk]
    assert ids(client, "/commitments?status=delayed") == [welsh.pk]
    assert ids(client, "/commitments?lead=cabinet-office") == [commitment.pk]
    assert ids(client, "/commitments?government=wales") == [welsh.pk]
    assert ids(client, "/commitments?government=member-wide") == [commitment.pk]
    assert ids(client, "/commitments?policy_area=open-data") == [commitment.pk]
    assert get(client, "/commitments?status=nonsense").status_code == 422


def test_milestone_filters(client, world):
    commitment = world["commitment"]
    overdue = plans.MilestoneFactory(commitment=commitment, due_on=dt.date(2000, 1, 1))
    plans.MilestoneFactory(
        commitment=commitment,
        due_on=dt.date(2000, 1, 1),
        status="complete",
        completed_on=dt.date(2000, 1, 1),
    )
    future = plans.MilestoneFactory(
        commitment=commitment,
        due_on=timezone.localdate().replace(year=timezone.localdate().year + 1),
    )
    other = plans.MilestoneFactory()
    assert other.pk not in ids(client, f"/milestones?commitment={commitment.pk}")
    overdue_ids = ids(client, "/milestones?overdue=true")
    assert overdue.pk in overdue_ids and future.pk not in overdue_ids
    assert overdue.pk not in ids(client, "/milestones?overdue=false")


def test_update_filter(client, world):
    other = plans.ProgressUpdateFactory()
    assert ids(client, f"/updates?commitment={world['commitment'].pk}") == [world["update"].pk]
    assert other.pk in ids(client, "/updates")


def test_organisation_filter(client, world, civil_society_organisation):
    slugs = ids(client, "/organisations?kind=civil_society", key="slug")
    assert slugs == ["involve"]
