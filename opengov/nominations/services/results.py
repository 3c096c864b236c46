"""Counting a round and publishing its results; those elected become the body's members."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require

from ..choices import CountingMethod, RoundStatus
from ..counting import SCALE, ContestResult, plurality, stv
from ..models import (
    Ballot,
    BodyMembership,
    Constituency,
    Count,
    Nomination,
    NominationRound,
    ResultLine,
)
from .notices import member_users, tell


def votes(units: int | None) -> Decimal | None:
    return None if units is None else Decimal(units) / SCALE


def count_contest(
    round_: NominationRound, constituency: Constituency | None, seed: int
) -> tuple[ContestResult, list[Nomination]]:
    """Count one contest's ballots among its standing nominations (read, not written)."""
    candidates = list(
        Nomination.objects.standing()
        .filter(round=round_, constituency=constituency)
        .select_related("nominee", "nominee_organisation", "constituency", "round")
    )
    ballots = [
        b.choices
        for b in Ballot.objects.of_contest(round_.pk, constituency.pk if constituency else None)
    ]
    seats = constituency.seats if constituency else round_.seats
    counter = stv.count if round_.method == CountingMethod.STV else plurality.count
    return counter(ballots, [c.pk for c in candidates], seats, seed), candidates


def _store(
    round_: NominationRound, constituency: Constituency | None, seed: int
) -> tuple[Count, list[ResultLine]]:
    result, candidates = count_contest(round_, constituency, seed)
    count = Count.objects.create(
        round=round_,
        constituency=constituency,
        method=round_.method,
        seats=result.seats,
        valid_ballots=result.valid_ballots,
        quota=votes(result.quota),
        seed=seed,
        lots_drawn=result.lots_drawn,
        stages=[stage.as_json() for stage in result.stages],
    )
    position = {pk: i for i, pk in enumerate(result.elected, 1)}
    lines = ResultLine.objects.bulk_create(
        ResultLine(
            count=count,
            nomination=c,
            first_votes=votes(result.first[c.pk]) or Decimal(0),
            final_votes=votes(result.final[c.pk]) or Decimal(0),
            is_elected=c.pk in position,
            elected_position=position.get(c.pk),
            decided_at_stage=result.decided_at.get(c.pk),
        )
        for c in candidates
    )
    return count, lines


def publish_results(*, by: Any, round: NominationRound, seed: int | None = None) -> list[Count]:
    """Once voting has closed, count every contest and publish the counts (per stage for STV,
    with the seed of any lot) and the results. Each person elected becomes a member of the body
    for the round's term. Eligible members' people and the nominees are told."""
    require("nominations.publish_results", by, round)
    seed = secrets.randbelow(2**62) if seed is None else seed
    with transaction.atomic():
        locked = lock_for_edit(NominationRound, pk=round.pk, expected_version=None)
        status = locked.status
        if status == RoundStatus.RESULTS_PUBLISHED:
            raise DomainError(_("These results are already published."))
        if status != RoundStatus.COUNTING:
            raise DomainError(_("Results can be published only after voting closes."))
        counts, elected = [], []
        for constituency in locked.contests():
            count, lines = _store(locked, constituency, seed)
            counts.append(count)
            elected += [line for line in lines if line.is_elected]
        for line in elected:
            nomination = line.nomination
            membership = BodyMembership.objects.create(
                body=locked.body,
                person=nomination.nominee,
                organisation=nomination.nominee_organisation,
                seat=nomination.contest_label,
                starts_on=locked.term_starts_on,
                ends_on=locked.term_ends_on,
                elected_in=locked,
            )
            audit.record(
                actor=by,
                verb="nominations.bodymembership.created",
                obj=membership,
                changes=audit.created(membership, ["person", "seat", "starts_on", "ends_on"]),
                scope=locked.body,
            )
        locked.results_published_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="nominations.round.results_published",
            obj=locked,
            changes={
                "status": [status, RoundStatus.RESULTS_PUBLISHED],
                "elected": [None, [line.nomination.nominee.display_name for line in elected]],
                "seed": [None, str(seed)],
            },
            scope=locked.body,
        )
        nominees = [
            n.nominee.user
            for n in locked.nominations.live().select_related("nominee__user")
            if n.nominee.user is not None
        ]
        recipients = {u.pk: u for u in [*member_users(locked), *nominees]}
        tell(
            recipients.values(),
            template="results_published",
            subject=_("Results: %(title)s") % {"title": locked.title},
            kind="nominations.results_published",
            url=locked.get_absolute_url(),
            round=locked,
            elected=elected,
        )
    return counts
