"""The importer's result types: what an extraction found, and its JSON shape.

Plain dataclasses, no database: the web preview and the confirm step turn them into models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

ROLES = ("chair", "attendee", "guest", "note_taker")


@dataclass
class Person:
    """Someone listed as present (`role` set) or as sending apologies."""

    name: str
    organisation: str | None = None
    role: str = "attendee"


@dataclass
class Section:
    """A heading and the text under it; `commitment_number` when it is about one commitment."""

    heading: str | None
    text: str
    commitment_number: str | None = None


@dataclass
class CommitmentUpdate:
    """A numbered update on a commitment of the plan current at the meeting (a draft)."""

    number: str
    title: str | None
    text: str


@dataclass
class Decision:
    text: str


@dataclass
class ActionItem:
    """`due` is a date when the note states one, else the phrase as written, else None."""

    text: str
    owner: str | None = None
    due: datetime.date | str | None = None


@dataclass
class Extraction:
    title: str | None = None
    date: datetime.date | None = None
    attendees: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    commitment_updates: list[CommitmentUpdate] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The documented shape (see the package docstring), keys in a stable order."""
        return {
            "meeting": {
                "title": self.title,
                "date": self.date.isoformat() if self.date else None,
            },
            "attendees": [
                {"name": p.name, "organisation": p.organisation, "role": p.role}
                for p in self.attendees
            ],
            "apologies": [{"name": p.name, "organisation": p.organisation} for p in self.apologies],
            "sections": [
                {"heading": s.heading, "text": s.text, "commitment_number": s.commitment_number}
                for s in self.sections
            ],
            "commitment_updates": [
                {"number": u.number, "title": u.title, "text": u.text}
                for u in self.commitment_updates
            ],
            "decisions": [{"text": d.text} for d in self.decisions],
            "action_items": [
                {"text": a.text, "owner": a.owner, "due": _due_json(a.due)}
                for a in self.action_items
            ],
            "warnings": list(self.warnings),
        }


def _due_json(due: datetime.date | str | None) -> str | None:
    if isinstance(due, datetime.date):
        return due.isoformat()
    return due
