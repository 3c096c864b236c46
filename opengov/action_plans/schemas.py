"""API schemas for members, plans, commitments, milestones, revisions and progress updates.
Vocabularies are {key, label}; authors appear by public name only, never by account."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Schema
from pydantic import StrictInt

from opengov.core.schemas import ChoiceOut, IsoDate, OneLineText, PublicPage, choice
from opengov.organisations.schemas import OrganisationRef

from .choices import DuePrecision, ProgressStatus
from .dates import format_due
from .models import ActionPlan, Commitment, DueDateRevision, Member, Milestone, ProgressUpdate

IRM_FIELDS = [
    "verifiable",
    "specificity",
    "relevance_access_to_information",
    "relevance_civic_participation",
    "relevance_public_accountability",
    "relevance_technology",
    "potential_impact",
    "completion_midterm",
    "completion_end_of_term",
    "did_it_open_government",
    "starred",
]


_Page = PublicPage


class PlanRef(Schema):
    id: int
    number: int
    title: str
    url: str

    @staticmethod
    def resolve_url(obj: ActionPlan) -> str:
        return obj.get_absolute_url()


class MemberOut(_Page):
    slug: str
    name: str
    kind: ChoiceOut
    code: str
    region: str
    plans: list[PlanRef] = Field(description="Its action plans, newest first.")

    @staticmethod
    def resolve_kind(obj: Member) -> ChoiceOut | None:
        return choice(obj, "kind")

    @staticmethod
    def resolve_plans(obj: Member) -> list[ActionPlan]:
        return list(getattr(obj, "visible_plans", []))


class MemberRef(Schema):
    slug: str
    name: str


class PlanOut(_Page):
    id: int
    member: MemberRef
    number: int
    title: str
    description: str
    status: ChoiceOut
    starts_on: dt.date | None
    ends_on: dt.date | None
    submitted_year: int | None
    end_year: int | None
    ogp_id: str
    published_at: dt.datetime | None = Field(description="Null while the plan is a draft.")
    commitment_count: int
    version: int

    @staticmethod
    def resolve_status(obj: ActionPlan) -> ChoiceOut | None:
        return choice(obj, "status")


class PolicyAreaOut(Schema):
    slug: str
    name: str


class CommitmentOut(_Page):
    id: int
    plan_id: int
    number: str
    title: str
    short_title: str
    description: str
    government: OrganisationRef | None = Field(
        description="Null when the commitment belongs to the member as a whole."
    )
    lead_organisations: list[OrganisationRef]
    supporting_organisations: list[OrganisationRef]
    policy_areas: list[PolicyAreaOut]
    theme: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    status: ChoiceOut
    milestones_total: int
    milestones_complete: int
    progress_percent: int
    last_update_on: dt.date | None
    ogp_id: str
    ogp_url: str
    version: int

    @staticmethod
    def resolve_status(obj: Commitment) -> ChoiceOut | None:
        return choice(obj, "status")


class IrmOut(Schema):
    """The Independent Reporting Mechanism's assessment; null where nobody has entered a value."""

    verifiable: ChoiceOut | None
    specificity: ChoiceOut | None
    relevance_access_to_information: ChoiceOut | None
    relevance_civic_participation: ChoiceOut | None
    relevance_public_accountability: ChoiceOut | None
    relevance_technology: ChoiceOut | None
    potential_impact: ChoiceOut | None
    completion_midterm: ChoiceOut | None
    completion_end_of_term: ChoiceOut | None
    did_it_open_government: ChoiceOut | None
    starred: ChoiceOut | None


class MilestoneOut(_Page):
    id: int
    commitment_id: int
    position: int
    text: str
    original_due_on: dt.date | None
    original_due_precision: ChoiceOut
    due_on: dt.date | None
    due_precision: ChoiceOut
    due_text: str = Field(description='The due date as people read it ("October 2016").')
    completed_on: dt.date | None
    status: ChoiceOut
    is_overdue: bool
    is_moved: bool = Field(description="Its due date has moved from the original one.")
    source_url: str
    version: int = Field(description="Send it back with a change; a stale one is refused (409).")

    @staticmethod
    def resolve_original_due_precision(obj: Milestone) -> ChoiceOut | None:
        return choice(obj, "original_due_precision")

    @staticmethod
    def resolve_due_precision(obj: Milestone) -> ChoiceOut | None:
        return choice(obj, "due_precision")

    @staticmethod
    def resolve_due_text(obj: Milestone) -> str:
        return str(format_due(obj.due_on, obj.due_precision))

    @staticmethod
    def resolve_status(obj: Milestone) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_is_overdue(obj: Milestone) -> bool:
        return obj.is_overdue(timezone.localdate())


