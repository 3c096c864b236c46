"""The permission matrix's rows, path arguments, API bodies and world for organisations
(see __init__.py): posts and who held them (tenures), and networks' projects.

Posts, tenures and projects have no state: they are public from the moment they are recorded,
so their rows use `-`. Plan managers (government contacts, the secretariat, administrators)
record posts and tenures; the secretariat and administrators record a network's projects
(opengov/organisations/rules.py). An empty POST is refused on the form (200) and writes nothing."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from ..matrix_resolvers import stateless

# fmt: off
TABLE = """
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin

# Posts, tenures and projects: public pages and API, anyone.
organisations:post-list                  GET    -         200    200    200    200    200    200    200    200
organisations:project-list               GET    -         200    200    200    200    200    200    200    200
organisations:post-detail                GET    -         200    200    200    200    200    200    200    200
organisations:project-detail             GET    -         200    200    200    200    200    200    200    200
/api/v1/posts                            GET    -         200    200    200    200    200    200    200    200
/api/v1/posts/{post_id}                  GET    -         200    200    200    200    200    200    200    200
/api/v1/projects                         GET    -         200    200    200    200    200    200    200    200
/api/v1/projects/{project_id}            GET    -         200    200    200    200    200    200    200    200
# organisations.add_post, change_post, add_tenure, change_tenure: plan managers.
organisations:post-create                GET    -         login  403    403    403    403    200    200    200
organisations:post-create                POST   -         login  403    403    403    403    200    200    200
organisations:post-edit                  GET    -         login  403    403    403    403    200    200    200
organisations:post-edit                  POST   -         login  403    403    403    403    200    200    200
organisations:tenure-create              GET    -         login  403    403    403    403    200    200    200
organisations:tenure-create              POST   -         login  403    403    403    403    200    200    200
organisations:tenure-correct             GET    -         login  403    403    403    403    200    200    200
organisations:tenure-correct             POST   -         login  403    403    403    403    200    200    200
organisations:tenure-end                 GET    -         login  403    403    403    403    200    200    200
organisations:tenure-end                 POST   -         login  403    403    403    403    200    200    200
# organisations.add_project, change_project: the secretariat and administrators.
organisations:project-create             GET    -         login  403    403    403    403    403    200    200
organisations:project-create             POST   -         login  403    403    403    403    403    200    200
organisations:project-edit               GET    -         login  403    403    403    403    403    200    200
organisations:project-edit               POST   -         login  403    403    403    403    403    200    200
"""
# fmt: on

RESOLVERS = {
    "posts/slug": stateless("post", "slug"),
    "post_id": stateless("post"),
    "tenures/pk": stateless("tenure"),
    "projects/slug": stateless("project", "slug"),
    "project_id": stateless("project"),
}

SAMPLES = {
    "organisations:post-detail": {"slug": "post"},
    "organisations:post-edit": {"slug": "post"},
    "organisations:tenure-create": {"slug": "post"},
    "organisations:tenure-correct": {"pk": "tenure"},
    "organisations:tenure-end": {"pk": "tenure"},
    "organisations:project-create": {"slug": "network"},
    "organisations:project-detail": {"slug": "project"},
    "organisations:project-edit": {"slug": "project"},
    "api:get_post": {"post_id": "post"},
    "api:get_project": {"project_id": "project"},
}
API_ARGUMENTS = {"post_id": "post", "project_id": "project"}


def _record(by: Any, network: Any, organisation: Any, person: Any, title: str) -> dict[str, Any]:
    from opengov.organisations import projects, tenures

    post = tenures.create_post(by=by, title=title, organisation=organisation)
    tenure = tenures.start_tenure(
        by=by, post=post, person=person, start_on=dt.date(2016, 7, 14),
        source_url="https://www.gov.uk/government/people/example",
    )  # fmt: skip
    project = projects.create_project(
        by=by, network=network, title=f"{title} project", funder=organisation,
        purpose="To expand the reach of the network.", partners=[organisation],
    )  # fmt: skip
    return {"post": post, "tenure": tenure, "project": project}


def build(objects: dict[str, dict[str, Any]], users: dict[str, Any]) -> None:
    """A post of the Cabinet Office held by the world's person, and a project of its network."""
    made = _record(
        users["secretariat"], objects["network"]["-"], objects["organisation"]["-"],
        objects["person"]["-"], "Minister for the Cabinet Office",
    )  # fmt: skip
    for kind, obj in made.items():
        objects[kind] = {"-": obj}


