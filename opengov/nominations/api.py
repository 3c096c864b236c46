"""Nominations and elections over the API: bodies with their members, and rounds with their
nominations and, once published, their counts and results — totals only, never a ballot. Rounds
load through `visible_to(user)`: a draft round is seen only with a secretariat's or
administrator's token (404 otherwise).

Taking part with a token that may write: nominate, second a nomination, accept or decline it as
the nominee, and vote. Each calls the service the pages call, so the same rules, windows,
eligibility and secrecy hold: a refusal is a 403 saying why (the window closed, not an eligible
member's person, not the nominee), bad input a 400 naming the field, a member's second vote a
409. A vote's answer says only that it is recorded, never what it chose."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from opengov.api.auth import token_auth, viewer
from opengov.api.pagination import Page, PageIn, paginate
from opengov.core.errors import DomainError
from opengov.organisations.models import Organisation, Person

from . import services
from .models import (
    Body,
    BodyMembership,
    Constituency,
    Count,
    Nomination,
    NominationRound,
    ResultLine,
    VoteRecord,
)
from .rules import represented_members
from .schemas import (
    AnswerIn,
    BallotIn,
    BallotReceiptOut,
    BodyDetailOut,
    BodyOut,
    NominationDetailOut,
    NominationIn,
    RoundDetailOut,
    RoundOut,
    SecondIn,
)
from .services.permissions import require_to

router = Router(tags=["nominations"])


def _rounds(user: Any) -> QuerySet[NominationRound]:
    return (
        NominationRound.objects.visible_to(user)
        .select_related("body")
        .prefetch_related("constituencies")
    )


@router.get("/bodies", response=Page[BodyOut])
def list_nomination_bodies(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Bodies whose seats a network's members elect, such as its Steering Committee."""
    bodies = Body.objects.select_related("network")
    return paginate(bodies, ordering=["slug", "pk"], cursor=page.cursor, limit=page.limit)


@router.get("/bodies/{slug}", response=BodyDetailOut)
def get_nomination_body(request: HttpRequest, slug: str) -> Body:
    """A body and every member it has had, with their seat and term (newest terms first)."""
    memberships = BodyMembership.objects.select_related("person", "organisation")
    bodies = Body.objects.select_related("network").prefetch_related(
        Prefetch("memberships", memberships)
    )
    return get_object_or_404(bodies, slug=slug)


@router.get("/nomination-rounds", response=Page[RoundOut])
def list_nomination_rounds(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Nomination rounds, the latest first: seats, timeline, counting method and status."""
    return paginate(
        _rounds(viewer(request)),
        ordering=["-nominations_open_at", "-pk"],
        cursor=page.cursor,
        limit=page.limit,
    )


@router.get("/nomination-rounds/{round_id}", response=RoundDetailOut)
def get_nomination_round(request: HttpRequest, round_id: int) -> NominationRound:
    """One round: its eligible members, its nominations (standing or not), the number of votes
    cast once voting opens, and, once published, each contest's count (stages for STV, the seed
    of any lot) with every candidate's totals."""
    lines = ResultLine.objects.select_related("nomination__nominee")
    rounds = _rounds(viewer(request)).prefetch_related(
        Prefetch("eligible_members__organisation"),
        Prefetch(
            "nominations",
            Nomination.objects.select_related(
                "nominee", "nominee_organisation", "nominator", "constituency", "round"
            ),
        ),
        "voters",
        Prefetch(
            "counts",
            Count.objects.select_related("constituency").prefetch_related(Prefetch("lines", lines)),
        ),
    )
    return get_object_or_404(rounds, pk=round_id)


# Taking part (a token that may write) ---------------------------------------------------------


