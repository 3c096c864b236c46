"""What importing a note would do, before anything is written: each name matched to a person or
an organisation already known (or marked new), action owners matched the same way, and numbered
commitment updates matched to the commitments of the plan current at the meeting. Reads only.

Matching ignores case, accents, spacing and punctuation and knows organisations' aliases
(`organisations.services.find_organisation`), so "CO" finds the Cabinet Office when it has that
alias. The plan current at a meeting is the published plan whose period contains the meeting
date, else the latest published plan being implemented. Checking a corrected extraction and the
rules read from its words live in `importer_cleaning` and are re-exported here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from opengov.action_plans.choices import PlanStatus, ProgressStatus
from opengov.action_plans.models import ActionPlan, Commitment
from opengov.organisations.models import (
    OrganisationAlias,
    OrganisationKind,
    Person,
    match_key,
)
from opengov.organisations.services import find_organisation, find_person

from .choices import AttendanceRole
from .importer_cleaning import (
    DEVOLVED,
    KIND_RULES,
    MAX_NAME,
    MAX_ORGANISATION,
    MAX_PHRASE,
    STATUS_RULES,
    _mapping,
    _text,
    clean_extraction,
    commitment_key,
    guess_kind,
    parse_iso_date,
    update_status,
)
from .importer_rows import (
    ActionRow,
    AttendeeRow,
    ImportPlan,
    OrganisationMatch,
    OwnerMatch,
    PersonMatch,
    SectionRow,
    UpdateRow,
)
from .models import MeetingSeries

__all__ = [
    "DEVOLVED",
    "KIND_RULES",
    "MAX_NAME",
    "MAX_ORGANISATION",
    "MAX_PHRASE",
    "REPORTING",
    "STATUS_RULES",
    "ActionRow",
    "AttendeeRow",
    "ImportPlan",
    "OrganisationMatch",
    "OwnerMatch",
    "PersonMatch",
    "SectionRow",
    "UpdateRow",
    "clean_extraction",
    "commitment_key",
    "guess_kind",
    "parse_iso_date",
    "plan_current_on",
    "plan_import",
    "update_status",
]

REPORTING = (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)


class _Matcher:
    """find_organisation and find_person, each name looked up once."""

    def __init__(self) -> None:
        self.organisations: dict[str, OrganisationMatch] = {}
        self.people: dict[str, Person | None] = {}

    def organisation(self, written: str) -> OrganisationMatch:
        key = match_key(written)
        if not key:
            return OrganisationMatch("")
        if key not in self.organisations:
            found = find_organisation(written)
            alias = ""
            if found is not None and found.match_name != key:
                alias_row = OrganisationAlias.objects.filter(match_name=key).first()
                alias = alias_row.alias if alias_row else written
            self.organisations[key] = OrganisationMatch(
                written, found, alias, "" if found else guess_kind(written)
            )
        match = self.organisations[key]
        return OrganisationMatch(written, match.organisation, match.alias, match.kind)

    def person(self, written: str) -> Person | None:
        key = match_key(written)
        if key and key not in self.people:
            self.people[key] = find_person(written)
        return self.people.get(key)

    def owner(self, written: str) -> OwnerMatch:
        org = self.organisation(written)
        if org.organisation is not None:
            return OwnerMatch(written, organisation=org.organisation, alias=org.alias)
        return OwnerMatch(written, person=self.person(written) if written else None)


def plan_current_on(date: dt.date | None, warnings: list[str] | None = None) -> ActionPlan | None:
    """The published plan whose period contains the date, else the latest published plan being
    implemented. When plans of several members contain the date, the first by member name is
    taken and a warning says so."""
    published = ActionPlan.objects.filter(published_at__isnull=False).select_related("member")
    if date is not None:
        containing = list(
            published.filter(starts_on__lte=date)
            .filter(Q(ends_on__gte=date) | Q(ends_on__isnull=True))
            .order_by("member__name", "-starts_on", "-number")
        )
        if containing:
            if warnings is not None and len({p.member_id for p in containing}) > 1:
                warnings.append(
                    _("Plans of several members were current; commitments were matched in %(p)s.")
                    % {"p": containing[0].title}
                )
            return containing[0]
    return (
        published.filter(status=PlanStatus.IMPLEMENTING).order_by("-starts_on", "-number").first()
    )


def _commitments_of(plan: ActionPlan | None) -> dict[str, Commitment]:
    if plan is None:
        return {}
    return {commitment_key(c.number): c for c in plan.commitments.order_by("position", "pk")}


def _rows(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows = data.get(name) or []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def plan_import(extraction_json: dict[str, Any], *, series_name: str | None) -> ImportPlan:
    """Match an extraction (the importer's JSON shape, possibly corrected) against what the
    database holds. Never writes; tolerant of missing keys (what is missing is left out)."""
    data = extraction_json if isinstance(extraction_json, dict) else {}
    meeting = _mapping(data.get("meeting"))
    date = parse_iso_date(meeting.get("date"))
    series_name = _text(series_name)
    result = ImportPlan(
        title=_text(meeting.get("title")) or None,
        date=date,
        series_name=series_name,
        series=MeetingSeries.objects.filter(name__iexact=series_name).first()
        if series_name
        else None,
        warnings=[str(w) for w in data.get("warnings") or [] if w],
    )
    matcher = _Matcher()
    _plan_people(result, data, matcher)
    _plan_commitments(result, data)
    result.decisions = [_text(d.get("text")) for d in _rows(data, "decisions") if d.get("text")]
    for row in _rows(data, "action_items"):
        owner = _text(row.get("owner"))
        due = _text(row.get("due")) or None
        result.actions.append(
            ActionRow(_text(row.get("text")), matcher.owner(owner), due, parse_iso_date(due))
        )
    return result


def _plan_people(result: ImportPlan, data: dict[str, Any], matcher: _Matcher) -> None:
    for key, apologies in (("attendees", False), ("apologies", True)):
        for row in _rows(data, key):
            name = _text(row.get("name"))
            if not name:
                continue
            role = str(row.get("role") or AttendanceRole.ATTENDEE)
            organisation = matcher.organisation(_text(row.get("organisation")))
            kind = str(row.get("organisation_kind") or "")
            if organisation.is_new and kind in OrganisationKind.values:
                organisation.kind = kind
            result.attendees.append(
                AttendeeRow(
                    name=name,
                    organisation=organisation,
                    person=PersonMatch(name, matcher.person(name)),
                    role=role,
                    sent_apologies=apologies,
                )
            )


def _plan_commitments(result: ImportPlan, data: dict[str, Any]) -> None:
    plan = plan_current_on(result.date, result.warnings)
    result.plan = plan
    commitments = _commitments_of(plan)
    updates = _rows(data, "commitment_updates")
    if updates and plan is None:
        result.warnings.append(
            _(
                "No published action plan was current at the meeting: commitment updates are kept "
                "only as minutes text."
            )
        )
    elif updates and plan is not None and plan.status not in REPORTING:
        result.warnings.append(
            _(
                "%(plan)s is not being implemented: commitment updates are kept only as minutes "
                "text."
            )
            % {"plan": plan.title}
        )
    reporting = plan is not None and plan.status in REPORTING
    for row in updates:
        number, text = _text(row.get("number")), str(row.get("text") or "").strip()
        commitment = commitments.get(commitment_key(number)) if reporting else None
        if reporting and commitment is None:
            result.warnings.append(
                _("%(plan)s has no commitment %(number)s: its update is kept only as minutes text.")
                % {"plan": plan.title if plan else "", "number": number}
            )
        status = str(row.get("status") or "")
        result.updates.append(
            UpdateRow(
                number=number,
                title=_text(row.get("title")) or None,
                text=text,
                commitment=commitment,
                status=status if status in ProgressStatus.values else update_status(text),
            )
        )
    for row in _rows(data, "sections"):
        number = _text(row.get("commitment_number"))
        commitment = commitments.get(commitment_key(number)) if number else None
        if number and commitment is None:
            result.warnings.append(
                _(
                    "A section is about commitment %(number)s, which the plan current at the "
                    "meeting does not have: it is not linked."
                )
                % {"number": number}
            )
        result.sections.append(
            SectionRow(
                heading=_text(row.get("heading")) or None,
                text=str(row.get("text") or "").strip(),
                commitment_number=number or None,
                commitment=commitment,
            )
        )
