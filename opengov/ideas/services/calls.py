"""Calls for ideas: setting one up for a plan being drafted, with its scoring criteria, and
publishing it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import ActionPlan, PolicyArea
from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.text import clean_line, clean_text

from ..models import CallForIdeas, ScoringCriterion

CALL_FIELDS = ["plan", "title", "description", "opens_on", "closes_on", "answer_within_days"]
DEFAULT_CRITERIA: tuple[tuple[str, int], ...] = (
    ("Public demand", 5),
    ("Government support", 5),
    ("Value", 5),
)
MAX_SCORE = 100
MAX_ANSWER_DAYS = 365


def _check(
    *, plan: ActionPlan, title: str, opens_on: dt.date, closes_on: dt.date, answer_within_days: int
) -> str:
    title = clean_line(title).strip()
    if not title:
        raise DomainError(_("Enter the call's title."), field="title")
    if plan.status != PlanStatus.DRAFTING:
        raise DomainError(
            _("A call for ideas feeds a plan that is being drafted; this plan is not."),
            field="plan",
        )
    if closes_on < opens_on:
        raise DomainError(_("The call must close on or after the day it opens."), "closes_on")
    if not 1 <= answer_within_days <= MAX_ANSWER_DAYS:
        raise DomainError(
            _("Give between 1 and %(max)d days to answer an idea.") % {"max": MAX_ANSWER_DAYS},
            field="answer_within_days",
        )
    return title


def _clean_criteria(criteria: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    cleaned: list[tuple[str, int]] = []
    for name, max_score in criteria:
        name = clean_line(name).strip()[:120]
        if not name:
            continue
        if not 1 <= max_score <= MAX_SCORE:
            raise DomainError(
                _("A criterion's highest score must be between 1 and %(max)d.")
                % {"max": MAX_SCORE},
                field="criteria",
            )
        if name.casefold() in {n.casefold() for n, _m in cleaned}:
            raise DomainError(
                _("The criterion %(name)s is listed twice.") % {"name": name}, "criteria"
            )
        cleaned.append((name, max_score))
    if not cleaned:
        raise DomainError(_("Give at least one criterion to score ideas on."), field="criteria")
    return cleaned


def _set_criteria(call: CallForIdeas, criteria: list[tuple[str, int]]) -> None:
    """Keep criteria by name (their scores with them); remove those no longer listed."""
    existing = {c.name: c for c in call.criteria.all()}
    for position, (name, max_score) in enumerate(criteria):
        found = existing.pop(name, None)
        if found is None:
            ScoringCriterion.objects.create(
                call=call, name=name, max_score=max_score, position=position
            )
        elif (found.max_score, found.position) != (max_score, position):
            found.max_score, found.position = max_score, position
            found.save(update_fields=["max_score", "position"])
    ScoringCriterion.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()


def create_call(
    *,
    by: Any,
    plan: ActionPlan,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    description: str = "",
    policy_areas: Iterable[PolicyArea] = (),
    answer_within_days: int = 60,
    criteria: Sequence[tuple[str, int]] = DEFAULT_CRITERIA,
) -> CallForIdeas:
    """Set up a call for ideas for a plan being drafted, as a draft (plan managers only see it
    until it is published), with the criteria the steering committee will score ideas on."""
    require("ideas.add_callforideas", by)
    title = _check(
        plan=plan,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        answer_within_days=answer_within_days,
    )
    cleaned = _clean_criteria(criteria)
    with transaction.atomic():
        call = CallForIdeas.objects.create(
            plan=plan,
            title=title,
            description=clean_text(description).strip(),
            opens_on=opens_on,
            closes_on=closes_on,
            answer_within_days=answer_within_days,
        )
        call.policy_areas.set(list(policy_areas))
        _set_criteria(call, cleaned)
        changes = audit.created(call, CALL_FIELDS)
        changes["policy_areas"] = [None, sorted(a.pk for a in call.policy_areas.all())]
        changes["criteria"] = [None, [f"{n} (0–{m})" for n, m in cleaned]]
        audit.record(
            actor=by, verb="ideas.callforideas.created", obj=call, changes=changes, is_public=False
        )
    return call


def update_call(
    *,
    by: Any,
    call: CallForIdeas,
    expected_version: int | None,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    description: str = "",
    policy_areas: Iterable[PolicyArea] = (),
    answer_within_days: int = 60,
    criteria: Sequence[tuple[str, int]] = DEFAULT_CRITERIA,
) -> CallForIdeas:
    """Edit a call; a save from a stale version is refused (ConflictError). Criteria keep their
    scores by name; a criterion removed takes its scores with it."""
    require("ideas.change_callforideas", by, call)
    title = _check(
        plan=call.plan,
        title=title,
        opens_on=opens_on,
        closes_on=closes_on,
        answer_within_days=answer_within_days,
    )
    cleaned = _clean_criteria(criteria)
    with transaction.atomic():
        locked = lock_for_edit(CallForIdeas, pk=call.pk, expected_version=expected_version)
        before = audit.snapshot(locked, CALL_FIELDS)
        areas_before = sorted(locked.policy_areas.values_list("pk", flat=True))
        criteria_before = [f"{c.name} (0–{c.max_score})" for c in locked.criteria.all()]
        locked.title, locked.description = title, clean_text(description).strip()
        locked.opens_on, locked.closes_on = opens_on, closes_on
        locked.answer_within_days = answer_within_days
        bump_version(locked)
        locked.save()
        locked.policy_areas.set(list(policy_areas))
        _set_criteria(locked, cleaned)
        changes = audit.diff(before, audit.snapshot(locked, CALL_FIELDS))
        areas = sorted(locked.policy_areas.values_list("pk", flat=True))
        if areas != areas_before:
            changes["policy_areas"] = [areas_before, areas]
        criteria_after = [f"{n} (0–{m})" for n, m in cleaned]
        if criteria_after != criteria_before:
            changes["criteria"] = [criteria_before, criteria_after]
        audit.record(
            actor=by,
            verb="ideas.callforideas.changed",
            obj=locked,
            changes=changes,
            is_public=locked.is_published,
        )
    return locked


def publish_call(*, by: Any, call: CallForIdeas) -> CallForIdeas:
    """Publish a draft call: from then on anyone sees it, and may send ideas while it is open."""
    require("ideas.publish_callforideas", by, call)
    with transaction.atomic():
        locked = lock_for_edit(CallForIdeas, pk=call.pk, expected_version=None)
        if locked.is_published:
            raise DomainError(_("This call is already published."))
        locked.published_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="ideas.callforideas.published",
            obj=locked,
            changes={"published_at": [None, audit.to_json_value(locked.published_at)]},
        )
    return locked
