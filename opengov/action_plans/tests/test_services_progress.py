"""Services for progress: post_progress_update, record_assessment, and the evidence they carry."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.utils import timezone

from opengov.action_plans.choices import AssessmentKind, PlanStatus, ProgressStatus, UpdateSource
from opengov.action_plans.models import Assessment, Commitment, ProgressUpdate
from opengov.action_plans.services import post_progress_update, record_assessment
from opengov.action_plans.services.progress import MAX_EVIDENCE, MAX_TEXT, clean_evidence
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
)
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.models import OrganisationKind
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

# Who may report on `commitment` (led by the Cabinet Office), and who may not.
REPORTERS = ["lead", "government_contact", "administrator"]
NOT_REPORTERS = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "secretariat",
]
NOT_CIVIL_SOCIETY = [
    "anonymous",
    "participant",
    "forum_member",
    "other_lead",
    "lead",
    "government_contact",
    "secretariat",
    "administrator",
]
EVIDENCE = [{"url": "https://www.gov.uk/report", "title": "The report"}]
PERIOD = {"period_start": dt.date(2016, 7, 1), "period_end": dt.date(2017, 6, 30)}


@contextmanager
def nothing_written(*models):
    """Assert that the block adds or removes no rows, audit events included."""
    tracked = (*models, AuditEvent)
    before = {model: model.objects.count() for model in tracked}
    yield
    assert {model: model.objects.count() for model in tracked} == before


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


def commitment_in(status: str, lead_organisation, *, published: bool = True) -> Commitment:
    plan = ActionPlanFactory(status=status, published_at=timezone.now() if published else None)
    return CommitmentFactory(plan=plan, lead_organisations=[lead_organisation])


def post(by, commitment, **kwargs) -> ProgressUpdate:
    arguments = {"status": ProgressStatus.ON_TRACK, "text": "Going well", **kwargs}
    return post_progress_update(by=by, commitment=commitment, **arguments)


# clean_evidence


def test_clean_evidence_accepts_web_addresses_as_strings_or_dicts():
    assert clean_evidence(
        [
            " https://www.gov.uk/a ",
            {"url": "http://example.org/b", "title": "  B  "},
            {"url": "  ", "title": "skipped"},
            "",
        ]
    ) == [
        {"url": "https://www.gov.uk/a", "title": ""},
        {"url": "http://example.org/b", "title": "B"},
    ]


def test_clean_evidence_accepts_none():
    assert clean_evidence(None) == []


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " java\tscript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "ftp://example.org/file",
        "//example.org/no-scheme",
        "https://",
        "www.gov.uk",
        "https://example.org/" + "a" * 2000,
    ],
)
def test_clean_evidence_refuses_anything_but_web_addresses(url):
    with pytest.raises(DomainError) as error:
        clean_evidence([{"url": url, "title": "Evidence"}])
    assert error.value.field == "evidence"


def test_clean_evidence_accepts_at_most_the_limit():
    links = [f"https://example.org/{n}" for n in range(MAX_EVIDENCE)]
    assert len(clean_evidence(links)) == MAX_EVIDENCE
    with pytest.raises(DomainError) as error:
        clean_evidence([*links, "https://example.org/one-too-many"])
    assert error.value.field == "evidence"


# post_progress_update


@pytest.mark.parametrize("role", REPORTERS)
def test_post_progress_update_publishes_it_and_sets_commitment_status(
    role, user_for_role, commitment
):
    user = user_for_role(role)
    milestone = MilestoneFactory(commitment=commitment)

    update = post(
        user,
        commitment,
        status=ProgressStatus.DELAYED,
        text="  Procurement is late  ",
        reported_on=dt.date(2017, 1, 15),
        evidence=EVIDENCE,
        milestone=milestone,
    )

    update.refresh_from_db()
    assert update.commitment == commitment
    assert update.milestone == milestone
    assert update.status == ProgressStatus.DELAYED
    assert update.text == "Procurement is late"
    assert update.source == UpdateSource.GOVERNMENT
    assert update.evidence == EVIDENCE
    assert update.author == user
    assert update.author_name == user.public_name
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.DELAYED
    assert commitment.last_update_on == dt.date(2017, 1, 15)
    event = last_event()
    assert event.verb == "action_plans.progressupdate.posted"
    assert event.object_key == f"action_plans.progressupdate:{update.pk}"
    assert event.scope_key == f"action_plans.commitment:{commitment.pk}"
    assert event.changes["status"] == [None, "delayed"]
    assert event.changes["reported_on"] == [None, "2017-01-15"]
    assert event.changes["evidence"] == [None, EVIDENCE]
    assert event.changes["commitment.status"] == ["not_started", "delayed"]
    assert event.changes["commitment.last_update_on"] == [None, "2017-01-15"]
    assert event.is_public is True


def test_post_progress_update_defaults_to_today(lead, commitment):
    update = post(lead, commitment)
    assert update.reported_on == timezone.localdate()
    commitment.refresh_from_db()
    assert commitment.last_update_on == timezone.localdate()


def test_newer_update_overrides_commitment_status(lead, commitment):
    post(lead, commitment, status=ProgressStatus.ON_TRACK, reported_on=dt.date(2017, 1, 1))
    post(lead, commitment, status=ProgressStatus.DELAYED, reported_on=dt.date(2017, 2, 1))
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.DELAYED
    assert commitment.last_update_on == dt.date(2017, 2, 1)


def test_older_dated_update_does_not_override_newer_status(lead, commitment):
    post(lead, commitment, status=ProgressStatus.DELAYED, reported_on=dt.date(2017, 2, 1))

    older = post(lead, commitment, status=ProgressStatus.ON_TRACK, reported_on=dt.date(2016, 12, 1))

    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.DELAYED
    assert commitment.last_update_on == dt.date(2017, 2, 1)
    assert ProgressUpdate.objects.filter(commitment=commitment).count() == 2
    event = last_event()
    assert event.object_key == f"action_plans.progressupdate:{older.pk}"
    assert not any(key.startswith("commitment.") for key in event.changes)


def test_later_update_on_the_same_day_wins(lead, commitment):
    day = dt.date(2017, 2, 1)
    post(lead, commitment, status=ProgressStatus.DELAYED, reported_on=day)
    post(lead, commitment, status=ProgressStatus.ON_TRACK, reported_on=day)
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.ON_TRACK


def test_post_progress_update_event_is_private_in_unpublished_plan(
    government_contact, lead_organisation
):
    commitment = commitment_in(PlanStatus.IMPLEMENTING, lead_organisation, published=False)
    post(government_contact, commitment)
    assert last_event().is_public is False


def test_post_progress_update_with_import_key_is_idempotent(lead, commitment):
    first = post(
        lead,
        commitment,
        status=ProgressStatus.DELAYED,
        reported_on=dt.date(2017, 1, 1),
        import_key="ogp-2017-01",
    )

    with nothing_written(ProgressUpdate):
        again = post(
            lead,
            commitment,
            status=ProgressStatus.COMPLETE,
            text="Imported twice",
            reported_on=dt.date(2017, 3, 1),
            import_key="ogp-2017-01",
        )

    assert again.pk == first.pk
    again.refresh_from_db()
    assert (again.status, again.text) == (ProgressStatus.DELAYED, "Going well")
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.DELAYED
    assert commitment.last_update_on == dt.date(2017, 1, 1)


def test_post_progress_update_import_key_is_per_commitment(lead, commitment, lead_organisation):
    other = CommitmentFactory(plan=commitment.plan, lead_organisations=[lead_organisation])
    first = post(lead, commitment, import_key="row-1")
    second = post(lead, other, import_key="row-1")
    assert first.pk != second.pk


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "sleeping"}, "status"),
        ({"status": ""}, "status"),
        ({"text": "  "}, "text"),
        ({"text": "x" * (MAX_TEXT + 1)}, "text"),
        ({"evidence": ["javascript:alert(1)"]}, "evidence"),
        ({"evidence": ["data:text/html,<script>alert(1)</script>"]}, "evidence"),
        (
            {"evidence": [f"https://example.org/{n}" for n in range(MAX_EVIDENCE + 1)]},
            "evidence",
        ),
    ],
    ids=[
        "unknown-status",
        "no-status",
        "blank-text",
        "long-text",
        "javascript-url",
        "data-url",
        "too-many-links",
    ],
)
def test_post_progress_update_refuses_invalid_input(lead, commitment, kwargs, field):
    with nothing_written(ProgressUpdate), pytest.raises(DomainError) as error:
        post(lead, commitment, **kwargs)
    assert error.value.field == field
    commitment.refresh_from_db()
    assert (commitment.status, commitment.last_update_on) == (ProgressStatus.NOT_STARTED, None)


def test_post_progress_update_refuses_future_date(lead, commitment):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with nothing_written(ProgressUpdate), pytest.raises(DomainError) as error:
        post(lead, commitment, reported_on=tomorrow)
    assert error.value.field == "reported_on"


def test_post_progress_update_refuses_milestone_of_another_commitment(lead, commitment):
    elsewhere = MilestoneFactory()
    with nothing_written(ProgressUpdate), pytest.raises(DomainError) as error:
        post(lead, commitment, milestone=elsewhere)
    assert error.value.field == "milestone"


@pytest.mark.parametrize("role", NOT_REPORTERS)
def test_role_cannot_post_progress_update(role, user_for_role, commitment):
    with nothing_written(ProgressUpdate), pytest.raises(PermissionDeniedError):
        post(user_for_role(role), commitment)
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.NOT_STARTED


@pytest.mark.parametrize("plan_status", [PlanStatus.DRAFTING, PlanStatus.CONSULTATION])
@pytest.mark.parametrize("role", REPORTERS)
def test_role_cannot_post_progress_update_before_implementation(
    role, plan_status, user_for_role, lead_organisation
):
    commitment = commitment_in(plan_status, lead_organisation)
    with nothing_written(ProgressUpdate), pytest.raises(PermissionDeniedError):
        post(user_for_role(role), commitment)


def test_lead_can_post_end_of_term_update_in_ended_plan(lead, lead_organisation):
    commitment = commitment_in(PlanStatus.ENDED, lead_organisation)
    post(lead, commitment, status=ProgressStatus.COMPLETE)
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.COMPLETE


# record_assessment


@pytest.mark.parametrize("role", REPORTERS)
def test_record_government_assessment_stores_it_and_audits(
    role, user_for_role, commitment, lead_organisation
):
    user = user_for_role(role)

    assessment = record_assessment(
        by=user,
        commitment=commitment,
        kind=AssessmentKind.GOVERNMENT,
        organisation=lead_organisation,
        status=ProgressStatus.ON_TRACK,
        completion="substantial",
        text="  Most of the work is done  ",
        evidence=EVIDENCE,
        **PERIOD,
    )

    assessment.refresh_from_db()
    assert assessment.kind == AssessmentKind.GOVERNMENT
    assert assessment.organisation == lead_organisation
    assert assessment.text == "Most of the work is done"
    assert assessment.completion == "substantial"
    assert assessment.evidence == EVIDENCE
    assert assessment.author == user
    event = last_event()
    assert event.verb == "action_plans.assessment.recorded"
    assert event.object_key == f"action_plans.assessment:{assessment.pk}"
    assert event.scope_key == f"action_plans.commitment:{commitment.pk}"
    assert event.changes["kind"] == [None, "government"]
    assert event.changes["organisation"] == [None, lead_organisation.pk]
    assert event.changes["period_end"] == [None, "2017-06-30"]
    assert event.changes["contests"] == [None, None]
    assert event.is_public is True


def test_lead_cannot_record_government_assessment_for_civil_society_organisation(
    lead, commitment, civil_society_organisation
):
    with nothing_written(Assessment), pytest.raises(DomainError) as error:
        record_assessment(
            by=lead,
            commitment=commitment,
            kind=AssessmentKind.GOVERNMENT,
            organisation=civil_society_organisation,
            status=ProgressStatus.COMPLETE,
            text="Involve agrees it is complete",
            **PERIOD,
        )
    assert error.value.field == "organisation"


def test_civil_society_member_can_assess_for_own_organisation(
    civil_society_member, commitment, civil_society_organisation
):
    assessment = record_assessment(
        by=civil_society_member,
        commitment=commitment,
        kind=AssessmentKind.CIVIL_SOCIETY,
        organisation=civil_society_organisation,
        status=ProgressStatus.DELAYED,
        text="We see little progress",
        **PERIOD,
    )
    assert assessment.organisation == civil_society_organisation
    assert assessment.kind == AssessmentKind.CIVIL_SOCIETY
    assert last_event().changes["organisation"] == [None, civil_society_organisation.pk]


def test_civil_society_member_cannot_assess_for_another_organisation(
    civil_society_member, commitment
):
    other = OrganisationFactory(name="mySociety", kind=OrganisationKind.CIVIL_SOCIETY)
    with nothing_written(Assessment), pytest.raises(DomainError) as error:
        record_assessment(
            by=civil_society_member,
            commitment=commitment,
            kind=AssessmentKind.CIVIL_SOCIETY,
            organisation=other,
            status=ProgressStatus.DELAYED,
            text="Speaking for someone else",
            **PERIOD,
        )
    assert error.value.field == "organisation"


def test_civil_society_member_can_contest_update_with_evidence(
    lead, civil_society_member, commitment, civil_society_organisation
):
    update = post(lead, commitment, status=ProgressStatus.COMPLETE, reported_on=dt.date(2017, 5, 1))

    assessment = record_assessment(
        by=civil_society_member,
        commitment=commitment,
        kind=AssessmentKind.CIVIL_SOCIETY,
        organisation=civil_society_organisation,
        status=ProgressStatus.DELAYED,
        text="The register is not yet public",
        evidence=EVIDENCE,
        contests=update,
        **PERIOD,
    )

    assert assessment.contests == update
    assert list(update.contested_by.all()) == [assessment]
    assert last_event().changes["contests"] == [None, update.pk]
    commitment.refresh_from_db()
    assert commitment.status == ProgressStatus.COMPLETE


def test_civil_society_member_cannot_contest_without_evidence(
    lead, civil_society_member, commitment, civil_society_organisation
):
    update = post(lead, commitment, status=ProgressStatus.COMPLETE)
    with nothing_written(Assessment), pytest.raises(DomainError) as error:
        record_assessment(
            by=civil_society_member,
            commitment=commitment,
            kind=AssessmentKind.CIVIL_SOCIETY,
            organisation=civil_society_organisation,
            status=ProgressStatus.DELAYED,
            text="Not true",
            evidence=["  "],
            contests=update,
            **PERIOD,
        )
    assert error.value.field == "evidence"


def test_government_cannot_contest_an_update(lead, commitment, lead_organisation):
    update = post(lead, commitment, status=ProgressStatus.COMPLETE)
    with nothing_written(Assessment), pytest.raises(DomainError) as error:
        record_assessment(
            by=lead,
            commitment=commitment,
            kind=AssessmentKind.GOVERNMENT,
            organisation=lead_organisation,
            status=ProgressStatus.DELAYED,
            text="We disagree with ourselves",
            evidence=EVIDENCE,
            contests=update,
            **PERIOD,
        )
    assert error.value.field == "contests"


def test_civil_society_member_cannot_contest_update_of_another_commitment(
    lead, civil_society_member, commitment, civil_society_organisation, lead_organisation
):
    other = CommitmentFactory(plan=commitment.plan, lead_organisations=[lead_organisation])
    update = post(lead, other, status=ProgressStatus.COMPLETE)
    with nothing_written(Assessment), pytest.raises(DomainError) as error:
        record_assessment(
            by=civil_society_member,
            commitment=commitment,
            kind=AssessmentKind.CIVIL_SOCIETY,
            organisation=civil_society_organisation,
            status=ProgressStatus.DELAYED,
            text="Wrong update",
            evidence=EVIDENCE,
            contests=update,
            **PERIOD,
        )
    assert error.value.field == "contests"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "irm"}, "kind"),
        ({"status": "sleeping"}, "status"),
        ({"completion": "mostly"}, "completion"),
        ({"period_start": dt.date(2017, 7, 1), "period_end": dt.date(2017, 6, 30)}, "period_end"),
        ({"text": "   "}, "text"),
        ({"text": "x" * (MAX_TEXT + 1)}, "text"),
        ({"evidence": ["javascript:alert(1)"]}, "evidence"),
        ({"evidence": [f"https://example.org/{n}" for n in range(MAX_EVIDENCE + 1)]}, "evidence"),
    ],
    ids=[
        "unknown-kind",
        "unknown-status",
        "unknown-completion",
        "period-reversed",
        "blank-text",
        "long-text",
        "javascript-url",
        "too-many-links",
    ],
)
def test_record_assessment_refuses_invalid_input(
    lead, commitment, lead_organisation, kwargs, field
):
    arguments = {
        "kind": AssessmentKind.GOVERNMENT,
        "organisation": lead_organisation,
        "status": ProgressStatus.ON_TRACK,
        "text": "Self-assessment",
        **PERIOD,
        **kwargs,
    }
    with nothing_written(Assessment), pytest.raises(DomainError) as error:
        record_assessment(by=lead, commitment=commitment, **arguments)
    assert error.value.field == field


@pytest.mark.parametrize("role", NOT_REPORTERS)
def test_role_cannot_record_government_assessment(
    role, user_for_role, commitment, lead_organisation
):
    with nothing_written(Assessment), pytest.raises(PermissionDeniedError):
        record_assessment(
            by=user_for_role(role),
            commitment=commitment,
            kind=AssessmentKind.GOVERNMENT,
            organisation=lead_organisation,
            status=ProgressStatus.ON_TRACK,
            text="Not mine to assess",
            **PERIOD,
        )


@pytest.mark.parametrize("role", NOT_CIVIL_SOCIETY)
def test_role_cannot_record_civil_society_assessment(
    role, user_for_role, commitment, civil_society_organisation
):
    with nothing_written(Assessment), pytest.raises(PermissionDeniedError):
        record_assessment(
            by=user_for_role(role),
            commitment=commitment,
            kind=AssessmentKind.CIVIL_SOCIETY,
            organisation=civil_society_organisation,
            status=ProgressStatus.DELAYED,
            text="Not ours to assess",
            **PERIOD,
        )


@pytest.mark.parametrize(
    ("plan_status", "published"),
    [
        (PlanStatus.IMPLEMENTING, False),
        (PlanStatus.DRAFTING, False),
        (PlanStatus.CONSULTATION, True),
    ],
)
def test_civil_society_member_cannot_assess_unpublished_or_unstarted_plan(
    plan_status, published, civil_society_member, civil_society_organisation, lead_organisation
):
    commitment = commitment_in(plan_status, lead_organisation, published=published)
    with nothing_written(Assessment), pytest.raises(PermissionDeniedError):
        record_assessment(
            by=civil_society_member,
            commitment=commitment,
            kind=AssessmentKind.CIVIL_SOCIETY,
            organisation=civil_society_organisation,
            status=ProgressStatus.DELAYED,
            text="Too early",
            **PERIOD,
        )


def test_record_assessment_event_is_private_in_unpublished_plan(
    government_contact, lead_organisation
):
    commitment = commitment_in(PlanStatus.IMPLEMENTING, lead_organisation, published=False)
    record_assessment(
        by=government_contact,
        commitment=commitment,
        kind=AssessmentKind.GOVERNMENT,
        organisation=lead_organisation,
        status=ProgressStatus.ON_TRACK,
        text="Self-assessment",
        **PERIOD,
    )
    assert last_event().is_public is False
