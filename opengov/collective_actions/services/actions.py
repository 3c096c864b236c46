"""Collective actions, sign-ups and adoption.

The status is kept by these services, inside the write's transaction and under a lock on the
action's row, so that concurrent sign-ups are counted one after the other:
- gathering → considered as soon as the quorum of distinct counted signatories is reached;
- considered → gathering when a withdrawal (or a higher quorum) drops it below again;
- considered → adopted only by `adopt_collective_action`, which links it to a commitment. An
  adopted action stays adopted whatever happens to its sign-ups afterwards: the commitment exists
  in the plan on its own terms, and the history shows every sign-up and withdrawal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.predicates import is_administrator
from opengov.action_plans.models import Commitment
from opengov.core import audit
from opengov.core.actors import SYSTEM, as_user
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.text import clean_line, clean_text
from opengov.organisations.models import Organisation, OrganisationKind, Person
from opengov.organisations.services import create_person

from ..choices import ActionStatus, SignatoryKind
from ..models import CollectiveAction, Event, SignUp
from ..rules import may_sign_as_expert, speaks_for

ACTION_FIELDS = [
    "title",
    "theme",
    "description",
    "event",
    "sign_up_deadline",
    "quorum",
    "counts_national_governments",
    "counts_subnational_governments",
    "counts_experts",
    "counts_civil_society",
]
COUNT_FLAGS = ACTION_FIELDS[-4:]
NATIONAL = {
    OrganisationKind.NATIONAL_GOVERNMENT,
    OrganisationKind.GOVERNMENT_DEPARTMENT,
    OrganisationKind.AGENCY,
    OrganisationKind.LEGISLATURE,
}
SUBNATIONAL = {OrganisationKind.DEVOLVED_ADMINISTRATION, OrganisationKind.LOCAL_GOVERNMENT}
MAX_QUORUM = 1000


def _action_values(
    *,
    event: Event | None,
    title: str,
    theme: str,
    description: str,
    sign_up_deadline: dt.date | None,
    quorum: int | None,
    counts: dict[str, bool],
) -> dict[str, Any]:
    title = " ".join(clean_line(title or "").split())
    if not title:
        raise DomainError(_("Enter the collective action's title."), field="title")
    if event is None:
        raise DomainError(_("Choose the event the collective action belongs to."), field="event")
    if quorum is None or not 1 <= quorum <= MAX_QUORUM:
        raise DomainError(
            _("Enter the quorum as a whole number from 1 to %(max)s.") % {"max": MAX_QUORUM},
            field="quorum",
        )
    if not any(counts.values()):
        raise DomainError(
            _("Choose at least one kind of signatory that counts towards the quorum."),
            field="counted_kinds",
        )
    return {
        "title": title[:300],
        "theme": " ".join(clean_line(theme or "").split())[:120],
        "description": clean_text(description or "").strip(),
        "event": event,
        "sign_up_deadline": sign_up_deadline,
        "quorum": quorum,
        **counts,
    }


def _counts(kinds: list[str] | None) -> dict[str, bool]:
    chosen = set(kinds if kinds is not None else CollectiveAction().counted_kinds())
    return {
        "counts_national_governments": SignatoryKind.NATIONAL_GOVERNMENT in chosen,
        "counts_subnational_governments": SignatoryKind.SUBNATIONAL_GOVERNMENT in chosen,
        "counts_experts": SignatoryKind.EXPERT in chosen,
        "counts_civil_society": SignatoryKind.CIVIL_SOCIETY in chosen,
    }


def create_collective_action(
    *,
    by: Any,
    event: Event | None,
    title: str,
    theme: str = "",
    description: str = "",
    sign_up_deadline: dt.date | None = None,
    quorum: int | None = 3,
    counted_kinds: list[str] | None = None,
) -> CollectiveAction:
    """Open a collective action for sign-ups. By default three distinct national governments,
    sub-national governments or experts make it considered; civil-society organisations may sign
    up but count only if `counted_kinds` says so."""
    require("collective_actions.add_collectiveaction", by)
    values = _action_values(
        event=event,
        title=title,
        theme=theme,
        description=description,
        sign_up_deadline=sign_up_deadline,
        quorum=quorum,
        counts=_counts(counted_kinds),
    )
    with transaction.atomic():
        action = CollectiveAction.objects.create(**values)
        audit.record(
            actor=by,
            verb="collective_actions.collectiveaction.created",
            obj=action,
            scope=action.event,
            changes=audit.created(action, [*ACTION_FIELDS, "status"]),
        )
    return action


def update_collective_action(
    *,
    by: Any,
    action: CollectiveAction,
    expected_version: int | None,
    event: Event | None,
    title: str,
    theme: str = "",
    description: str = "",
    sign_up_deadline: dt.date | None = None,
    quorum: int | None = 3,
    counted_kinds: list[str] | None = None,
) -> CollectiveAction:
    """Edit a collective action. A new quorum or new counted kinds recount its sign-ups, which may
    move it between gathering and considered."""
    require("collective_actions.change_collectiveaction", by, action)
    values = _action_values(
        event=event,
        title=title,
        theme=theme,
        description=description,
        sign_up_deadline=sign_up_deadline,
        quorum=quorum,
        counts=_counts(counted_kinds),
    )
    with transaction.atomic():
        locked = lock_for_edit(CollectiveAction, pk=action.pk, expected_version=expected_version)
        before = audit.snapshot(locked, ACTION_FIELDS)
        for name, value in values.items():
            setattr(locked, name, value)
        changes = audit.diff(before, audit.snapshot(locked, ACTION_FIELDS))
        if not changes:
            return locked
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="collective_actions.collectiveaction.changed",
            obj=locked,
            scope=locked.event,
            changes=changes,
        )
        _recount(locked, by)
    return locked


def _root(organisation: Organisation) -> Organisation:
    """The top of the organisation's "part of" chain (a department → its government)."""
    seen = {organisation.pk}
    current = organisation
    while current.parent_id is not None and current.parent_id not in seen:
        parent = Organisation.objects.get(pk=current.parent_id)
        seen.add(parent.pk)
        current = parent
    return current


