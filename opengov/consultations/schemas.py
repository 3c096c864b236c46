"""API schemas for consultations, their current document's paragraphs, comments and answers.
Commenters appear by their public name only, never by account or e-mail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema
from pydantic import StrictInt

from opengov.action_plans.schemas import PlanRef
from opengov.core.schemas import ChoiceOut, history_url
from opengov.organisations.schemas import OrganisationRef

from .models import Answer, Comment, Consultation


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str = Field(
        description="What the document is and what comments are sought (Markdown)."
    )
    owner_organisation: OrganisationRef
    plan: PlanRef | None
    status: ChoiceOut = Field(
        description="draft, open, closed (the deadline has passed) or concluded."
    )
    published_at: dt.datetime | None = Field(description="When it opened for comments.")
    closes_at: dt.datetime = Field(description="The deadline for comments.")
    concluded_at: dt.datetime | None
    conclusion: str = Field(description="What comes of it, once concluded (Markdown).")
    current_version: int = Field(description="The number of the document's current version.")
    comment_count: int = Field(description="Comments that are not hidden.")
    answer_count: int
    url: str
    history_url: str

    @staticmethod
    def resolve_status(obj: Consultation) -> ChoiceOut:
        status = obj.status
        return ChoiceOut(key=status.value, label=str(status.label))

    @staticmethod
    def resolve_url(obj: Consultation) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: Consultation) -> str:
        return history_url(obj)


class ConsultationParagraphOut(Schema):
    id: int
    position: int
    key: str = Field(
        description="Stable across versions while the paragraph is kept or changed a little."
    )
    text: str = Field(description="The paragraph's Markdown.")
    comment_count: int = Field(description="Comments on it (this key, any version), not hidden.")
    answer_count: int


class DocumentVersionOut(Schema):
    number: int
    published_at: dt.datetime | None
    change_note: str
    url: str
    changes_url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())

    @staticmethod
    def resolve_changes_url(obj: Any) -> str:
        return str(obj.get_absolute_url()) + "changes/"


class ConsultationDetailOut(ConsultationOut):
    versions: list[DocumentVersionOut]
    paragraphs: list[ConsultationParagraphOut] = Field(
        description="The current version's paragraphs."
    )

    @staticmethod
    def resolve_versions(obj: Any) -> list[Any]:
        return list(obj.versions_list)

    @staticmethod
    def resolve_paragraphs(obj: Any) -> list[Any]:
        return list(obj.paragraphs_list)


class ConsultationAnswerOut(Schema):
    id: int
    comment_id: int | None
    paragraph_key: str
    text: str
    organisation: OrganisationRef
    created_at: dt.datetime
    url: str

    @staticmethod
    def resolve_url(obj: Answer) -> str:
        return obj.get_absolute_url()


class ConsultationCommentOut(Schema):
    id: int
    paragraph_key: str
    paragraph_id: int
    parent: int | None = Field(
        description="For a reply, the id of the comment it replies to; null for a comment."
    )
    version: int = Field(description="The version the comment was made on.")
    author: str = Field(description="The commenter's public name.")
    text: str
    created_at: dt.datetime
    answer: ConsultationAnswerOut | None
    url: str

    @staticmethod
    def resolve_parent(obj: Comment) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_version(obj: Comment) -> int:
        return obj.paragraph.version.number

    @staticmethod
    def resolve_author(obj: Comment) -> str:
        return str(obj.author.public_name)

    @staticmethod
    def resolve_answer(obj: Comment) -> Answer | None:
        return getattr(obj, "answer", None)

    @staticmethod
    def resolve_url(obj: Comment) -> str:
        return obj.get_absolute_url()


class ConsultationCommentIn(Schema):
    paragraph: StrictInt | None = Field(
        None,
        ge=1,
        description="The paragraph's position in the current version, from 1. Required for a "
        "comment; for a reply, leave it out (a reply belongs to its parent's paragraph).",
    )
    parent: StrictInt | None = Field(
        None,
        ge=1,
        description="To reply, the id of the comment replied to (a reply to a reply joins its "
        "thread: replies are one level deep).",
    )
    text: str = Field(min_length=1, max_length=10_000)
