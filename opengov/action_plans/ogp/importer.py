"""Import the OGP/IRM commitments export (its layout is in columns.py). The whole file is read and
checked first (reader.py): a malformed file is refused, naming its row and column, and nothing is
written. Then members, action plans and commitments are written through services in one
transaction, all or nothing; importing the same file again changes nothing."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require

from ..choices import MemberKind, PlanStatus
from ..models import ActionPlan, Commitment, Member, PolicyArea
from ..services import create_member, create_plan, publish_plan, update_plan
from ..services.commitments import position_for
from .columns import FLAG, LAYOUT, MODELLED, POLICY_AREA_COLUMNS
from .reader import (
    MAX_PROBLEMS,
    OgpCommitment,
    OgpImportError,
    OgpRow,
    Problem,
    Source,
    read_ogp_file,
)

__all__ = [
    "IMPORTED_FIELDS",
    "MAX_PROBLEMS",
    "Counts",
    "ImportSummary",
    "OgpCommitment",
    "OgpImportError",
    "OgpRow",
    "Problem",
    "Source",
    "apply_ogp_commitment",
    "apply_ogp_member",
    "apply_ogp_plan_years",
    "import_ogp_file",
    "read_ogp_file",
]

Progress = Callable[[int, int], None]
IMPORTED_FIELDS = [
    *(spec.field for spec in MODELLED.values() if spec.level == "commitment"),
    *("plan", "starred"),
]


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)


@dataclass
class ImportSummary:
    """What an import did, or in a dry run would do. Nothing is ever `skipped` under the current
    rules (a row that cannot be imported refuses the whole file); the count keeps the summary's
    shape stable for its readers."""

    members: Counts = field(default_factory=Counts)
    plans: Counts = field(default_factory=Counts)
    commitments: Counts = field(default_factory=Counts)
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False


def import_ogp_file(
    path_or_file: Source, *, by: Any, progress: Progress | None = None, dry_run: bool = False
) -> ImportSummary:
    """Import an OGP export. The whole file is checked first (OgpImportError, nothing written);
    then, in one transaction, members are matched by "Code", action plans by member and "Action
    Plan Number", commitments by "Commitment Unique Identifier", and each is created or updated
    through a service that checks `by`'s permission and records one audit event per change (none
    for what is unchanged). Imported plans are published: they are public OGP records.
    `progress(done, total)` is called after each commitment. A dry run rolls everything back."""
    header, rows, warnings = read_ogp_file(path_or_file)
    require("action_plans.add_actionplan", by)
    summary = ImportSummary(warnings=warnings, dry_run=dry_run)
    with transaction.atomic():
        members = _import_members(by, rows, summary)
        plans = _import_plans(by, rows, members, summary)
        _import_commitments(by, header, rows, plans, summary, progress)
        if dry_run:
            transaction.set_rollback(True)
    return summary


@contextmanager
def _at(row: OgpRow, column: str | None = None) -> Iterator[None]:
    """A service's refusal, reported at the row (and column) that caused it."""
    try:
        yield
    except OgpImportError:
        raise
    except DomainError as error:
        raise OgpImportError([Problem(row.row, column, error.message)]) from error


def _firsts(rows: Iterable[OgpRow], key: Callable[[OgpRow], Any]) -> dict[Any, OgpRow]:
    firsts: dict[Any, OgpRow] = {}
    for row in rows:
        firsts.setdefault(key(row), row)
    return firsts


def _kind(ogp_kind: str) -> str:
    return MemberKind.LOCAL if "local" in ogp_kind.casefold() else MemberKind.NATIONAL


def _import_members(by: Any, rows: list[OgpRow], summary: ImportSummary) -> dict[str, Member]:
    known = list(Member.objects.all())  # OGP has a few hundred members at most
    by_code = {member.code: member for member in known if member.code}
    by_name = {member.name.casefold(): member for member in known}
    members: dict[str, Member] = {}
    for code, row in _firsts(rows, lambda r: r.code).items():
        values = row.member
        member = by_code.get(code) or by_name.get(str(values["name"]).casefold())
        with _at(row, "Country/Locality"):
            if member is not None and member.code not in ("", code):
                raise DomainError(f"a member called “{member.name}” has the code {member.code}")
            outcome = "created" if member is None else "updated"
            if member is None:
                member = create_member(
                    by=by,
                    name=values["name"],
                    kind=_kind(values.get("ogp_kind", "")),
                    code=code,
                    region=values.get("region", ""),
                )
            member, changed = apply_ogp_member(by=by, member=member, values=values)
        summary.members.add(outcome if outcome == "created" or changed else "unchanged")
        members[code] = member
    return members