def signatory_of(organisation: Organisation) -> tuple[str, str]:
    """(kind, signatory key) of a sign-up for this organisation. A government body signs for its
    government: its kind is that of the top of its chain, and two departments of one government
    count once; any other organisation counts on its own, as civil society."""
    root = _root(organisation)
    if organisation.kind in NATIONAL | SUBNATIONAL:
        kind = SignatoryKind.SUBNATIONAL_GOVERNMENT
        if root.kind in NATIONAL or (root.pk == organisation.pk and organisation.kind in NATIONAL):
            kind = SignatoryKind.NATIONAL_GOVERNMENT
        return str(kind), f"organisation:{root.pk}"
    return str(SignatoryKind.CIVIL_SOCIETY), f"organisation:{organisation.pk}"


def _expert_person(by: Any) -> Person:
    person = Person.objects.filter(user=by).first()
    if person is not None:
        return person
    name = " ".join((getattr(by, "name", "") or "").split())
    if not name:
        raise DomainError(
            _("Add your name to your account before signing up as an expert: it is shown."),
            field="organisation",
        )
    return create_person(by=SYSTEM, name=name, user=by)


def _recount(action: CollectiveAction, by: Any) -> None:
    """Store the number of distinct counted signatories and move the status to match; `action`
    is locked by the caller."""
    counted = SignUp.objects.counted(action).values("signatory_key").distinct().count()
    status = action.status
    if status != ActionStatus.ADOPTED:
        reached = counted >= action.quorum
        status = ActionStatus.CONSIDERED if reached else ActionStatus.GATHERING
    if (counted, status) == (action.counted_signatories, action.status):
        return
    changes: dict[str, Any] = {"counted_signatories": [action.counted_signatories, counted]}
    if status != action.status:
        changes["status"] = [action.status, status]
        if status == ActionStatus.CONSIDERED:
            action.considered_at = timezone.now()
    action.counted_signatories, action.status = counted, status
    action.save(update_fields=["counted_signatories", "status", "considered_at", "updated_at"])
    if "status" in changes:
        audit.record(
            actor=by,
            verb="collective_actions.collectiveaction.status_changed",
            obj=action,
            scope=action.event,
            changes=changes,
        )


