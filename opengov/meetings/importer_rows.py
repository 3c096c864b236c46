"""The rows of an import preview: what each extracted attendee, action, update and section
matched in the database, and the plan of the whole import, as dataclasses with their JSON."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from opengov.action_plans.choices import ProgressStatus
from opengov.action_plans.models import ActionPlan, Commitment
from opengov.organisations.models import (
    Organisation,
    Person,
    match_key,
)

from .choices import AttendanceRole
from .models import MeetingSeries


@dataclass
class OrganisationMatch:
    written: str
    organisation: Organisation | None = None
    alias: str = ""
    kind: str = ""

    @property
    def is_new(self) -> bool:
        return self.organisation is None and bool(self.written)

    def label(self) -> str:
        if self.organisation is not None:
            if self.alias:
                return _("matches %(name)s (alias %(alias)s)") % {
                    "name": self.organisation.name,
                    "alias": self.alias,
                }
            return _("matches %(name)s") % {"name": self.organisation.name}
        return _("new organisation") if self.written else ""

    def to_json(self) -> dict[str, Any] | None:
        if not self.written:
            return None
        org = self.organisation
        return {
            "written": self.written,
            "id": org.pk if org else None,
            "name": org.name if org else self.written,
            "alias": self.alias or None,
            "is_new": self.is_new,
            "kind": org.kind if org else self.kind,
        }


@dataclass
class PersonMatch:
    written: str
    person: Person | None = None

    @property
    def is_new(self) -> bool:
        return self.person is None

    def label(self) -> str:
        if self.person is not None:
            return _("matches %(name)s") % {"name": self.person.name}
        return _("new person will be created")

    def to_json(self) -> dict[str, Any]:
        return {
            "written": self.written,
            "id": self.person.pk if self.person else None,
            "name": self.person.name if self.person else self.written,
            "is_new": self.is_new,
        }


@dataclass
class AttendeeRow:
    name: str
    organisation: OrganisationMatch
    person: PersonMatch
    role: str = AttendanceRole.ATTENDEE
    sent_apologies: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "organisation": self.organisation.written or None,
            "role": self.role,
            "sent_apologies": self.sent_apologies,
            "person_match": self.person.to_json(),
            "organisation_match": self.organisation.to_json(),
        }


@dataclass
class OwnerMatch:
    """An action's owner as written, and the organisation or person it names, if any."""

    written: str
    organisation: Organisation | None = None
    person: Person | None = None
    alias: str = ""

    def label(self) -> str:
        if self.organisation is not None:
            return OrganisationMatch(self.written, self.organisation, self.alias).label()
        if self.person is not None:
            return _("matches %(name)s") % {"name": self.person.name}
        return _("kept as written") if self.written else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "written": self.written or None,
            "organisation": _ref(self.organisation),
            "person": _ref(self.person),
        }


@dataclass
class ActionRow:
    text: str
    owner: OwnerMatch
    due: str | None = None
    due_on: dt.date | None = None

    @property
    def due_phrase(self) -> str:
        return "" if self.due_on else (self.due or "")

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "owner": self.owner.written or None,
            "due": self.due,
            "owner_match": self.owner.to_json(),
            "due_on": self.due_on.isoformat() if self.due_on else None,
            "due_phrase": self.due_phrase or None,
        }


@dataclass
class UpdateRow:
    number: str
    title: str | None
    text: str
    commitment: Commitment | None = None
    status: str = ProgressStatus.ON_TRACK

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "status": self.status,
            "commitment": _commitment_json(self.commitment),
        }


@dataclass
class SectionRow:
    heading: str | None
    text: str
    commitment_number: str | None = None
    commitment: Commitment | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "text": self.text,
            "commitment_number": self.commitment_number,
            "commitment": _commitment_json(self.commitment),
        }


@dataclass
class ImportPlan:
    """What confirming would create or link, row by row, in the extraction's order."""

    title: str | None
    date: dt.date | None
    series_name: str
    series: MeetingSeries | None = None
    plan: ActionPlan | None = None
    attendees: list[AttendeeRow] = field(default_factory=list)
    sections: list[SectionRow] = field(default_factory=list)
    updates: list[UpdateRow] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def new_series(self) -> bool:
        return bool(self.series_name) and self.series is None

    def new_people(self) -> list[str]:
        return _unique(row.name for row in self.attendees if row.person.is_new)

    def new_organisations(self) -> list[tuple[str, str]]:
        """(name, kind) of each organisation to create, once per name as matching sees it."""
        seen: dict[str, tuple[str, str]] = {}
        for row in self.attendees:
            match = row.organisation
            if match.is_new:
                seen.setdefault(match_key(match.written), (match.written, match.kind))
        return list(seen.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "meeting": {"title": self.title, "date": self.date.isoformat() if self.date else None},
            "series": {
                "name": self.series_name or None,
                "id": self.series.pk if self.series else None,
                "is_new": self.new_series,
            },
            "plan": {"id": self.plan.pk, "title": self.plan.title} if self.plan else None,
            "attendees": [row.to_json() for row in self.attendees if not row.sent_apologies],
            "apologies": [row.to_json() for row in self.attendees if row.sent_apologies],
            "sections": [row.to_json() for row in self.sections],
            "commitment_updates": [row.to_json() for row in self.updates],
            "decisions": [{"text": text} for text in self.decisions],
            "action_items": [row.to_json() for row in self.actions],
            "new_people": self.new_people(),
            "new_organisations": [{"name": n, "kind": k} for n, k in self.new_organisations()],
            "warnings": list(self.warnings),
        }


def _ref(obj: Organisation | Person | None) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def _commitment_json(commitment: Commitment | None) -> dict[str, Any] | None:
    if commitment is None:
        return None
    return {"id": commitment.pk, "number": commitment.number, "title": commitment.display_title}


def _unique(names: Any) -> list[str]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(match_key(name), name)
    return list(seen.values())
