"""Services for commitments: create_commitment, update_commitment, and their number ordering."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import Commitment, PolicyArea
from opengov.action_plans.services import create_commitment, update_commitment
from opengov.action_plans.services.commitments import position_for
from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PLAN_MANAGERS = ["government_contact", "administrator"]
NOT_PLAN_MANAGERS = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "lead",
    "secretariat",
]


@contextmanager
def nothing_written(*models):
    """Assert that the block adds or removes no rows, audit events included."""
    tracked = (*models, AuditEvent)
    before = {model: model.objects.count() for model in tracked}
    yield
    assert {model: model.objects.count() for model in tracked} == before


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


@pytest.fixture
def draft_plan(db):
    return ActionPlanFactory(status=PlanStatus.DRAFTING, published_at=None)


@pytest.fixture
def published_plan(db):
    return ActionPlanFactory()


@pytest.fixture
def policy_area(db):
    return PolicyArea.objects.create(name="Test policy area", slug="test-policy-area")


# position_for


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("2", "2.1"),
        ("2.1", "2.2"),
        ("2.9", "2.10"),
        ("2.1", "10"),
        ("9", "10"),
        ("10", "10.2"),
        ("10.2", "Unnumbered"),
    ],
)
def test_position_for_orders_numbers_as_people_write_them(earlier, later):
    assert position_for(earlier) < position_for(later)


@pytest.mark.parametrize("earlier", ["2", "2.1", "10", "10.2", "99999.999"])
def test_position_for_puts_lettered_numbers_after_plain_ones(earlier):
    assert position_for(earlier) < position_for("B.1")


def test_position_for_sorts_a_whole_plan():
    numbers = ["Unnumbered", "B.2", "10", "B.1", "2.1", "A.3", "10.2", "2"]
    assert sorted(numbers, key=position_for) == [
        "2",
        "2.1",
        "10",
        "10.2",
        "A.3",
        "B.1",
        "B.2",
        "Unnumbered",
    ]


# create_commitment


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_create_commitment_adds_commitment_with_relations_and_audit(
    role, user_for_role, draft_plan, lead_organisation, civil_society_organisation, policy_area
):
    user = user_for_role(role)

    commitment = create_commitment(
        by=user,
        plan=draft_plan,
        number=" 2.1 ",
        title="  Open contracting data ",
        lead_organisations=[lead_organisation],
        supporting_organisations=[civil_society_organisation],
        policy_areas=[policy_area],
        ogp_id="UK0042",
    )

    commitment.refresh_from_db()
    assert commitment.plan == draft_plan
    assert (commitment.number, commitment.position) == ("2.1", 2001)
    assert commitment.title == "Open contracting data"
    assert commitment.ogp_id == "UK0042"
    assert list(commitment.lead_organisations.all()) == [lead_organisation]
    assert list(commitment.supporting_organisations.all()) == [civil_society_organisation]
    assert list(commitment.policy_areas.all()) == [policy_area]
    assert (commitment.milestones_total, commitment.progress_percent) == (0, 0)
    event = last_event()
    assert event.verb == "action_plans.commitment.created"
    assert event.object_key == f"action_plans.commitment:{commitment.pk}"
    assert event.scope_key == f"action_plans.actionplan:{draft_plan.pk}"
    assert event.changes["number"] == [None, "2.1"]
    assert event.changes["title"] == [None, "Open contracting data"]
    assert event.changes["lead_organisations"] == [None, [lead_organisation.pk]]
    assert event.changes["policy_areas"] == [None, [policy_area.pk]]
    assert event.is_public is False


def test_create_commitment_event_is_public_in_published_plan(administrator, published_plan):
    create_commitment(by=administrator, plan=published_plan, number="1", title="Beneficial owners")
    assert last_event().is_public is True


@pytest.mark.parametrize("role", NOT_PLAN_MANAGERS)
def test_role_cannot_create_commitment(role, user_for_role, published_plan):
    user = user_for_role(role)
    with nothing_written(Commitment), pytest.raises(PermissionDeniedError):
        create_commitment(by=user, plan=published_plan, number="1", title="Beneficial owners")


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_role_cannot_create_commitment_in_ended_plan(role, user_for_role):
    plan = ActionPlanFactory(status=PlanStatus.ENDED)
    with nothing_written(Commitment), pytest.raises(PermissionDeniedError):
        create_commitment(by=user_for_role(role), plan=plan, number="1", title="Too late")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "   "}, "title"),
        ({"number": "  "}, "number"),
        ({"number": "1"}, "number"),
        ({"number": " 1 "}, "number"),
        ({"ogp_id": "UK0001"}, "ogp_id"),
    ],
    ids=["blank-title", "blank-number", "duplicate-number", "duplicate-number-spaced", "ogp-id"],
)
def test_create_commitment_refuses_invalid_input(administrator, published_plan, kwargs, field):
    CommitmentFactory(plan=published_plan, number="1", ogp_id="UK0001")
    arguments = {"plan": published_plan, "number": "2", "title": "Beneficial owners", **kwargs}
    with nothing_written(Commitment), pytest.raises(DomainError) as error:
        create_commitment(by=administrator, **arguments)
    assert error.value.field == field


def test_create_commitment_without_known_title_for_a_historical_plan(administrator, draft_plan):
    commitment = create_commitment(
        by=administrator, plan=draft_plan, number="3", title="", title_is_known=False
    )
    commitment.refresh_from_db()
    assert commitment.title == ""
    assert commitment.display_title == "Title not known"


def test_create_commitment_allows_same_number_in_another_plan(administrator, published_plan):
    CommitmentFactory(plan=published_plan, number="1")
    other_plan = ActionPlanFactory(status=PlanStatus.DRAFTING, published_at=None)
    created = create_commitment(by=administrator, plan=other_plan, number="1", title="Again")
    assert created.number == "1"


# update_commitment


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_update_commitment_changes_fields_bumps_version_and_audits_the_diff(
    role, user_for_role, commitment, civil_society_organisation
):
    user = user_for_role(role)
    old_title = commitment.title

    updated = update_commitment(
        by=user,
        commitment=commitment,
        expected_version=1,
        title="Open up public contracts",
        number="10.2",
        supporting_organisations=[civil_society_organisation],
    )

    updated.refresh_from_db()
    assert updated.title == "Open up public contracts"
    assert (updated.number, updated.position) == ("10.2", 10002)
    assert list(updated.supporting_organisations.all()) == [civil_society_organisation]
    assert updated.version == 2
    event = last_event()
    assert event.verb == "action_plans.commitment.changed"
    assert event.object_key == f"action_plans.commitment:{commitment.pk}"
    assert event.scope_key == f"action_plans.actionplan:{commitment.plan_id}"
    assert event.changes["title"] == [old_title, "Open up public contracts"]
    assert event.changes["number"][1] == "10.2"
    assert event.changes["supporting_organisations"] == [[], [civil_society_organisation.pk]]
    assert "lead_organisations" not in event.changes
    assert event.is_public is True


def test_update_commitment_event_is_private_in_unpublished_plan(administrator, draft_plan):
    commitment = CommitmentFactory(plan=draft_plan)
    update_commitment(by=administrator, commitment=commitment, expected_version=1, theme="Data")
    assert last_event().is_public is False


def test_update_commitment_without_changes_writes_nothing(administrator, commitment):
    with nothing_written(Commitment):
        update_commitment(
            by=administrator, commitment=commitment, expected_version=1, title=commitment.title
        )
    commitment.refresh_from_db()
    assert commitment.version == 1


@pytest.mark.parametrize("role", NOT_PLAN_MANAGERS)
def test_role_cannot_update_commitment(role, user_for_role, commitment):
    user = user_for_role(role)
    with nothing_written(Commitment), pytest.raises(PermissionDeniedError):
        update_commitment(by=user, commitment=commitment, expected_version=1, title="Hijacked")
    commitment.refresh_from_db()
    assert commitment.title != "Hijacked"
    assert commitment.version == 1


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"title": "  "}, "title"),
        ({"number": "  "}, "number"),
        ({"number": "7"}, "number"),
        ({"ogp_id": "UK0007"}, "ogp_id"),
    ],
    ids=["blank-title", "blank-number", "duplicate-number", "duplicate-ogp-id"],
)
def test_update_commitment_refuses_invalid_input(administrator, commitment, fields, error_field):
    CommitmentFactory(plan=commitment.plan, number="7", ogp_id="UK0007")
    number, title = commitment.number, commitment.title
    with nothing_written(Commitment), pytest.raises(DomainError) as error:
        update_commitment(by=administrator, commitment=commitment, expected_version=1, **fields)
    assert error.value.field == error_field
    commitment.refresh_from_db()
    assert (commitment.number, commitment.title, commitment.ogp_id) == (number, title, "")
    assert commitment.version == 1


def test_update_commitment_refuses_unknown_field(administrator, commitment):
    with nothing_written(Commitment), pytest.raises(TypeError):
        update_commitment(
            by=administrator, commitment=commitment, expected_version=1, progress_percent=100
        )


def test_update_commitment_refuses_stale_save_and_keeps_first_change(
    administrator, government_contact, commitment
):
    first_copy = Commitment.objects.get(pk=commitment.pk)
    second_copy = Commitment.objects.get(pk=commitment.pk)
    assert first_copy.version == second_copy.version == 1

    update_commitment(
        by=administrator, commitment=first_copy, expected_version=1, title="First editor"
    )
    with nothing_written(Commitment), pytest.raises(ConflictError) as error:
        update_commitment(
            by=government_contact,
            commitment=second_copy,
            expected_version=1,
            title="Second editor",
            lead_organisations=[OrganisationFactory()],
        )

    assert "Someone else changed this record" in error.value.message
    commitment.refresh_from_db()
    assert commitment.title == "First editor"
    assert commitment.version == 2
    assert commitment.lead_organisation_ids() == {o.pk for o in first_copy.lead_organisations.all()}
