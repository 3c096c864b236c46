"""Ideas: sending one to an open call, moderating it (publishing or refusing it), supporting it
(and withdrawing that support) and scoring it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.predicates import is_signed_in
from opengov.action_plans.models import PolicyArea
from opengov.core import audit
from opengov.core.actors import SYSTEM
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.submissions import repeated
from opengov.core.text import clean_line, clean_text
from opengov.organisations.models import Membership, Organisation, Person
from opengov.organisations.services import create_person

from ..choices import OPEN_STAGES, IdeaStatus, RefusalReason, SustainableDevelopmentGoal
from ..models import CallForIdeas, Idea, Score, Support
from .counts import lock_support_chain, refresh_support_counts
from .notices import tell_author

IDEA_FIELDS = ["title", "text", "policy_area", "goals", "author_person", "author_organisation"]


def person_for(user: Any) -> Person:
    """The user's person record, made (by the platform, through the directory's service) the
    first time they send something that is published under their name."""
    found = Person.objects.filter(user=user).first()
    return found or create_person(by=SYSTEM, name=user.public_name, user=user)


def speaks_for(user: Any, organisation: Organisation) -> bool:
    """True when the user holds a role for the organisation or is a current member of it."""
    if any(g.organisation_id == organisation.pk for g in user.role_grants()):
        return True
    today = timezone.localdate()
    return (
        Membership.objects.filter(person__user=user, organisation=organisation)
        .exclude(end_on__lt=today)
        .exists()
    )


def _check_goals(goals: Iterable[int]) -> list[int]:
    chosen = sorted({int(g) for g in goals})
    if any(g not in SustainableDevelopmentGoal.values for g in chosen):
        raise DomainError(_("Choose goals between 1 and 17."), field="goals")
    return chosen


def submit_idea(
    *,
    by: Any,
    call: CallForIdeas,
    title: str,
    text: str,
    policy_area: PolicyArea | None = None,
    goals: Iterable[int] = (),
    organisation: Organisation | None = None,
    submission_token: uuid.UUID | None = None,
) -> Idea:
    """Send an idea to a call while it is open. The sender's person record is its author (made
    if missing); it may also be sent on behalf of an organisation they speak for. It waits for
    moderation before anyone else sees it."""
    require("ideas.submit_idea", by, call)
    title, text = clean_line(title).strip(), clean_text(text).strip()
    if not title:
        raise DomainError(_("Enter a title for your idea."), field="title")
    if not text:
        raise DomainError(_("Describe your idea."), field="text")
    offered = list(call.policy_areas.all())
    if policy_area is None and offered:
        raise DomainError(_("Choose the policy area of your idea."), field="policy_area")
    if policy_area is not None and offered and policy_area not in offered:
        raise DomainError(_("This call does not ask for ideas in that area."), "policy_area")
    chosen_goals = _check_goals(goals)
    if organisation is not None and not speaks_for(by, organisation):
        raise DomainError(
            _("You can send an idea only on behalf of an organisation you belong to."),
            field="organisation",
        )
    with transaction.atomic():
        # Writers of the same call take turns, so a form sent twice finds its first idea.
        CallForIdeas.objects.select_for_update().filter(pk=call.pk).first()
        if submission_token is not None:
            earlier = Idea.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, call_id=call.pk, title=title, text=text)
        idea = Idea.objects.create(
            call=call,
            title=title,
            text=text,
            policy_area=policy_area,
            goals=chosen_goals,
            author_person=person_for(by),
            author_organisation=organisation,
            submitted_by=by,
            submission_token=submission_token,
        )
        # Not public until moderated: what was sent may never be published.
        audit.record(
            actor=by,
            verb="ideas.idea.submitted",
            obj=idea,
            changes=audit.created(idea, IDEA_FIELDS),
            scope=call,
            is_public=False,
        )
    return idea


def moderate_idea(*, by: Any, idea: Idea, status: str, expected_version: int | None = None) -> Idea:
    """Publish an idea that was sent (it then counts towards the call's answer rate), or move a
    published idea between published, under consideration and shortlisted. Closing an idea is
    answering it (answer_idea): it needs a reasoned response."""
    require("ideas.moderate_idea", by, idea)
    if status not in OPEN_STAGES:
        raise DomainError(
            _("Choose published, under consideration or shortlisted."), field="status"
        )
    with transaction.atomic():
        locked = lock_for_edit(Idea, pk=idea.pk, expected_version=expected_version)
        if locked.is_closed:
            raise DomainError(_("This idea has been answered; its status can no longer move."))
        if locked.is_refused:
            raise DomainError(_("This idea was not published at moderation; it stays unpublished."))
        if locked.status == status:
            raise DomainError(_("The idea already has this status."), field="status")
        old = locked.status
        locked.status = status
        newly_published = old == IdeaStatus.SUBMITTED
        if newly_published:
            locked.published_at = timezone.now()
        bump_version(locked)
        locked.save()
        if newly_published:
            # The idea's content becomes public now, with the moderation that published it.
            changes = audit.created(locked, IDEA_FIELDS)
            changes["status"] = [old, status]
            verb = "ideas.idea.published"
        else:
            changes, verb = {"status": [old, status]}, "ideas.idea.status_changed"
        audit.record(actor=by, verb=verb, obj=locked, changes=changes, scope=locked.call)
    return locked


def _current(idea: Idea) -> Idea:
    """The idea as stored now (its status may have moved since the caller loaded it)."""
    return Idea.objects.select_related("call").get(pk=idea.pk)


def support_idea(*, by: Any, idea: Idea) -> tuple[Support, bool]:
    """Support an idea, once per person (a unique constraint): supporting again, or two clicks
    at once, leaves one support. Returns the support and whether it is new."""
    require("ideas.support_idea", by, idea)
    try:
        with transaction.atomic():
            lock_support_chain(idea)
            # The rule again on the locked row: the idea may have been answered meanwhile.
            require("ideas.support_idea", by, _current(idea))
            support, created = Support.objects.get_or_create(idea=idea, user=by)
            if created:
                refresh_support_counts(idea)
                audit.record(
                    actor=by,
                    verb="ideas.idea.supported",
                    obj=idea,
                    changes={"supports_count": [None, "+1"]},
                    scope=idea.call,
                )
    except IntegrityError:
        # Another request by the same person won the race between our read and our insert.
        return Support.objects.get(idea=idea, user=by), False
    return support, created


def withdraw_support(*, by: Any, idea: Idea, missing_ok: bool = False) -> bool:
    """Withdraw the person's support of an idea, while it could still be supported (the idea
    published and not yet answered). The idea's counts, and the combined counts of the ideas it
    was merged into, are recounted. Withdrawing a support one does not give (or gave and has
    just withdrawn, in another request) is refused and changes nothing; with `missing_ok` (the
    API's idempotent DELETE) it changes nothing and returns False. True when withdrawn."""
    require("ideas.withdraw_support", by, idea)
    with transaction.atomic():
        lock_support_chain(idea)
        require("ideas.withdraw_support", by, _current(idea))
        deleted, _rows = Support.objects.filter(idea=idea, user_id=by.pk).delete()
        if not deleted:
            if missing_ok:
                return False
            raise DomainError(
                _("You do not support this idea, so there is no support to withdraw.")
            )
        refresh_support_counts(idea)
        audit.record(
            actor=by,
            verb="ideas.idea.support_withdrawn",
            obj=idea,
            changes={"supports_count": [None, "-1"]},
            scope=idea.call,
        )
    return True


def refuse_idea(
    *,
    by: Any,
    idea: Idea,
    reason: str,
    explanation: str,
    expected_version: int | None = None,
) -> Idea:
    """Refuse to publish an idea awaiting moderation (off topic, abusive, someone's personal
    data, a duplicate…), with a reason from the list and an explanation, both required. The idea
    is never public: its author still sees it, with the reason, and is e-mailed it; the call's
    reports count it by reason, without its text. The audit event is not public (it would name
    the idea) and records no text of the idea."""
    require("ideas.refuse_idea", by, idea)
    if reason not in RefusalReason.values:
        raise DomainError(_("Choose why the idea is not published."), field="reason")
    explanation = clean_text(explanation).strip()
    if not explanation:
        raise DomainError(
            _("Explain to its author why the idea is not published."), field="explanation"
        )
    with transaction.atomic():
        locked = lock_for_edit(Idea, pk=idea.pk, expected_version=expected_version)
        if locked.status != IdeaStatus.SUBMITTED:
            raise DomainError(_("Only an idea awaiting moderation can be refused."))
        locked.status = IdeaStatus.REFUSED
        locked.refusal_reason = reason
        locked.refusal_explanation = explanation
        locked.refused_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="ideas.idea.refused",
            obj=locked,
            changes={
                "status": [IdeaStatus.SUBMITTED, IdeaStatus.REFUSED],
                "reason": [None, reason],
            },
            scope=locked.call,
            is_public=False,
        )
        tell_author(
            locked,
            kind="refused",
            subject=_("Your idea was not published"),
            context={"by": by, "reason": RefusalReason(reason).label},
        )
    return locked


