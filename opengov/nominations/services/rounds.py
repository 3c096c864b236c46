"""Bodies and rounds: setting them up, and opening a round to the network's members."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.slugs import unique_slug
from opengov.core.text import clean_line, clean_text
from opengov.organisations.models import Network, NetworkMembership

from ..choices import CountingMethod, RoundStatus
from ..models import Body, Constituency, EligibleMember, NominationRound
from .notices import member_users, tell

ROUND_FIELDS = [
    "title",
    "description",
    "seats",
    "seconders_required",
    "method",
    "nominations_open_at",
    "nominations_close_at",
    "voting_opens_at",
    "voting_closes_at",
    "term_starts_on",
    "term_ends_on",
]
MAX_SEATS = 50


def create_body(*, by: Any, name: str, network: Network, description: str = "") -> Body:
    """Add a body whose seats the network's members elect, such as its Steering Committee."""
    require("nominations.add_body", by)
    name = clean_line(name).strip()
    if not name:
        raise DomainError(_("Enter the body's name."), field="name")
    with transaction.atomic():
        body = Body.objects.create(
            name=name,
            slug=unique_slug(Body, name),
            network=network,
            description=clean_text(description).strip(),
        )
        audit.record(
            actor=by,
            verb="nominations.body.created",
            obj=body,
            changes=audit.created(body, ["name", "network"]),
        )
    return body


def _check_round(r: NominationRound) -> None:
    """The rules every round's settings keep, whoever sets them."""
    if not r.title:
        raise DomainError(_("Enter the round's title."), field="title")
    if r.method not in CountingMethod.values:
        raise DomainError(_("Choose how the votes are counted."), field="method")
    if r.seats > MAX_SEATS:
        raise DomainError(_("A round elects at most 50 general seats."), field="seats")
    if r.seconders_required > 20:
        raise DomainError(_("Ask for at most 20 seconders."), field="seconders_required")
    times = [
        ("nominations_open_at", _("Enter when nominations open.")),
        ("nominations_close_at", _("Enter when nominations close.")),
        ("voting_opens_at", _("Enter when voting opens.")),
        ("voting_closes_at", _("Enter when voting closes.")),
    ]
    for name, message in times:
        if getattr(r, name) is None:
            raise DomainError(message, field=name)
    if r.nominations_close_at <= r.nominations_open_at:
        raise DomainError(
            _("Nominations must close after they open."), field="nominations_close_at"
        )
    if r.voting_opens_at < r.nominations_close_at:
        raise DomainError(_("Voting must open after nominations close."), field="voting_opens_at")
    if r.voting_closes_at <= r.voting_opens_at:
        raise DomainError(_("Voting must close after it opens."), field="voting_closes_at")
    if r.term_starts_on is None:
        raise DomainError(_("Enter when the term of those elected starts."), field="term_starts_on")
    if r.term_starts_on < timezone.localdate(r.voting_closes_at):
        raise DomainError(
            _("The term must start on or after the day voting closes."), field="term_starts_on"
        )
    if r.term_ends_on is not None and r.term_ends_on < r.term_starts_on:
        raise DomainError(_("The term must end after it starts."), field="term_ends_on")


