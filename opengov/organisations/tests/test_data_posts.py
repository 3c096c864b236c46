"""Open data of posts, tenures and projects: streamed CSV and JSON with the dictionary's columns,
names only, spreadsheet formulas defused, constant query counts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.api.datasets import DATASETS
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory
from opengov.organisations.tests.post_factories import PostFactory, ProjectFactory, TenureFactory

pytestmark = pytest.mark.django_db

NAMES = ["posts", "tenures", "projects"]
FORMULA = '=HYPERLINK("http://evil.example")'


@pytest.fixture
def world(participant):
    post = PostFactory(title="Anti-Corruption Champion", description=FORMULA)
    tenure = TenureFactory(
        post=post,
        person=PersonFactory(name="Sir Eric Pickles", user=participant),
        start_on=dt.date(2016, 1, 1),
        appointment="reappointed",
    )
    project = ProjectFactory(
        title="Audit", funder=OrganisationFactory(name="The Potter Foundation")
    )
    project.partners.add(OrganisationFactory(name="SCVO", slug="scvo"))
    return {"post": post, "tenure": tenure, "project": project}


def content(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(client, name: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content(client.get(f"/data/{name}.csv")))))


def read_json(client, name: str) -> list[dict]:
    return json.loads(content(client.get(f"/data/{name}.json")))


@pytest.mark.parametrize("name", NAMES)
def test_csv_and_json_have_the_dictionary_columns(client, world, name):
    columns = [column.name for column in DATASETS[name].columns]
    rows = read_csv(client, name)
    assert rows[0] == columns and len(rows) == 2
    items = read_json(client, name)
    assert len(items) == 1 and list(items[0]) == columns
    assert "@example" not in json.dumps(items)


def test_tenure_and_project_rows(client, world):
    (tenure,) = read_json(client, "tenures")
    assert tenure["person"] == "Sir Eric Pickles"
    assert (tenure["start_on"], tenure["end_on"]) == ("2016-01-01", None)
    assert (tenure["appointment"], tenure["appointment_label"]) == ("reappointed", "Reappointed")
    assert tenure["post_id"] == world["post"].pk
    (project,) = read_json(client, "projects")
    assert project["funder_name"] == "The Potter Foundation"
    assert project["partners"] == ["scvo"]
    assert project["url"] == world["project"].get_absolute_url()


def test_csv_formula_is_defused(client, world):
    rows = read_csv(client, "posts")
    assert rows[1][rows[0].index("description")] == "'" + FORMULA


def test_index_lists_the_datasets(client, db):
    index = client.get("/data/").content.decode()
    for name in NAMES:
        assert f'href="/data/{name}.csv"' in index


@pytest.mark.parametrize("name", NAMES)
def test_download_query_count_does_not_grow_with_rows(client, db, name):
    def count(n: int) -> int:
        for _ in range(n):
            TenureFactory()
            ProjectFactory().partners.add(OrganisationFactory())
        with CaptureQueriesContext(connection) as queries:
            content(client.get(f"/data/{name}.csv"))
        return len(queries)

    assert count(3) == count(30)
