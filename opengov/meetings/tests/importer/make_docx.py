"""Write the corpus's Word note (a real Word table of attendees, heading styles, list
paragraphs): `python -m opengov.meetings.tests.importer.make_docx`. The .docx is committed."""

from __future__ import annotations

from pathlib import Path

import docx

CORPUS = Path(__file__).parent / "corpus"
ATTENDANCE = [
    ("Name", "Organisation", "Role"),
    ("Simon Burall", "Involve", "Chair"),
    ("Tim Hughes", "Involve", "Minutes"),
    ("Rachel Davies", "Transparency International", "Member"),
    ("Maria Stephens", "CRAE", "Member"),
    ("Paul Taylor", "OpenUK", "Member"),
    ("Thom Townsend", "Cabinet Office", "Guest"),
]


def build(path: Path) -> None:
    document = docx.Document()
    core = document.core_properties
    core.author, core.title = "OGN secretariat", "OGN Steering Committee"
    document.add_paragraph("OGN Steering Committee", style="Title")
    document.add_paragraph("Meeting of 7 February 2017, 10:00–12:00, Involve, London")
    document.add_heading("Attendance", level=1)
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    for row in ATTENDANCE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    document.add_paragraph("Apologies: Tom Orrell (Publish What You Fund), Michelle Brook (Demsoc)")
    document.add_heading("1. Minutes and matters arising", level=1)
    document.add_paragraph(
        "The minutes of the December meeting were agreed. The letter to the Minister has been "
        "sent and that action is complete."
    )
    document.add_heading("2. Update on NAP3 commitments", level=1)
    document.add_paragraph("Thom Townsend gave an update on two commitments:")
    document.add_paragraph(
        "12. Beneficial ownership – BEIS have published the register data; civil society will "
        "review its quality.",
        style="List Paragraph",
    )
    document.add_paragraph(
        "13. Anti-corruption strategy – publication is delayed until after the summer.",
        style="List Paragraph",
    )
    document.add_heading("3. Nominations round", level=1)
    document.add_paragraph(
        "Decision: The nominations round will open on 1 March and close on 31 March."
    )
    document.add_heading("Actoins", level=1)
    for text in (
        "Tim Hughes to publish the nominations timetable on the website by 24 February",
        "All members to send comments on the draft Paris follow-up letter by end of February",
        "Book a room for the March meeting (TH)",
    ):
        document.add_paragraph(text, style="List Bullet")
    document.save(str(path))


if __name__ == "__main__":
    build(CORPUS / "ogn-steering-2017-02.docx")
