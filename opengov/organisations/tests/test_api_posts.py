"""The API of posts and projects: shapes, filters, 404s, the OpenAPI schema, constant query
counts for the lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory
from opengov.organisations.tests.post_factories import (
    NetworkFactory,
    PostFactory,
    ProjectFactory,
    TenureFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


def test_post_list_and_detail_shape(client):
    post = PostFactory(title="Minister for the Cabinet Office")
    TenureFactory(
        post=post,
        person=PersonFactory(name="Matt Hancock"),
        start_on=D(2015, 5, 11),
        end_on=D(2016, 7, 13),
    )
    TenureFactory(post=post, person=PersonFactory(name="Ben Gummer"), start_on=D(2016, 7, 14))
    listed = client.get("/api/v1/posts").json()
    assert listed["next"] is None
    [item] = listed["items"]
    assert item["title"] == "Minister for the Cabinet Office"
    assert [h["person"]["name"] for h in item["current_holders"]] == ["Ben Gummer"]
    assert item["url"] == post.get_absolute_url()
    detail = client.get(f"/api/v1/posts/{post.pk}").json()
    assert [h["person"]["name"] for h in detail["holders"]] == ["Ben Gummer", "Matt Hancock"]
    ended = detail["holders"][1]
    assert (ended["start_on"], ended["end_on"]) == ("2015-05-11", "2016-07-13")
    assert ended["appointment"] == {"key": "appointed", "label": "Appointed"}
    assert ended["source_url"].startswith("https://")
    assert "user" not in ended["person"] and "email" not in str(detail)


def test_project_list_filters_and_detail_shape(client):
    network = NetworkFactory(slug="ogn")
    partner = OrganisationFactory(name="NI Open Government Network")
    project = ProjectFactory(network=network, title="SDGs", url="https://example.org/sdgs")
    project.partners.add(partner)
    ProjectFactory(title="Elsewhere", status="completed")
    assert [p["title"] for p in client.get("/api/v1/projects").json()["items"]] == [
        "Elsewhere",
        "SDGs",
    ]
    assert [p["title"] for p in client.get("/api/v1/projects?network=ogn").json()["items"]] == [
        "SDGs"
    ]
    completed = client.get("/api/v1/projects?status=completed").json()["items"]
    assert [p["title"] for p in completed] == ["Elsewhere"]
    detail = client.get(f"/api/v1/projects/{project.pk}").json()
    assert detail["network"]["slug"] == "ogn"
    assert detail["funder"]["name"] == detail["funder_name"]
    assert [p["name"] for p in detail["partners"]] == ["NI Open Government Network"]
    assert detail["link"] == "https://example.org/sdgs"
    assert detail["url"] == project.get_absolute_url()
    assert detail["status"]["key"] == "active"


def test_unknown_post_and_project_are_404(client):
    assert client.get("/api/v1/posts/999999").status_code == 404
    assert client.get("/api/v1/projects/999999").status_code == 404
    assert client.get("/api/v1/projects?status=abandoned").status_code == 422


def test_openapi_lists_the_post_and_project_paths(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/posts",
        "/api/v1/posts/{post_id}",
        "/api/v1/projects",
        "/api/v1/projects/{project_id}",
    ]:
        assert path in paths


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("path", ["/api/v1/posts", "/api/v1/projects"])
def test_api_list_query_counts_are_constant(client, path):
    def grow(n: int) -> None:
        for _ in range(n):
            TenureFactory(start_on=D(2016, 1, 1))
            project = ProjectFactory()
            project.partners.add(OrganisationFactory(), OrganisationFactory())

    grow(10)
    small = count_queries(client, path + "?limit=100")
    grow(90)
    assert count_queries(client, path + "?limit=100") == small


def test_post_detail_query_count_is_constant(client):
    post = PostFactory()
    for year in range(2000, 2010):
        TenureFactory(post=post, start_on=D(year, 1, 1), end_on=D(year, 12, 31))
    small = count_queries(client, f"/api/v1/posts/{post.pk}")
    for year in range(1900, 1990):
        TenureFactory(post=post, start_on=D(year, 1, 1), end_on=D(year, 12, 31))
    assert count_queries(client, f"/api/v1/posts/{post.pk}") == small