def _constituencies(entries: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    cleaned: list[tuple[str, int]] = []
    for name, seats in entries:
        name = clean_line(name).strip()
        if not name:
            raise DomainError(_("Enter each constituency's name."), field="constituencies")
        if any(n.casefold() == name.casefold() for n, _s in cleaned):
            raise DomainError(
                _("Two constituencies are called “%(name)s”.") % {"name": name},
                field="constituencies",
            )
        if not 1 <= seats <= MAX_SEATS:
            raise DomainError(
                _("A constituency has between 1 and 50 seats."), field="constituencies"
            )
        cleaned.append((name, seats))
    return cleaned


def create_round(
    *,
    by: Any,
    body: Body,
    title: str,
    seats: int,
    nominations_open_at: dt.datetime,
    nominations_close_at: dt.datetime,
    voting_opens_at: dt.datetime,
    voting_closes_at: dt.datetime,
    term_starts_on: dt.date,
    term_ends_on: dt.date | None = None,
    method: str = CountingMethod.PLURALITY,
    seconders_required: int = 1,
    description: str = "",
    constituencies: Sequence[tuple[str, int]] = (),
) -> NominationRound:
    """Set up a round as a draft: only those who run rounds see it until it is opened. Its
    general seats and its constituencies' seats must come to at least one."""
    require("nominations.add_round", by)
    round_ = NominationRound(
        body=body,
        title=clean_line(title).strip(),
        description=clean_text(description).strip(),
        seats=seats,
        seconders_required=seconders_required,
        method=method,
        nominations_open_at=nominations_open_at,
        nominations_close_at=nominations_close_at,
        voting_opens_at=voting_opens_at,
        voting_closes_at=voting_closes_at,
        term_starts_on=term_starts_on,
        term_ends_on=term_ends_on,
    )
    _check_round(round_)
    parts = _constituencies(constituencies)
    if seats + sum(s for _n, s in parts) < 1:
        raise DomainError(_("A round elects at least one seat."), field="seats")
    with transaction.atomic():
        round_.save()
        Constituency.objects.bulk_create(
            Constituency(round=round_, name=name, seats=s, position=i)
            for i, (name, s) in enumerate(parts, 1)
        )
        changes = audit.created(round_, ROUND_FIELDS)
        changes["constituencies"] = [None, [f"{n} ({s})" for n, s in parts]]
        audit.record(
            actor=by, verb="nominations.round.created", obj=round_, changes=changes,
            scope=body, is_public=False,
        )  # fmt: skip
    return round_


def update_round(
    *, by: Any, round: NominationRound, expected_version: int | None, **fields: Any
) -> NominationRound:
    """Change a draft round's settings; once opened, its rules are fixed for everyone taking
    part. A save from a stale version is refused (ConflictError)."""
    require("nominations.change_round", by, round)
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"unknown round fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = lock_for_edit(NominationRound, pk=round.pk, expected_version=expected_version)
        if locked.opened_at is not None:
            raise DomainError(_("A round that is open can no longer be changed."))
        before = audit.snapshot(locked, ROUND_FIELDS)
        for name, value in fields.items():
            if name == "title":
                value = clean_line(value).strip()
            elif name == "description":
                value = clean_text(value).strip()
            setattr(locked, name, value)
        _check_round(locked)
        if locked.seats + sum(c.seats for c in locked.constituencies.all()) < 1:
            raise DomainError(_("A round elects at least one seat."), field="seats")
        changes = audit.diff(before, audit.snapshot(locked, ROUND_FIELDS))
        if not changes:
            return locked
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by, verb="nominations.round.changed", obj=locked, changes=changes,
            scope=locked.body, is_public=False,
        )  # fmt: skip
    return locked


def open_round(*, by: Any, round: NominationRound) -> NominationRound:
    """Announce a draft round. Its eligible members are the body's network's members on this
    day, kept as they are (joining the network later does not make a member eligible). The
    people of every eligible member are told."""
    require("nominations.open_round", by, round)
    with transaction.atomic():
        locked = lock_for_edit(NominationRound, pk=round.pk, expected_version=None)
        if locked.opened_at is not None:
            raise DomainError(_("This round is already open."))
        now = timezone.now()
        if locked.nominations_close_at <= now:
            raise DomainError(
                _("Nominations would already be closed: change the round's dates first.")
            )
        today = timezone.localdate(now)
        members = (
            NetworkMembership.objects.filter(network_id=locked.body.network_id)
            .filter(Q(joined_on__isnull=True) | Q(joined_on__lte=today))
            .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
            .values_list("organisation_id", flat=True)
        )
        EligibleMember.objects.bulk_create(
            EligibleMember(round=locked, organisation_id=org_id) for org_id in members
        )
        eligible = locked.eligible_members.count()
        if not eligible:
            raise DomainError(_("The body's network has no members who could take part."))
        locked.opened_at = now
        if locked.nominations_open_at <= now:
            # Nominations are open already: this e-mail is the news that they are.
            locked.nominations_open_told_at = now
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="nominations.round.opened",
            obj=locked,
            changes={
                "status": [RoundStatus.DRAFT, locked.status],
                "eligible_members": [None, eligible],
            },
            scope=locked.body,
        )
        tell(
            member_users(locked),
            template="round_opened",
            subject=_("Nominations: %(title)s") % {"title": locked.title},
            kind="nominations.round_opened",
            url=locked.get_absolute_url(),
            round=locked,
        )
    return locked
