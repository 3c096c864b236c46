"""Forms found when the extractor met notes it was not tuned on: job titles beside names,
one-a-line lists whose organisations hold commas, "In attendance" as the only list, sentence
apologies, a flattened table followed by labelled lines, "Commitment 5 – …" updates, "The Board
RESOLVED", minutes "accepted", reported speech, and a venue after the date in a title line.
The examples are invented for these tests."""

from __future__ import annotations

import io

import docx
import pytest

from opengov.meetings.importer import extract
from opengov.meetings.importer.decisions import is_decision
from opengov.meetings.importer.people import looks_like_job_title, parse_people


def _people(text: str, **kwargs) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.organisation, p.role) for p in parse_people(text, **kwargs)]


def _who(people: list[dict]) -> list[tuple]:
    return [tuple(p.values()) for p in people]


@pytest.mark.parametrize(
    "text",
    ["Chief Executive", "Non-Executive Director", "Director of Finance", "Head of Data",
     "Company Secretary", "Deputy Head of Policy", "Minister for Digital", "Programme Manager",
     "Professor of Law", "Senior Policy Adviser"],
)  # fmt: skip
def test_job_titles(text):
    assert looks_like_job_title(text)


@pytest.mark.parametrize(
    "text",
    ["Cabinet Office", "Involve", "Scottish Executive", "Leeds City Council", "IRM researcher",
     "Cabinet Office official", "Open Data Institute", "Office for National Statistics"],
)  # fmt: skip
def test_organisations_are_not_job_titles(text):
    assert not looks_like_job_title(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Amy Lowe, Chief Operating Officer", [("Amy Lowe", None, "attendee")]),
        ("Dr Tariq Aziz, Director of Strategy", [("Dr Tariq Aziz", None, "attendee")]),
        (
            "Amy Lowe, Head of Policy, Citizens Advice",
            [("Amy Lowe", "Citizens Advice", "attendee")],
        ),
        ("Amy Lowe – Programme Manager", [("Amy Lowe", None, "attendee")]),
        ("Amy Lowe (Director of Finance)", [("Amy Lowe", None, "attendee")]),
        ("Ben Carr, Company Secretary (minutes)", [("Ben Carr", None, "note_taker")]),
    ],
)
def test_a_job_title_is_not_an_organisation(line, expected):
    assert _people(line) == expected


def test_run_on_list_with_job_titles_and_organisations():
    line = "Amy Lowe, Head of Policy, Citizens Advice, Ben Carr, Involve, Cara Dunn, Treasurer"
    assert _people(line, inline=True) == [
        ("Amy Lowe", "Citizens Advice", "attendee"),
        ("Ben Carr", "Involve", "attendee"),
        ("Cara Dunn", None, "attendee"),
    ]


def test_one_a_line_list_keeps_an_organisation_with_commas():
    note = (
        "Regional Data Forum\n\nDate: 3 April 2021\n\nPresent:\n"
        "Amy Lowe, Department for Environment, Food and Rural Affairs\n"
        "Ben Carr, Involve\nCara Dunn\nDev Patel, Open Data Institute (Chair)\n\n"
        "1. Welcome\nAmy welcomed everyone.\n"
    )
    out = extract(note, filename="n.txt").to_json()
    assert _who(out["attendees"]) == [
        ("Amy Lowe", "Department for Environment, Food and Rural Affairs", "attendee"),
        ("Ben Carr", "Involve", "attendee"),
        ("Cara Dunn", None, "attendee"),
        ("Dev Patel", "Open Data Institute", "chair"),
    ]


def test_in_attendance_alone_is_the_list_of_attendees():
    note = (
        "Riverside Tenants Meeting\n\nDate: 3 April 2021\n\n"
        "In attendance: Amy Lowe (Chair), Ben Carr (Riverside Homes), Cara Dunn\n\n"
        "Apologies were received from Dev Patel (Riverside Homes) and Eve Moss.\n\n"
        "1. Welcome\nAmy welcomed everyone.\n"
    )
    out = extract(note, filename="n.txt").to_json()
    assert _who(out["attendees"]) == [
        ("Amy Lowe", None, "chair"),
        ("Ben Carr", "Riverside Homes", "attendee"),
        ("Cara Dunn", None, "attendee"),
    ]
    assert _who(out["apologies"]) == [("Dev Patel", "Riverside Homes"), ("Eve Moss", None)]


def test_in_attendance_beside_a_members_list_is_guests():
    note = (
        "Finance Committee\n\nDate: 3 April 2021\n\n"
        "Present: Amy Lowe (Chair), Ben Carr (Involve)\n"
        "In attendance: Cara Dunn (Audit Scotland)\n\n"
        "1. Welcome\nAmy welcomed everyone.\n"
    )
    out = extract(note, filename="n.txt").to_json()
    assert ("Cara Dunn", "Audit Scotland", "guest") in _who(out["attendees"])
    assert ("Ben Carr", "Involve", "attendee") in _who(out["attendees"])


