"""API schemas for calls for ideas, ideas, their comments and reasoned responses. People appear
by name only, never by account or e-mail; supports only as counts; vocabularies are {key, label}."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import StrictInt

from opengov.action_plans.schemas import CommitmentRef
from opengov.core.schemas import ChoiceOut, PublicPage, choice
from opengov.organisations.schemas import OrganisationRef

from .models import CallForIdeas, Comment, Idea, ReasonedResponse

_Page = PublicPage


class PolicyAreaRef(Schema):
    slug: str
    name: str


class CriterionOut(Schema):
    name: str
    max_score: int


class CallOut(_Page):
    id: int
    title: str
    description: str = Field(description="What the call asks for (Markdown).")
    opens_on: dt.date
    closes_on: dt.date
    plan_id: int = Field(description="The action plan it feeds (plans.id).")
    answer_within_days: int = Field(description="Days within which every idea should be answered.")
    is_published: bool
    policy_areas: list[PolicyAreaRef]
    criteria: list[CriterionOut] = Field(description="What the steering committee scores on.")

    @staticmethod
    def resolve_policy_areas(obj: CallForIdeas) -> list[Any]:
        return list(obj.policy_areas.all())

    @staticmethod
    def resolve_criteria(obj: CallForIdeas) -> list[Any]:
        return list(obj.criteria.all())


class ReasonCountOut(Schema):
    reason: ChoiceOut
    ideas: int


class AnswerRateOut(Schema):
    ideas: int = Field(description="Ideas published in the call.")
    answered: int = Field(description="Ideas with a reasoned response.")
    percent_answered: int
    median_days_to_answer: float | None
    waiting_past_deadline: int
    not_published_at_moderation: int = Field(
        description="Ideas the moderators did not publish (their text is never public)."
    )
    not_published_reasons: list[ReasonCountOut] = Field(
        description="How many ideas were not published, for each reason given."
    )


class CallDetailOut(CallOut):
    answer_rate: AnswerRateOut

    @staticmethod
    def resolve_answer_rate(obj: CallForIdeas) -> dict[str, Any]:
        from .reports import answer_rate

        rate = answer_rate(obj)
        return {
            "ideas": rate.ideas,
            "answered": rate.answered,
            "percent_answered": rate.percent,
            "median_days_to_answer": rate.median_days,
            "waiting_past_deadline": rate.overdue,
            "not_published_at_moderation": rate.refused,
            "not_published_reasons": [
                {"reason": {"key": key, "label": label}, "ideas": count}
                for key, label, count in rate.refused_reasons
            ],
        }


class ResponseOut(Schema):
    decision: ChoiceOut
    reason: str
    organisation: OrganisationRef | None
    responded_on: dt.date

    @staticmethod
    def resolve_decision(obj: ReasonedResponse) -> ChoiceOut | None:
        return choice(obj, "decision")


class RefusalOut(Schema):
    reason: ChoiceOut
    explanation: str
    refused_at: dt.datetime


class IdeaOut(_Page):
    id: int
    call_id: int
    title: str
    text: str = Field(description="The idea (Markdown).")
    policy_area: PolicyAreaRef | None
    goals: list[int] = Field(description="Sustainable Development Goals, by number (1 to 17).")
    author: str = Field(description="The person who sent it (their name only).")
    organisation: OrganisationRef | None = Field(description="On whose behalf, if anyone's.")
    status: ChoiceOut
    submitted_at: dt.datetime
    supports: int = Field(description="The people who support it.")
    combined_supports: int = Field(
        description="With the ideas merged into it, each person counted once."
    )
    comments: int
    merged_into_id: int | None
    commitment: CommitmentRef | None = Field(description="The commitment it became, if any.")
    response: ResponseOut | None
    refusal: RefusalOut | None = Field(
        description="Why the moderators did not publish it: seen only by its sender and them."
    )

    @staticmethod
    def resolve_refusal(obj: Idea) -> dict[str, Any] | None:
        if not obj.is_refused:
            return None
        return {
            "reason": choice(obj, "refusal_reason"),
            "explanation": obj.refusal_explanation,
            "refused_at": obj.refused_at,
        }

    @staticmethod
    def resolve_author(obj: Idea) -> str:
        return str(obj.author_person) if obj.author_person else ""

    @staticmethod
    def resolve_organisation(obj: Idea) -> Any:
        return obj.author_organisation

    @staticmethod
    def resolve_status(obj: Idea) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_supports(obj: Idea) -> int:
        return obj.supports_count

    @staticmethod
    def resolve_combined_supports(obj: Idea) -> int:
        return obj.combined_supports_count

    @staticmethod
    def resolve_comments(obj: Idea) -> int:
        return obj.comments_count

    @staticmethod
    def resolve_commitment(obj: Idea) -> Any:
        return getattr(obj, "visible_commitment", None)

    @staticmethod
    def resolve_response(obj: Idea) -> Any:
        try:
            return obj.response
        except ReasonedResponse.DoesNotExist:
            return None


class CommentOut(Schema):
    id: int
    parent_id: int | None
    author: str
    text: str = Field(description="Empty when a moderator hid the comment.")
    created_at: dt.datetime
    is_hidden: bool
    hidden_reason: str

    @staticmethod
    def resolve_author(obj: Comment) -> str:
        return obj.author_label

    @staticmethod
    def resolve_text(obj: Comment) -> str:
        return "" if obj.is_hidden else obj.text


class IdeaDetailOut(IdeaOut):
    merged_ideas: list[int] = Field(description="The ideas merged into this one (ideas.id).")

    @staticmethod
    def resolve_merged_ideas(obj: Idea) -> list[int]:
        return [i.pk for i in getattr(obj, "visible_merged_ideas", [])]


class SupportCountOut(Schema):
    idea_id: int
    supports: int
    combined_supports: int = Field(
        description="With the ideas merged into it, each person counted once."
    )
    supported_by_you: bool = Field(description="Whether the token's user supports it.")


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=5000)
    parent_id: StrictInt | None = Field(None, description="The comment this replies to.")
