"""Builders for nomination tests: a network with eligible members and their people, and a round
moved to any phase of its timeline (its dates set around now, as test setup)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import UserFactory
from opengov.organisations.models import Network, NetworkMembership, OrganisationKind
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

from .. import services
from ..choices import CountingMethod, RoundStatus
from ..models import Body, Nomination, NominationRound

DAY = dt.timedelta(days=1)

# Where "now" falls in the timeline, for each phase: offsets of the four dates, in days.
PHASES = {
    RoundStatus.ANNOUNCED: (1, 2, 3, 4),
    RoundStatus.NOMINATIONS_OPEN: (-1, 1, 2, 3),
    RoundStatus.NOMINATIONS_CLOSED: (-2, -1, 1, 2),
    RoundStatus.VOTING_OPEN: (-3, -2, -1, 1),
    RoundStatus.COUNTING: (-4, -3, -2, -1),
}


def timeline(phase: str, now: dt.datetime | None = None) -> dict[str, dt.datetime]:
    now = now or timezone.now()
    names = ("nominations_open_at", "nominations_close_at", "voting_opens_at", "voting_closes_at")
    return {name: now + days * DAY for name, days in zip(names, PHASES[phase], strict=True)}


def move_to(round_: NominationRound, phase: str) -> NominationRound:
    """Set the round's dates so that it is in `phase` now (test setup, not a service)."""
    NominationRound.objects.filter(pk=round_.pk).update(**timeline(phase))
    return NominationRound.objects.get(pk=round_.pk)


@dataclass
class Network3:
    network: Network
    body: Body
    members: list[Any]  # organisations
    voters: list[Any]  # one user per member, representing it
    nominees: list[Any]  # people with accounts


def member_user(organisation: Any, email: str, name: str = "") -> Any:
    user = UserFactory(email=email, name=name or email.split("@")[0].title())
    RoleGrant.objects.create(user=user, role=Role.CIVIL_SOCIETY_MEMBER, organisation=organisation)
    return user


def network_of(count: int, by: Any, nominees: int = 4) -> Network3:
    network = Network.objects.create(name="Open Government Network", slug="ogn-test")
    members, voters = [], []
    for i in range(count):
        org = OrganisationFactory(
            name=f"Member {i}", slug=f"member-{i}", kind=OrganisationKind.CIVIL_SOCIETY
        )
        NetworkMembership.objects.create(network=network, organisation=org)
        members.append(org)
        voters.append(member_user(org, f"voter{i}@example.org"))
    people = []
    for i in range(nominees):
        user = UserFactory(email=f"nominee{i}@example.org", name=f"Nominee {i}")
        people.append(PersonFactory(name=f"Nominee {i}", slug=f"nominee-{i}", user=user))
    body = services.create_body(by=by, name="Steering Committee", network=network)
    return Network3(network, body, members, voters, people)


def make_round(
    by: Any,
    body: Body,
    *,
    phase: str = RoundStatus.NOMINATIONS_OPEN,
    opened: bool = True,
    seats: int = 2,
    method: str = CountingMethod.PLURALITY,
    seconders_required: int = 1,
    constituencies: tuple[tuple[str, int], ...] = (),
    title: str = "Steering Committee election 2026",
) -> NominationRound:
    dates = timeline(RoundStatus.NOMINATIONS_OPEN)
    round_ = services.create_round(
        by=by, body=body, title=title, seats=seats, method=method,
        seconders_required=seconders_required, constituencies=constituencies,
        term_starts_on=timezone.localdate() + 30 * DAY, **dates,
    )  # fmt: skip
    if opened:
        round_ = services.open_round(by=by, round=round_)
    return move_to(round_, phase) if phase != RoundStatus.NOMINATIONS_OPEN else round_


def standing_nomination(
    net: Network3, round_: NominationRound, nominee: int, by_member: int = 0, **kwargs: Any
) -> Nomination:
    """A nomination by member `by_member`, seconded by the next member, accepted."""
    nomination = services.nominate(
        by=net.voters[by_member], round=round_, organisation=net.members[by_member],
        nominee=net.nominees[nominee], statement=f"Statement of nominee {nominee}", **kwargs,
    )  # fmt: skip
    seconder = (by_member + 1) % len(net.members)
    services.second_nomination(
        by=net.voters[seconder], nomination=nomination, organisation=net.members[seconder]
    )
    return services.answer_nomination(
        by=net.nominees[nominee].user, nomination=nomination, accept=True
    )
