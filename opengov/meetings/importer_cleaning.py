"""The extraction as a person confirmed it, checked and normalised (`clean_extraction`), and the
rules that read its words without looking at the database: dates, commitment numbers, the status
of a progress update and the kind proposed for a new organisation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

from opengov.action_plans.choices import ProgressStatus
from opengov.core.errors import DomainError
from opengov.organisations.models import OrganisationKind, match_key

from .choices import AttendanceRole

__all__ = [
    "DEVOLVED",
    "KIND_RULES",
    "MAX_NAME",
    "MAX_ORGANISATION",
    "MAX_PHRASE",
    "STATUS_RULES",
    "clean_extraction",
    "commitment_key",
    "guess_kind",
    "parse_iso_date",
    "update_status",
]

# Words in a new organisation's name → the kind proposed for it (the first rule that matches
# wins); anything else is proposed as civil society. The person confirming can change it.
KIND_RULES: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"council", "borough", "county"}), OrganisationKind.LOCAL_GOVERNMENT),
    (frozenset({"department", "ministry", "office"}), OrganisationKind.GOVERNMENT_DEPARTMENT),
    (frozenset({"service", "agency", "authority"}), OrganisationKind.AGENCY),
    (frozenset({"government", "executive"}), OrganisationKind.NATIONAL_GOVERNMENT),
    (frozenset({"university"}), OrganisationKind.ACADEMIC),
)
DEVOLVED = ("scottish government", "welsh government", "northern ireland executive")

_NOT = r"(?<!\bnot )(?<!\bno longer )(?<!\bnot been )"
STATUS_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_NOT + r"\bpostponed?\b", re.I), ProgressStatus.POSTPONED),
    (re.compile(_NOT + r"\b(delayed|behind schedule)\b", re.I), ProgressStatus.DELAYED),
    (
        re.compile(
            r"\b(is|are|was|were|has been|have been|now|fully)\s+(now\s+)?complete(d)?\b"
            r"|\b(has|have) (been )?(completed|finished)\b",
            re.I,
        ),
        ProgressStatus.COMPLETE,
    ),
)


def guess_kind(name: str) -> str:
    """The kind proposed for a new organisation, from the words of its name."""
    key = match_key(name)
    if any(key.startswith(d) or f" {d}" in key for d in DEVOLVED):
        return OrganisationKind.DEVOLVED_ADMINISTRATION
    words = set(key.split())
    return next((kind for names, kind in KIND_RULES if words & names), "civil_society")


def update_status(text: str) -> str:
    """The status of a progress update imported from minutes. The note's words decide:
    "postponed" → postponed; else "delayed" or "behind schedule" → delayed; else "is complete",
    "has been completed" and the like → complete; else on track ("aim to complete by …" is not
    complete). A negated word ("not delayed") does not count."""
    return next((status for rx, status in STATUS_RULES if rx.search(text)), "on_track")


def commitment_key(number: Any) -> str:
    """ "4", "4.", "04" and "Commitment 4" are the same commitment number."""
    text = re.sub(r"(?i)^\s*commitment\s+", "", str(number or "")).strip().rstrip(".:)")
    return text.lstrip("0") or text


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def parse_iso_date(value: Any) -> dt.date | None:
    """A "YYYY-MM-DD" string as a date; anything else (a phrase, None) as None."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


# The extraction as confirmed -------------------------------------------------------------------

MAX_NAME = 200
MAX_ORGANISATION = 300
MAX_PHRASE = 200


def _problem(what: str, n: int, message: str) -> DomainError:
    return DomainError(f"{what} {n}: {message}")


