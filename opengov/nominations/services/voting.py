"""Voting by secret ballot: a member votes once per round; its ballots carry no trace of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.errors import ConflictError, DomainError
from opengov.organisations.models import Organisation

from ..models import Ballot, Nomination, NominationRound, VoteRecord
from .permissions import require_to

Choices = Mapping[int | None, Sequence[int]]  # constituency id (None: general seats) -> ids


def _already_voted(organisation: Organisation) -> ConflictError:
    """A second vote of a member: a conflict with the vote already recorded (409 on the API)."""
    return ConflictError(
        _("%(member)s has already voted in this round.") % {"member": organisation.name},
        field="organisation",
    )


def _ballots(round_: NominationRound, choices: Choices) -> list[tuple[int | None, list[int]]]:
    """Each contest's choices, checked: standing candidates of that contest, no one twice, and
    (plurality) no more than its seats. A contest with no choice gets no ballot (abstention)."""
    contests = {c.pk if c else None: c for c in round_.contests()}
    standing: dict[int | None, set[int]] = {key: set() for key in contests}
    for nomination in Nomination.objects.standing().filter(round=round_):
        standing.setdefault(nomination.constituency_id, set()).add(nomination.pk)
    ballots = []
    for key, chosen in choices.items():
        if key not in contests:
            raise DomainError(_("Vote only in this round's contests."), field="choices")
        chosen = [int(c) for c in chosen]
        if not chosen:
            continue
        if len(set(chosen)) != len(chosen):
            raise DomainError(_("Choose each candidate only once."), field="choices")
        if not set(chosen) <= standing[key]:
            raise DomainError(_("Choose only candidates who stand."), field="choices")
        contest = contests[key]
        seats = contest.seats if contest is not None else round_.seats
        if not round_.is_stv and len(chosen) > seats:
            raise DomainError(
                _("Choose no more than %(seats)d for %(contest)s.")
                % {"seats": seats, "contest": contests[key] or _("the general seats")},
                field="choices",
            )
        ballots.append((key, chosen))
    if not ballots:
        raise DomainError(_("Choose at least one candidate."), field="choices")
    return ballots


def cast_vote(
    *, by: Any, round: NominationRound, organisation: Organisation, choices: Choices
) -> VoteRecord:
    """Cast `organisation`'s vote (`by` represents it) while voting is open. `choices` gives, per
    contest, the nominations chosen (most preferred first for STV). The record that the member
    voted and its ballots are written together, or nothing is; a member's second vote, even sent
    at the same moment by another of its people, is refused by the unique vote record. The audit
    event names the member, never its choices."""
    require_to("nominations.vote", by, round)
    from ..rules import represented_members

    if organisation.pk not in represented_members(by, round):
        raise DomainError(
            _("You can vote only for an eligible member you represent."), field="organisation"
        )
    ballots = _ballots(round, choices)
    today = timezone.localdate()
    if VoteRecord.objects.filter(round=round, organisation=organisation).exists():
        raise _already_voted(organisation)
    try:
        with transaction.atomic():
            record = VoteRecord.objects.create(
                round=round, organisation=organisation, cast_by=as_user(by), cast_on=today
            )
            Ballot.objects.bulk_create(
                Ballot(round=round, constituency_id=key, choices=chosen, cast_on=today)
                for key, chosen in ballots
            )
            audit.record(
                actor=by,
                verb="nominations.vote.cast",
                obj=record,
                changes={"voted": [None, organisation.name]},
                scope=round,
                is_public=False,
            )
    except IntegrityError:
        raise _already_voted(organisation) from None
    return record
