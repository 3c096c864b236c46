"""Each input format → lines → an extraction: plain text, Markdown, HTML (incl. a flattened
two-column table), Word .docx (paragraphs and tables in document order), bad bytes."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from opengov.meetings.importer import extract
from opengov.meetings.importer.formats import MAX_CHARS, detect_format, to_lines


def _docx(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"PK\x03\x04rest", "", "docx"),
        ("<html><body><p>Hi</p><p>there</p></body></html>", "", "html"),
        ("# Title\n\n- one\n- two\n", "", "markdown"),
        ("Just some text.\n", "", "text"),
        ("<p>tags</p><p>but</p>", "notes.txt", "text"),
        ("plain", "notes.md", "markdown"),
    ],
)
def test_detect_format(data, filename, expected):
    assert detect_format(data, filename) == expected


def test_plain_text_headings_bullets_and_wrapped_prose():
    text = (
        "Meeting of the forum, 3 May 2018\n\nPresent:\nJane Smith, Involve\nRaj Patel\n\n"
        "Item 1: Budget\n\nThe forum discussed the budget for the year and agreed that the\n"
        "report should be published in June.\n\n• Jane Smith to circulate the paper by 10 May\n"
    )
    result = extract(text)
    assert [s.heading for s in result.sections] == ["Item 1: Budget", "Actions"]
    assert result.decisions[0].text.endswith("published in June.")
    assert [(p.name, p.organisation) for p in result.attendees] == [
        ("Jane Smith", "Involve"),
        ("Raj Patel", None),
    ]
    assert result.action_items[0].due.isoformat() == "2018-05-10"


def test_markdown_headings_lists_tables_and_bold_labels():
    md = (
        "# Network meeting\n\n**Date:** 2 March 2017\n\n## Attendees\n\n"
        "| Name | Organisation |\n|---|---|\n| Ann Lee | mySociety |\n| Bo Chan | Involve |\n\n"
        "## Actions\n\n1. Ann Lee to draft the letter by 9 March\n"
    )
    result = extract(md, filename="n.md")
    assert result.title == "Network meeting"
    assert [(p.name, p.organisation) for p in result.attendees] == [
        ("Ann Lee", "mySociety"),
        ("Bo Chan", "Involve"),
    ]
    assert result.action_items[0].owner == "Ann Lee"


def test_html_headings_lists_tables_and_entities():
    html = (
        "<html><head><style>p{}</style><script>var x = '<p>no</p>';</script></head><body>"
        "<h1>Forum&nbsp;minutes</h1><p>Held on 4 April 2019</p><h2>Present</h2>"
        "<table><tr><td>Jo Bloggs</td><td>Camden Council</td></tr></table>"
        "<h2>Update on the action plan</h2><ul><li>3. Open data &ndash; on track.</li></ul>"
        "</body></html>"
    )
    result = extract(html, filename="m.html")
    assert result.title == "Forum minutes"
    assert result.date.isoformat() == "2019-04-04"
    assert [(p.name, p.organisation) for p in result.attendees] == [("Jo Bloggs", "Camden Council")]
    assert [(u.number, u.title, u.text) for u in result.commitment_updates] == [
        ("3", "Open data", "on track.")
    ]
    assert all(s.text != "no" for s in result.sections)


def test_html_flattened_two_column_table_alternates_attendees_and_apologies():
    html = (
        "<h1>Steering group</h1><p>5 June 2019</p><p><b>Attendees</b></p><p><b>Apologies</b></p>"
        "<p>Ann Lee, mySociety</p><p>Bo Chan, Involve</p><p>Cy Dee</p><p>&nbsp;</p>"
        "<p>Di Eve, Demsoc</p><p></p><h2>Business</h2><p>Things were discussed.</p>"
    )
    result = extract(html, filename="f.html")
    assert [(p.name, p.organisation) for p in result.attendees] == [
        ("Ann Lee", "mySociety"),
        ("Cy Dee", None),
        ("Di Eve", "Demsoc"),
    ]
    assert [(p.name, p.organisation) for p in result.apologies] == [("Bo Chan", "Involve")]


def test_html_ordered_list_start_numbers_items():
    lines, _ = to_lines('<ol start="8"><li>Eight</li><li>Nine</li></ol>', "x.html")
    assert [line.text for line in lines if line.kind == "bullet"] == ["8. Eight", "9. Nine"]


def test_docx_paragraphs_and_tables_in_document_order():
    def build(document):
        document.add_paragraph("Board meeting", style="Title")
        document.add_paragraph("Meeting of 7 February 2017")
        document.add_heading("Attendance", level=1)
        table = document.add_table(rows=0, cols=3)
        for row in (("Name", "Organisation", "Role"), ("Ann Lee", "mySociety", "Chair"),
                    ("Bo Chan", "Involve", "Minutes")):  # fmt: skip
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
        document.add_heading("Actions", level=1)
        document.add_paragraph("Bo Chan to book the room by 1 March", style="List Bullet")

    result = extract(_docx(build), filename="board.docx")
    assert result.title == "Board meeting"
    assert result.date.isoformat() == "2017-02-07"
    assert [(p.name, p.organisation, p.role) for p in result.attendees] == [
        ("Ann Lee", "mySociety", "chair"),
        ("Bo Chan", "Involve", "note_taker"),
    ]
    assert [(a.owner, a.due.isoformat()) for a in result.action_items] == [
        ("Bo Chan", "2017-03-01")
    ]
    kinds = [line.kind for line in to_lines(_docx(build), "b.docx")[0] if line.kind != "blank"]
    assert kinds.index("row") > kinds.index("heading")


def test_corrupt_docx_is_a_warning():
    result = extract(b"PK\x03\x04 definitely not a zip", filename="x.docx")
    assert result.sections == [] and any("Word file" in w for w in result.warnings)


def test_undecodable_bytes_are_replaced_with_a_warning():
    result = extract("Minutes\n\nCaf\u00e9 talk.\n".encode("utf-8") + b"\x81\x8d bad\n")
    assert any("replaced" in w for w in result.warnings)


def test_windows_1252_text_is_read():
    result = extract("Minutes\n\nThe group\u2019s plan was agreed.\n".encode("cp1252"))
    assert result.decisions[0].text == "The group\u2019s plan was agreed."
    assert any("Windows-1252" in w for w in result.warnings)


def test_utf16_with_bom_is_read():
    result = extract("\ufeffPresent: Ann Lee (mySociety), Bo Chan (Involve)\n".encode("utf-16"))
    assert [p.name for p in result.attendees] == ["Ann Lee", "Bo Chan"]


def test_binary_junk_is_a_warning_not_a_section():
    result = extract(bytes(range(256)) * 20)
    assert result.sections == [] and any("binary" in w for w in result.warnings)


def test_size_cap_truncates_with_a_warning():
    result = extract("Notes\n\n" + "word " * (MAX_CHARS // 4))
    assert any("longer than" in w for w in result.warnings)


def test_marked_up_documents_do_not_guess_headings_from_short_paragraphs():
    html = (
        "<h1>Minutes</h1><p>Present: Ann Lee, Bo Chan</p><h2>Actions</h2>"
        "<p>Ann Lee to call the council</p><p>Bo Chan to write to the minister</p>"
    )
    result = extract(html, filename="m.html")
    assert [s.heading for s in result.sections] == ["Actions"]
    assert [a.owner for a in result.action_items] == ["Ann Lee", "Bo Chan"]


def test_the_seed_reads_the_same_as_markdown():
    text = (Path(__file__).parent / "corpus" / "ogn-2016-11-10.txt").read_text()
    as_text = extract(text).to_json()
    as_markdown = extract(text.replace("  • ", "- "), filename="seed.md").to_json()
    for key in ("meeting", "attendees", "commitment_updates", "action_items"):
        assert as_markdown[key] == as_text[key]