def _list(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise DomainError(_("The extraction is not in the expected form (%(k)s).") % {"k": name})
    return value


def _clean_person(row: dict[str, Any], what: str, n: int) -> dict[str, Any] | None:
    name, organisation = _text(row.get("name")), _text(row.get("organisation"))
    if not name:
        if organisation:
            raise _problem(what, n, _("enter the person's name."))
        return None
    if len(name) > MAX_NAME or len(organisation) > MAX_ORGANISATION:
        raise _problem(what, n, _("the name or the organisation is too long."))
    kind = str(row.get("organisation_kind") or "")
    if kind and kind not in OrganisationKind.values:
        raise _problem(what, n, _("choose the kind of organisation."))
    cleaned: dict[str, Any] = {"name": name, "organisation": organisation or None}
    if kind:
        cleaned["organisation_kind"] = kind
    return cleaned


def _clean_people(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    attendees, apologies = [], []
    for n, row in enumerate(_list(data, "attendees"), 1):
        person = _clean_person(row, _("Attendee"), n)
        if person is None:
            continue
        role = row.get("role") or AttendanceRole.ATTENDEE
        if role not in AttendanceRole.values:
            raise _problem(_("Attendee"), n, _("choose the person's role at the meeting."))
        attendees.append({**person, "role": role})
    for n, row in enumerate(_list(data, "apologies"), 1):
        person = _clean_person(row, _("Apologies"), n)
        if person is not None:
            apologies.append(person)
    return attendees, apologies


def _clean_updates(data: dict[str, Any]) -> list[dict[str, Any]]:
    updates = []
    for n, row in enumerate(_list(data, "commitment_updates"), 1):
        number, text = _text(row.get("number")), str(row.get("text") or "").strip()
        if not number or not text:
            raise _problem(_("Commitment update"), n, _("enter its commitment number and text."))
        status = str(row.get("status") or "")
        if status and status not in ProgressStatus.values:
            raise _problem(_("Commitment update"), n, _("choose a status."))
        update = {"number": number, "title": _text(row.get("title")) or None, "text": text}
        updates.append({**update, "status": status} if status else update)
    return updates


def _clean_actions(data: dict[str, Any]) -> list[dict[str, Any]]:
    actions = []
    for n, row in enumerate(_list(data, "action_items"), 1):
        text, owner, due = (
            str(row.get("text") or "").strip(),
            _text(row.get("owner")),
            _text(row.get("due")),
        )
        if not text:
            if owner or due:
                raise _problem(_("Action"), n, _("enter the action."))
            continue
        if len(owner) > MAX_PHRASE or (parse_iso_date(due) is None and len(due) > MAX_PHRASE):
            raise _problem(_("Action"), n, _("the owner or the due date is too long."))
        actions.append({"text": text, "owner": owner or None, "due": due or None})
    return actions


def clean_extraction(extraction: Any) -> dict[str, Any]:
    """An extraction (as a person corrected it) checked and normalised to the importer's shape.
    Empty rows are dropped; a row that cannot be imported raises a DomainError naming it. Beyond
    the shape it accepts an `organisation_kind` on attendees and apologies (the kind of an
    organisation to create) and a `status` on commitment updates."""
    if not isinstance(extraction, dict):
        raise DomainError(_("The extraction is not in the expected form."))
    meeting = _mapping(extraction.get("meeting"))
    date = parse_iso_date(meeting.get("date"))
    if meeting.get("date") not in (None, "") and date is None:
        raise DomainError(_("Enter the meeting's date as a real date."), field="date")
    attendees, apologies = _clean_people(extraction)
    sections = [
        {
            "heading": _text(row.get("heading")) or None,
            "text": str(row.get("text") or "").strip(),
            "commitment_number": _text(row.get("commitment_number")) or None,
        }
        for row in _list(extraction, "sections")
        if _text(row.get("heading")) or _text(row.get("text"))
    ]
    decisions = [
        {"text": str(row.get("text")).strip()}
        for row in _list(extraction, "decisions")
        if _text(row.get("text"))
    ]
    warnings = extraction.get("warnings")
    return {
        "meeting": {
            "title": _text(meeting.get("title"))[:300] or None,
            "date": date.isoformat() if date else None,
        },
        "attendees": attendees,
        "apologies": apologies,
        "sections": sections,
        "commitment_updates": _clean_updates(extraction),
        "decisions": decisions,
        "action_items": _clean_actions(extraction),
        "warnings": [str(w) for w in warnings if w] if isinstance(warnings, list) else [],
    }
