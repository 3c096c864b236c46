"""Named permissions for events and collective actions.

- Everything here is public to read.
- Plan managers (administrators, the secretariat, government points of contact) run events and
  collective actions: they create and edit them, record delegations and documents, and adopt a
  considered action into a plan by linking it to a commitment.
- Signing up: a signed-in user signs for an organisation they hold a role for (any role grant
  scoped to it: civil-society member, commitment lead, government contact…), or for themselves as
  an expert if they hold any role at all (the network knows them: a bare participant account,
  which anyone can open, cannot add to a quorum). An administrator may record any
  organisation's sign-up given by other means (at the summit, by letter). Not after the deadline.
- Withdrawing a sign-up: whoever may sign for its organisation, the expert themself, and
  administrators."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from opengov.accounts.predicates import is_administrator, is_plan_manager, is_signed_in

from .models import CollectiveAction, SignUp


def speaks_for(user: Any) -> set[int]:
    """The organisations the user holds a role for."""
    if not is_signed_in(user):
        return set()
    return {g.organisation_id for g in user.role_grants() if g.organisation_id}


def may_sign_as_expert(user: Any) -> bool:
    return bool(is_signed_in(user) and user.role_grants())


@rules.predicate
def open_for_sign_ups(user: Any, obj: Any) -> bool:
    if not isinstance(obj, CollectiveAction):
        return False
    deadline = obj.sign_up_deadline
    return deadline is None or timezone.localdate() <= deadline


@rules.predicate
def has_a_way_to_sign(user: Any) -> bool:
    return bool(speaks_for(user)) or may_sign_as_expert(user)


@rules.predicate
def made_or_speaks_for_sign_up(user: Any, obj: Any) -> bool:
    if not isinstance(obj, SignUp) or not is_signed_in(user):
        return False
    if obj.organisation_id is not None:
        return obj.organisation_id in speaks_for(user)
    person = getattr(obj, "person", None)
    return person is not None and person.user_id == user.pk


@rules.predicate
def is_considered(user: Any, obj: Any) -> bool:
    return isinstance(obj, CollectiveAction) and obj.status == "considered"


rules.add_perm("collective_actions.add_event", is_plan_manager)
rules.add_perm("collective_actions.change_event", is_plan_manager)
rules.add_perm("collective_actions.add_collectiveaction", is_plan_manager)
rules.add_perm("collective_actions.change_collectiveaction", is_plan_manager)
rules.add_perm("collective_actions.adopt_collectiveaction", is_plan_manager & is_considered)
rules.add_perm(
    "collective_actions.sign_up", (has_a_way_to_sign | is_administrator) & open_for_sign_ups
)
rules.add_perm("collective_actions.withdraw_signup", made_or_speaks_for_sign_up | is_administrator)