def score_idea(*, by: Any, idea: Idea, scores: Mapping[int, int]) -> list[Score]:
    """Record the scorer's score of a shortlisted idea on each of its call's criteria (a score
    given again replaces theirs). Every criterion must be scored, within its range."""
    require("ideas.score_idea", by, idea)
    if not is_signed_in(by) or by.pk is None:
        raise DomainError(_("Scores are given by a signed-in member of the steering committee."))
    criteria = list(idea.call.criteria.all())
    if not criteria:
        raise DomainError(_("This call has no criteria to score ideas on."))
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if value is None:
            raise DomainError(
                _("Score the idea on %(name)s.") % {"name": criterion.name},
                field=f"criterion_{criterion.pk}",
            )
        if not 0 <= value <= criterion.max_score:
            raise DomainError(
                _("Score %(name)s from 0 to %(max)d.")
                % {"name": criterion.name, "max": criterion.max_score},
                field=f"criterion_{criterion.pk}",
            )
    with transaction.atomic():
        saved = []
        changes: dict[str, list[Any]] = {}
        for criterion in criteria:
            value = scores[criterion.pk]
            score, created = Score.objects.select_for_update().get_or_create(
                idea=idea, criterion=criterion, scorer=by, defaults={"value": value}
            )
            if not created and score.value != value:
                changes[criterion.name] = [score.value, value]
                score.value = value
                score.save(update_fields=["value", "scored_at"])
            elif created:
                changes[criterion.name] = [None, value]
            saved.append(score)
        audit.record(actor=by, verb="ideas.idea.scored", obj=idea, changes=changes, scope=idea.call)
    return saved


def bump_comments(idea: Idea) -> None:
    Idea.objects.filter(pk=idea.pk).update(comments_count=F("comments_count") + 1)
