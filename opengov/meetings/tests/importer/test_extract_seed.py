"""The seed note (a real OGN–Cabinet Office meeting note) comes out exactly as specified."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from opengov.meetings.importer import extract

SEED = Path(__file__).parent / "corpus" / "ogn-2016-11-10.txt"
ATTENDEES = [
    ("Tim Hughes", "Involve"),
    ("Kaela Scott", "Involve"),
    ("Simon Burall", "Involve"),
    ("Jag Goraya", "The Better With Data Society"),
    ("Gavin Freeguard", None),
    ("Lorriann Robinson", "The ONE Campaign"),
    ("Rachel Davies", "Transparency International"),
    ("Maria Stephens", "CRAE"),
    ("Michelle Brook", "Demsoc"),
    ("Tonu Basu", "OGP"),
    ("Tom Orrell", "Publish What You Fund"),
    ("Paul Taylor", "OpenUK"),
    ("Rachel Rank", "360Giving"),
    ("Elcena Jeffers", "Elcena Jeffers Foundation"),
    ("Colin Horswell", None),
    ("Ruchir Shah", "SCVO"),
    ("Miles Litvinoff", "Publish What You Pay UK"),
    ("David McBurney", "NI Open Government Network"),
    ("Thom Townsend", "Cabinet Office"),
    ("Jeremy Foster", "Cabinet Office"),
    ("William Gerry", "Cabinet Office"),
]


@pytest.fixture(scope="module")
def seed() -> dict:
    return extract(SEED.read_bytes(), filename=SEED.name).to_json()


def test_seed_meeting_title_and_date_without_a_given_date(seed):
    assert seed["meeting"] == {
        "title": "Where we’ve got to; the OGP Summit; & what’s next",
        "date": "2016-11-10",
    }


def test_seed_given_meeting_date_wins():
    result = extract(SEED.read_bytes(), meeting_date=datetime.date(2016, 11, 11))
    assert result.date == datetime.date(2016, 11, 11)


def test_seed_attendees_in_order_with_organisations_as_written(seed):
    assert [(a["name"], a["organisation"]) for a in seed["attendees"]] == ATTENDEES
    assert {a["role"] for a in seed["attendees"]} == {"attendee"}
    assert seed["apologies"] == []


def test_seed_commitment_updates(seed):
    updates = [(u["number"], u["title"]) for u in seed["commitment_updates"]]
    assert updates == [
        ("4", "Innovation Hub"),
        ("5", "Open contracting"),
        ("6", "Grants data"),
        ("7", "Elections data"),
        ("11", "Better use of data assets"),
    ]
    assert seed["commitment_updates"][0]["text"].startswith("CO are returning to this")


def test_seed_actions(seed):
    actions = [(a["owner"], a["due"]) for a in seed["action_items"]]
    assert actions == [
        ("OGN", "2016-11-28"),
        ("Cabinet Office", "in the New Year"),
        ("Cabinet Office", None),
        ("OGN", None),
    ]
    texts = [a["text"] for a in seed["action_items"]]
    assert texts[0] == "OGN to write to MCO by 28 November"
    assert texts[1].startswith("Cabinet Office to arrange a meeting")
    assert texts[2].startswith("Cabinet Office invites feedback")
    assert texts[3].startswith("OGN to trigger its process")


def test_seed_funding_bullets_are_not_actions_and_nothing_is_a_decision(seed):
    assert not any("Lottery" in a["text"] or "NESTA" in a["text"] for a in seed["action_items"])
    assert seed["decisions"] == []


def test_seed_sections(seed):
    assert [s["heading"] for s in seed["sections"]] == [
        "New OGN funding",
        "Update on NAP3 commitments",
        "Update on next round of commitments",
        "Discussion of NAP 3 processes and commitments",
        "Making the most of OGP Paris Summit",
        "Government Attendees",
        "Discussion of opportunities to engage the Minister",
        "Actions",
    ]
    funding = seed["sections"][0]["text"]
    assert funding.startswith("Involve has been successful") and "• NESTA" in funding
    assert all(s["commitment_number"] is None for s in seed["sections"])


def test_seed_matches_its_expected_json_exactly(seed):
    expected = json.loads(SEED.with_name("ogn-2016-11-10.expected.json").read_text())
    for key in ("meeting", "attendees", "apologies", "decisions", "action_items"):
        assert seed[key] == expected[key]
    assert [s["heading"] for s in seed["sections"]] == [s["heading"] for s in expected["sections"]]
    assert seed["commitment_updates"] == expected["commitment_updates"]


def test_seed_json_shape_and_key_order(seed):
    assert list(seed) == [
        "meeting", "attendees", "apologies", "sections", "commitment_updates", "decisions",
        "action_items", "warnings",
    ]  # fmt: skip
    assert list(seed["meeting"]) == ["title", "date"]
    assert list(seed["action_items"][0]) == ["text", "owner", "due"]
    assert list(seed["sections"][0]) == ["heading", "text", "commitment_number"]
