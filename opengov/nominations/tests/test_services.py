"""The services of nomination rounds: every rule, nothing written on refusal, audit events and
e-mails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.nominations import services
from opengov.nominations.choices import Acceptance, CountingMethod, RoundStatus
from opengov.nominations.models import (
    Ballot,
    BodyMembership,
    EligibleMember,
    Nomination,
    NominationRound,
    VoteRecord,
)
from opengov.organisations.models import NetworkMembership
from opengov.organisations.tests.factories import OrganisationFactory

from .factories import make_round, move_to, standing_nomination, timeline


def test_create_round_is_a_draft_with_its_constituencies(net, secretariat):
    round_ = make_round(secretariat, net.body, opened=False, constituencies=(("Devolved", 1),))
    assert round_.status == RoundStatus.DRAFT
    assert [(c.name, c.seats) for c in round_.constituencies.all()] == [("Devolved", 1)]
    event = AuditEvent.objects.get(verb="nominations.round.created")
    assert not event.is_public


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"nominations_close_at": -2}, "nominations_close_at"),
        ({"voting_opens_at": 0}, "voting_opens_at"),
        ({"voting_closes_at": 1}, "voting_closes_at"),
    ],
)
def test_create_round_refuses_a_timeline_out_of_order(net, secretariat, change, field):
    dates = timeline(RoundStatus.NOMINATIONS_OPEN)
    for name, days in change.items():
        dates[name] = dates["nominations_open_at"] + dt.timedelta(days=days)
    with pytest.raises(DomainError) as error:
        services.create_round(
            by=secretariat, body=net.body, title="Round", seats=1,
            term_starts_on=timezone.localdate() + dt.timedelta(days=30), **dates,
        )  # fmt: skip
    assert error.value.field == field
    assert not NominationRound.objects.exists()


def test_create_round_needs_a_seat(net, secretariat):
    with pytest.raises(DomainError, match="at least one seat"):
        make_round(secretariat, net.body, seats=0, opened=False)


def test_civil_society_member_cannot_create_round(net, civil_society_member):
    with pytest.raises(PermissionDeniedError):
        make_round(civil_society_member, net.body)


def test_open_round_snapshots_members_and_tells_their_people(net, secretariat):
    mail.outbox.clear()
    round_ = make_round(secretariat, net.body)
    assert round_.eligible_organisation_ids == {m.pk for m in net.members}
    assert sorted(m.to[0] for m in mail.outbox) == [f"voter{i}@example.org" for i in range(3)]
    late = OrganisationFactory(name="Late joiner")
    NetworkMembership.objects.create(network=net.network, organisation=late)
    assert not EligibleMember.objects.filter(organisation=late).exists()
    with pytest.raises(DomainError, match="already open"):
        services.open_round(by=secretariat, round=round_)


def test_update_round_refused_once_open(open_round, secretariat):
    with pytest.raises(DomainError, match="no longer be changed"):
        services.update_round(
            by=secretariat, round=open_round, expected_version=open_round.version, seats=3
        )


def test_nominate_asks_the_nominee_to_accept(net, open_round):
    mail.outbox.clear()
    nomination = services.nominate(
        by=net.voters[0], round=open_round, organisation=net.members[0], nominee=net.nominees[0],
        statement="Ran the network's working group on open contracting.",
    )  # fmt: skip
    assert nomination.acceptance == Acceptance.PENDING
    assert [m.to for m in mail.outbox] == [["nominee0@example.org"]]
    assert AuditEvent.objects.filter(verb="nominations.nomination.made").count() == 1


def test_nominate_refuses_a_member_the_user_does_not_represent(net, open_round):
    with pytest.raises(DomainError, match="represent"):
        services.nominate(
            by=net.voters[0], round=open_round, organisation=net.members[1],
            nominee=net.nominees[0],
        )  # fmt: skip
    assert not Nomination.objects.exists()


def test_nominate_refuses_a_nominee_without_an_account(net, open_round):
    net.nominees[0].user = None
    net.nominees[0].save()
    with pytest.raises(DomainError, match="no account"):
        services.nominate(
            by=net.voters[0], round=open_round, organisation=net.members[0],
            nominee=net.nominees[0],
        )  # fmt: skip


def test_a_person_is_nominated_once_per_round(net, open_round):
    services.nominate(
        by=net.voters[0], round=open_round, organisation=net.members[0], nominee=net.nominees[0]
    )
    with pytest.raises(DomainError, match="already nominated"):
        services.nominate(
            by=net.voters[1], round=open_round, organisation=net.members[1],
            nominee=net.nominees[0],
        )  # fmt: skip
    assert Nomination.objects.count() == 1


def test_nominating_outside_the_nomination_period_is_refused(net, secretariat):
    round_ = make_round(secretariat, net.body, phase=RoundStatus.NOMINATIONS_CLOSED)
    with pytest.raises(PermissionDeniedError):
        services.nominate(
            by=net.voters[0], round=round_, organisation=net.members[0], nominee=net.nominees[0]
        )


def test_the_nominator_cannot_second_its_own_nomination(net, open_round):
    nomination = services.nominate(
        by=net.voters[0], round=open_round, organisation=net.members[0], nominee=net.nominees[0]
    )
    with pytest.raises(PermissionDeniedError):
        services.second_nomination(
            by=net.voters[0], nomination=nomination, organisation=net.members[0]
        )
    services.second_nomination(by=net.voters[1], nomination=nomination, organisation=net.members[1])
    with pytest.raises(DomainError, match="already seconded"):
        services.second_nomination(
            by=net.voters[1], nomination=nomination, organisation=net.members[1]
        )
    nomination.refresh_from_db()
    assert nomination.seconders_count == 1


def test_only_the_nominees_user_answers(net, open_round):
    nomination = services.nominate(
        by=net.voters[0], round=open_round, organisation=net.members[0], nominee=net.nominees[0]
    )
    with pytest.raises(PermissionDeniedError):
        services.answer_nomination(by=net.voters[0], nomination=nomination, accept=True)
    services.second_nomination(by=net.voters[1], nomination=nomination, organisation=net.members[1])
    assert not Nomination.objects.standing().exists()
    services.answer_nomination(by=net.nominees[0].user, nomination=nomination, accept=True)
    assert list(Nomination.objects.standing()) == [nomination]
    services.answer_nomination(by=net.nominees[0].user, nomination=nomination, accept=False)
    assert not Nomination.objects.standing().exists()


def test_withdrawn_nominations_do_not_stand(net, open_round):
    nomination = standing_nomination(net, open_round, 0)
    services.withdraw_nomination(by=net.nominees[0].user, nomination=nomination)
    assert not Nomination.objects.standing().exists()
    with pytest.raises(DomainError, match="already withdrawn"):
        services.withdraw_nomination(by=net.nominees[0].user, nomination=nomination)


def _voting(net, secretariat, **kwargs):
    round_ = make_round(secretariat, net.body, **kwargs)
    nominations = [standing_nomination(net, round_, i, by_member=i % 3) for i in range(3)]
    return move_to(round_, RoundStatus.VOTING_OPEN), nominations


def test_cast_vote_writes_a_secret_ballot_and_a_record(net, secretariat):
    round_, (a, b, _c) = _voting(net, secretariat)
    record = services.cast_vote(
        by=net.voters[0], round=round_, organisation=net.members[0], choices={None: [a.pk, b.pk]}
    )
    assert record.cast_by == net.voters[0]
    ballot = Ballot.objects.get()
    assert ballot.choices == [a.pk, b.pk]
    assert ballot.cast_on == timezone.localdate()
    assert {f.name for f in Ballot._meta.get_fields()} == {
        "id", "round", "constituency", "choices", "cast_on",
    }  # fmt: skip
    event = AuditEvent.objects.get(verb="nominations.vote.cast")
    assert str(a.pk) not in str(event.changes) and "choices" not in event.changes
    assert not event.is_public


def test_a_member_votes_once(net, secretariat):
    round_, (a, b, _c) = _voting(net, secretariat)
    services.cast_vote(
        by=net.voters[0], round=round_, organisation=net.members[0], choices={None: [a.pk]}
    )
    with pytest.raises(DomainError, match="already voted"):
        services.cast_vote(
            by=net.voters[0], round=round_, organisation=net.members[0], choices={None: [b.pk]}
        )
    assert Ballot.objects.count() == VoteRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("choose", "message"),
    [
        (lambda a, b, c: [a.pk, b.pk, c.pk], "no more than 2"),
        (lambda a, b, c: [a.pk, a.pk], "only once"),
        (lambda a, b, c: [], "at least one"),
        (lambda a, b, c: [999999], "who stand"),
    ],
)
def test_cast_vote_refuses_bad_choices_and_writes_nothing(net, secretariat, choose, message):
    round_, nominations = _voting(net, secretariat)
    with pytest.raises(DomainError, match=message):
        services.cast_vote(
            by=net.voters[0], round=round_, organisation=net.members[0],
            choices={None: choose(*nominations)},
        )  # fmt: skip
    assert not Ballot.objects.exists() and not VoteRecord.objects.exists()


def test_voting_before_it_opens_is_refused(net, open_round):
    with pytest.raises(PermissionDeniedError):
        services.cast_vote(
            by=net.voters[0], round=open_round, organisation=net.members[0], choices={None: []}
        )


def test_publish_results_counts_and_makes_members(net, secretariat):
    round_, (a, b, c) = _voting(net, secretariat)
    for i, choice in enumerate(([a.pk, b.pk], [a.pk, c.pk], [b.pk])):
        services.cast_vote(
            by=net.voters[i], round=round_, organisation=net.members[i], choices={None: choice}
        )
    with pytest.raises(DomainError, match="after voting closes"):
        services.publish_results(by=secretariat, round=round_)
    round_ = move_to(round_, RoundStatus.COUNTING)
    mail.outbox.clear()
    (count,) = services.publish_results(by=secretariat, round=round_, seed=3)
    assert count.valid_ballots == 3 and count.seed == 3
    lines = {line.nomination_id: line for line in count.lines.all()}
    assert (lines[a.pk].first_votes, lines[b.pk].first_votes, lines[c.pk].first_votes) == (2, 2, 1)
    assert {pk for pk, line in lines.items() if line.is_elected} == {a.pk, b.pk}
    members = BodyMembership.objects.filter(body=net.body, elected_in=round_)
    assert {m.person for m in members} == {a.nominee, b.nominee}
    assert all(m.starts_on == round_.term_starts_on for m in members)
    round_.refresh_from_db()
    assert round_.status == RoundStatus.RESULTS_PUBLISHED
    assert len(mail.outbox) == 6  # three members' people and three nominees
    with pytest.raises(DomainError, match="already published"):
        services.publish_results(by=secretariat, round=round_)


def test_stv_round_counts_by_stages_per_constituency(net, secretariat):
    round_ = make_round(
        secretariat, net.body, seats=1, method=CountingMethod.STV,
        constituencies=(("Devolved networks", 1),),
    )  # fmt: skip
    devolved = round_.constituencies.get()
    a, b = (standing_nomination(net, round_, i, by_member=i) for i in range(2))
    d = standing_nomination(net, round_, 2, by_member=2, constituency=devolved)
    round_ = move_to(round_, RoundStatus.VOTING_OPEN)
    for i, ranking in enumerate(([a.pk, b.pk], [b.pk, a.pk], [a.pk])):
        services.cast_vote(
            by=net.voters[i], round=round_, organisation=net.members[i],
            choices={None: ranking, devolved.pk: [d.pk]},
        )  # fmt: skip
    round_ = move_to(round_, RoundStatus.COUNTING)
    general, devolved_count = services.publish_results(by=secretariat, round=round_, seed=1)
    assert general.quota == 2 and general.stages[0]["elected"] == [a.pk]
    assert devolved_count.constituency == devolved
    seats = dict(BodyMembership.objects.values_list("person__name", "seat"))
    assert seats == {"Nominee 0": "General seats", "Nominee 2": "Devolved networks"}


def test_participant_cannot_publish_results(net, secretariat, participant):
    round_ = make_round(secretariat, net.body, phase=RoundStatus.COUNTING)
    with pytest.raises(PermissionDeniedError):
        services.publish_results(by=participant, round=round_)
