"""Open data: every dataset downloads as streamed CSV and JSON with the dictionary's columns,
public data only, spreadsheet formulas defused; the index and the dictionary pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from opengov.action_plans.models import DueDateRevision
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
)
from opengov.api.data import csv_cell, guard_formula
from opengov.api.datasets import DATASETS
from opengov.core import audit
from opengov.meetings.models import Decision
from opengov.meetings.tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MinutesSectionFactory,
)
from opengov.organisations.models import Membership
from opengov.organisations.tests.factories import PersonFactory
from tests.security.matrix_apps import PARTS

SECRET = "Secret draft commitment"


@pytest.fixture
def world(db, commitment, lead_organisation, participant):
    milestone = MilestoneFactory(commitment=commitment, text="=cmd|' /C calc'!A0")
    DueDateRevision.objects.create(
        milestone=milestone,
        old_due_on=dt.date(2017, 3, 31),
        old_due_precision="day",
        new_due_on=dt.date(2017, 6, 30),
        new_due_precision="month",
        reason="Postponed",
        revised_by=participant,
        revised_by_name="Ana Example",
    )
    ProgressUpdateFactory(
        commitment=commitment,
        author_name="Ana Example",
        evidence=[{"url": "https://example.gov.uk/a", "title": "A"}],
    )
    draft = CommitmentFactory(plan=ActionPlanFactory(published_at=None, title=SECRET), title=SECRET)
    draft_milestone = MilestoneFactory(commitment=draft, text=SECRET)
    ProgressUpdateFactory(commitment=draft, text=SECRET)
    DueDateRevision.objects.create(
        milestone=draft_milestone,
        old_due_precision="day",
        new_due_on=dt.date(2017, 6, 30),
        new_due_precision="day",
        reason=SECRET,
        revised_by_name="Someone",
    )
    person = PersonFactory(name="Ana Example", user=participant)
    Membership.objects.create(
        person=person, organisation=lead_organisation, role="Minister", start_on=dt.date(2016, 1, 1)
    )
    section = MinutesSectionFactory(commitments=[commitment])  # of a public meeting
    AttendanceFactory(meeting=section.meeting, person=person, organisation=lead_organisation)
    Decision.objects.create(meeting=section.meeting, section=section, text="Meet monthly")
    ActionItemFactory(meeting=section.meeting, owner_organisation=lead_organisation)
    with transaction.atomic():
        audit.record(actor=participant, verb="test.public", obj=commitment)
        audit.record(actor=participant, verb="test.private", obj=draft, is_public=False)
    for part in PARTS:  # each app's rows for its own datasets
        if hasattr(part, "data_world"):
            part.data_world(commitment=commitment, organisation=lead_organisation, user=participant)
    return {"commitment": commitment, "draft": draft}


def content(response) -> str:
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(client, name: str) -> list[list[str]]:
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="{name}.csv"' in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(content(response))))


@pytest.mark.parametrize("name", list(DATASETS))
def test_csv_download_has_the_dictionary_columns(client, world, name):
    rows = read_csv(client, name)
    assert rows[0] == [column.name for column in DATASETS[name].columns]
    assert len(rows) > 1
    assert all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize("name", list(DATASETS))
def test_json_download_is_a_valid_array_of_the_dictionary_columns(client, world, name):
    response = client.get(f"/data/{name}.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    items = json.loads(content(response))
    assert isinstance(items, list) and items
    assert all(list(item) == [c.name for c in DATASETS[name].columns] for item in items)


def test_empty_dataset_is_valid_json_and_csv(client, db):
    assert json.loads(content(client.get("/data/revisions.json"))) == []
    assert read_csv(client, "revisions") == [[c.name for c in DATASETS["revisions"].columns]]


@pytest.mark.parametrize("name", ["plans", "commitments", "milestones", "revisions", "updates"])
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_drafts_are_not_in_downloads(client, world, name, extension):
    text = content(client.get(f"/data/{name}.{extension}"))
    assert SECRET not in text


def test_private_history_is_not_in_downloads(client, world):
    events = json.loads(content(client.get("/data/history.json")))
    verbs = {event["verb"] for event in events}
    assert "test.public" in verbs and "test.private" not in verbs


def test_no_email_address_in_downloads(client, world):
    for name in DATASETS:
        for extension in ("csv", "json"):
            assert "@example.org" not in content(client.get(f"/data/{name}.{extension}"))


def test_csv_formula_is_defused(client, world):
    rows = read_csv(client, "milestones")
    text_column = rows[0].index("text")
    assert rows[1][text_column] == "'=cmd|' /C calc'!A0"


def test_json_keeps_values_as_they_are(client, world):
    items = json.loads(content(client.get("/data/milestones.json")))
    assert items[0]["text"] == "=cmd|' /C calc'!A0"
    updates = json.loads(content(client.get("/data/updates.json")))
    assert updates[0]["evidence"] == ["https://example.gov.uk/a"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("-5", "-5"),
        ("+3.25", "+3.25"),
        ("-1e3", "-1e3"),
        ("plain text", "plain text"),
        ("", ""),
    ],
)
def test_guard_formula(cell, expected):
    assert guard_formula(cell) == expected


def test_csv_cell_formats_values():
    assert csv_cell(None) == ""
    assert csv_cell(True) == "true"
    assert csv_cell(dt.date(2016, 11, 10)) == "2016-11-10"
    assert csv_cell(["a", "=b"]) == "a; =b"
    assert csv_cell(["=a", "b"]) == "'=a; b"
    assert csv_cell({"b": 1, "a": [None, "x"]}) == '{"a": [null, "x"], "b": 1}'


def test_unknown_dataset_is_404(client, db):
    assert client.get("/data/secrets.csv").status_code == 404
    assert client.get("/data/secrets.json").status_code == 404


def test_download_query_count_does_not_grow_with_rows(client, db, lead_organisation):
    def count(n: int) -> int:
        plan = ActionPlanFactory()
        for _ in range(n):
            CommitmentFactory(plan=plan, lead_organisations=[lead_organisation])
        with CaptureQueriesContext(connection) as queries:
            content(client.get("/data/commitments.csv"))
        return len(queries)

    assert count(5) == count(40)


def test_index_lists_every_dataset_with_links_and_licence(client, db):
    response = client.get("/data/")
    assert response.status_code == 200
    html = response.content.decode()
    for name in DATASETS:
        assert f'href="/data/{name}.csv"' in html
        assert f'href="/data/{name}.json"' in html
    assert 'href="/data/dictionary/"' in html
    assert 'href="/data/commitments-ogp.csv"' in html
    assert "Open Government Licence" in html


def test_dictionary_lists_every_column(client, db):
    response = client.get("/data/dictionary/")
    assert response.status_code == 200
    html = response.content.decode()
    for name, dataset in DATASETS.items():
        assert f'id="{name}"' in html
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html
            assert column.type in html


def test_ogp_layout_download_is_routed(client, world):
    pytest.importorskip("opengov.action_plans.ogp.views")
    response = client.get("/data/commitments-ogp.csv")
    assert response.status_code == 200