class RevisionOut(Schema):
    id: int
    milestone_id: int
    old_due_on: dt.date | None
    old_due_precision: ChoiceOut | None
    new_due_on: dt.date
    new_due_precision: ChoiceOut
    reason: str
    revised_by: str = Field(description="Who moved it, by public name.")
    revised_at: dt.datetime

    @staticmethod
    def resolve_old_due_precision(obj: DueDateRevision) -> ChoiceOut | None:
        return choice(obj, "old_due_precision")

    @staticmethod
    def resolve_new_due_precision(obj: DueDateRevision) -> ChoiceOut | None:
        return choice(obj, "new_due_precision")

    @staticmethod
    def resolve_revised_by(obj: DueDateRevision) -> str:
        return obj.revised_by_label


class CommitmentRef(Schema):
    id: int
    number: str
    title: str
    url: str

    @staticmethod
    def resolve_title(obj: Commitment) -> str:
        return str(obj.display_title)

    @staticmethod
    def resolve_url(obj: Commitment) -> str:
        return obj.get_absolute_url()


class MilestoneDetailOut(MilestoneOut):
    commitment: CommitmentRef
    revisions: list[RevisionOut] = Field(description="Each move of its due date, oldest first.")

    @staticmethod
    def resolve_revisions(obj: Milestone) -> list[DueDateRevision]:
        return list(obj.revisions.all())


class EvidenceOut(Schema):
    url: str
    title: str = ""


class UpdateOut(_Page):
    id: int
    commitment_id: int
    milestone_id: int | None
    status: ChoiceOut
    text: str
    evidence: list[EvidenceOut]
    reported_on: dt.date
    source: ChoiceOut
    author: str = Field(description="Who reported it, by public name.")
    organisation: OrganisationRef | None
    created_at: dt.datetime

    @staticmethod
    def resolve_status(obj: ProgressUpdate) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_source(obj: ProgressUpdate) -> ChoiceOut | None:
        return choice(obj, "source")

    @staticmethod
    def resolve_author(obj: ProgressUpdate) -> str:
        return obj.author_label


class AssessmentOut(Schema):
    id: int
    kind: ChoiceOut
    organisation: OrganisationRef
    period_start: dt.date
    period_end: dt.date
    status: ChoiceOut
    completion: ChoiceOut | None
    text: str
    evidence: list[EvidenceOut]
    contests_update_id: int | None = Field(description="The progress update it disputes.")
    author: str

    @staticmethod
    def resolve_kind(obj: Any) -> ChoiceOut | None:
        return choice(obj, "kind")

    @staticmethod
    def resolve_status(obj: Any) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_completion(obj: Any) -> ChoiceOut | None:
        return choice(obj, "completion")

    @staticmethod
    def resolve_contests_update_id(obj: Any) -> int | None:
        return obj.contests_id

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author_label)


class CommitmentDetailOut(CommitmentOut):
    irm: IrmOut
    milestones: list[MilestoneOut]
    latest_updates: list[UpdateOut] = Field(description="Its most recent progress updates.")
    assessments: list[AssessmentOut] = Field(
        description="Government's and civil society's assessments, side by side, newest first."
    )

    @staticmethod
    def resolve_irm(obj: Commitment) -> dict[str, ChoiceOut | None]:
        return {name: choice(obj, name) for name in IRM_FIELDS}

    @staticmethod
    def resolve_milestones(obj: Commitment) -> list[Milestone]:
        return list(obj.milestones.all())

    @staticmethod
    def resolve_latest_updates(obj: Commitment) -> list[ProgressUpdate]:
        return list(getattr(obj, "latest_updates", []))

    @staticmethod
    def resolve_assessments(obj: Commitment) -> list[Any]:
        return list(obj.assessments.all())


class EvidenceIn(Schema):
    url: str = Field(max_length=2000, description="A web address (http:// or https://).")
    title: OneLineText = Field("", max_length=300)


class UpdateIn(Schema):
    status: ProgressStatus
    text: str = Field(min_length=1)
    reported_on: IsoDate | None = Field(None, description="Today when left out.")
    evidence: list[EvidenceIn] = Field(default_factory=list)
    milestone_id: StrictInt | None = Field(None, description="The milestone the update is about.")


class CompleteIn(Schema):
    completed_on: IsoDate | None = Field(None, description="Today when left out.")
    version: StrictInt = Field(description="The milestone's `version` you read.")


class RevisionIn(Schema):
    new_due_on: IsoDate
    new_due_precision: DuePrecision = DuePrecision.DAY
    reason: str = Field(min_length=1, description="Why the date is moving; it is public.")
    version: StrictInt = Field(description="The milestone's `version` you read.")
