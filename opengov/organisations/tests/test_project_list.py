"""The projects page: every network's projects with their network, funder, partners, period and
status; filters by status and funder; pagination; the same queries at 10 and 100 projects. And
the API's funder filter, which matches the page's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.organisations.models import ProjectStatus
from opengov.organisations.tests.factories import OrganisationFactory
from opengov.organisations.tests.post_factories import NetworkFactory, ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/projects/"


@pytest.fixture
def projects():
    lottery = OrganisationFactory(name="The Big Lottery Fund")
    network = NetworkFactory(name="Open Government Network")
    sdgs = ProjectFactory(
        network=network,
        title="Open government and the SDGs",
        funder=lottery,
        start_on=dt.date(2016, 4, 1),
        end_on=dt.date(2018, 3, 31),
        status=ProjectStatus.ACTIVE,
    )
    sdgs.partners.add(OrganisationFactory(name="NI Open Government Network"))
    ProjectFactory(
        network=network,
        title="Local open government",
        funder=None,
        funder_name="Joseph Rowntree Charitable Trust",
        status=ProjectStatus.COMPLETED,
    )
    ProjectFactory(network=network, title="Open contracting", funder=lottery, status="planned")
    return network


def titles(body: str) -> list[str]:
    names = ["Open government and the SDGs", "Local open government", "Open contracting"]
    return [name for name in names if name in body]


def test_reverse_gives_the_projects_address():
    assert reverse("organisations:project-list") == URL


def test_lists_every_project_with_network_funder_partners_period_and_status(client, projects):
    response = client.get(URL)
    body = response.content.decode()
    assert response.status_code == 200 and body.count("<h1") == 1
    assert len(titles(body)) == 3
    for text in (
        "Open Government Network",
        "The Big Lottery Fund",
        "Joseph Rowntree Charitable Trust",
        "NI Open Government Network",
        "1 April 2016",
        "31 March 2018",
        "Completed",
        "Planned",
    ):
        assert text in body, text


def test_filters_by_status_and_by_funder(client, projects):
    assert titles(client.get(URL, {"status": "active"}).content.decode()) == [
        "Open government and the SDGs"
    ]
    lottery = client.get(URL, {"funder": "The Big Lottery Fund"}).content.decode()
    assert titles(lottery) == ["Open government and the SDGs", "Open contracting"]
    by_name = client.get(URL, {"funder": "Joseph Rowntree Charitable Trust"}).content.decode()
    assert titles(by_name) == ["Local open government"]
    both = client.get(URL, {"funder": "The Big Lottery Fund", "status": "planned"})
    assert titles(both.content.decode()) == ["Open contracting"]


def test_the_funder_filter_offers_every_funder_and_refuses_an_unknown_one(client, projects):
    body = client.get(URL).content.decode()
    assert '<option value="The Big Lottery Fund">' in body
    assert '<option value="Joseph Rowntree Charitable Trust">' in body
    response = client.get(URL, {"funder": "Nobody"})
    body = response.content.decode()
    assert response.status_code == 200 and "govuk-error-message" in body
    assert titles(body) == [] and "No projects match" in body


def test_the_list_is_paginated(client, settings):
    network = NetworkFactory()
    for n in range(settings.OPENGOV_LIST_PAGE_SIZE + 1):
        ProjectFactory(network=network, title=f"Strand {n:03d}")
    first = client.get(URL).content.decode()
    assert "Strand 000" in first and f"Strand {settings.OPENGOV_LIST_PAGE_SIZE:03d}" not in first
    assert "govuk-pagination" in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert f"Strand {settings.OPENGOV_LIST_PAGE_SIZE:03d}" in second


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def grow(n: int) -> None:
    network = NetworkFactory()
    for _ in range(n):
        project = ProjectFactory(network=network)
        project.partners.add(OrganisationFactory(), OrganisationFactory())


@pytest.mark.parametrize("query", ["", "?status=active", "?funder=Patron"])
def test_the_same_queries_at_10_and_100_projects(client, query):
    patron = OrganisationFactory(name="Patron")
    ProjectFactory(funder=patron)
    grow(10)
    small = count_queries(client, URL + query)
    grow(90)
    assert count_queries(client, URL + query) == small


def test_network_page_links_the_projects_page(client, projects):
    assert f'href="{URL}"' in client.get(projects.get_absolute_url()).content.decode()


def test_the_api_filters_projects_by_funder(client, projects):
    response = client.get("/api/v1/projects", {"funder": "Joseph Rowntree Charitable Trust"})
    assert response.status_code == 200
    assert [p["title"] for p in response.json()["items"]] == ["Local open government"]
    response = client.get("/api/v1/projects", {"funder": "The Big Lottery Fund"})
    assert [p["title"] for p in response.json()["items"]] == [
        "Open contracting",
        "Open government and the SDGs",
    ]