def test_flattened_table_ends_at_a_labelled_line():
    html = (
        "<h1>Audit Committee</h1><p>The meeting was held on 3 April 2021.</p>"
        "<p><strong>Attendees</strong></p><p><strong>Apologies</strong></p>"
        "<p>Cllr Amy Lowe (Chair)</p><p>Cllr Ben Carr</p><p>Cllr Cara Dunn</p><p>&nbsp;</p>"
        "<p>Also in attendance: Dev Patel (Audit Wales)</p>"
        "<p>Minutes taken by: Eve Moss (Council)</p><h2>Item 1 – Welcome</h2><p>Hello.</p>"
    )
    out = extract(html, filename="n.html").to_json()
    assert _who(out["attendees"]) == [
        ("Cllr Amy Lowe", None, "chair"),
        ("Cllr Cara Dunn", None, "attendee"),
        ("Dev Patel", "Audit Wales", "guest"),
        ("Eve Moss", "Council", "note_taker"),
    ]
    assert _who(out["apologies"]) == [("Cllr Ben Carr", None)]


def test_word_table_with_job_title_roles():
    document = docx.Document()
    document.add_paragraph("Grants Network", style="Title")
    document.add_paragraph("Date: 3 April 2021")
    document.add_heading("Attendees", level=2)
    table = document.add_table(rows=0, cols=3)
    for row in [("Name", "Organisation", "Role"), ("Amy Lowe", "Involve", "Chair"),
                ("Ben Carr", "", "Member"), ("Cara Dunn", "360Giving", "Minutes")]:  # fmt: skip
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.add_heading("1. Welcome", level=2)
    document.add_paragraph("Amy welcomed everyone.")
    buffer = io.BytesIO()
    document.save(buffer)
    out = extract(buffer.getvalue(), filename="n.docx").to_json()
    assert _who(out["attendees"]) == [
        ("Amy Lowe", "Involve", "chair"),
        ("Ben Carr", None, "attendee"),
        ("Cara Dunn", "360Giving", "note_taker"),
    ]


def test_commitment_lines_in_a_numbered_heading_with_a_colon():
    note = (
        "Open Government Network\n\nDate: 3 April 2021\n\nPresent: Amy Lowe, Ben Carr\n\n"
        "1. Welcome\nAmy welcomed everyone.\n\n"
        "2. Action plan 2021-23: progress\n"
        "Commitment 2 – Open procurement: The new portal went live in March.\n"
        "Commitment 7 – Health data: Work has paused until the summer.\n\n"
        "3. Other business\nNone.\n"
    )
    out = extract(note, filename="n.txt").to_json()
    assert [s["heading"] for s in out["sections"]] == [
        "1. Welcome", "2. Action plan 2021-23: progress", "3. Other business",
    ]  # fmt: skip
    assert [(u["number"], u["title"], u["text"]) for u in out["commitment_updates"]] == [
        ("2", "Open procurement", "The new portal went live in March."),
        ("7", "Health data", "Work has paused until the summer."),
    ]


def test_explicit_commitment_lines_count_in_any_section():
    note = (
        "Network meeting\n\nDate: 3 April 2021\n\nPresent: Amy Lowe, Ben Carr\n\n"
        "1. Updates from members\nBen gave an update.\n"
        "Commitment 3 – Open budgets: The budget explainer is out.\n"
        "Amy thanked him.\n"
    )
    out = extract(note, filename="n.txt").to_json()
    assert [(u["number"], u["title"], u["text"]) for u in out["commitment_updates"]] == [
        ("3", "Open budgets", "The budget explainer is out."),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Committee RESOLVED to defer the item to June.",
        "The Panel AGREED to write to the Minister.",
        "The minutes of the last meeting were accepted as a true record.",
        "The notes of the March meeting were adopted without amendment.",
        "Amy explained that the budget was late, and it was agreed to revisit it in May.",
        "The Board noted that the audit was late and agreed to defer the accounts.",
    ],
)
def test_decisions(sentence):
    assert is_decision(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ben reported that the council has agreed in principle to open its data.",
        "Cara said that the department had approved the scheme last year.",
        "Amy noted that the auditors have confirmed the figures.",
        "Dev explained that the form is long but agreed it was hard to fill in.",
    ],
)
def test_reported_speech_is_not_a_decision(sentence):
    assert not is_decision(sentence)


def test_a_venue_after_the_date_is_not_part_of_the_title():
    note = "Grants Board | 3 April 2021 | Room 4, Civic Centre\n\n1. Welcome\nHello.\n"
    out = extract(note, filename="n.txt").to_json()
    assert out["meeting"] == {"title": "Grants Board", "date": "2021-04-03"}
