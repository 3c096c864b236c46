"""API schemas for organisations, people and networks. People appear by name and public role only:
never a user account, an e-mail address or a user id."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from opengov.core.schemas import ChoiceOut, choice, history_url

from .models import (
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    Person,
    Post,
    Project,
    Tenure,
)


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


# Posts, tenures and projects ------------------------------------------------------------------


class PersonRef(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_name(obj: Person) -> str:
        return obj.display_name

    @staticmethod
    def resolve_url(obj: Person) -> str:
        return obj.get_absolute_url()


class TenureOut(Schema):
    """A person holding the post from `start_on` to `end_on` (both included; null while held)."""

    id: int
    person: PersonRef
    start_on: dt.date
    end_on: dt.date | None
    appointment: ChoiceOut
    source_url: str
    note: str
    version: int

    @staticmethod
    def resolve_person(obj: Tenure) -> Person:
        return obj.person

    @staticmethod
    def resolve_appointment(obj: Tenure) -> ChoiceOut | None:
        return choice(obj, "appointment")


class PostOut(Schema):
    id: int
    slug: str
    title: str
    organisation: OrganisationRef | None
    description: str
    is_single_holder: bool
    current_holders: list[TenureOut]
    version: int
    url: str
    history_url: str

    @staticmethod
    def resolve_current_holders(obj: Post) -> list[Tenure]:
        return list(getattr(obj, "open_tenures", []))

    @staticmethod
    def resolve_url(obj: Post) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: Post) -> str:
        return history_url(obj)


class PostDetailOut(PostOut):
    holders: list[TenureOut] = Field(description="Everyone who held the post, latest first.")

    @staticmethod
    def resolve_holders(obj: Post) -> list[Tenure]:
        return list(getattr(obj, "all_tenures", []))


class NetworkRef(Schema):
    slug: str
    name: str
    url: str

    @staticmethod
    def resolve_url(obj: Network) -> str:
        return obj.get_absolute_url()


class ProjectOut(Schema):
    id: int
    slug: str
    title: str
    network: NetworkRef
    funder: OrganisationRef | None = Field(description="The funder, when in the directory.")
    funder_name: str = Field(description="The funder's name, whether in the directory or not.")
    purpose: str
    partners: list[OrganisationRef]
    start_on: dt.date | None
    end_on: dt.date | None
    status: ChoiceOut
    link: str = Field(description="A web page about the project, if any.")
    version: int
    url: str
    history_url: str

    @staticmethod
    def resolve_funder_name(obj: Project) -> str:
        return obj.funder_display

    @staticmethod
    def resolve_partners(obj: Project) -> list[Organisation]:
        return list(obj.partners.all())

    @staticmethod
    def resolve_status(obj: Project) -> ChoiceOut | None:
        return choice(obj, "status")

    @staticmethod
    def resolve_link(obj: Project) -> str:
        return obj.url

    @staticmethod
    def resolve_url(obj: Project) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_history_url(obj: Project) -> str:
        return history_url(obj)
