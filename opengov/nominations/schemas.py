"""API schemas of nominations. People appear by name only, never by account; vocabularies are
{key, label}; votes are decimal strings (STV transfers count to five places). No ballot is ever
exposed: results are totals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from opengov.core.schemas import ChoiceOut, choice, history_url
from opengov.organisations.schemas import NetworkRef, OrganisationRef

from .choices import RoundStatus
from .models import Body, BodyMembership, Count, Nomination, NominationRound, ResultLine
from .results_table import show_votes


class PersonName(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.display_name)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class BodyOut(Schema):
    slug: str
    name: str
    network: NetworkRef
    description: str
    url: str

    @staticmethod
    def resolve_url(obj: Body) -> str:
        return obj.get_absolute_url()


class BodyMembershipOut(Schema):
    person: PersonName
    organisation: OrganisationRef | None
    seat: str
    starts_on: dt.date
    ends_on: dt.date | None
    elected_in: int | None

    @staticmethod
    def resolve_elected_in(obj: BodyMembership) -> int | None:
        return obj.elected_in_id


class BodyDetailOut(BodyOut):
    members: list[BodyMembershipOut]

    @staticmethod
    def resolve_members(obj: Body) -> list[BodyMembership]:
        return list(obj.memberships.all())


class ConstituencyOut(Schema):
    id: int
    name: str
    seats: int


class RoundOut(Schema):
    id: int
    title: str
    body: str
    status: ChoiceOut
    method: ChoiceOut
    seats: int
    constituencies: list[ConstituencyOut]
    seconders_required: int
    nominations_open_at: dt.datetime
    nominations_close_at: dt.datetime
    voting_opens_at: dt.datetime
    voting_closes_at: dt.datetime
    term_starts_on: dt.date
    term_ends_on: dt.date | None
    results_published_at: dt.datetime | None
    url: str
    history_url: str

    @staticmethod
    def resolve_body(obj: NominationRound) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_status(obj: NominationRound) -> ChoiceOut:
        status = obj.status
        return ChoiceOut(key=status, label=str(RoundStatus(status).label))

    @staticmethod
    def resolve_method(obj: NominationRound) -> ChoiceOut | None:
        return choice(obj, "method")

    @staticmethod
    def resolve_constituencies(obj: NominationRound) -> list[Any]:
        return list(obj.constituencies.all())

    @staticmethod
    def resolve_url(obj: NominationRound) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: NominationRound) -> str:
        return history_url(obj)


class NominationOut(Schema):
    id: int
    nominee: PersonName
    nominee_organisation: OrganisationRef | None
    nominator: OrganisationRef
    constituency: str | None
    statement: str
    acceptance: ChoiceOut
    seconders: int
    is_withdrawn: bool
    is_standing: bool
    url: str

    @staticmethod
    def resolve_constituency(obj: Nomination) -> str | None:
        return obj.constituency.name if obj.constituency is not None else None

    @staticmethod
    def resolve_acceptance(obj: Nomination) -> ChoiceOut | None:
        return choice(obj, "acceptance")

    @staticmethod
    def resolve_seconders(obj: Nomination) -> int:
        return obj.seconders_count

    @staticmethod
    def resolve_url(obj: Nomination) -> str:
        return obj.get_absolute_url()


class NominationDetailOut(NominationOut):
    round: int
    seconded_by: list[OrganisationRef]

    @staticmethod
    def resolve_round(obj: Nomination) -> int:
        return obj.round_id

    @staticmethod
    def resolve_seconded_by(obj: Nomination) -> list[Any]:
        return [s.organisation for s in obj.seconders.all()]


class StageOut(Schema):
    stage: int
    action: str
    candidate: int | None
    totals: dict[str, str]
    non_transferable: str
    elected: list[int]
    excluded: list[int]
    tie_break: str


class ResultOut(Schema):
    nomination: int
    nominee: str
    first_votes: str
    final_votes: str
    is_elected: bool
    elected_position: int | None

    @staticmethod
    def resolve_nomination(obj: ResultLine) -> int:
        return obj.nomination_id

    @staticmethod
    def resolve_nominee(obj: ResultLine) -> str:
        return str(obj.nomination.nominee.display_name)

    @staticmethod
    def resolve_first_votes(obj: ResultLine) -> str:
        return format(obj.first_votes.normalize(), "f")

    @staticmethod
    def resolve_final_votes(obj: ResultLine) -> str:
        return format(obj.final_votes.normalize(), "f")


class CountOut(Schema):
    constituency: str | None
    method: str
    seats: int
    valid_ballots: int
    quota: str | None
    seed: str
    lots_drawn: int
    stages: list[StageOut]
    results: list[ResultOut]

    @staticmethod
    def resolve_constituency(obj: Count) -> str | None:
        return obj.constituency.name if obj.constituency is not None else None

    @staticmethod
    def resolve_quota(obj: Count) -> str | None:
        return None if obj.quota is None else format(obj.quota.normalize(), "f")

    @staticmethod
    def resolve_seed(obj: Count) -> str:
        return str(obj.seed)

    @staticmethod
    def resolve_stages(obj: Count) -> list[dict[str, Any]]:
        return [
            {
                **stage,
                "totals": {k: show_votes(v) for k, v in stage["totals"].items()},
                "non_transferable": show_votes(stage.get("non_transferable", 0)),
            }
            for stage in obj.stages
        ]

    @staticmethod
    def resolve_results(obj: Count) -> list[ResultLine]:
        return list(obj.lines.all())


class RoundDetailOut(RoundOut):
    description: str
    eligible_members: list[OrganisationRef]
    nominations: list[NominationOut]
    votes_cast: int | None
    results: list[CountOut] | None

    @staticmethod
    def resolve_eligible_members(obj: NominationRound) -> list[Any]:
        return [m.organisation for m in obj.eligible_members.all()]

    @staticmethod
    def resolve_nominations(obj: NominationRound) -> list[Nomination]:
        return list(obj.nominations.all())

    @staticmethod
    def resolve_votes_cast(obj: NominationRound) -> int | None:
        return len(obj.voters.all()) if obj.status in VOTED else None

    @staticmethod
    def resolve_results(obj: NominationRound) -> list[Count] | None:
        return list(obj.counts.all()) if obj.results_published_at else None


VOTED = {RoundStatus.VOTING_OPEN, RoundStatus.COUNTING, RoundStatus.RESULTS_PUBLISHED}


# Taking part over the API (a token that may write) ----------------------------------------------

MEMBER_HELP = (
    "The slug of the eligible member you act for; may be left out when you speak for only one "
    "member who can act."
)


class NominationIn(Schema):
    nominee: str = Field(
        ..., max_length=120, description="The nominee's person slug (they need an account here)."
    )
    organisation: str | None = Field(None, max_length=120, description=MEMBER_HELP)
    nominee_organisation: str | None = Field(
        None, max_length=120, description="The slug of the nominee's organisation, if any."
    )
    constituency: int | None = Field(
        None, description="A constituency's id; left out for the round's general seats."
    )
    statement: str = Field("", max_length=5000, description="Why you nominate them (Markdown).")


class SecondIn(Schema):
    organisation: str = Field(
        ...,
        max_length=120,
        description="The slug of the eligible member that seconds: one you speak for, other than "
        "the nominating member. A seconding is that member's public endorsement, so it is named.",
    )


class AnswerIn(Schema):
    accept: bool = Field(..., description="true to accept and stand, false to decline.")


class ContestChoicesIn(Schema):
    constituency: int | None = Field(
        None, description="The constituency's id; left out (null) for the general seats."
    )
    nominations: list[int] = Field(
        ...,
        max_length=200,
        description="The nominations chosen: up to the contest's seats (plurality), or in order "
        "of preference, the first first (STV). An empty list abstains in this contest.",
    )


class BallotIn(Schema):
    organisation: str | None = Field(None, max_length=120, description=MEMBER_HELP)
    choices: list[ContestChoicesIn] = Field(..., max_length=100)


class BallotReceiptOut(Schema):
    """That the member's vote is recorded: never what it chose."""

    detail: str
    round: int
    organisation: OrganisationRef
    voted_on: dt.date