def sign_up(
    *,
    by: Any,
    action: CollectiveAction,
    organisation: Organisation | None = None,
    statement: str = "",
    signed_on: dt.date | None = None,
) -> SignUp:
    """Sign an organisation the user speaks for (or, with no organisation, the user as an expert)
    up to a collective action. One sign-up per signatory; reaching the quorum makes the action
    considered in the same transaction."""
    require("collective_actions.sign_up", by, action)
    statement = clean_text(statement or "").strip()
    if organisation is not None:
        if organisation.pk not in speaks_for(by) and not is_administrator(by):
            raise DomainError(
                _("You can sign up only for an organisation you hold a role for."),
                field="organisation",
            )
        kind, key = signatory_of(organisation)
    elif not may_sign_as_expert(by) or as_user(by) is None:
        raise DomainError(_("Choose the organisation you are signing up for."), "organisation")
    with transaction.atomic():
        locked = CollectiveAction.objects.select_for_update().get(pk=action.pk)
        person = None
        if organisation is None:
            person = _expert_person(by)
            kind, key = str(SignatoryKind.EXPERT), f"person:{person.pk}"
        already = SignUp.objects.filter(action=locked)
        if (organisation and already.filter(organisation=organisation).exists()) or (
            person and already.filter(person=person).exists()
        ):
            raise DomainError(_("This signatory has already signed up."), field="organisation")
        try:
            with transaction.atomic():
                created = SignUp.objects.create(
                    action=locked,
                    kind=kind,
                    organisation=organisation,
                    person=person,
                    signatory_key=key,
                    statement=statement,
                    signed_on=signed_on or timezone.localdate(),
                    signed_by=as_user(by),
                )
        except IntegrityError:
            raise DomainError(
                _("This signatory has already signed up."), field="organisation"
            ) from None
        audit.record(
            actor=by,
            verb="collective_actions.signup.created",
            obj=created,
            scope=locked,
            changes=audit.created(created, ["kind", "organisation", "person", "statement"]),
        )
        _recount(locked, by)
    return created


def withdraw_sign_up(*, by: Any, sign_up: SignUp) -> CollectiveAction:
    """Withdraw a sign-up. Below the quorum again, a considered action is gathering again; an
    adopted one stays adopted. Returns the action as it is now."""
    require("collective_actions.withdraw_signup", by, sign_up)
    with transaction.atomic():
        locked = CollectiveAction.objects.select_for_update().get(pk=sign_up.action_id)
        current = SignUp.objects.filter(pk=sign_up.pk).first()
        if current is None:
            raise DomainError(_("This sign-up has already been withdrawn."))
        audit.record(
            actor=by,
            verb="collective_actions.signup.withdrawn",
            obj=current,
            scope=locked,
            changes={
                "kind": [current.kind, None],
                "organisation": [audit.to_json_value(current.organisation_id), None],
                "person": [audit.to_json_value(current.person_id), None],
            },
        )
        current.delete()
        _recount(locked, by)
    return locked


def adopt_collective_action(
    *,
    by: Any,
    action: CollectiveAction,
    commitment: Commitment | None,
    expected_version: int | None,
) -> CollectiveAction:
    """Adopt a considered collective action into a plan by linking it to the commitment that
    takes it up. Only a considered action can be adopted; it stays adopted."""
    require("collective_actions.adopt_collectiveaction", by, action)
    if commitment is None or not Commitment.objects.visible_to(by).filter(pk=commitment.pk):
        raise DomainError(_("Choose the commitment that adopts it."), field="commitment")
    with transaction.atomic():
        locked = lock_for_edit(CollectiveAction, pk=action.pk, expected_version=expected_version)
        if locked.status != ActionStatus.CONSIDERED:
            raise DomainError(
                _("Only a collective action that has reached its quorum can be adopted."),
                field="commitment",
            )
        locked.status = ActionStatus.ADOPTED
        locked.adopted_commitment = commitment
        locked.adopted_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="collective_actions.collectiveaction.adopted",
            obj=locked,
            scope=locked.event,
            changes={
                "status": [ActionStatus.CONSIDERED, ActionStatus.ADOPTED],
                "adopted_commitment": [None, str(commitment.pk)],
            },
        )
    return locked
