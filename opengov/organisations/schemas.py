"""API schemas for organisations, people and networks. People appear by name and public role only:
never a user account, an e-mail address or a user id."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Schema

from opengov.core.schemas import ChoiceOut, choice, history_url

from .models import Membership, Network, NetworkMembership, Organisation, Person


class OrganisationRef(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_url(obj: Organisation) -> str:
        return obj.get_absolute_url()


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: ChoiceOut
    parent: OrganisationRef | None
    website: str
    description: str
    version: int
    url: str
    history_url: str

    @staticmethod
    def resolve_kind(obj: Organisation) -> ChoiceOut | None:
        return choice(obj, "kind")

    @staticmethod
    def resolve_url(obj: Organisation) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: Organisation) -> str:
        return history_url(obj)


class CommitmentLink(Schema):
    """A commitment the organisation leads or supports."""

    id: int
    plan_id: int
    number: str
    title: str
    url: str

    @staticmethod
    def resolve_title(obj: Any) -> str:
        return str(obj.display_title)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class OrganisationDetailOut(OrganisationOut):
    aliases: list[str]
    children: list[OrganisationRef]
    leads: list[CommitmentLink]
    supports: list[CommitmentLink]

    @staticmethod
    def resolve_aliases(obj: Organisation) -> list[str]:
        return [alias.alias for alias in obj.aliases.all()]

    @staticmethod
    def resolve_children(obj: Organisation) -> list[Organisation]:
        return list(obj.children.all())

    @staticmethod
    def resolve_leads(obj: Organisation) -> list[Any]:
        return list(getattr(obj, "visible_leads", []))

    @staticmethod
    def resolve_supports(obj: Organisation) -> list[Any]:
        return list(getattr(obj, "visible_supports", []))


class MembershipOut(Schema):
    organisation: OrganisationRef
    role: str
    start_on: dt.date | None
    end_on: dt.date | None

    @staticmethod
    def resolve_organisation(obj: Membership) -> Organisation:
        return obj.organisation


class PersonOut(Schema):
    slug: str
    name: str
    memberships: list[MembershipOut]
    version: int
    url: str
    history_url: str

    @staticmethod
    def resolve_name(obj: Person) -> str:
        return obj.display_name

    @staticmethod
    def resolve_memberships(obj: Person) -> list[Membership]:
        return list(obj.memberships.all())

    @staticmethod
    def resolve_url(obj: Person) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: Person) -> str:
        return history_url(obj)


class NetworkOut(Schema):
    slug: str
    name: str
    description: str
    coordinator: OrganisationRef | None
    version: int
    url: str
    history_url: str

    @staticmethod
    def resolve_url(obj: Network) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: Network) -> str:
        return history_url(obj)


class NetworkMemberOut(Schema):
    organisation: OrganisationRef
    joined_on: dt.date | None
    left_on: dt.date | None

    @staticmethod
    def resolve_organisation(obj: NetworkMembership) -> Organisation:
        return obj.organisation


class NetworkDetailOut(NetworkOut):
    members: list[NetworkMemberOut]

    @staticmethod
    def resolve_members(obj: Network) -> list[NetworkMembership]:
        return list(obj.memberships.all())
