"""Services for milestones: add, reword, revise the due date, complete; the commitment's
progress counters they keep; and parsing due dates given at different precisions."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.utils import timezone

from opengov.action_plans.choices import (
    DuePrecision,
    MilestoneStatus,
    PlanStatus,
    ProgressStatus,
)
from opengov.action_plans.dates import end_of_period, parse_due
from opengov.action_plans.models import Commitment, DueDateRevision, Milestone
from opengov.action_plans.services import (
    add_milestone,
    complete_milestone,
    post_progress_update,
    revise_milestone_due_date,
    update_milestone,
)
from opengov.action_plans.services.milestones import MAX_REASON
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# Who may edit the milestones of `commitment` (led by the Cabinet Office), and who may not.
EDITORS = ["lead", "government_contact", "administrator"]
NOT_EDITORS = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "secretariat",
]
MARCH_2017 = dt.date(2017, 3, 31)


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
def milestone(commitment):
    return MilestoneFactory(commitment=commitment, due_on=MARCH_2017, original_due_on=MARCH_2017)


def commitment_in(status: str, *, published: bool = True, lead_organisation=None) -> Commitment:
    plan = ActionPlanFactory(status=status, published_at=timezone.now() if published else None)
    return CommitmentFactory(plan=plan, lead_organisations=[lead_organisation])


# add_milestone


@pytest.mark.parametrize("role", EDITORS)
def test_add_milestone_adds_it_with_original_due_date_and_counts_it(
    role, user_for_role, commitment
):
    user = user_for_role(role)

    first = add_milestone(by=user, commitment=commitment, text="  Publish the data  ")
    second = add_milestone(
        by=user,
        commitment=commitment,
        text="Consult users",
        due_on=dt.date(2018, 4, 30),
        due_precision=DuePrecision.MONTH,
    )

    second.refresh_from_db()
    assert first.text == "Publish the data"
    assert (first.position, second.position) == (1, 2)
    assert second.due_on == second.original_due_on == dt.date(2018, 4, 30)
    assert second.due_precision == second.original_due_precision == DuePrecision.MONTH
    assert second.status == MilestoneStatus.NOT_STARTED
    assert not second.is_moved
    commitment.refresh_from_db()
    assert (commitment.milestones_total, commitment.milestones_complete) == (2, 0)
    event = last_event()
    assert event.verb == "action_plans.milestone.created"
    assert event.object_key == f"action_plans.milestone:{second.pk}"
    assert event.scope_key == f"action_plans.commitment:{commitment.pk}"
    assert event.changes["text"] == [None, "Consult users"]
    assert event.changes["due_on"] == [None, "2018-04-30"]
    assert event.changes["commitment.milestones_total"] == [1, 2]
    assert event.is_public is True


def test_add_milestone_event_is_private_in_unpublished_plan(administrator, lead_organisation):
    commitment = commitment_in(
        PlanStatus.DRAFTING, published=False, lead_organisation=lead_organisation
    )
    add_milestone(by=administrator, commitment=commitment, text="Draft milestone")
    assert last_event().is_public is False


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_role_cannot_add_milestone(role, user_for_role, commitment):
    user = user_for_role(role)
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        add_milestone(by=user, commitment=commitment, text="Not mine to add")
    commitment.refresh_from_db()
    assert commitment.milestones_total == 0


@pytest.mark.parametrize("role", EDITORS)
def test_role_cannot_add_milestone_in_ended_plan(role, user_for_role, lead_organisation):
    commitment = commitment_in(PlanStatus.ENDED, lead_organisation=lead_organisation)
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        add_milestone(by=user_for_role(role), commitment=commitment, text="Too late")


def test_add_milestone_refuses_blank_text(lead, commitment):
    with nothing_written(Milestone), pytest.raises(DomainError) as error:
        add_milestone(by=lead, commitment=commitment, text=" \n ")
    assert error.value.field == "text"


def test_add_milestone_refuses_unknown_precision(lead, commitment):
    with nothing_written(Milestone), pytest.raises(DomainError) as error:
        add_milestone(
            by=lead,
            commitment=commitment,
            text="Publish the data",
            due_on=dt.date(2018, 4, 30),
            due_precision="fortnight",
        )
    assert error.value.field == "due_precision"
    commitment.refresh_from_db()
    assert commitment.milestones_total == 0


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/plan.pdf",
        "www.gov.uk/plan",
        "https://",
    ],
)
def test_add_milestone_refuses_a_source_that_is_not_a_web_address(lead, commitment, url):
    with nothing_written(Milestone), pytest.raises(DomainError) as error:
        add_milestone(by=lead, commitment=commitment, text="Publish the data", source_url=url)
    assert error.value.field == "source_url"


def test_add_milestone_keeps_its_source(lead, commitment):
    milestone = add_milestone(
        by=lead,
        commitment=commitment,
        text="Publish the data",
        source_url="  https://www.gov.uk/plan  ",
    )
    milestone.refresh_from_db()
    assert milestone.source_url == "https://www.gov.uk/plan"


@pytest.mark.parametrize("plan_status", [PlanStatus.DRAFTING, PlanStatus.IMPLEMENTING])
def test_lead_cannot_edit_milestones_of_an_unpublished_plan(plan_status, lead, lead_organisation):
    commitment = commitment_in(plan_status, published=False, lead_organisation=lead_organisation)
    milestone = MilestoneFactory(commitment=commitment)
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        add_milestone(by=lead, commitment=commitment, text="Not yet")
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        update_milestone(by=lead, milestone=milestone, expected_version=1, text="Not yet")
    milestone.refresh_from_db()
    assert milestone.version == 1
    assert milestone.text != "Not yet"


def test_lead_cannot_move_or_complete_milestones_of_an_unpublished_plan(lead, lead_organisation):
    commitment = commitment_in(
        PlanStatus.IMPLEMENTING, published=False, lead_organisation=lead_organisation
    )
    milestone = MilestoneFactory(commitment=commitment)
    with nothing_written(Milestone, DueDateRevision), pytest.raises(PermissionDeniedError):
        revise_milestone_due_date(
            by=lead,
            milestone=milestone,
            new_due_on=dt.date(2017, 6, 30),
            reason="Not yet published",
            expected_version=1,
        )
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        complete_milestone(by=lead, milestone=milestone, expected_version=1)
    milestone.refresh_from_db()
    assert (milestone.status, milestone.version) == (MilestoneStatus.NOT_STARTED, 1)


def test_add_milestone_to_complete_commitment_reopens_it_with_its_latest_status(lead, commitment):
    post_progress_update(
        by=lead,
        commitment=commitment,
        status=ProgressStatus.DELAYED,
        text="Procurement is late",
        reported_on=dt.date(2017, 1, 10),
    )
    only = add_milestone(by=lead, commitment=commitment, text="Publish the data")
    complete_milestone(by=lead, milestone=only, expected_version=1)
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.COMPLETE

    add_milestone(by=lead, commitment=commitment, text="Catch up")
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.DELAYED
    assert (commitment.milestones_total, commitment.milestones_complete) == (2, 1)
    assert last_event().changes["commitment.status"] == ["complete", "delayed"]


def test_add_milestone_to_complete_commitment_without_reports_puts_it_on_track(lead, commitment):
    only = add_milestone(by=lead, commitment=commitment, text="Publish the data")
    complete_milestone(by=lead, milestone=only, expected_version=1)

    add_milestone(by=lead, commitment=commitment, text="Catch up")

    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.ON_TRACK
    assert commitment.progress_percent == 50


# update_milestone


@pytest.mark.parametrize("role", EDITORS)
def test_update_milestone_rewords_it_and_audits(role, user_for_role, milestone):
    old_text = milestone.text

    updated = update_milestone(
        by=user_for_role(role), milestone=milestone, expected_version=1, text="Reworded"
    )

    updated.refresh_from_db()
    assert updated.text == "Reworded"
    assert updated.version == 2
    assert updated.due_on == MARCH_2017
    event = last_event()
    assert event.verb == "action_plans.milestone.changed"
    assert event.object_key == f"action_plans.milestone:{milestone.pk}"
    assert event.scope_key == f"action_plans.commitment:{milestone.commitment_id}"
    assert event.changes == {"text": [old_text, "Reworded"]}


def test_update_milestone_with_same_text_writes_nothing(lead, milestone):
    with nothing_written(Milestone):
        update_milestone(
            by=lead, milestone=milestone, expected_version=1, text=f"  {milestone.text} "
        )
    milestone.refresh_from_db()
    assert milestone.version == 1


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_role_cannot_update_milestone(role, user_for_role, milestone):
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        update_milestone(
            by=user_for_role(role), milestone=milestone, expected_version=1, text="Hijacked"
        )
    milestone.refresh_from_db()
    assert milestone.text != "Hijacked"


def test_update_milestone_refuses_blank_text(lead, milestone):
    with nothing_written(Milestone), pytest.raises(DomainError) as error:
        update_milestone(by=lead, milestone=milestone, expected_version=1, text="   ")
    assert error.value.field == "text"


def test_update_milestone_refuses_stale_save_and_keeps_first_change(
    lead, government_contact, milestone
):
    first_copy = Milestone.objects.get(pk=milestone.pk)
    second_copy = Milestone.objects.get(pk=milestone.pk)
    assert first_copy.version == second_copy.version == 1

    update_milestone(by=lead, milestone=first_copy, expected_version=1, text="First editor")
    with nothing_written(Milestone), pytest.raises(ConflictError) as error:
        update_milestone(
            by=government_contact, milestone=second_copy, expected_version=1, text="Second editor"
        )

    assert "Someone else changed this record" in error.value.message
    assert "reload the page" in error.value.message
    milestone.refresh_from_db()
    assert (milestone.text, milestone.version) == ("First editor", 2)


# revise_milestone_due_date


@pytest.mark.parametrize("role", EDITORS)
def test_revise_due_date_moves_it_keeps_the_original_and_records_why(
    role, user_for_role, milestone
):
    user = user_for_role(role)

    revision = revise_milestone_due_date(
        by=user,
        milestone=milestone,
        new_due_on=dt.date(2017, 6, 30),
        new_due_precision=DuePrecision.MONTH,
        reason="  Waiting for the new contract ",
        expected_version=1,
    )

    milestone.refresh_from_db()
    assert milestone.due_on == dt.date(2017, 6, 30)
    assert milestone.due_precision == DuePrecision.MONTH
    assert milestone.original_due_on == MARCH_2017
    assert milestone.original_due_precision == DuePrecision.DAY
    assert milestone.is_moved
    assert milestone.version == 2
    revision.refresh_from_db()
    assert revision.milestone == milestone
    assert (revision.old_due_on, revision.old_due_precision) == (MARCH_2017, DuePrecision.DAY)
    assert (revision.new_due_on, revision.new_due_precision) == (
        dt.date(2017, 6, 30),
        DuePrecision.MONTH,
    )
    assert revision.reason == "Waiting for the new contract"
    assert revision.revised_by == user
    assert revision.revised_by_name == user.public_name
    event = last_event()
    assert event.verb == "action_plans.milestone.due_date_revised"
    assert event.object_key == f"action_plans.milestone:{milestone.pk}"
    assert event.scope_key == f"action_plans.commitment:{milestone.commitment_id}"
    assert event.changes == {
        "due_on": ["2017-03-31", "2017-06-30"],
        "reason": [None, "Waiting for the new contract"],
        "due_precision": ["day", "month"],
    }
    assert event.is_public is True


def test_revise_due_date_twice_keeps_the_first_original(lead, milestone):
    revise_milestone_due_date(
        by=lead,
        milestone=milestone,
        new_due_on=dt.date(2017, 6, 30),
        reason="First delay",
        expected_version=1,
    )
    revise_milestone_due_date(
        by=lead,
        milestone=milestone,
        new_due_on=dt.date(2017, 9, 30),
        reason="Second delay",
        expected_version=2,
    )
    milestone.refresh_from_db()
    assert milestone.original_due_on == MARCH_2017
    assert milestone.due_on == dt.date(2017, 9, 30)
    revisions = list(milestone.revisions.values_list("old_due_on", "new_due_on", "reason"))
    assert revisions == [
        (MARCH_2017, dt.date(2017, 6, 30), "First delay"),
        (dt.date(2017, 6, 30), dt.date(2017, 9, 30), "Second delay"),
    ]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": " \t\n "}, "reason"),
        ({"reason": "x" * (MAX_REASON + 1)}, "reason"),
        ({"new_due_on": MARCH_2017}, "new_due_on"),
        ({"new_due_on": None}, "new_due_on"),
    ],
    ids=["empty-reason", "whitespace-reason", "long-reason", "same-date", "no-date"],
)
def test_revise_due_date_refuses_invalid_input(lead, milestone, kwargs, field):
    arguments = {"new_due_on": dt.date(2017, 6, 30), "reason": "Delayed", **kwargs}
    with nothing_written(Milestone, DueDateRevision), pytest.raises(DomainError) as error:
        revise_milestone_due_date(by=lead, milestone=milestone, expected_version=1, **arguments)
    assert error.value.field == field
    milestone.refresh_from_db()
    assert (milestone.due_on, milestone.version) == (MARCH_2017, 1)


def test_revise_due_date_refuses_unknown_precision(lead, milestone):
    with nothing_written(Milestone, DueDateRevision), pytest.raises(DomainError) as error:
        revise_milestone_due_date(
            by=lead,
            milestone=milestone,
            new_due_on=dt.date(2017, 6, 30),
            new_due_precision="fortnight",
            reason="Delayed",
            expected_version=1,
        )
    assert error.value.field == "new_due_precision"


def test_revise_due_date_accepts_same_day_at_another_precision(lead, milestone):
    revise_milestone_due_date(
        by=lead,
        milestone=milestone,
        new_due_on=MARCH_2017,
        new_due_precision=DuePrecision.MONTH,
        reason="Only the month was ever agreed",
        expected_version=1,
    )
    milestone.refresh_from_db()
    assert milestone.due_precision == DuePrecision.MONTH


def test_revise_due_date_refuses_complete_milestone(lead, milestone):
    complete_milestone(by=lead, milestone=milestone, expected_version=1)
    with nothing_written(Milestone, DueDateRevision), pytest.raises(DomainError) as error:
        revise_milestone_due_date(
            by=lead,
            milestone=milestone,
            new_due_on=dt.date(2017, 6, 30),
            reason="Too late",
            expected_version=2,
        )
    assert "complete" in error.value.message
    milestone.refresh_from_db()
    assert milestone.due_on == MARCH_2017


@pytest.mark.parametrize("plan_status", [PlanStatus.ENDED, PlanStatus.DRAFTING])
@pytest.mark.parametrize("role", EDITORS)
def test_role_cannot_revise_due_date_outside_implementation(
    role, plan_status, user_for_role, lead_organisation
):
    commitment = commitment_in(plan_status, lead_organisation=lead_organisation)
    milestone = MilestoneFactory(commitment=commitment)
    with nothing_written(Milestone, DueDateRevision), pytest.raises(PermissionDeniedError):
        revise_milestone_due_date(
            by=user_for_role(role),
            milestone=milestone,
            new_due_on=dt.date(2019, 1, 31),
            reason="Plan is over",
            expected_version=1,
        )


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_role_cannot_revise_due_date(role, user_for_role, milestone):
    with nothing_written(Milestone, DueDateRevision), pytest.raises(PermissionDeniedError):
        revise_milestone_due_date(
            by=user_for_role(role),
            milestone=milestone,
            new_due_on=dt.date(2017, 6, 30),
            reason="Not mine to move",
            expected_version=1,
        )


def test_revise_due_date_refuses_stale_save_and_keeps_first_change(
    lead, government_contact, milestone
):
    first_copy = Milestone.objects.get(pk=milestone.pk)
    second_copy = Milestone.objects.get(pk=milestone.pk)

    revise_milestone_due_date(
        by=lead,
        milestone=first_copy,
        new_due_on=dt.date(2017, 6, 30),
        reason="First editor",
        expected_version=1,
    )
    with nothing_written(Milestone, DueDateRevision), pytest.raises(ConflictError) as error:
        revise_milestone_due_date(
            by=government_contact,
            milestone=second_copy,
            new_due_on=dt.date(2017, 12, 31),
            reason="Second editor",
            expected_version=1,
        )

    assert "Someone else changed this record" in error.value.message
    assert "reload the page" in error.value.message
    milestone.refresh_from_db()
    assert (milestone.due_on, milestone.version) == (dt.date(2017, 6, 30), 2)
    assert list(milestone.revisions.values_list("reason", flat=True)) == ["First editor"]


# complete_milestone


@pytest.mark.parametrize("role", EDITORS)
def test_complete_milestone_marks_it_complete_and_recounts(role, user_for_role, milestone):
    user = user_for_role(role)
    MilestoneFactory(commitment=milestone.commitment)

    completed = complete_milestone(
        by=user, milestone=milestone, expected_version=1, completed_on=dt.date(2017, 3, 20)
    )

    completed.refresh_from_db()
    assert completed.status == MilestoneStatus.COMPLETE
    assert completed.completed_on == dt.date(2017, 3, 20)
    assert completed.version == 2
    commitment = Commitment.objects.get(pk=milestone.commitment_id)
    assert (commitment.milestones_total, commitment.milestones_complete) == (2, 1)
    assert commitment.progress_percent == 50
    assert commitment.status == ProgressStatus.NOT_STARTED
    event = last_event()
    assert event.verb == "action_plans.milestone.completed"
    assert event.object_key == f"action_plans.milestone:{milestone.pk}"
    assert event.scope_key == f"action_plans.commitment:{commitment.pk}"
    assert event.changes["status"] == ["not_started", "complete"]
    assert event.changes["completed_on"] == [None, "2017-03-20"]
    assert event.changes["commitment.milestones_complete"] == [0, 1]
    assert event.changes["commitment.progress_percent"] == [0, 50]
    assert event.is_public is True


def test_complete_milestone_defaults_to_today(lead, milestone):
    complete_milestone(by=lead, milestone=milestone, expected_version=1)
    milestone.refresh_from_db()
    assert milestone.completed_on == timezone.localdate()


def test_complete_last_milestone_completes_commitment(lead, commitment):
    first = add_milestone(by=lead, commitment=commitment, text="One")
    second = add_milestone(by=lead, commitment=commitment, text="Two")
    third = add_milestone(by=lead, commitment=commitment, text="Three")

    complete_milestone(by=lead, milestone=first, expected_version=1)
    commitment.refresh_from_db()
    assert (commitment.milestones_complete, commitment.progress_percent) == (1, 33)
    assert commitment.status == ProgressStatus.NOT_STARTED

    complete_milestone(by=lead, milestone=second, expected_version=1)
    complete_milestone(by=lead, milestone=third, expected_version=1)
    commitment.refresh_from_db()
    assert (commitment.milestones_total, commitment.milestones_complete) == (3, 3)
    assert commitment.progress_percent == 100
    assert commitment.status == ProgressStatus.COMPLETE
    assert last_event().changes["commitment.status"] == ["not_started", "complete"]


def test_complete_milestone_leaves_withdrawn_milestones_out_of_the_count(lead, milestone):
    MilestoneFactory(commitment=milestone.commitment, status=MilestoneStatus.WITHDRAWN)

    complete_milestone(by=lead, milestone=milestone, expected_version=1)

    commitment = Commitment.objects.get(pk=milestone.commitment_id)
    assert (commitment.milestones_total, commitment.milestones_complete) == (1, 1)
    assert commitment.progress_percent == 100
    assert commitment.status == ProgressStatus.COMPLETE


def test_complete_milestone_in_ended_plan_is_allowed(lead, lead_organisation):
    commitment = commitment_in(PlanStatus.ENDED, lead_organisation=lead_organisation)
    milestone = MilestoneFactory(commitment=commitment)
    complete_milestone(by=lead, milestone=milestone, expected_version=1)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.COMPLETE


def test_complete_milestone_refuses_second_completion(lead, milestone):
    complete_milestone(
        by=lead, milestone=milestone, expected_version=1, completed_on=dt.date(2017, 3, 1)
    )
    with nothing_written(Milestone), pytest.raises(DomainError) as error:
        complete_milestone(by=lead, milestone=milestone, expected_version=2)
    assert "already complete" in error.value.message
    milestone.refresh_from_db()
    assert (milestone.completed_on, milestone.version) == (dt.date(2017, 3, 1), 2)


def test_complete_milestone_refuses_future_date(lead, milestone):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with nothing_written(Milestone), pytest.raises(DomainError) as error:
        complete_milestone(by=lead, milestone=milestone, expected_version=1, completed_on=tomorrow)
    assert error.value.field == "completed_on"
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.NOT_STARTED


def test_complete_milestone_refuses_withdrawn_milestone(lead, commitment):
    withdrawn = MilestoneFactory(commitment=commitment, status=MilestoneStatus.WITHDRAWN)
    with nothing_written(Milestone), pytest.raises(DomainError) as error:
        complete_milestone(by=lead, milestone=withdrawn, expected_version=1)
    assert "withdrawn" in error.value.message
    withdrawn.refresh_from_db()
    assert withdrawn.status == MilestoneStatus.WITHDRAWN


@pytest.mark.parametrize("role", NOT_EDITORS)
def test_role_cannot_complete_milestone(role, user_for_role, milestone):
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        complete_milestone(by=user_for_role(role), milestone=milestone, expected_version=1)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.NOT_STARTED


@pytest.mark.parametrize("plan_status", [PlanStatus.DRAFTING, PlanStatus.CONSULTATION])
def test_lead_cannot_complete_milestone_before_implementation(plan_status, lead, lead_organisation):
    commitment = commitment_in(plan_status, lead_organisation=lead_organisation)
    milestone = MilestoneFactory(commitment=commitment)
    with nothing_written(Milestone), pytest.raises(PermissionDeniedError):
        complete_milestone(by=lead, milestone=milestone, expected_version=1)


def test_complete_milestone_refuses_stale_save_and_keeps_first_change(
    lead, government_contact, milestone
):
    first_copy = Milestone.objects.get(pk=milestone.pk)
    second_copy = Milestone.objects.get(pk=milestone.pk)

    update_milestone(by=lead, milestone=first_copy, expected_version=1, text="First editor")
    with nothing_written(Milestone), pytest.raises(ConflictError) as error:
        complete_milestone(by=government_contact, milestone=second_copy, expected_version=1)

    assert "Someone else changed this record" in error.value.message
    assert "reload the page" in error.value.message
    milestone.refresh_from_db()
    assert (milestone.text, milestone.version) == ("First editor", 2)
    assert milestone.status == MilestoneStatus.NOT_STARTED


# parse_due: the due dates imports and forms give, at their precision


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("2016-11-14", (dt.date(2016, 11, 14), DuePrecision.DAY)),
        (" 2016-11-14 ", (dt.date(2016, 11, 14), DuePrecision.DAY)),
        ("2018-04", (dt.date(2018, 4, 30), DuePrecision.MONTH)),
        ("2016-02", (dt.date(2016, 2, 29), DuePrecision.MONTH)),
        ("2017", (dt.date(2017, 12, 31), DuePrecision.YEAR)),
        ("", (None, DuePrecision.DAY)),
        ("  ", (None, DuePrecision.DAY)),
        (None, (None, DuePrecision.DAY)),
    ],
)
def test_parse_due_reads_day_month_and_year(text, due):
    assert parse_due(text) == due


@pytest.mark.parametrize(
    "text",
    [
        "junk",
        "October 2016",
        "14/11/2016",
        "2016-13",
        "2016-02-30",
        "2016-1-5",
        "16",
        "2016-11-14T00:00",
    ],
)
def test_parse_due_refuses_anything_else(text):
    with pytest.raises(ValueError):
        parse_due(text)


def test_end_of_period_for_a_quarter_is_its_last_day():
    assert end_of_period(2017, 2, DuePrecision.QUARTER) == dt.date(2017, 3, 31)
    assert end_of_period(2017, 11, DuePrecision.QUARTER) == dt.date(2017, 12, 31)
