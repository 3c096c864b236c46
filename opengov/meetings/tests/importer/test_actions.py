"""Action items: where they are found, their owner and their due date or phrase."""

from __future__ import annotations

import datetime

import pytest

from opengov.meetings.importer import extract
from opengov.meetings.importer.actions import leading_owner, make_item

MEETING = datetime.date(2017, 2, 7)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("OGN to write to MCO by 28 November", "OGN"),
        ("Cabinet Office invites feedback from the OGN", "Cabinet Office"),
        ("Jess Blair and Sian Williams to draft the summary", "Jess Blair and Sian Williams"),
        ("IRM researcher to share the revised draft", "IRM researcher"),
        ("All members to send comments", "All members"),
        ("Joe Bloggs will write to the highways team", "Joe Bloggs"),
        ("Circulate the minutes to all members", None),
        ("Send to the group by Friday", None),
        ("Share slides with members", None),
        ("It was agreed to meet again", None),
    ],
)
def test_leading_owner(text, owner):
    assert leading_owner(text) == owner


def test_strict_owner_refuses_a_comma_subject():
    assert leading_owner("NESTA, to expand the reach of the OGN", strict=True) is None
    assert leading_owner("OGN to trigger its process", strict=True) == "OGN"


@pytest.mark.parametrize(
    ("text", "owner", "due"),
    [
        ("Action: Priya Shah to circulate the review by 22 March.", "Priya Shah", "2017-03-22"),
        ("ACTION – Secretariat to book a room ASAP", "Secretariat", "ASAP"),
        ("Book a room for the March meeting (TH)", "TH", None),
        ("Publish the paper. Owner: Jane Smith. Due: 1 March", "Jane Smith", "2017-03-01"),
        ("Jane will circulate the paper (Action: JS)", "JS", None),
        ("All to reply by end of February", "All", "2017-02-28"),
    ],
)
def test_make_item(text, owner, due):
    item = make_item(text, MEETING)
    assert item is not None
    assert item.owner == owner
    assert (item.due.isoformat() if isinstance(item.due, datetime.date) else item.due) == due


def test_owner_and_due_lines_under_an_action():
    note = (
        "Minutes, 7 February 2017\n\nPresent: Ann Lee, Bo Chan\n\nActions\n\n"
        "- Circulate the nomination form\n  Owner: Ann Lee\n  Due: 14 February\n"
        "- Book the room\n  Owner: Bo Chan\n  Due: at the next meeting\n"
    )
    items = extract(note, filename="n.md").action_items
    assert [(a.text, a.owner, a.due) for a in items] == [
        ("Circulate the nomination form", "Ann Lee", datetime.date(2017, 2, 14)),
        ("Book the room", "Bo Chan", "at the next meeting"),
    ]


def test_action_table_columns():
    html = (
        "<h1>Minutes</h1><p>7 February 2017</p><h2>Actions</h2><table>"
        "<tr><th>No.</th><th>Action</th><th>Owner</th><th>Deadline</th></tr>"
        "<tr><td>1</td><td>Write to OS</td><td>Heather Savory</td><td>30/05/2017</td></tr>"
        "</table>"
    )
    items = extract(html, filename="m.html").action_items
    assert [(a.text, a.owner, a.due) for a in items] == [
        ("Write to OS", "Heather Savory", datetime.date(2017, 5, 30))
    ]


def test_sentences_with_owner_and_date_in_prose_are_actions_others_are_not():
    note = (
        "Minutes, 7 February 2017\n\nPresent: Ann Lee, Bo Chan\n\nItem 1: Data\n\n"
        "The group discussed the data. Bo Chan to share the schema by 2 March. "
        "The OGN Steering Committee will write to the Minister before the Summit.\n\n"
        "Item 2: Funding\n\nFunding came from three sources:\n\n"
        "• NESTA, to expand the reach of the network.\n• The Potter Foundation, to audit.\n\n"
        "Item 3: Close\n\nThe meeting closed.\n"
    )
    items = extract(note).action_items
    assert [(a.text, a.owner) for a in items] == [
        ("Bo Chan to share the schema by 2 March.", "Bo Chan")
    ]


def test_actions_heading_with_a_typo():
    note = "Minutes, 7 February 2017\n\nPresent: Ann Lee, Bo Chan\n\nActoins\n\n- Ann Lee to call\n"
    result = extract(note)
    assert [s.heading for s in result.sections] == ["Actoins"]
    assert [a.owner for a in result.action_items] == ["Ann Lee"]


def test_commitment_update_bullets_are_not_loose_actions():
    note = (
        "Minutes, 7 February 2017\n\nPresent: Ann Lee, Bo Chan\n\nUpdate on NAP3 commitments\n\n"
        "• 5. Open contracting – CCS to complete the work by 14 November.\n\nOther\n\nNothing.\n"
    )
    result = extract(note)
    assert result.action_items == []
    assert [(u.number, u.title) for u in result.commitment_updates] == [("5", "Open contracting")]


def test_owner_action_date_separated_by_dashes():
    item = make_item("Jane Smith – circulate the paper – 3 March", MEETING)
    assert (item.text, item.owner, item.due) == (
        "circulate the paper",
        "Jane Smith",
        datetime.date(2017, 3, 3),
    )


def test_numbered_inline_action_and_owner_only_marker():
    note = (
        "Minutes, 7 February 2017\n\nPresent: Ann Lee, Bo Chan\n\nItem 1: Launch\n\n"
        "The hub launches in June. Action 1: Bo Chan to send the plan by 20 February.\n\n"
        "Item 2: Terms\n\nThe terms of reference need revising. ACTION: Secretariat\n"
    )
    items = extract(note).action_items
    assert [(a.text, a.owner) for a in items] == [
        ("Bo Chan to send the plan by 20 February.", "Bo Chan"),
        ("The terms of reference need revising.", "Secretariat"),
    ]
