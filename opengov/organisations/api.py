"""Organisations, people and networks over the API (read-only): GET /organisations, /people,
/networks and one of each by slug; /posts and /projects, and one of each by id. The directory,
posts and projects are public; the commitments an organisation leads are those the reader may
see."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from opengov.action_plans.models import Commitment
from opengov.api.auth import viewer
from opengov.api.pagination import Page, PageIn, paginate

from .models import (
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    Person,
    Post,
    Project,
    ProjectStatus,
    Tenure,
)
from .schemas import (
    NetworkDetailOut,
    NetworkOut,
    OrganisationDetailOut,
    OrganisationOut,
    PersonOut,
    PostDetailOut,
    PostOut,
    ProjectOut,
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


# Posts and who held them; the networks' projects ----------------------------------------------


def _posts() -> Any:
    open_tenures = Tenure.objects.filter(end_on__isnull=True).select_related("person")
    return Post.objects.select_related("organisation").prefetch_related(
        Prefetch(
            "tenures", queryset=open_tenures.order_by("start_on", "pk"), to_attr="open_tenures"
        )
    )


def _projects() -> Any:
    return Project.objects.select_related("network", "funder").prefetch_related("partners")


class ProjectFilters(Schema):
    network: str | None = Field(None, description="The projects of the network with this slug.")
    status: ProjectStatus | None = Field(None, description="Projects with this status only.")
    funder: str | None = Field(
        None,
        max_length=300,
        description="Projects funded by the funder of this name (an organisation in the "
        "directory, or a funder recorded by name), as the projects page's filter.",
    )


@router.get("/posts", response=Page[PostOut])
def list_posts(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Posts by title (a minister, an anti-corruption champion), with who holds them now."""
    return paginate(_posts(), ordering=["title", "pk"], cursor=page.cursor, limit=page.limit)


@router.get("/posts/{post_id}", response=PostDetailOut)
def get_post(request: HttpRequest, post_id: int) -> Post:
    """One post and everyone who held it, latest first, with their dates and a source."""
    tenures = Tenure.objects.select_related("person").order_by("-start_on", "-pk")
    posts = _posts().prefetch_related(Prefetch("tenures", queryset=tenures, to_attr="all_tenures"))
    return get_object_or_404(posts, pk=post_id)


@router.get("/projects", response=Page[ProjectOut])
def list_projects(
    request: HttpRequest, filters: Query[ProjectFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Projects of networks by title: funded strands of a network's own work."""
    projects = _projects()
    if filters.network:
        projects = projects.filter(network__slug=filters.network)
    if filters.status:
        projects = projects.filter(status=filters.status)
    if filters.funder:
        projects = projects.filter(
            Q(funder__name=filters.funder) | Q(funder__isnull=True, funder_name=filters.funder)
        )
    return paginate(projects, ordering=["title", "pk"], cursor=page.cursor, limit=page.limit)


@router.get("/projects/{project_id}", response=ProjectOut)
def get_project(request: HttpRequest, project_id: int) -> Project:
    """One project: funder, purpose, partners, period, status and link."""
    return get_object_or_404(_projects(), pk=project_id)
