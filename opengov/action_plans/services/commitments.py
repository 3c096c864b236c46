"""Commitments: creating and editing them, and keeping their progress counters true."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.db import models, transaction
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.organisations.models import Organisation

from ..choices import MilestoneStatus, ProgressStatus, UpdateSource
from ..models import ActionPlan, Commitment, PolicyArea

COMMITMENT_FIELDS = [
    "number",
    "title",
    "short_title",
    "description",
    "government",
    "ogp_id",
    "theme",
    "starts_on",
    "ends_on",
]
RELATION_FIELDS = ["lead_organisations", "supporting_organisations", "policy_areas"]


def position_for(number: str) -> int:
    """An order for commitment numbers as people write them: 2 < 2.1 < 10 < 10.2 < B.1 < B.2.
    Numbers that start with letters (annex or devolved commitments) come after plain ones."""
    text = number.strip()
    prefix = re.match(r"[A-Za-z]+", text)
    parts = [int(p) for p in re.findall(r"\d+", text)]
    major = min(parts[0], 99_999) if parts else 0
    minor = min(parts[1], 999) if len(parts) > 1 else 0
    position = major * 1000 + minor
    if prefix:
        letter = min(ord(prefix.group(0)[0].upper()) - ord("A"), 25)
        position += 100_000_000 + letter * 1_000_000
    elif not parts:
        position = 999_000_000
    return position


def _relations(commitment: Commitment) -> dict[str, list[int]]:
    return {
        name: sorted(getattr(commitment, name).values_list("pk", flat=True))
        for name in RELATION_FIELDS
    }


def _set_relations(commitment: Commitment, relations: dict[str, Iterable[Any] | None]) -> None:
    for name, values in relations.items():
        if values is not None:
            getattr(commitment, name).set(list(values))


def _check_number(plan: ActionPlan, number: str, exclude_pk: int | None = None) -> str:
    number = number.strip()
    if not number:
        raise DomainError(_("Enter the commitment's number."), field="number")
    clash = Commitment.objects.filter(plan=plan, number=number)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DomainError(
            _("This plan already has a commitment numbered %(number)s.") % {"number": number},
            field="number",
        )
    return number


def _check_url(url: str, field: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if url and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise DomainError(_("Enter a web address starting with http:// or https://."), field)
    return url


def _check_ogp_id(ogp_id: str, exclude_pk: int | None = None) -> str:
    ogp_id = ogp_id.strip()
    others = Commitment.objects.exclude(pk=exclude_pk) if exclude_pk else Commitment.objects.all()
    if ogp_id and others.filter(ogp_id=ogp_id).exists():
        raise DomainError(
            _("Another commitment already has the OGP id %(id)s.") % {"id": ogp_id}, "ogp_id"
        )
    return ogp_id


def create_commitment(
    *,
    by: Any,
    plan: ActionPlan,
    number: str,
    title: str,
    description: str = "",
    short_title: str = "",
    government: Organisation | None = None,
    lead_organisations: Iterable[Organisation] = (),
    supporting_organisations: Iterable[Organisation] = (),
    policy_areas: Iterable[PolicyArea] = (),
    ogp_id: str = "",
    theme: str = "",
    lead_text: str = "",
    ogp_url: str = "",
    title_is_known: bool = True,
) -> Commitment:
    """Add a numbered commitment to a plan that has not ended. A title is required, except when
    recording a historical plan whose commitment titles are not known (`title_is_known=False`):
    unknown stays unknown, and the page says "Title not known"."""
    require("action_plans.add_commitment", by, plan)
    if title_is_known and not title.strip():
        raise DomainError(_("Enter the commitment's title."), field="title")
    with transaction.atomic():
        commitment = Commitment.objects.create(
            plan=plan,
            number=_check_number(plan, number),
            position=position_for(number),
            title=title.strip(),
            short_title=short_title.strip(),
            description=description,
            government=government,
            ogp_id=_check_ogp_id(ogp_id),
            ogp_url=_check_url(ogp_url, "ogp_url"),
            theme=theme,
            lead_text=lead_text,
        )
        _set_relations(
            commitment,
            {
                "lead_organisations": lead_organisations,
                "supporting_organisations": supporting_organisations,
                "policy_areas": policy_areas,
            },
        )
        changes = audit.created(commitment, COMMITMENT_FIELDS)
        changes.update({k: [None, v] for k, v in _relations(commitment).items() if v})
        audit.record(
            actor=by,
            verb="action_plans.commitment.created",
            obj=commitment,
            changes=changes,
            scope=plan,
            is_public=plan.is_published,
        )
    return commitment


def update_commitment(
    *,
    by: Any,
    commitment: Commitment,
    expected_version: int | None,
    lead_organisations: Iterable[Organisation] | None = None,
    supporting_organisations: Iterable[Organisation] | None = None,
    policy_areas: Iterable[PolicyArea] | None = None,
    **fields: Any,
) -> Commitment:
    """Edit a commitment. A save from a stale version is refused (ConflictError)."""
    require("action_plans.change_commitment", by, commitment)
    unknown = set(fields) - set(COMMITMENT_FIELDS)
    if unknown:
        raise TypeError(f"unknown commitment fields: {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = str(fields["title"]).strip()
        if not fields["title"]:
            raise DomainError(_("Enter the commitment's title."), field="title")
    with transaction.atomic():
        locked = lock_for_edit(Commitment, pk=commitment.pk, expected_version=expected_version)
        before = {**audit.snapshot(locked, COMMITMENT_FIELDS), **_relations(locked)}
        if "number" in fields:
            fields["number"] = _check_number(locked.plan, fields["number"], locked.pk)
            locked.position = position_for(fields["number"])
        if "ogp_id" in fields:
            fields["ogp_id"] = _check_ogp_id(fields["ogp_id"], locked.pk)
        for name, value in fields.items():
            setattr(locked, name, value)
        _set_relations(
            locked,
            {
                "lead_organisations": lead_organisations,
                "supporting_organisations": supporting_organisations,
                "policy_areas": policy_areas,
            },
        )
        after = {**audit.snapshot(locked, COMMITMENT_FIELDS), **_relations(locked)}
        changes = audit.diff(before, after)
        if not changes:
            return locked
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="action_plans.commitment.changed",
            obj=locked,
            changes=changes,
            scope=locked.plan,
            is_public=locked.plan.is_published,
        )
    return locked


def refresh_progress(commitment: Commitment) -> dict[str, list[Any]]:
    """Recount the commitment's milestones and set its progress; a commitment whose every
    milestone is complete is complete. Returns the changed fields for the caller's audit event.
    Runs inside the caller's transaction."""
    counts = commitment.milestones.exclude(status=MilestoneStatus.WITHDRAWN).aggregate(
        total=models.Count("pk"),
        complete=models.Count("pk", filter=models.Q(status=MilestoneStatus.COMPLETE)),
    )
    fields = ["milestones_total", "milestones_complete", "progress_percent", "status"]
    # The caller's instance may predate a progress update: start from the stored values.
    stored = Commitment.objects.filter(pk=commitment.pk).values(*fields).get()
    for name, value in stored.items():
        setattr(commitment, name, value)
    before = audit.snapshot(commitment, fields)
    commitment.milestones_total = counts["total"]
    commitment.milestones_complete = counts["complete"]
    commitment.progress_percent = (
        round(100 * counts["complete"] / counts["total"]) if counts["total"] else 0
    )
    if counts["total"] and counts["complete"] == counts["total"]:
        commitment.status = ProgressStatus.COMPLETE
    elif commitment.status == ProgressStatus.COMPLETE and counts["total"]:
        # A milestone was added to (or reopened in) a complete commitment: it is under way again,
        # as its latest report said unless that report was itself "complete".
        latest = (
            commitment.updates.filter(source=UpdateSource.GOVERNMENT)
            .exclude(status=ProgressStatus.COMPLETE)
            .order_by("-reported_on", "-pk")
            .values_list("status", flat=True)
            .first()
        )
        commitment.status = latest or ProgressStatus.ON_TRACK
    Commitment.objects.filter(pk=commitment.pk).update(
        milestones_total=commitment.milestones_total,
        milestones_complete=commitment.milestones_complete,
        progress_percent=commitment.progress_percent,
        status=commitment.status,
    )
    return audit.diff(before, audit.snapshot(commitment, fields))
