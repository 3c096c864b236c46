"""Reads of rounds and nominations. A round is public once it is opened (announced); before that
it is a draft seen only by those who run rounds (the secretariat and administrators). Views, the
API and datasets load through `visible_to(user)`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from opengov.accounts.predicates import is_administrator, is_secretariat

from .choices import Acceptance

if TYPE_CHECKING:
    from .models import Ballot, Nomination, NominationRound  # noqa: F401


def sees_draft_rounds(user: Any) -> bool:
    return bool(is_administrator(user) or is_secretariat(user))


class RoundQuerySet(models.QuerySet["NominationRound"]):
    def opened(self) -> RoundQuerySet:
        return self.filter(opened_at__isnull=False)

    def visible_to(self, user: Any) -> RoundQuerySet:
        return self if sees_draft_rounds(user) else self.opened()


class NominationQuerySet(models.QuerySet["Nomination"]):
    def visible_to(self, user: Any) -> NominationQuerySet:
        return self if sees_draft_rounds(user) else self.filter(round__opened_at__isnull=False)

    def live(self) -> NominationQuerySet:
        return self.filter(withdrawn_at__isnull=True)

    def standing(self) -> NominationQuerySet:
        """Accepted, not withdrawn and seconded by as many members as the round requires."""
        return self.live().filter(
            acceptance=Acceptance.ACCEPTED,
            seconders_count__gte=models.F("round__seconders_required"),
        )


class BallotQuerySet(models.QuerySet["Ballot"]):
    def of_contest(self, round_id: int, constituency_id: int | None) -> BallotQuerySet:
        if constituency_id is None:
            return self.filter(round_id=round_id, constituency__isnull=True).order_by("id")
        return self.filter(round_id=round_id, constituency_id=constituency_id).order_by("id")
