"""A member's vote sent twice at the same moment, by two of its people, in real threads with
their own database connections (SQLite as a WAL file, or PostgreSQL): one vote, one ballot."""

from __future__ import annotations

import pytest

from opengov.core.audit import verify_chain
from opengov.core.errors import DomainError
from opengov.nominations import services
from opengov.nominations.choices import RoundStatus
from opengov.nominations.models import Ballot, Seconding, VoteRecord
from tests.reliability.conftest import production_db  # noqa: F401 - the fixture
from tests.reliability.helpers import run_in_threads

from .factories import make_round, member_user, move_to, network_of, standing_nomination

pytestmark = pytest.mark.usefixtures("production_db")


def test_two_people_of_one_member_voting_at_once_cast_one_ballot(secretariat):
    net = network_of(3, secretariat)
    round_ = make_round(secretariat, net.body, seats=1)
    a = standing_nomination(net, round_, 0)
    b = standing_nomination(net, round_, 1, by_member=1)
    round_ = move_to(round_, RoundStatus.VOTING_OPEN)
    colleague = member_user(net.members[0], "colleague@example.org")

    def vote(user, choice):
        return lambda: services.cast_vote(
            by=user, round=round_, organisation=net.members[0], choices={None: [choice.pk]}
        )

    outcomes = run_in_threads(vote(net.voters[0], a), vote(colleague, b))
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and isinstance(errors[0], DomainError)
    assert "already voted" in errors[0].message
    assert VoteRecord.objects.count() == 1 and Ballot.objects.count() == 1
    assert verify_chain().ok


def test_the_same_seconding_sent_twice_at_once_is_counted_once(secretariat):
    net = network_of(3, secretariat)
    round_ = make_round(secretariat, net.body)
    nomination = services.nominate(
        by=net.voters[0], round=round_, organisation=net.members[0], nominee=net.nominees[0]
    )

    def second():
        return services.second_nomination(
            by=net.voters[1], nomination=nomination, organisation=net.members[1]
        )

    outcomes = run_in_threads(second, second)
    assert sum(o.error is None for o in outcomes) == 1
    nomination.refresh_from_db()
    assert nomination.seconders_count == Seconding.objects.count() == 1
