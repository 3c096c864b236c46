"""API schemas of feedback: public fields only. The sender's contact address is never part of
any schema; of hidden feedback, a reader who does not moderate gets its reason and no content."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from opengov.action_plans.schemas import CommitmentRef
from opengov.core.schemas import ChoiceOut, choice, history_url
from opengov.organisations.schemas import OrganisationRef

from .models import Answer, Feedback


def shows_content(obj: Feedback) -> bool:
    """Set by the endpoint for its reader (feedback.view_hidden_feedback); else: not hidden."""
    return bool(getattr(obj, "shows_content", not obj.is_hidden))


class AnswerOut(Schema):
    text: str
    organisation: OrganisationRef
    answered_by: str = Field(description="Who answered: their public name.")
    answered_at: dt.datetime

    @staticmethod
    def resolve_answered_by(obj: Answer) -> str:
        return obj.answered_by_label


class HiddenOut(Schema):
    reason: str = Field(description="Why the moderators hid it (public).")
    hidden_at: dt.datetime | None


class FeedbackOut(Schema):
    id: int
    url: str
    history_url: str
    subject: ChoiceOut = Field(description="process, commitment or site.")
    commitment: CommitmentRef | None
    text: str | None = Field(description="What the sender wrote; null once hidden.")
    name: str | None = Field(
        description="The name the sender gave to be shown; null if anonymous or hidden."
    )
    status: ChoiceOut = Field(description="received or answered.")
    moderation: ChoiceOut = Field(description="pending, published or hidden.")
    submitted_at: dt.datetime
    published_at: dt.datetime | None
    answer: AnswerOut | None = Field(description="The public answer, once given.")
    hidden: HiddenOut | None = Field(description="Why and when it was hidden, if it was.")

    @staticmethod
    def resolve_url(obj: Feedback) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: Feedback) -> str:
        return history_url(obj)

    @staticmethod
    def resolve_subject(obj: Feedback) -> ChoiceOut | None:
        return choice(obj, "subject")

    @staticmethod
    def resolve_status(obj: Feedback) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_moderation(obj: Feedback) -> ChoiceOut | None:
        return choice(obj, "moderation")

    @staticmethod
    def resolve_text(obj: Feedback) -> str | None:
        return obj.text if shows_content(obj) else None

    @staticmethod
    def resolve_name(obj: Feedback) -> str | None:
        return (obj.name or None) if shows_content(obj) else None

    @staticmethod
    def resolve_answer(obj: Feedback) -> Any:
        if not obj.is_answered or not shows_content(obj):
            return None
        return getattr(obj, "answer", None)

    @staticmethod
    def resolve_hidden(obj: Feedback) -> dict[str, Any] | None:
        if not obj.is_hidden:
            return None
        return {"reason": obj.hidden_reason, "hidden_at": obj.hidden_at}
