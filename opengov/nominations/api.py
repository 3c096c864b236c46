"""Nominations and elections over the API (read-only): bodies with their members, and rounds
with their nominations and, once published, their counts and results — totals only, never a
ballot. Rounds load through `visible_to(user)`: a draft round is seen only with a secretariat's
or administrator's token (404 otherwise)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from opengov.api.auth import viewer
from opengov.api.pagination import Page, PageIn, paginate

from .models import Body, BodyMembership, Count, Nomination, NominationRound, ResultLine
from .schemas import BodyDetailOut, BodyOut, RoundDetailOut, RoundOut

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
