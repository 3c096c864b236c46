"""API schemas for meetings, their attendance, minutes, decisions and action items. People appear
by name only, never by account; vocabularies are {key, label}."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from ninja import Field, Schema

from opengov.action_plans.schemas import CommitmentRef
from opengov.core.schemas import ChoiceOut, PublicPage, choice
from opengov.organisations.schemas import OrganisationRef, PersonRef

from .models import ActionItem, ActionItemReview, Attendance, Meeting, MinutesSection

_Page = PublicPage


class SeriesRef(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class MeetingRef(Schema):
    id: int
    title: str
    starts_at: dt.datetime
    url: str

    @staticmethod
    def resolve_url(obj: Meeting) -> str:
        return obj.get_absolute_url()


class MeetingOut(_Page):
    id: int
    title: str
    series: SeriesRef | None
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    online_url: str
    organiser: OrganisationRef | None
    status: ChoiceOut
    summary: str = Field(description="What the meeting was about (Markdown).")
    source_url: str = Field(description="Where the note of the meeting is published, if anywhere.")
    minutes_published_at: dt.datetime | None
    version: int

    @staticmethod
    def resolve_status(obj: Meeting) -> ChoiceOut | None:
        return choice(obj, "status")


class AttendanceOut(Schema):
    person: PersonRef
    organisation: OrganisationRef | None = Field(
        description="The organisation they came for, at the time."
    )
    role: ChoiceOut

    @staticmethod
    def resolve_role(obj: Attendance) -> ChoiceOut | None:
        return choice(obj, "role")


class MinutesSectionOut(Schema):
    id: int
    position: int
    heading: str
    text: str = Field(description="The minutes of this section (Markdown).")
    commitment_ids: list[int] = Field(description="The commitments it discusses.")

    @staticmethod
    def resolve_commitment_ids(obj: MinutesSection) -> list[int]:
        return [commitment.pk for commitment in getattr(obj, "visible_commitments", [])]


class DecisionOut(Schema):
    id: int
    position: int
    text: str
    section_id: int | None


class ActionItemOut(_Page):
    id: int
    meeting: MeetingRef = Field(description="The meeting that agreed it.")
    position: int
    text: str
    owner: str = Field(description="Who owns it: a person, an organisation, or as written.")
    owner_organisation: OrganisationRef | None
    owner_person: PersonRef | None
    due_on: dt.date | None
    due_phrase: str = Field(
        description='When no date was given, the words used ("in the New Year").'
    )
    status: ChoiceOut
    done_on: dt.date | None
    status_note: str
    is_overdue: bool
    commitment: CommitmentRef | None
    version: int = Field(description="Send it back with a change; a stale one is refused (409).")

    @staticmethod
    def resolve_owner(obj: ActionItem) -> str:
        return obj.owner_label

    @staticmethod
    def resolve_status(obj: ActionItem) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_is_overdue(obj: ActionItem) -> bool:
        return obj.is_overdue(timezone.localdate())


class ActionItemReviewOut(Schema):
    meeting: MeetingRef
    status: ChoiceOut = Field(description="Where the action stood at that meeting.")
    note: str

    @staticmethod
    def resolve_status(obj: ActionItemReview) -> ChoiceOut | None:
        return choice(obj, "status")


class ActionItemDetailOut(ActionItemOut):
    reviews: list[ActionItemReviewOut] = Field(
        description="Each later meeting that reviewed it, in order."
    )

    @staticmethod
    def resolve_reviews(obj: ActionItem) -> list[ActionItemReview]:
        return list(obj.reviews.all())


class MeetingDetailOut(MeetingOut):
    attendees: list[AttendanceOut]
    apologies: list[AttendanceOut] = Field(description="Who sent apologies.")
    sections: list[MinutesSectionOut]
    decisions: list[DecisionOut]
    action_items: list[ActionItemOut] = Field(description="The actions agreed at this meeting.")

    @staticmethod
    def resolve_attendees(obj: Meeting) -> list[Attendance]:
        return [a for a in obj.attendances.all() if not a.sent_apologies]

    @staticmethod
    def resolve_apologies(obj: Meeting) -> list[Attendance]:
        return [a for a in obj.attendances.all() if a.sent_apologies]

    @staticmethod
    def resolve_sections(obj: Meeting) -> list[MinutesSection]:
        return list(obj.sections.all())

    @staticmethod
    def resolve_decisions(obj: Meeting) -> list[Any]:
        return list(obj.decisions.all())

    @staticmethod
    def resolve_action_items(obj: Meeting) -> list[ActionItem]:
        return list(obj.action_items.all())
