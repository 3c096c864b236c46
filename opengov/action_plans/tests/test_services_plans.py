"""Services for members and action plans: create_member, create_plan, update_plan, publish_plan."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest

from opengov.action_plans.choices import MemberKind, PlanStatus
from opengov.action_plans.models import ActionPlan, Member
from opengov.action_plans.services import create_member, create_plan, publish_plan, update_plan
from opengov.action_plans.tests.factories import ActionPlanFactory, MemberFactory
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent

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
    """Assert that the block adds, removes or changes no row count, audit events included."""
    tracked = (*models, AuditEvent)
    before = {model: model.objects.count() for model in tracked}
    yield
    assert {model: model.objects.count() for model in tracked} == before


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def draft_plan(member):
    return ActionPlanFactory(member=member, number=4, status=PlanStatus.DRAFTING, published_at=None)


@pytest.fixture
def published_plan(member):
    return ActionPlanFactory(member=member, number=3)


# create_member


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_create_member_adds_a_member_and_audits_it(role, user_for_role):
    user = user_for_role(role)

    member = create_member(by=user, name="  France ", kind=MemberKind.NATIONAL, code="FRA")

    member.refresh_from_db()
    assert (member.name, member.slug, member.kind, member.code) == (
        "France",
        "france",
        "national",
        "FRA",
    )
    event = last_event()
    assert event.verb == "action_plans.member.created"
    assert event.object_key == f"action_plans.member:{member.pk}"
    assert event.actor_id == user.pk
    assert event.changes["name"] == [None, "France"]
    assert event.changes["code"] == [None, "FRA"]
    assert event.is_public is True


@pytest.mark.parametrize("role", NOT_PLAN_MANAGERS)
def test_role_cannot_create_member(role, user_for_role):
    user = user_for_role(role)
    with nothing_written(Member), pytest.raises(PermissionDeniedError):
        create_member(by=user, name="France")


def test_create_member_refuses_blank_name(administrator):
    with nothing_written(Member), pytest.raises(DomainError) as error:
        create_member(by=administrator, name="   ")
    assert error.value.field == "name"


@pytest.mark.parametrize("name", ["UNITED KINGDOM", "united kingdom", "  United Kingdom "])
def test_create_member_refuses_duplicate_name_in_any_case(administrator, member, name):
    with nothing_written(Member), pytest.raises(DomainError) as error:
        create_member(by=administrator, name=name)
    assert error.value.field == "name"


def test_create_member_refuses_unknown_kind(administrator):
    with nothing_written(Member), pytest.raises(DomainError) as error:
        create_member(by=administrator, name="France", kind="regional")
    assert error.value.field == "kind"


def test_create_member_gives_a_free_slug_when_the_name_slugifies_alike(administrator, member):
    created = create_member(by=administrator, name="United-Kingdom")
    created.refresh_from_db()
    assert created.name == "United-Kingdom"
    assert created.slug == "united-kingdom-2"
    assert member.slug == "united-kingdom"


def test_create_member_stores_a_local_member_and_its_region(administrator):
    created = create_member(
        by=administrator, name="Scotland", kind=MemberKind.LOCAL, region="Europe"
    )
    created.refresh_from_db()
    assert (created.kind, created.region) == ("local", "Europe")
    assert last_event().changes["kind"] == [None, "local"]


# create_plan


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_create_plan_adds_an_unpublished_plan_and_a_private_event(role, user_for_role, member):
    user = user_for_role(role)

    plan = create_plan(
        by=user,
        member=member,
        number=5,
        title="  Fifth National Action Plan ",
        starts_on=dt.date(2021, 1, 1),
        ends_on=dt.date(2023, 12, 31),
        ogp_id="UK0005",
    )

    plan.refresh_from_db()
    assert plan.member == member
    assert (plan.number, plan.title) == (5, "Fifth National Action Plan")
    assert plan.status == PlanStatus.DRAFTING
    assert (plan.submitted_year, plan.end_year) == (2021, 2023)
    assert plan.published_at is None
    assert not plan.is_published
    assert plan.version == 1
    event = last_event()
    assert event.verb == "action_plans.actionplan.created"
    assert event.object_key == f"action_plans.actionplan:{plan.pk}"
    assert event.scope_key == ""
    assert event.actor_id == user.pk
    assert event.changes == {
        "number": [None, 5],
        "title": [None, "Fifth National Action Plan"],
        "description": [None, ""],
        "starts_on": [None, "2021-01-01"],
        "ends_on": [None, "2023-12-31"],
        "status": [None, "drafting"],
        "ogp_id": [None, "UK0005"],
    }
    assert event.is_public is False


def test_create_plan_without_dates_leaves_its_years_empty(administrator, member):
    plan = create_plan(
        by=administrator, member=member, number=1, title="First", status=PlanStatus.CONSULTATION
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSULTATION
    assert (plan.starts_on, plan.ends_on) == (None, None)
    assert (plan.submitted_year, plan.end_year) == (None, None)


def test_create_plan_allows_the_same_number_for_another_member(administrator, published_plan):
    france = MemberFactory(name="France", slug="france", code="FRA")
    plan = create_plan(by=administrator, member=france, number=3, title="Plan 3")
    assert (plan.member, plan.number) == (france, 3)


@pytest.mark.parametrize("role", NOT_PLAN_MANAGERS)
def test_role_cannot_create_plan(role, user_for_role, member):
    user = user_for_role(role)
    with nothing_written(ActionPlan), pytest.raises(PermissionDeniedError):
        create_plan(by=user, member=member, number=5, title="Fifth National Action Plan")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": "   "}, "title"),
        ({"status": "abandoned"}, "status"),
        ({"number": 0}, "number"),
        ({"number": -1}, "number"),
        ({"starts_on": dt.date(2021, 1, 1), "ends_on": dt.date(2020, 12, 31)}, "ends_on"),
        ({"number": 3}, "number"),
    ],
    ids=[
        "blank-title",
        "unknown-status",
        "number-zero",
        "number-negative",
        "ends-before-start",
        "duplicate-number",
    ],
)
def test_create_plan_refuses_invalid_input(administrator, member, published_plan, kwargs, field):
    arguments = {"member": member, "number": 5, "title": "Fifth National Action Plan", **kwargs}
    with nothing_written(ActionPlan), pytest.raises(DomainError) as error:
        create_plan(by=administrator, **arguments)
    assert error.value.field == field


# update_plan


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_update_plan_changes_fields_bumps_version_and_audits_the_diff(
    role, user_for_role, published_plan
):
    user = user_for_role(role)
    old_title = published_plan.title

    updated = update_plan(
        by=user,
        plan=published_plan,
        expected_version=1,
        title="  Third National Action Plan ",
        status=PlanStatus.ENDED,
        ends_on=dt.date(2018, 12, 31),
    )

    updated.refresh_from_db()
    assert updated.title == "Third National Action Plan"
    assert updated.status == PlanStatus.ENDED
    assert updated.ends_on == dt.date(2018, 12, 31)
    assert (updated.submitted_year, updated.end_year) == (2016, 2018)
    assert updated.version == 2
    event = last_event()
    assert event.verb == "action_plans.actionplan.changed"
    assert event.object_key == f"action_plans.actionplan:{published_plan.pk}"
    assert event.actor_id == user.pk
    assert event.changes == {
        "title": [old_title, "Third National Action Plan"],
        "status": ["implementing", "ended"],
        "ends_on": ["2018-06-30", "2018-12-31"],
    }
    assert event.is_public is True


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_update_plan_event_is_private_in_unpublished_plan(role, user_for_role, draft_plan):
    update_plan(by=user_for_role(role), plan=draft_plan, expected_version=1, description="Draft")
    assert last_event().is_public is False
    draft_plan.refresh_from_db()
    assert draft_plan.description == "Draft"


def test_update_plan_without_changes_writes_nothing(administrator, published_plan):
    with nothing_written(ActionPlan):
        update_plan(
            by=administrator,
            plan=published_plan,
            expected_version=1,
            title=f"  {published_plan.title} ",
            number=published_plan.number,
        )
    published_plan.refresh_from_db()
    assert published_plan.version == 1


def test_update_plan_can_renumber_to_a_free_number(administrator, published_plan, draft_plan):
    update_plan(by=administrator, plan=draft_plan, expected_version=1, number=5)
    draft_plan.refresh_from_db()
    assert draft_plan.number == 5
    assert last_event().changes == {"number": [4, 5]}


@pytest.mark.parametrize("role", NOT_PLAN_MANAGERS)
def test_role_cannot_update_plan(role, user_for_role, published_plan):
    user = user_for_role(role)
    with nothing_written(ActionPlan), pytest.raises(PermissionDeniedError):
        update_plan(by=user, plan=published_plan, expected_version=1, title="Hijacked")
    published_plan.refresh_from_db()
    assert published_plan.title != "Hijacked"
    assert published_plan.version == 1


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"title": "  "}, "title"),
        ({"status": "abandoned"}, "status"),
        ({"number": 0}, "number"),
        ({"ends_on": dt.date(2016, 1, 1)}, "ends_on"),
        ({"starts_on": dt.date(2019, 1, 1)}, "ends_on"),
        ({"number": 3}, "number"),
    ],
    ids=[
        "blank-title",
        "unknown-status",
        "number-zero",
        "ends-before-start",
        "starts-after-end",
        "duplicate-number",
    ],
)
def test_update_plan_refuses_invalid_input(
    administrator, draft_plan, published_plan, fields, error_field
):
    before = ActionPlan.objects.values().get(pk=draft_plan.pk)
    with nothing_written(ActionPlan), pytest.raises(DomainError) as error:
        update_plan(by=administrator, plan=draft_plan, expected_version=1, **fields)
    assert error.value.field == error_field
    assert ActionPlan.objects.values().get(pk=draft_plan.pk) == before


def test_update_plan_refuses_unknown_field(administrator, published_plan):
    with nothing_written(ActionPlan), pytest.raises(TypeError):
        update_plan(
            by=administrator,
            plan=published_plan,
            expected_version=1,
            published_at=None,
        )
    published_plan.refresh_from_db()
    assert published_plan.is_published


def test_update_plan_refuses_stale_save_and_keeps_first_change(
    administrator, government_contact, published_plan
):
    first_copy = ActionPlan.objects.get(pk=published_plan.pk)
    second_copy = ActionPlan.objects.get(pk=published_plan.pk)
    assert first_copy.version == second_copy.version == 1

    update_plan(by=administrator, plan=first_copy, expected_version=1, title="First editor")
    with nothing_written(ActionPlan), pytest.raises(ConflictError) as error:
        update_plan(
            by=government_contact, plan=second_copy, expected_version=1, title="Second editor"
        )

    assert "Someone else changed this record" in error.value.message
    assert "reload the page" in error.value.message
    published_plan.refresh_from_db()
    assert published_plan.title == "First editor"
    assert published_plan.version == 2


# publish_plan


@pytest.mark.parametrize("role", PLAN_MANAGERS)
def test_publish_plan_sets_published_at_and_a_public_event(role, user_for_role, draft_plan):
    user = user_for_role(role)

    plan = publish_plan(by=user, plan=draft_plan)

    plan.refresh_from_db()
    assert plan.published_at is not None
    assert plan.is_published
    assert plan.version == 2
    event = last_event()
    assert event.verb == "action_plans.actionplan.published"
    assert event.object_key == f"action_plans.actionplan:{plan.pk}"
    assert event.is_public is True
    assert event.changes["published_at"][0] is None
    assert event.changes["published_at"][1].startswith(str(plan.published_at.year))


def test_publish_plan_refuses_publishing_twice(administrator, published_plan):
    published_at = published_plan.published_at
    with nothing_written(ActionPlan), pytest.raises(DomainError) as error:
        publish_plan(by=administrator, plan=published_plan)
    assert "already published" in error.value.message
    published_plan.refresh_from_db()
    assert published_plan.published_at == published_at
    assert published_plan.version == 1


@pytest.mark.parametrize("role", NOT_PLAN_MANAGERS)
def test_role_cannot_publish_plan(role, user_for_role, draft_plan):
    user = user_for_role(role)
    with nothing_written(ActionPlan), pytest.raises(PermissionDeniedError):
        publish_plan(by=user, plan=draft_plan)
    draft_plan.refresh_from_db()
    assert draft_plan.published_at is None
