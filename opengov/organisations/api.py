"""Organisations, people and networks over the API (read-only): GET /organisations, /people,
/networks and one of each by slug. The directory is public; the commitments an organisation leads
are those the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from opengov.action_plans.models import Commitment
from opengov.api.auth import viewer
from opengov.api.pagination import Page, PageIn, paginate

from .models import Membership, Network, NetworkMembership, Organisation, OrganisationKind, Person
from .schemas import (
    NetworkDetailOut,
    NetworkOut,
    OrganisationDetailOut,
    OrganisationOut,
    PersonOut,
)

router = Router(tags=["organisations"])
BY_NAME = ["name", "pk"]


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = Field(None, description="Organisations of this kind only.")


def _people() -> Any:
    memberships = Membership.objects.select_related("organisation")
    return Person.objects.prefetch_related(Prefetch("memberships", queryset=memberships))


@router.get("/organisations", response=Page[OrganisationOut])
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Organisations by name: departments, governments, civil-society organisations…"""
    organisations = Organisation.objects.select_related("parent")
    if filters.kind:
        organisations = organisations.filter(kind=filters.kind)
    return paginate(organisations, ordering=BY_NAME, cursor=page.cursor, limit=page.limit)


@router.get("/organisations/{slug}", response=OrganisationDetailOut)
def get_organisation(request: HttpRequest, slug: str) -> Organisation:
    """One organisation: the other names it goes by, its parts, and what it leads and supports."""
    visible = Commitment.objects.visible_to(viewer(request)).order_by("plan", "position", "pk")
    organisations = Organisation.objects.select_related("parent").prefetch_related(
        "aliases",
        "children",
        Prefetch("led_commitments", queryset=visible, to_attr="visible_leads"),
        Prefetch("supported_commitments", queryset=visible, to_attr="visible_supports"),
    )
    return get_object_or_404(organisations, slug=slug)


@router.get("/people", response=Page[PersonOut])
def list_people(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """People by name, with the organisations they belong or belonged to."""
    return paginate(_people(), ordering=BY_NAME, cursor=page.cursor, limit=page.limit)


@router.get("/people/{slug}", response=PersonOut)
def get_person(request: HttpRequest, slug: str) -> Person:
    """One person: name, and each membership with its organisation, role and dates."""
    return get_object_or_404(_people(), slug=slug)


@router.get("/networks", response=Page[NetworkOut])
def list_networks(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Networks of organisations, such as the UK Open Government Network."""
    networks = Network.objects.select_related("coordinator")
    return paginate(networks, ordering=BY_NAME, cursor=page.cursor, limit=page.limit)


@router.get("/networks/{slug}", response=NetworkDetailOut)
def get_network(request: HttpRequest, slug: str) -> Network:
    """One network and its member organisations."""
    members = NetworkMembership.objects.select_related("organisation").order_by(
        "organisation__name", "pk"
    )
    networks = Network.objects.select_related("coordinator").prefetch_related(
        Prefetch("memberships", queryset=members)
    )
    return get_object_or_404(networks, slug=slug)
