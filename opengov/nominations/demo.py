"""The demo's nominations and elections, loaded through the services by `opengov.demo.loader`.

The note of 10 November 2016 records that the OGN was "to trigger its process to nominate new
members for the Steering Committee", and names no nominee or result. So the demo's round, for the
UK Open Government Network's Steering Committee, is sample data and says so: its nominees are
"Sample nominee A" to "E", their accounts and the members' voting accounts are demo accounts
(…@example.org), and its ballots were cast by this loader. It is counted by STV (Scottish rules)
for three seats so its page shows a count stage by stage.

A round moves through its timeline with the clock; the loader runs it in one go, moving the
round's dates between steps as time would (before each step, the dates are set so that step is
open now), and leaves it finished: results published a week ago, those elected members of the
committee since."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from opengov.accounts.models import Role, User
from opengov.accounts.services import create_user, grant_role
from opengov.core.actors import SYSTEM
from opengov.organisations.models import Network, Organisation, Person
from opengov.organisations.services import create_person

from . import services
from .choices import CountingMethod, RoundStatus
from .models import Body, Nomination, NominationRound

NETWORK_NAME = "UK Open Government Network"
BODY_NAME = "OGN Steering Committee"
ROUND_TITLE = "Steering Committee nominations (sample data)"
NOMINEES = ("A", "B", "C", "D", "E")
# Each voting member's ranking of the sample nominees, by letter (STV: most preferred first).
RANKINGS = ("ABC", "BAD", "CEA", "ACB", "DBE", "AEC", "BCA")
DAY = dt.timedelta(days=1)
# The finished round's dates, in days from now.
FINISHED = {
    "nominations_open_at": -42,
    "nominations_close_at": -28,
    "voting_opens_at": -21,
    "voting_closes_at": -7,
}
PHASE_NOW = {  # each step's dates, in days from now: that step is open
    RoundStatus.NOMINATIONS_OPEN: (-1, 1, 2, 3),
    RoundStatus.VOTING_OPEN: (-3, -2, -1, 1),
    RoundStatus.COUNTING: (-4, -3, -2, -1),
}


def _set_dates(round_: NominationRound, days: dict[str, int] | tuple[int, ...]) -> NominationRound:
    names = ("nominations_open_at", "nominations_close_at", "voting_opens_at", "voting_closes_at")
    offsets = days if isinstance(days, dict) else dict(zip(names, days, strict=True))
    now = timezone.now()
    NominationRound.objects.filter(pk=round_.pk).update(
        **{name: now + offsets[name] * DAY for name in names}
    )
    return NominationRound.objects.get(pk=round_.pk)


def _user(email: str, name: str, created: Counter[str], organisation: Organisation | None) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = create_user(by=SYSTEM, email=email, name=name)
        created["users"] += 1
        if organisation is not None:
            grant_role(
                by=SYSTEM, user=user, role=Role.CIVIL_SOCIETY_MEMBER, organisation=organisation
            )
    return user


def _voters(network: Network, created: Counter[str]) -> list[tuple[Organisation, User]]:
    """A demo account for each of the first members (Involve's is the demo civil-society
    member's own account, when it exists)."""
    pairs = []
    for organisation in network.members.order_by("name")[: len(RANKINGS)]:
        existing = User.objects.filter(
            grants__organisation=organisation, grants__role=Role.CIVIL_SOCIETY_MEMBER
        ).first()
        user = existing or _user(
            f"voter-{organisation.slug}@example.org"[:254],
            f"Demo voter ({organisation.name})"[:200],
            created,
            organisation,
        )
        pairs.append((organisation, user))
    return pairs


def _nominees(created: Counter[str]) -> list[Person]:
    people = []
    for letter in NOMINEES:
        name = f"Sample nominee {letter}"
        user = _user(f"nominee-{letter.lower()}@example.org", f"{name} (demo)", created, None)
        person = Person.objects.filter(user=user).first()
        if person is None:
            person = create_person(by=SYSTEM, name=name, user=user)
            created["people"] += 1
        people.append(person)
    return people


def load(*, created: Counter[str]) -> None:
    """Load what is missing of this app's demo (loading twice creates nothing)."""
    network = Network.objects.filter(name=NETWORK_NAME).first()
    if network is None:
        return
    body = Body.objects.filter(name=BODY_NAME, network=network).first()
    if body is None:
        body = services.create_body(
            by=SYSTEM, name=BODY_NAME, network=network,
            description="The committee that steers the UK Open Government Network. Its members "
            "are elected by the network's members.",
        )  # fmt: skip
        created["bodies"] += 1
    if NominationRound.objects.filter(body=body, title=ROUND_TITLE).exists():
        return
    voters = _voters(network, created)
    if len(voters) < 3:
        return
    _run_round(body, voters, _nominees(created), created)


def _run_round(
    body: Body, voters: list[tuple[Organisation, User]], people: list[Person], created: Counter[str]
) -> None:
    now = timezone.now()
    round_ = services.create_round(
        by=SYSTEM, body=body, title=ROUND_TITLE, seats=3, method=CountingMethod.STV,
        seconders_required=1,
        description="**Sample data.** The note of 10 November 2016 records that the network was "
        "to nominate new members for its Steering Committee; it names no nominee. This round, "
        "its nominees and its ballots were made up to show how a round works.",
        nominations_open_at=now - DAY, nominations_close_at=now + DAY,
        voting_opens_at=now + 2 * DAY, voting_closes_at=now + 3 * DAY,
        term_starts_on=timezone.localdate() + 4 * DAY,
        term_ends_on=timezone.localdate() + 4 * DAY + dt.timedelta(days=2 * 365),
    )  # fmt: skip
    round_ = services.open_round(by=SYSTEM, round=round_)
    created["nomination_rounds"] += 1
    nominations: dict[str, Nomination] = {}
    for i, (letter, person) in enumerate(zip(NOMINEES, people, strict=True)):
        organisation, user = voters[i % len(voters)]
        nomination = services.nominate(
            by=user, round=round_, organisation=organisation, nominee=person,
            nominee_organisation=organisation,
            statement=f"Sample statement for nominee {letter}: why {organisation.name} "
            "nominates them, in their own words.",
        )  # fmt: skip
        seconder, seconder_user = voters[(i + 1) % len(voters)]
        services.second_nomination(by=seconder_user, nomination=nomination, organisation=seconder)
        services.answer_nomination(by=person.user, nomination=nomination, accept=True)
        nominations[letter] = nomination
        created["nominations"] += 1
    round_ = _set_dates(round_, PHASE_NOW[RoundStatus.VOTING_OPEN])
    for (organisation, user), ranking in zip(voters, RANKINGS, strict=False):
        services.cast_vote(
            by=user, round=round_, organisation=organisation,
            choices={None: [nominations[letter].pk for letter in ranking]},
        )  # fmt: skip
        created["votes"] += 1
    round_ = _set_dates(round_, PHASE_NOW[RoundStatus.COUNTING])
    services.publish_results(by=SYSTEM, round=round_, seed=20161110)
    round_ = _set_dates(round_, FINISHED)
    # The term began after the count: those elected are the committee's current members.
    term = {"starts_on": timezone.localdate() - 5 * DAY}
    term["ends_on"] = term["starts_on"] + dt.timedelta(days=2 * 365)
    NominationRound.objects.filter(pk=round_.pk).update(
        term_starts_on=term["starts_on"], term_ends_on=term["ends_on"]
    )
    created["body_memberships"] += body.memberships.filter(elected_in=round_).update(**term)