def apply_ogp_member(*, by: Any, member: Member, values: Mapping[str, Any]) -> tuple[Member, bool]:
    """Make a member's name, code, region and OGP kind what OGP's export says; its kind follows
    the OGP kind ("Legacy Local" is local). The same rule as create_member. One audit event
    ("action_plans.member.imported") with the changed fields; none when nothing changed."""
    require("action_plans.add_actionplan", by)
    wanted = {**values, **({"kind": _kind(values["ogp_kind"])} if "ogp_kind" in values else {})}
    with transaction.atomic(savepoint=False):
        locked = lock_for_edit(Member, pk=member.pk, expected_version=None)
        before = audit.snapshot(locked, wanted)
        for name, value in wanted.items():
            setattr(locked, name, value)
        changes = audit.diff(before, audit.snapshot(locked, wanted))
        if not changes:
            return locked, False
        clash = Member.objects.filter(name__iexact=locked.name).exclude(pk=locked.pk)
        if "name" in changes and clash.exists():
            raise DomainError(f"another member is called “{locked.name}”", field="name")
        bump_version(locked)
        locked.save()
        audit.record(actor=by, verb="action_plans.member.imported", obj=locked, changes=changes)
    return locked, True


def _import_plans(
    by: Any, rows: list[OgpRow], members: dict[str, Member], summary: ImportSummary
) -> dict[tuple[str, int], ActionPlan]:
    existing = {
        (plan.member_id, plan.number): plan
        for plan in ActionPlan.objects.filter(member__in=list(members.values()))
    }
    plans = {}
    for key, row in _firsts(rows, lambda r: r.plan_key).items():
        member = members[row.code]
        with _at(row, "Action Plan Number"):
            plan, outcome = _import_plan(by, member, existing.get((member.pk, key[1])), row.plan)
        summary.plans.add(outcome)
        plans[key] = plan
    return plans


def _import_plan(
    by: Any, member: Member, plan: ActionPlan | None, values: dict[str, Any]
) -> tuple[ActionPlan, str]:
    wanted: dict[str, Any] = {k: v for k, v in values.items() if k == "ogp_id"}
    if "end_year" in values or plan is None:
        ended = values.get("end_year") and values["end_year"] < timezone.localdate().year
        wanted["status"] = PlanStatus.ENDED if ended else PlanStatus.IMPLEMENTING
    outcome = "unchanged"
    if plan is None:
        # The OGP export carries no plan title: the plan is named after its member and number.
        title = f"{member.name} action plan {values['number']}"
        plan = create_plan(by=by, member=member, number=values["number"], title=title, **wanted)
        outcome = "created"
    elif changed := {k: v for k, v in wanted.items() if getattr(plan, k) != v}:
        plan = update_plan(by=by, plan=plan, expected_version=None, **changed)
        outcome = "updated"
    years = {k: v for k, v in values.items() if k in ("submitted_year", "end_year")}
    plan, changed_years = apply_ogp_plan_years(by=by, plan=plan, years=years)
    if plan.published_at is None:
        plan = publish_plan(by=by, plan=plan)
        changed_years = True
    return plan, "updated" if outcome == "unchanged" and changed_years else outcome


def apply_ogp_plan_years(
    *, by: Any, plan: ActionPlan, years: Mapping[str, int | None]
) -> tuple[ActionPlan, bool]:
    """Set a plan's year of submission and end year as OGP records them (update_plan derives them
    from dates, which the export lacks). One audit event ("action_plans.actionplan.imported")
    when they change; none otherwise."""
    require("action_plans.change_actionplan", by, plan)
    if all(getattr(plan, name) == value for name, value in years.items()):
        return plan, False
    with transaction.atomic(savepoint=False):
        locked = lock_for_edit(ActionPlan, pk=plan.pk, expected_version=None)
        before = audit.snapshot(locked, years)
        for name, value in years.items():
            setattr(locked, name, value)
        bump_version(locked)
        locked.save()
        changes = audit.diff(before, audit.snapshot(locked, years))
        audit.record(
            actor=by,
            verb="action_plans.actionplan.imported",
            obj=locked,
            changes=changes,
            is_public=locked.is_published,
        )
    return locked, True


def _import_commitments(
    by: Any,
    header: list[str],
    rows: list[OgpRow],
    plans: dict[tuple[str, int], ActionPlan],
    summary: ImportSummary,
    progress: Progress | None,
) -> None:
    areas = dict(
        PolicyArea.objects.filter(ogp_column__in=POLICY_AREA_COLUMNS).values_list(
            "ogp_column", "pk"
        )
    )
    columns = frozenset(name for name in header if name in LAYOUT)
    if unmodelled := [
        name for name in POLICY_AREA_COLUMNS if name in columns and name not in areas
    ]:
        summary.warnings.append(
            f"No policy area has these OGP columns, kept as written: {', '.join(unmodelled)}"
        )
    spoken = frozenset(areas[name] for name in columns if name in areas)
    existing = _existing([row.commitment["ogp_id"] for row in rows])
    unlinked = _unlinked(plans.values())
    for done, row in enumerate(rows, start=1):
        plan = plans[row.plan_key]
        ogp_id = row.commitment["ogp_id"]
        commitment = existing.get(ogp_id)
        if commitment is None:
            candidates = unlinked.get((plan.pk, row.commitment["number"]), [])
            if len(candidates) == 1:
                commitment = candidates.pop()
                summary.warnings.append(f"Row {row.row}: “{commitment}” is now linked to {ogp_id}.")
        entry = _entry(row, areas, columns, spoken)
        with _at(row):
            _commitment, outcome = apply_ogp_commitment(
                by=by, plan=plan, entry=entry, commitment=commitment
            )
        summary.commitments.add(outcome)
        if progress is not None:
            progress(done, len(rows))


