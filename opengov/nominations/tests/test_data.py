"""The nominations' open data: streamed CSV and JSON with the dictionary's columns, public rounds
only, results as totals and never a ballot."""

from __future__ import annotations

import csv
import io
import json

import pytest

from opengov.api.datasets import DATASETS
from opengov.nominations import services
from opengov.nominations.choices import RoundStatus
from opengov.nominations.models import Ballot

from .factories import make_round, move_to, standing_nomination

NAMES = ["nomination-rounds", "nominations", "nomination-results"]


@pytest.fixture
def world(net, secretariat):
    round_ = make_round(secretariat, net.body, seats=1)
    a, b = (standing_nomination(net, round_, i, by_member=i) for i in range(2))
    round_ = move_to(round_, RoundStatus.VOTING_OPEN)
    for i, choice in enumerate((a, b, a)):
        services.cast_vote(
            by=net.voters[i], round=round_, organisation=net.members[i], choices={None: [choice.pk]}
        )
    services.publish_results(by=secretariat, round=move_to(round_, RoundStatus.COUNTING), seed=5)
    draft = make_round(secretariat, net.body, opened=False, title="SECRET draft round")
    return {"round": round_, "a": a, "b": b, "draft": draft}


def content(response) -> str:
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_csv_and_json_have_the_dictionary_columns(client, world, name):
    columns = [column.name for column in DATASETS[name].columns]
    rows = list(csv.reader(io.StringIO(content(client.get(f"/data/{name}.csv")))))
    assert rows[0] == columns and len(rows) > 1
    items = json.loads(content(client.get(f"/data/{name}.json")))
    assert items and all(list(item) == columns for item in items)


@pytest.mark.parametrize("name", NAMES)
def test_downloads_hold_no_draft_and_no_ballot(client, world, name):
    text = content(client.get(f"/data/{name}.json"))
    assert "SECRET" not in text and "@example.org" not in text
    assert all(str(ballot.id) not in text for ballot in Ballot.objects.all())


def test_results_are_totals(client, world):
    items = json.loads(content(client.get("/data/nomination-results.json")))
    votes = {item["candidate"]: (item["first_votes"], item["is_elected"]) for item in items}
    assert votes == {"Nominee 0": ("2", True), "Nominee 1": ("1", False)}
    rounds = json.loads(content(client.get("/data/nomination-rounds.json")))
    assert [(r["status"], r["votes_cast"]) for r in rounds] == [("results_published", 3)]
