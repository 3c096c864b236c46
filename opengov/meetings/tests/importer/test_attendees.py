"""Attendance lines in the forms real minutes use, and attendance sections."""

from __future__ import annotations

import pytest

from opengov.meetings.importer import extract
from opengov.meetings.importer.people import looks_like_person_line, parse_people


def _people(text: str, **kwargs) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.organisation, p.role) for p in parse_people(text, **kwargs)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tim Hughes, Involve", [("Tim Hughes", "Involve", "attendee")]),
        ("Gavin Freeguard", [("Gavin Freeguard", None, "attendee")]),
        ("Elcena Jeffers, Elcena Jeffers Foundation",
         [("Elcena Jeffers", "Elcena Jeffers Foundation", "attendee")]),
        ("Alex Morton (HM Treasury), Priya Shah (Department for Education)",
         [("Alex Morton", "HM Treasury", "attendee"),
          ("Priya Shah", "Department for Education", "attendee")]),
        ("Sue Bishop (Cabinet Office) (Chair)", [("Sue Bishop", "Cabinet Office", "chair")]),
        ("Hannah Price (Cabinet Office, minutes)",
         [("Hannah Price", "Cabinet Office", "note_taker")]),
        ("Heather Savory – Chair", [("Heather Savory", None, "chair")]),
        ("Jess Blair – Electoral Reform Society Cymru",
         [("Jess Blair", "Electoral Reform Society Cymru", "attendee")]),
        ("Ben Worthy – Birkbeck, University of London",
         [("Ben Worthy", "Birkbeck, University of London", "attendee")]),
        ("Gareth Lloyd (Ministry of Housing, Communities and Local Government)",
         [("Gareth Lloyd", "Ministry of Housing, Communities and Local Government", "attendee")]),
        ("Jane Smith (JS), Involve", [("Jane Smith", "Involve", "attendee")]),
        ("Kwame Mensah (Open Data Institute) (for item 3)",
         [("Kwame Mensah", "Open Data Institute", "guest")]),
        ("• Kaela Scott, Involve (notes)", [("Kaela Scott", "Involve", "note_taker")]),
        ("Amira Hassan, London Councils (secretariat)",
         [("Amira Hassan", "London Councils", "attendee")]),
    ],
)  # fmt: skip
def test_one_line_forms(line, expected):
    assert _people(line) == expected


def test_run_on_lists():
    assert _people("Jane Smith, John Doe, Ann Lee", inline=True) == [
        ("Jane Smith", None, "attendee"),
        ("John Doe", None, "attendee"),
        ("Ann Lee", None, "attendee"),
    ]
    assert _people("Jane Smith, Cabinet Office, John Doe, Involve, Ann Lee", inline=True) == [
        ("Jane Smith", "Cabinet Office", "attendee"),
        ("John Doe", "Involve", "attendee"),
        ("Ann Lee", None, "attendee"),
    ]
    assert _people("Jane Smith (CO); Tom Orrell, Publish What You Fund") == [
        ("Jane Smith", "CO", "attendee"),
        ("Tom Orrell", "Publish What You Fund", "attendee"),
    ]
    assert _people("Jess Blair and Sian Williams", inline=True) == [
        ("Jess Blair", None, "attendee"),
        ("Sian Williams", None, "attendee"),
    ]


def test_person_lines_versus_prose():
    assert looks_like_person_line("Tim Hughes, Involve")
    assert looks_like_person_line("Colin Horswell")
    assert not looks_like_person_line("The latest update is available here.")
    assert not looks_like_person_line("New OGN funding")


def test_sections_labels_chair_and_apologies():
    note = (
        "Forum minutes, 4 October 2017\n\nChair: Cllr Asher Craig\n\n"
        "Present: Cllr Asher Craig (Bristol City Council), Paul Smith\n\n"
        "In attendance:\nMike Jones (Bristol City Council, minutes)\nLucy Grant (Council)\n\n"
        "Apolgies: Emma Watts (Voscur)\n\nItem 1: Welcome\n\nThe Chair welcomed everyone.\n"
    )
    result = extract(note)
    assert [(p.name, p.organisation, p.role) for p in result.attendees] == [
        ("Cllr Asher Craig", "Bristol City Council", "chair"),
        ("Paul Smith", None, "attendee"),
        ("Mike Jones", "Bristol City Council", "note_taker"),
        ("Lucy Grant", "Council", "guest"),
    ]
    assert [(p.name, p.organisation) for p in result.apologies] == [("Emma Watts", "Voscur")]
    assert [s.heading for s in result.sections] == ["Item 1: Welcome"]


def test_apologies_none_is_nobody():
    result = extract("Minutes\n\nPresent: Ann Lee, Bo Chan\n\nApologies: None\n\nItem 1: A\n\nB.")
    assert result.apologies == []


def test_organisation_first_lines_under_an_attendance_heading():
    result = extract(
        "Minutes\n\nPresent\nCabinet Office: Jane Smith, John Doe\nInvolve: Tim Hughes\n"
    )
    assert [(p.name, p.organisation) for p in result.attendees] == [
        ("Jane Smith", "Cabinet Office"),
        ("John Doe", "Cabinet Office"),
        ("Tim Hughes", "Involve"),
    ]


def test_prose_section_about_attendees_is_a_section_not_a_list():
    result = extract(
        "Notes\n\nPresent: Ann Lee\n\nGovernment Attendees\n\n"
        "Ben Gummer, Minister for the Cabinet Office, is going to the Summit.\n"
    )
    assert [s.heading for s in result.sections] == ["Government Attendees"]
    assert [p.name for p in result.attendees] == ["Ann Lee"]
