"""Every write to organisations, people, memberships and networks, and name matching."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.slugs import unique_slug
from opengov.core.text import is_web_url

from .models import (
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Person,
    match_key,
)


def find_organisation(name: str) -> Organisation | None:
    """The organisation known by this name or one of its aliases, ignoring case, accents,
    spacing and punctuation ("Transparency International" = "transparency  international.")."""
    key = match_key(name)
    if not key:
        return None
    found = Organisation.objects.filter(match_name=key).first()
    if found is None:
        alias = OrganisationAlias.objects.select_related("organisation").filter(match_name=key)
        found = next((a.organisation for a in alias[:1]), None)
    return found


def find_person(name: str) -> Person | None:
    key = match_key(name)
    return Person.objects.filter(match_name=key).first() if key else None


def create_organisation(
    *,
    by: Any,
    name: str,
    kind: str,
    parent: Organisation | None = None,
    aliases: list[str] | tuple[str, ...] = (),
    website: str = "",
    description: str = "",
) -> Organisation:
    """Add an organisation. Its name and aliases must not already name another one; its website,
    if given, is a web address (http or https)."""
    require("organisations.add_organisation", by)
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Enter the organisation's name."), field="name")
    if kind not in OrganisationKind.values:
        raise DomainError(_("Choose the kind of organisation."), field="kind")
    website = website.strip()
    if website and not is_web_url(website):
        raise DomainError(
            _("Enter the website as a web address starting with http:// or https://."), "website"
        )
    with transaction.atomic():
        if find_organisation(name) is not None:
            raise DomainError(
                _("An organisation called %(name)s already exists.") % {"name": name}, "name"
            )
        organisation = Organisation.objects.create(
            name=name,
            slug=unique_slug(Organisation, name),
            kind=kind,
            parent=parent,
            website=website,
            description=description,
            match_name=match_key(name),
        )
        for alias in aliases:
            _add_alias(organisation, alias)
        changes = audit.created(organisation, ["name", "kind", "parent", "website"])
        if aliases:
            changes["aliases"] = [None, list(aliases)]
        audit.record(
            actor=by, verb="organisations.organisation.created", obj=organisation, changes=changes
        )
    return organisation


def _add_alias(organisation: Organisation, alias: str) -> tuple[OrganisationAlias, bool]:
    alias = " ".join(alias.split())
    key = match_key(alias)
    if not key:
        raise DomainError(_("Enter the alias."), field="aliases")
    other = find_organisation(alias)
    if other is not None and other.pk != organisation.pk:
        raise DomainError(
            _("%(alias)s already names %(other)s.") % {"alias": alias, "other": other}, "aliases"
        )
    return OrganisationAlias.objects.get_or_create(
        match_name=key, defaults={"organisation": organisation, "alias": alias}
    )


def add_organisation_alias(*, by: Any, organisation: Organisation, alias: str) -> OrganisationAlias:
    """Let an organisation be found by another name, such as "CO" for the Cabinet Office."""
    require("organisations.change_organisation", by, organisation)
    with transaction.atomic():
        found, created = _add_alias(organisation, alias)
        if created:
            audit.record(
                actor=by,
                verb="organisations.organisation.alias_added",
                obj=organisation,
                changes={"alias": [None, found.alias]},
            )
    return found


def create_person(*, by: Any, name: str, user: Any = None) -> Person:
    """Add a person. People may share a name; each gets their own page."""
    require("organisations.add_person", by)
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Enter the person's name."), field="name")
    with transaction.atomic():
        person = Person.objects.create(
            name=name, slug=unique_slug(Person, name), user=user, match_name=match_key(name)
        )
        audit.record(
            actor=by,
            verb="organisations.person.created",
            obj=person,
            changes=audit.created(person, ["name"]),
        )
    return person


def add_membership(
    *,
    by: Any,
    person: Person,
    organisation: Organisation,
    role: str = "",
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
) -> Membership:
    """Record that a person was part of an organisation, in a role, for a period."""
    require("organisations.add_membership", by)
    if start_on and end_on and end_on < start_on:
        raise DomainError(_("The end date must be on or after the start date."), field="end_on")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            person=person,
            organisation=organisation,
            role=role.strip(),
            start_on=start_on,
            defaults={"end_on": end_on},
        )
        if created:
            audit.record(
                actor=by,
                verb="organisations.membership.created",
                obj=membership,
                changes=audit.created(
                    membership, ["person", "organisation", "role", "start_on", "end_on"]
                ),
                scope=organisation,
            )
    return membership


def create_network(
    *, by: Any, name: str, description: str = "", coordinator: Organisation | None = None
) -> Network:
    """Add a network of organisations, such as the UK Open Government Network."""
    require("organisations.add_network", by)
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Enter the network's name."), field="name")
    with transaction.atomic():
        network = Network.objects.create(
            name=name,
            slug=unique_slug(Network, name),
            description=description,
            coordinator=coordinator,
        )
        audit.record(
            actor=by,
            verb="organisations.network.created",
            obj=network,
            changes=audit.created(network, ["name", "coordinator"]),
        )
    return network


def add_network_member(
    *, by: Any, network: Network, organisation: Organisation, joined_on: dt.date | None = None
) -> NetworkMembership:
    """Add an organisation to a network; adding it twice changes nothing."""
    require("organisations.change_network", by, network)
    with transaction.atomic():
        membership, created = NetworkMembership.objects.get_or_create(
            network=network, organisation=organisation, defaults={"joined_on": joined_on}
        )
        if created:
            audit.record(
                actor=by,
                verb="organisations.network.member_added",
                obj=network,
                changes={"members": [None, organisation.name]},
            )
    return membership