def sample_world(world: Any) -> None:
    from opengov.organisations.tests.post_factories import ProjectFactory, TenureFactory

    world.tenure = TenureFactory(person=world.person, post__organisation=world.organisation)
    world.post = world.tenure.post
    world.project = ProjectFactory(network=world.network, funder=world.organisation)


def content_world(world: Any, payload: str, fit: Any) -> None:
    """A post, a tenure and a project whose every text is the payload (the link fields, which
    the services accept only as web addresses, are filled directly by carry_payload)."""
    from opengov.organisations import projects, tenures

    admin = world.admin
    post = tenures.create_post(
        by=admin, title=fit("Post.title"), organisation=world.gov, description=payload
    )
    tenure = tenures.start_tenure(
        by=admin, post=post, person=world.person, start_on=dt.date(2016, 7, 14),
        note=fit("Tenure.note"),
    )  # fmt: skip
    project = projects.create_project(
        by=admin, network=world.network, title=fit("Project.title"),
        funder_name=fit("Project.funder_name"), purpose=payload, partners=[world.cso],
    )  # fmt: skip
    world.objects.update(post=post, tenure=tenure, project=project)


WALK_ARGUMENTS = {
    "organisations:post-detail": {"slug": "post.slug"},
    "organisations:post-edit": {"slug": "post.slug"},
    "organisations:tenure-create": {"slug": "post.slug"},
    "organisations:tenure-correct": {"pk": "tenure"},
    "organisations:tenure-end": {"pk": "tenure"},
    "organisations:project-create": {"slug": "network.slug"},
    "organisations:project-detail": {"slug": "project.slug"},
    "organisations:project-edit": {"slug": "project.slug"},
    "api:get_post": {"post_id": "post"},
    "api:get_project": {"project_id": "project"},
}


_n = itertools.count(1)


def _new_tenure(world: Any, url: str) -> Any:
    from opengov.organisations import tenures

    post = tenures.create_post(by=world.admin, title=f"Commissioner {next(_n)}")
    return tenures.start_tenure(
        by=world.admin, post=post, person=world.person, start_on=dt.date(2016, 7, 14),
        source_url=url,
    )  # fmt: skip


def _correct_tenure(world: Any, url: str) -> Any:
    from opengov.organisations import tenures
    from opengov.organisations.models import Tenure

    tenure = Tenure.objects.get(pk=world.tenure.pk)
    return tenures.correct_tenure(
        by=world.admin, tenure=tenure, expected_version=tenure.version, start_on=tenure.start_on,
        end_on=tenure.end_on, appointment=tenure.appointment, source_url=url, note=tenure.note,
    )  # fmt: skip


def _new_project(world: Any, url: str) -> Any:
    from opengov.organisations import projects

    return projects.create_project(by=world.admin, network=world.network, title="Audit", url=url)


def _update_project(world: Any, url: str) -> Any:
    from opengov.organisations import projects
    from opengov.organisations.models import Project

    project = Project.objects.get(pk=world.project.pk)
    return projects.update_project(
        by=world.admin, project=project, expected_version=project.version, title=project.title,
        funder=project.funder, funder_name=project.funder_name, purpose=project.purpose,
        partners=list(project.partners.all()), status=project.status, url=url,
    )  # fmt: skip


URL_WRITERS = {
    "organisations.Tenure.source_url": [
        ("source_url", _new_tenure),
        ("source_url", _correct_tenure),
    ],
    "organisations.Project.url": [("url", _new_project), ("url", _update_project)],
}


def data_world(*, commitment: Any, organisation: Any, user: Any) -> None:
    """A post with a holder and a network's project: a row of each dataset."""
    from opengov.core.actors import SYSTEM
    from opengov.organisations.models import Network
    from opengov.organisations.tests.factories import PersonFactory

    network = Network.objects.create(name="Open Government Network", slug="data-ogn")
    _record(SYSTEM, network, organisation, PersonFactory(), "Anti-Corruption Champion")
