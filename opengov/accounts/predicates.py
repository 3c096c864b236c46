"""Role predicates: the building blocks each app's rules.py composes into named permissions."""

from __future__ import annotations

from typing import Any

import rules

from .models import Role


def _has_role(user: Any, *roles: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(grant.role in roles for grant in user.role_grants())


@rules.predicate
def is_signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_administrator(user: Any) -> bool:
    if not is_signed_in(user):
        return False
    return bool(user.is_superuser) or _has_role(user, Role.ADMINISTRATOR)


@rules.predicate
def is_secretariat(user: Any) -> bool:
    return _has_role(user, Role.SECRETARIAT)


@rules.predicate
def is_government_contact(user: Any) -> bool:
    return _has_role(user, Role.GOVERNMENT_CONTACT)


@rules.predicate
def is_forum_member(user: Any) -> bool:
    return _has_role(user, Role.FORUM_MEMBER)


@rules.predicate
def is_civil_society_member(user: Any) -> bool:
    return _has_role(user, Role.CIVIL_SOCIETY_MEMBER)


@rules.predicate
def is_any_commitment_lead(user: Any) -> bool:
    return _has_role(user, Role.COMMITMENT_LEAD)


def leads_commitment(user: Any, commitment: Any) -> bool:
    """True when one of the user's commitment-lead grants covers this commitment: it names the
    commitment, or it names an organisation that leads it or that a lead organisation is part of
    (a lead for the Cabinet Office covers what the Government Digital Service leads)."""
    if commitment is None or not is_signed_in(user):
        return False
    grants = [g for g in user.role_grants() if g.role == Role.COMMITMENT_LEAD]
    if not grants:
        return False
    if any(g.commitment_id == commitment.pk for g in grants):
        return True
    org_ids = {g.organisation_id for g in grants if g.organisation_id}
    if not org_ids:
        return False
    tree: set[int] | None = getattr(user, "_lead_organisation_tree", None)
    if tree is None and not hasattr(commitment, "_lead_org_ids"):
        found = _leads_through_ancestors(commitment, org_ids)
        if found is not None:
            return found
    return bool(_with_parts(user, org_ids) & commitment.lead_organisation_ids())


# How far up from a lead organisation one query looks for the granted organisation: a lead
# for the Cabinet Office covers the Government Digital Service and the teams within it.
ANCESTOR_PATHS = ("organisation__parent_id", "organisation__parent__parent_id")


def _leads_through_ancestors(commitment: Any, org_ids: set[int]) -> bool | None:
    """In one query: whether a lead organisation of the commitment, or one it is part of (up to
    ANCESTOR_PATHS), is among `org_ids`; None when an organisation sits deeper than that and
    was not matched (then the caller walks the whole tree)."""
    through = type(commitment).lead_organisations.through
    rows = list(
        through.objects.filter(commitment_id=commitment.pk).values_list(
            "organisation_id", *ANCESTOR_PATHS, "organisation__parent__parent__parent_id"
        )
    )
    commitment._lead_org_ids = {row[0] for row in rows}
    if any(org in org_ids for row in rows for org in row[:-1] if org is not None):
        return True
    return None if any(row[-1] is not None for row in rows) else False


def _with_parts(user: Any, organisation_ids: set[int]) -> set[int]:
    """The organisations and every organisation within them, computed once per user object."""
    cached: set[int] | None = getattr(user, "_lead_organisation_tree", None)
    if cached is None:
        from opengov.organisations.models import Organisation

        cached, frontier = set(organisation_ids), set(organisation_ids)
        while frontier:
            children = set(
                Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
            )
            frontier = children - cached
            cached |= frontier
        user._lead_organisation_tree = cached
    return cached


def civil_society_organisation_ids(user: Any) -> set[int]:
    """Organisations a civil-society member speaks for (their scoped grants)."""
    if not is_signed_in(user):
        return set()
    return {
        g.organisation_id
        for g in user.role_grants()
        if g.role == Role.CIVIL_SOCIETY_MEMBER and g.organisation_id
    }


is_plan_manager = is_administrator | is_secretariat | is_government_contact
