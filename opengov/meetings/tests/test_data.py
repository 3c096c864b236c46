"""Open data of meetings: meetings, attendance, minutes sections, decisions and action items
download as streamed CSV and JSON with the dictionary's columns, public meetings only, no contact
details, spreadsheet formulas defused."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.api.datasets import DATASETS
from opengov.meetings.models import Decision
from opengov.meetings.tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MinutesSectionFactory,
)
from opengov.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.urls("opengov.meetings.tests.feed_test_urls")

NAMES = ["meetings", "attendances", "minutes-sections", "decisions", "action-items"]
SECRET = "Secret meeting text"
FORMULA = '=HYPERLINK("http://evil.example")'


@pytest.fixture
def world(db, commitment, lead_organisation, civil_society_organisation, participant):
    meeting = MeetingFactory(title="Where we've got to", summary="Progress")
    ana = PersonFactory(name="Ana Example", user=participant)
    AttendanceFactory(
        meeting=meeting, person=ana, organisation=civil_society_organisation, role="chair"
    )
    absent = AttendanceFactory(meeting=meeting, organisation=lead_organisation)
    absent.sent_apologies = True
    absent.save()
    draft = CommitmentFactory(plan=ActionPlanFactory(published_at=None))
    section = MinutesSectionFactory(
        meeting=meeting, heading="Open contracting", commitments=[commitment, draft]
    )
    Decision.objects.create(meeting=meeting, section=section, text="Meet monthly")
    action = ActionItemFactory(
        meeting=meeting,
        text=FORMULA,
        owner_organisation=lead_organisation,
        owner_person=ana,
        due_on=dt.date(2016, 12, 1),
        commitment=draft,
    )
    private = MeetingFactory(title=SECRET, summary=SECRET, is_public=False)
    AttendanceFactory(meeting=private, person=PersonFactory(name=SECRET))
    private_section = MinutesSectionFactory(meeting=private, heading=SECRET, text=SECRET)
    Decision.objects.create(meeting=private, section=private_section, text=SECRET)
    ActionItemFactory(meeting=private, text=SECRET)
    return locals()


def content(response) -> str:
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(client, name: str) -> list[list[str]]:
    response = client.get(f"/data/{name}.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(content(response))))


def read_json(client, name: str) -> list[dict]:
    response = client.get(f"/data/{name}.json")
    assert response["Content-Type"].startswith("application/json")
    return json.loads(content(response))


@pytest.mark.parametrize("name", NAMES)
def test_csv_and_json_have_the_dictionary_columns(client, world, name):
    columns = [column.name for column in DATASETS[name].columns]
    rows = read_csv(client, name)
    assert rows[0] == columns and len(rows) > 1
    items = read_json(client, name)
    assert items and all(list(item) == columns for item in items)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_private_meetings_are_not_in_downloads(client, world, name, extension):
    text = content(client.get(f"/data/{name}.{extension}"))
    assert SECRET not in text
    assert "@example.org" not in text


def test_attendance_gives_names_roles_and_apologies(client, world):
    rows = read_json(client, "attendances")
    meeting = world["meeting"].pk
    assert rows[0] == {
        "meeting_id": meeting,
        "person": "Ana Example",
        "person_slug": world["ana"].slug,
        "organisation": "Involve",
        "organisation_slug": "involve",
        "role": "chair",
        "role_label": "Chair",
        "sent_apologies": False,
    }
    assert rows[1]["sent_apologies"] is True
    assert rows[1]["organisation"] == "Cabinet Office"


def test_sections_name_published_commitments_only(client, world):
    (section,) = read_json(client, "minutes-sections")
    assert section["commitment_ids"] == [world["commitment"].pk]
    rows = read_csv(client, "minutes-sections")
    assert rows[1][rows[0].index("commitment_ids")] == str(world["commitment"].pk)


def test_action_items_download(client, world):
    (item,) = read_json(client, "action-items")
    assert item["text"] == FORMULA
    assert item["owner"] == "Ana Example"
    assert item["owner_organisation"] == "cabinet-office"
    assert item["due_on"] == "2016-12-01"
    assert item["status"] == "open"
    assert item["commitment_id"] is None  # it names a commitment of a draft plan
    assert item["url"] == world["action"].get_absolute_url()


def test_csv_formula_is_defused(client, world):
    rows = read_csv(client, "action-items")
    assert rows[1][rows[0].index("text")] == "'" + FORMULA


def test_index_and_dictionary_list_the_meeting_datasets(client, db):
    index = client.get("/data/").content.decode()
    dictionary = client.get("/data/dictionary/").content.decode()
    for name in NAMES:
        assert f'href="/data/{name}.csv"' in index
        assert f'href="/data/{name}.json"' in index
        assert f'id="{name}"' in dictionary
        for column in DATASETS[name].columns:
            assert f"<code>{column.name}</code>" in dictionary


@pytest.mark.parametrize("name", NAMES)
def test_download_query_count_does_not_grow_with_rows(client, db, commitment, name):
    def count(n: int) -> int:
        for _ in range(n):
            meeting = MeetingFactory()
            AttendanceFactory(meeting=meeting)
            section = MinutesSectionFactory(meeting=meeting, commitments=[commitment])
            Decision.objects.create(meeting=meeting, section=section, text="Agreed")
            ActionItemFactory(meeting=meeting, owner_person=PersonFactory(), commitment=commitment)
        with CaptureQueriesContext(connection) as queries:
            content(client.get(f"/data/{name}.csv"))
        return len(queries)

    assert count(3) == count(30)