def _existing(ogp_ids: list[str]) -> dict[str, Commitment]:
    found: dict[str, Commitment] = {}
    for start in range(0, len(ogp_ids), 500):
        chunk = Commitment.objects.filter(ogp_id__in=ogp_ids[start : start + 500])
        found.update((c.ogp_id, c) for c in chunk.prefetch_related("policy_areas"))
    return found


def _unlinked(plans: Iterable[ActionPlan]) -> dict[tuple[int, str], list[Commitment]]:
    """Commitments entered in opengov before OGP's record arrived, by plan and number."""
    found: dict[tuple[int, str], list[Commitment]] = {}
    query = Commitment.objects.filter(plan__in=list(plans), ogp_id="")
    for commitment in query.prefetch_related("policy_areas"):
        found.setdefault((commitment.plan_id, commitment.number), []).append(commitment)
    return found


def _entry(
    row: OgpRow, areas: dict[str, int], columns: frozenset[str], spoken: frozenset[int]
) -> OgpCommitment:
    source, chosen = dict(row.source), set()
    for column, (flag, text) in row.flags.items():
        if column not in areas:
            if text:
                source[column] = text
            continue
        if flag:
            chosen.add(areas[column])
        if FLAG.write(flag) != text:
            source[column] = text
    return OgpCommitment(row.commitment, source, columns, frozenset(chosen), spoken)


def _state(commitment: Commitment, areas: Iterable[int]) -> dict[str, Any]:
    state = audit.snapshot(commitment, IMPORTED_FIELDS)
    state["policy_areas"] = sorted(areas)
    state.update({f"ogp_source.{k}": v for k, v in (commitment.ogp_source or {}).items()})
    return state


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    names = sorted(before.keys() | after.keys())
    return {k: [before.get(k), after.get(k)] for k in names if before.get(k) != after.get(k)}


def _assign(commitment: Commitment, plan: ActionPlan, entry: OgpCommitment) -> None:
    commitment.plan = plan
    for name, value in entry.fields.items():
        setattr(commitment, name, value)
    commitment.position = position_for(commitment.number)
    kept = {k: v for k, v in (commitment.ogp_source or {}).items() if k not in entry.columns}
    commitment.ogp_source = {**kept, **entry.source}


def apply_ogp_commitment(
    *, by: Any, plan: ActionPlan, entry: OgpCommitment, commitment: Commitment | None = None
) -> tuple[Commitment, str]:
    """Make `commitment`, or a new commitment in `plan`, say what one row of OGP's export says:
    its text, dates, IRM assessment, OGP policy areas and ogp_source. Requires
    action_plans.change_commitment: an import records what OGP has already published, so unlike
    create_commitment it may add to a plan that has ended. Records one audit event
    ("action_plans.commitment.imported") with the changed fields, and only when something
    changed. Returns the commitment and "created", "updated" or "unchanged"."""
    if commitment is None:
        require("action_plans.change_commitment", by, plan)
        with transaction.atomic(savepoint=False):
            commitment = Commitment()
            _assign(commitment, plan, entry)
            commitment.save()
            Through = Commitment.policy_areas.through
            Through.objects.bulk_create(
                Through(commitment_id=commitment.pk, policyarea_id=pk)
                for pk in entry.policy_area_ids
            )
            changes = _changes({}, _state(commitment, entry.policy_area_ids))
            _record(by, commitment, changes)
        return commitment, "created"
    require("action_plans.change_commitment", by, commitment)
    areas = {area.pk for area in commitment.policy_areas.all()}
    wanted = copy.copy(commitment)
    _assign(wanted, plan, entry)
    new_areas = (areas - entry.ogp_policy_area_ids) | entry.policy_area_ids
    if not _changes(_state(commitment, areas), _state(wanted, new_areas)):
        return commitment, "unchanged"
    with transaction.atomic(savepoint=False):
        locked = lock_for_edit(Commitment, pk=commitment.pk, expected_version=None)
        areas = set(locked.policy_areas.values_list("pk", flat=True))
        before = _state(locked, areas)
        _assign(locked, plan, entry)
        new_areas = (areas - entry.ogp_policy_area_ids) | entry.policy_area_ids
        changes = _changes(before, _state(locked, new_areas))
        if not changes:
            return locked, "unchanged"
        bump_version(locked)
        locked.save()
        locked.policy_areas.remove(*(areas - new_areas))
        locked.policy_areas.add(*(new_areas - areas))
        _record(by, locked, changes)
    return locked, "updated"


def _record(by: Any, commitment: Commitment, changes: dict[str, list[Any]]) -> None:
    audit.record(
        actor=by,
        verb="action_plans.commitment.imported",
        obj=commitment,
        changes=changes,
        scope=commitment.plan,
        is_public=commitment.plan.is_published,
    )
