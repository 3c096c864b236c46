"""Telling the eligible members' people when nominations, then voting, open by the clock.

Opening a round (open_round) tells them that the round is announced, with its dates. Nominations
may open later, and voting always opens later, with no one's action: `opengov nominations_notify`
(run every few minutes, docs/deploy.md) calls tell_windows_opened, which tells them once per
window, while the window is open (a window that closed before the command ran is not announced
late)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit

from ..models import NominationRound
from .notices import member_users, tell


@dataclass
class Told:
    nominations_open: int = 0
    voting_open: int = 0


def _due(field: str, opens: str, closes: str, now: dt.datetime) -> list[int]:
    return list(
        NominationRound.objects.filter(
            opened_at__isnull=False,
            results_published_at__isnull=True,
            **{f"{field}__isnull": True, f"{opens}__lte": now, f"{closes}__gt": now},
        ).values_list("pk", flat=True)
    )


def _tell_one(pk: int, field: str, now: dt.datetime, window: str) -> bool:
    """Tell the round's members' people of one window, once: the round's row is locked and the
    field checked again, so two runs at the same moment tell them once."""
    with transaction.atomic():
        round_ = (
            NominationRound.objects.select_for_update()
            .filter(pk=pk, **{f"{field}__isnull": True})
            .select_related("body")
            .first()
        )
        if round_ is None:
            return False
        NominationRound.objects.filter(pk=pk).update(**{field: now})
        audit.record(
            actor=None,
            verb=f"nominations.round.{window}_told",
            obj=round_,
            changes={field: [None, audit.to_json_value(now)]},
            scope=round_.body,
            is_public=False,
        )
        subject = (
            _("Nominations are open: %(title)s")
            if window == "nominations_open"
            else _("Voting is open: %(title)s")
        )
        tell(
            member_users(round_),
            template=window,
            subject=subject % {"title": round_.title},
            kind=f"nominations.{window}",
            url=round_.get_absolute_url(),
            round=round_,
        )
    return True


def tell_windows_opened(*, now: Any = None) -> Told:
    """Tell the eligible members' people of every round whose nominations or voting have opened
    since the last run (see the module). Returns how many rounds' people were told of each."""
    now = now or timezone.now()
    told = Told()
    for pk in _due("nominations_open_told_at", "nominations_open_at", "nominations_close_at", now):
        told.nominations_open += _tell_one(pk, "nominations_open_told_at", now, "nominations_open")
    for pk in _due("voting_open_told_at", "voting_opens_at", "voting_closes_at", now):
        told.voting_open += _tell_one(pk, "voting_open_told_at", now, "voting_open")
    return told
