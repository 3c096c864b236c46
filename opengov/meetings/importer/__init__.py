"""Meeting-notes extraction: text in, structure out — pure Python, no database.

`extract(data, *, filename="", meeting_date=None, series=None) -> Extraction` reads plain text,
Markdown, HTML (a flattened two-column attendees/apologies table included) or Word .docx (its
paragraphs and tables, in document order). `data` is bytes or text; `filename` picks the format
(else it is sniffed); `meeting_date` wins over any date in the note; `series` names the meeting
series and is the title when the note has none. It never raises: what it cannot read or
structure becomes a warning, and text it cannot structure is kept as one section.

`Extraction.to_json()` — the stable shape printed by `--dry-run --format json`, keys in order:

    {
      "meeting": {"title": str | null, "date": "YYYY-MM-DD" | null},
      "attendees": [{"name": str, "organisation": str | null,
                     "role": "chair" | "attendee" | "guest" | "note_taker"}],
      "apologies": [{"name": str, "organisation": str | null}],
      "sections": [{"heading": str | null, "text": str, "commitment_number": str | null}],
      "commitment_updates": [{"number": str, "title": str | null, "text": str}],
      "decisions": [{"text": str}],
      "action_items": [{"text": str, "owner": str | null,
                        "due": "YYYY-MM-DD" | "the phrase as written" | null}],
      "warnings": [str]
    }

Choices, stated once:
- Organisations are kept as written ("Publish What You Pay UK"); matching them to the database
  is the caller's job. A person with no organisation has `organisation: null`.
- Roles: "(Chair)", "Chair:" → chair; "(minutes)", "Note taker:" → note_taker; "In
  attendance", "Guests", "Observers", "(for item 3)" → guest (an "In attendance" list only
  beside a list of members: alone, it is the attendees); everyone else → attendee. A job
  title ("Sarah Quinn, Chief Executive") is not an organisation: it is left out.
- Attendance lists are not sections; the title lines are not a section; the prose before the
  first heading (an introduction) is not a section unless the note has no headings at all.
- A run of action-like bullets ending the note with no heading of its own becomes a section
  headed "Actions" (with a warning saying so), and those bullets are action items.
- A section whose heading names one commitment ("Item 4: Commitment 4 – Innovation hub") has
  that `commitment_number` and also yields a commitment update with the section's text.
- `due` is a date only when the note states one (see `dates`); never an invented date.

Modules: formats (detect, decode, convert; htmlparse, docxread), blocks (lines → headings,
paragraphs, bullets, rows → sections), meeting (title, date), people and attendees, commitments,
actions and due, dates, decisions, evaluate (precision/recall against expected JSON), cli.
"""

from __future__ import annotations

from .extract import extract
from .result import ActionItem, CommitmentUpdate, Decision, Extraction, Person, Section

__all__ = [
    "ActionItem",
    "CommitmentUpdate",
    "Decision",
    "Extraction",
    "Person",
    "Section",
    "extract",
]
