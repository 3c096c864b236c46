"""API schemas for events, their delegations and documents, collective actions and sign-ups.
People appear by name only, never by account; vocabularies are {key, label}; a delegate's posts
are those they held on the event's first day (organisations.posts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from opengov.action_plans.schemas import CommitmentRef
from opengov.core.schemas import ChoiceOut, PublicPage, choice
from opengov.meetings.schemas import PersonRef
from opengov.organisations.schemas import OrganisationRef

from .choices import SignatoryKind

_Page = PublicPage


class PostRef(Schema):
    slug: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class DelegateOut(Schema):
    person: PersonRef
    organisation: OrganisationRef | None
    posts: list[PostRef] = Field(description="The posts the person held on the event's first day.")
    note: str

    @staticmethod
    def resolve_posts(obj: Any) -> list[Any]:
        return list(getattr(obj, "posts_then", []))


class DocumentOut(Schema):
    title: str
    url: str


class EventRef(Schema):
    id: int
    title: str
    url: str

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class EventOut(_Page):
    id: int
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    place: str
    description: str = Field(description="Markdown.")


class CollectiveActionOut(_Page):
    id: int
    title: str
    theme: str
    description: str = Field(description="Markdown.")
    event: EventRef
    sign_up_deadline: dt.date | None
    quorum: int
    counted_kinds: list[ChoiceOut] = Field(description="The kinds of signatory that count.")
    counted_signatories: int = Field(description="Distinct counted signatories so far.")
    status: ChoiceOut
    considered_at: dt.datetime | None
    adopted_commitment: CommitmentRef | None = Field(
        description="The commitment that adopted it (null if not adopted, or in a plan you "
        "may not see)."
    )

    @staticmethod
    def resolve_counted_kinds(obj: Any) -> list[ChoiceOut]:
        return [
            ChoiceOut(key=kind, label=str(SignatoryKind(kind).label))
            for kind in obj.counted_kinds()
        ]

    @staticmethod
    def resolve_status(obj: Any) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_adopted_commitment(obj: Any) -> Any:
        return getattr(obj, "visible_commitment", None)


class SignUpOut(Schema):
    id: int
    action_id: int
    kind: ChoiceOut
    organisation: OrganisationRef | None
    person: PersonRef | None
    statement: str
    signed_on: dt.date

    @staticmethod
    def resolve_kind(obj: Any) -> ChoiceOut | None:
        return choice(obj, "kind")


class EventDetailOut(EventOut):
    delegates: list[DelegateOut]
    documents: list[DocumentOut]
    collective_actions: list[CollectiveActionOut]

    @staticmethod
    def resolve_delegates(obj: Any) -> list[Any]:
        return list(obj.delegates.all())

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.all())

    @staticmethod
    def resolve_collective_actions(obj: Any) -> list[Any]:
        return list(obj.collective_actions.all())


class CollectiveActionDetailOut(CollectiveActionOut):
    sign_ups: list[SignUpOut]

    @staticmethod
    def resolve_sign_ups(obj: Any) -> list[Any]:
        return list(obj.sign_ups.all())


class SignUpIn(Schema):
    organisation: str | None = Field(
        None,
        description="The slug of an organisation you hold a role for; leave it out to sign up "
        "as an expert.",
    )
    statement: str = ""
