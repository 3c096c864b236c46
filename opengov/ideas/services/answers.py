"""Reasoned responses: government's answer to each idea, one at a time or many at once with a
call's response template. An accepted idea becomes a draft commitment of the call's plan; a merged
idea points to the idea that absorbed it, whose combined support counts each person once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.models import ActionPlan
from opengov.action_plans.services import create_commitment
from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.text import clean_line, clean_text
from opengov.organisations.models import Organisation

from ..choices import Decision, IdeaStatus
from ..models import CallForIdeas, Idea, ReasonedResponse, ResponseTemplate
from .counts import refresh_support_counts
from .notices import tell_author

RESPONSE_FIELDS = ["decision", "reason", "organisation", "responded_on"]


def next_commitment_number(plan: ActionPlan) -> str:
    """The number after the highest whole number a commitment of the plan has."""
    numbers = [
        int(match.group(0))
        for number in plan.commitments.values_list("number", flat=True)
        if (match := re.match(r"\d+", number))
    ]
    return str(max(numbers, default=0) + 1)


def _check_answer(
    idea: Idea, decision: str, reason: str, merged_into: Idea | None, responded_on: dt.date
) -> str:
    if decision not in Decision.values:
        raise DomainError(_("Choose the decision."), field="decision")
    reason = clean_text(reason).strip()
    if not reason:
        raise DomainError(
            _("Give the reason for the decision: every idea gets a reasoned response."),
            field="reason",
        )
    if responded_on > timezone.localdate():
        raise DomainError(_("The date of the answer cannot be in the future."), "responded_on")
    if decision == Decision.MERGED:
        if merged_into is None:
            raise DomainError(_("Choose the idea it is merged into."), field="merged_into")
        if merged_into.pk == idea.pk or merged_into.call_id != idea.call_id:
            raise DomainError(
                _("Choose another idea of the same call to merge it into."), "merged_into"
            )
        if merged_into.status in (IdeaStatus.SUBMITTED, IdeaStatus.MERGED):
            raise DomainError(
                _("An idea can only be merged into a published idea that is not itself merged."),
                field="merged_into",
            )
    return reason


def answer_idea(
    *,
    by: Any,
    idea: Idea,
    decision: str,
    reason: str,
    organisation: Organisation | None = None,
    merged_into: Idea | None = None,
    responded_on: dt.date | None = None,
    template: ResponseTemplate | None = None,
    expected_version: int | None = None,
) -> ReasonedResponse:
    """Close an idea with its public reasoned response (decision, reason, the responding
    organisation, the date). Accepted: it becomes a draft commitment of the call's plan, linked
    both ways. Merged: it points to the idea that absorbed it, which counts its supporters too
    (each person once). Not taken forward: the reason says why. Its author is told."""
    require("ideas.answer_idea", by, idea)
    responded_on = responded_on or timezone.localdate()
    reason = _check_answer(idea, decision, reason, merged_into, responded_on)
    with transaction.atomic():
        locked = lock_for_edit(Idea, pk=idea.pk, expected_version=expected_version)
        if locked.is_closed or ReasonedResponse.objects.filter(idea_id=locked.pk).exists():
            raise DomainError(_("“%(title)s” has already been answered.") % {"title": locked.title})
        response = ReasonedResponse.objects.create(
            idea=locked,
            decision=decision,
            reason=reason,
            organisation=organisation,
            responded_on=responded_on,
            responded_by=by if getattr(by, "pk", None) else None,
            template=template,
        )
        old_status = locked.status
        locked.status = decision
        changes: dict[str, Any] = {"status": [old_status, decision]}
        if decision == Decision.ACCEPTED:
            locked.commitment = _draft_commitment(by, locked, organisation)
            changes["commitment"] = [None, locked.commitment.pk]
        if decision == Decision.MERGED and merged_into is not None:
            locked.merged_into = merged_into
            changes["merged_into"] = [None, merged_into.pk]
        bump_version(locked)
        locked.save()
        if merged_into is not None:
            refresh_support_counts(merged_into)
        changes.update(audit.created(response, RESPONSE_FIELDS))
        if template is not None:
            changes["template"] = [None, template.name]
        audit.record(
            actor=by, verb="ideas.idea.answered", obj=locked, changes=changes, scope=locked.call
        )
        kind = "merged" if decision == Decision.MERGED else "answered"
        tell_author(
            locked,
            kind=kind,
            subject=_("Your idea “%(title)s” has been answered") % {"title": locked.title},
            context={"by": by, "response": response, "merged_into": merged_into},
        )
    return response


def _draft_commitment(by: Any, idea: Idea, organisation: Organisation | None) -> Any:
    plan = idea.call.plan
    description = _("%(text)s\n\nFrom the idea “%(title)s”, sent to the call “%(call)s”.") % {
        "text": idea.text,
        "title": idea.title,
        "call": idea.call.title,
    }
    return create_commitment(
        by=by,
        plan=plan,
        number=next_commitment_number(plan),
        title=idea.title[:500],
        description=description,
        lead_organisations=[organisation] if organisation else [],
        policy_areas=[idea.policy_area] if idea.policy_area else [],
    )


def answer_with_template(
    *,
    by: Any,
    template: ResponseTemplate,
    ideas: Sequence[Idea],
    organisation: Organisation | None = None,
    responded_on: dt.date | None = None,
) -> list[ReasonedResponse]:
    """Answer many ideas of the template's call at once with its decision and reason. Each idea
    gets its own ReasonedResponse and audit event; if one cannot be answered, none is."""
    require("ideas.add_responsetemplate", by, template.call)
    if not ideas:
        raise DomainError(_("Choose at least one idea to answer."), field="ideas")
    others = [i for i in ideas if i.call_id != template.call_id]
    if others:
        raise DomainError(_("Choose ideas of this call only."), field="ideas")
    with transaction.atomic():
        return [
            answer_idea(
                by=by,
                idea=idea,
                decision=template.decision,
                reason=template.reason,
                organisation=organisation,
                responded_on=responded_on,
                template=template,
            )
            for idea in ideas
        ]


def add_response_template(
    *, by: Any, call: CallForIdeas, name: str, decision: str, reason: str
) -> ResponseTemplate:
    """Save a decision and reason to answer several of the call's ideas with. Merging is not
    offered: each merged idea names its own absorbing idea."""
    require("ideas.add_responsetemplate", by, call)
    name = clean_line(name).strip()[:200]
    if not name:
        raise DomainError(_("Name the template."), field="name")
    if decision not in (Decision.ACCEPTED, Decision.NOT_TAKEN_FORWARD):
        raise DomainError(_("Choose accepted or not taken forward."), field="decision")
    reason = clean_text(reason).strip()
    if not reason:
        raise DomainError(_("Give the reason the template answers with."), field="reason")
    with transaction.atomic():
        template = ResponseTemplate.objects.create(
            call=call, name=name, decision=decision, reason=reason
        )
        audit.record(
            actor=by,
            verb="ideas.responsetemplate.created",
            obj=template,
            changes=audit.created(template, ["name", "decision", "reason"]),
            scope=call,
            is_public=call.is_published,
        )
    return template