def _writer(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _nominations(user: Any) -> QuerySet[Nomination]:
    return Nomination.objects.visible_to(user).select_related(
        "round", "constituency", "nominee", "nominee_organisation", "nominator"
    )


def _nomination(user: Any, nomination_id: int) -> Nomination:
    nominations = _nominations(user).prefetch_related("seconders__organisation")
    return get_object_or_404(nominations, pk=nomination_id)


def _organisation(slug: str, field: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise DomainError(_("There is no organisation “%(slug)s”.") % {"slug": slug}, field=field)
    return found


def _member(
    user: Any, round_: NominationRound, slug: str | None, *, done: set[int]
) -> Organisation:
    """The eligible member the caller acts for: the one named, or the only one they speak for
    (that has not already done this, if any is left). The service checks it either way."""
    if slug:
        return _organisation(slug, "organisation")
    can = represented_members(user, round_)
    left = can - done
    only = left if len(left) == 1 else can
    if len(only) != 1:
        raise DomainError(
            _("You speak for several eligible members: name the one you act for."),
            field="organisation",
        )
    return Organisation.objects.get(pk=next(iter(only)))


@router.get("/nominations/{nomination_id}", response=NominationDetailOut)
def get_nomination(request: HttpRequest, nomination_id: int) -> Nomination:
    """One nomination: the nominee, who nominated and seconded them, the nominee's answer and
    whether it stands."""
    return _nomination(viewer(request), nomination_id)


@router.post(
    "/nomination-rounds/{round_id}/nominations",
    response={201: NominationDetailOut},
    auth=token_auth,
)
def post_nomination(
    request: HttpRequest, round_id: int, payload: NominationIn
) -> Status[Nomination]:
    """Nominate a person (by their slug; they need an account, as only they can accept) for the
    general seats or a constituency, while nominations are open, for an eligible member you
    speak for. The nominee is e-mailed to accept or decline."""
    user = _writer(request)
    round_ = get_object_or_404(NominationRound.objects.visible_to(user), pk=round_id)
    require_to("nominations.nominate", user, round_)
    nominee = Person.objects.filter(slug=payload.nominee).first()
    if nominee is None:
        raise DomainError(_("There is no person “%(slug)s”.") % {"slug": payload.nominee},
                          field="nominee")  # fmt: skip
    constituency = None
    if payload.constituency is not None:
        constituency = Constituency.objects.filter(round=round_, pk=payload.constituency).first()
        if constituency is None:
            raise DomainError(_("Choose one of this round's constituencies."), field="constituency")
    nomination = services.nominate(
        by=user,
        round=round_,
        organisation=_member(user, round_, payload.organisation, done=set()),
        nominee=nominee,
        nominee_organisation=(
            _organisation(payload.nominee_organisation, "nominee_organisation")
            if payload.nominee_organisation
            else None
        ),
        constituency=constituency,
        statement=payload.statement,
    )
    return Status(201, _nomination(user, nomination.pk))


@router.post(
    "/nominations/{nomination_id}/seconders",
    response={201: NominationDetailOut},
    auth=token_auth,
)
def post_seconder(
    request: HttpRequest, nomination_id: int, payload: SecondIn
) -> Status[Nomination]:
    """Second a nomination for the eligible member you name (`organisation`), one you speak for
    other than the nominating member, while nominations are open; a member seconds once."""
    user = _writer(request)
    nomination = _nomination(user, nomination_id)
    require_to("nominations.second_nomination", user, nomination)
    organisation = _organisation(payload.organisation, "organisation")
    services.second_nomination(by=user, nomination=nomination, organisation=organisation)
    return Status(201, _nomination(user, nomination_id))


@router.post(
    "/nominations/{nomination_id}/answer", response={200: NominationDetailOut}, auth=token_auth
)
def answer_nomination(request: HttpRequest, nomination_id: int, payload: AnswerIn) -> Nomination:
    """As the nominee, accept (and stand) or decline the nomination; you may change your answer
    until voting opens."""
    user = _writer(request)
    nomination = _nomination(user, nomination_id)
    require_to("nominations.answer_nomination", user, nomination)
    services.answer_nomination(by=user, nomination=nomination, accept=payload.accept)
    return _nomination(user, nomination_id)


@router.post(
    "/nomination-rounds/{round_id}/ballots", response={201: BallotReceiptOut}, auth=token_auth
)
def post_ballot(request: HttpRequest, round_id: int, payload: BallotIn) -> Status[dict[str, Any]]:
    """Cast the vote of an eligible member you speak for, while voting is open: per contest, the
    nominations chosen (up to its seats; for STV, in order of preference). A member votes once
    (409 after). The ballot is secret: the answer says only that the vote is recorded."""
    user = _writer(request)
    round_ = get_object_or_404(NominationRound.objects.visible_to(user), pk=round_id)
    require_to("nominations.vote", user, round_)
    choices: dict[int | None, list[int]] = {}
    for contest in payload.choices:
        if contest.constituency in choices:
            raise DomainError(_("Give each contest's choices once."), field="choices")
        choices[contest.constituency] = list(contest.nominations)
    voted = set(VoteRecord.objects.filter(round=round_).values_list("organisation_id", flat=True))
    organisation = _member(user, round_, payload.organisation, done=voted)
    record = services.cast_vote(by=user, round=round_, organisation=organisation, choices=choices)
    return Status(
        201,
        {
            "detail": _("Your vote is recorded."),
            "round": round_.pk,
            "organisation": organisation,
            "voted_on": record.cast_on,
        },
    )
