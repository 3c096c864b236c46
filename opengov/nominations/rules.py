"""Named permissions for nomination rounds.

- The secretariat and administrators run rounds: they set up bodies and rounds, open a round
  (which takes the snapshot of eligible members), and publish its results.
- A round is public once opened; a draft round is theirs alone.
- Eligible members act through their people: a signed-in user who holds a role granted for an
  eligible member organisation (RoleGrant.organisation) represents it. They nominate while
  nominations are open, second other members' nominations (not their own member's), and vote
  while voting is open, once per member.
- Only the nominee's own user accepts or declines a nomination, until voting opens. The nominee,
  the nominator's people or those who run rounds may withdraw it until voting opens.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_administrator, is_secretariat, is_signed_in

from .choices import RoundStatus
from .models import Nomination, NominationRound
from .querysets import sees_draft_rounds

runs_rounds = is_administrator | is_secretariat
BEFORE_VOTING = {
    RoundStatus.ANNOUNCED,
    RoundStatus.NOMINATIONS_OPEN,
    RoundStatus.NOMINATIONS_CLOSED,
}


def round_of(obj: Any) -> NominationRound | None:
    if isinstance(obj, Nomination):
        return obj.round
    return obj if isinstance(obj, NominationRound) else None


def represented_members(user: Any, round_: NominationRound) -> set[int]:
    """The eligible members of the round this user speaks for (their organisation grants)."""
    if round_ is None or not is_signed_in(user):
        return set()
    granted = {g.organisation_id for g in user.role_grants() if g.organisation_id}
    return granted & round_.eligible_organisation_ids


@rules.predicate
def is_opened_round(user: Any, obj: Any) -> bool:
    round_ = round_of(obj)
    return round_ is not None and round_.opened_at is not None


@rules.predicate
def sees_drafts(user: Any) -> bool:
    return sees_draft_rounds(user)


@rules.predicate
def represents_eligible_member(user: Any, obj: Any) -> bool:
    round_ = round_of(obj)
    return round_ is not None and bool(represented_members(user, round_))


@rules.predicate
def nominations_are_open(user: Any, obj: Any) -> bool:
    round_ = round_of(obj)
    return round_ is not None and round_.status == RoundStatus.NOMINATIONS_OPEN


@rules.predicate
def before_voting(user: Any, obj: Any) -> bool:
    round_ = round_of(obj)
    return round_ is not None and round_.status in BEFORE_VOTING


@rules.predicate
def voting_is_open(user: Any, obj: Any) -> bool:
    round_ = round_of(obj)
    return round_ is not None and round_.status == RoundStatus.VOTING_OPEN


@rules.predicate
def is_nominee(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Nomination) or not is_signed_in(user):
        return False
    return obj.nominee.user_id is not None and obj.nominee.user_id == user.pk


@rules.predicate
def speaks_for_nominator(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Nomination) or not is_signed_in(user):
        return False
    return any(g.organisation_id == obj.nominator_id for g in user.role_grants())


@rules.predicate
def can_second_other_member(user: Any, obj: Any) -> bool:
    if not isinstance(obj, Nomination):
        return False
    return bool(represented_members(user, obj.round) - {obj.nominator_id})


@rules.predicate
def is_live_nomination(user: Any, obj: Any) -> bool:
    return isinstance(obj, Nomination) and obj.withdrawn_at is None


rules.add_perm("nominations.view_round", is_opened_round | sees_drafts)
rules.add_perm("nominations.add_body", runs_rounds)
rules.add_perm("nominations.change_body", runs_rounds)
rules.add_perm("nominations.add_round", runs_rounds)
rules.add_perm("nominations.change_round", runs_rounds)
rules.add_perm("nominations.open_round", runs_rounds)
rules.add_perm("nominations.publish_results", runs_rounds)
rules.add_perm("nominations.nominate", nominations_are_open & represents_eligible_member)
rules.add_perm(
    "nominations.second_nomination",
    nominations_are_open & is_live_nomination & can_second_other_member,
)
rules.add_perm("nominations.answer_nomination", before_voting & is_live_nomination & is_nominee)
rules.add_perm(
    "nominations.withdraw_nomination",
    before_voting & is_live_nomination & (is_nominee | speaks_for_nominator | runs_rounds),
)
rules.add_perm("nominations.vote", voting_is_open & represents_eligible_member)


def _when(moment: Any) -> str:
    from django.utils import formats, timezone

    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def refusal_reason(permission: str, user: Any, obj: Any) -> str:
    """Why `user` may not take part in `obj` as `permission` (nominate, second, answer or vote)
    asks: the window that is closed, or what they lack, in words an API caller or a page can show.
    Said only once the rule has refused; the rule itself is the judge."""
    from django.utils.translation import gettext as _

    round_ = round_of(obj)
    if round_ is None:
        return _("You do not have permission to do this.")
    status = round_.status
    label = RoundStatus(status).label
    if permission in ("nominations.nominate", "nominations.second_nomination"):
        if status != RoundStatus.NOMINATIONS_OPEN:
            return _(
                "Nominations are not open in this round (it is “%(status)s”): they are open "
                "from %(opens)s to %(closes)s."
            ) % {
                "status": label,
                "opens": _when(round_.nominations_open_at),
                "closes": _when(round_.nominations_close_at),
            }
    elif permission == "nominations.answer_nomination":
        if status not in BEFORE_VOTING:
            return _("A nomination can be accepted or declined only until voting opens.")
    elif permission == "nominations.vote" and status != RoundStatus.VOTING_OPEN:
        return _(
            "Voting is not open in this round (it is “%(status)s”): it is open from "
            "%(opens)s to %(closes)s."
        ) % {
            "status": label,
            "opens": _when(round_.voting_opens_at),
            "closes": _when(round_.voting_closes_at),
        }
    if isinstance(obj, Nomination) and obj.withdrawn_at is not None:
        return _("This nomination has been withdrawn.")
    if permission == "nominations.answer_nomination":
        return _("Only the nominee can accept or decline their nomination.")
    if not is_signed_in(user) or not represented_members(user, round_):
        return _("You do not speak for any of this round's eligible members.")
    if permission == "nominations.second_nomination":
        return _("Only an eligible member other than the nominating member can second it.")
    return _("You do not have permission to do this.")
