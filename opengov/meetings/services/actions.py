"""Action items: agreeing them, reviewing them at later meetings, and closing them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.models import Commitment
from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import ConflictError, DomainError
from opengov.core.services import require
from opengov.core.submissions import repeated
from opengov.organisations.models import Organisation, Person

from ..choices import ActionStatus
from ..models import ActionItem, ActionItemReview, Meeting

MAX_PHRASE = 200


def add_action_item(
    *,
    by: Any,
    meeting: Meeting,
    text: str,
    owner_organisation: Organisation | None = None,
    owner_person: Person | None = None,
    owner_text: str = "",
    due_on: dt.date | None = None,
    due_phrase: str = "",
    commitment: Commitment | None = None,
) -> ActionItem:
    """Record an action agreed at a meeting. Its due date is a date, or, when the note named
    none, the words it used ("in the New Year"): a date is never invented."""
    require("meetings.add_actionitem", by, meeting)
    text = text.strip()
    if not text:
        raise DomainError(_("Enter the action."), field="text")
    due_phrase = " ".join(due_phrase.split())
    if len(due_phrase) > MAX_PHRASE:
        raise DomainError(_("The due phrase is too long."), field="due_phrase")
    if due_on is not None and due_phrase:
        due_phrase = ""
    with transaction.atomic():
        last = meeting.action_items.aggregate(models.Max("position"))["position__max"] or 0
        item = ActionItem.objects.create(
            meeting=meeting,
            position=last + 1,
            text=text,
            owner_organisation=owner_organisation,
            owner_person=owner_person,
            owner_text=(owner_text or "").strip()[:200],
            due_on=due_on,
            due_phrase=due_phrase,
            commitment=commitment,
        )
        audit.record(
            actor=by,
            verb="meetings.actionitem.agreed",
            obj=item,
            changes=audit.created(
                item,
                [
                    "text",
                    "owner_organisation",
                    "owner_person",
                    "owner_text",
                    "due_on",
                    "due_phrase",
                ],
            ),
            scope=meeting,
            is_public=meeting.is_public,
        )
    return item


# What a status change writes (with the version and `updated_at`).
STATUS_FIELDS = ("status", "done_on", "status_note", "status_submission_token", "version")


def set_action_item_status(
    *,
    by: Any,
    action_item: ActionItem,
    status: str,
    expected_version: int | None,
    done_on: dt.date | None = None,
    note: str = "",
    at_meeting: Meeting | None = None,
    submission_token: uuid.UUID | None = None,
) -> ActionItem:
    """Mark an action done (on a date, today by default, never in the future), dropped (a note
    saying why is required) or open again. When `at_meeting` is given, the change is also
    recorded as that meeting's review of the action. `submission_token` (core.submissions) makes
    a form sent twice change the status once: the second gets the action as the first left it,
    or a DomainError if it asked for another status."""
    require("meetings.change_actionitem", by, action_item)
    if at_meeting is not None:
        # Recording where a later meeting left the action: that meeting must be one the person
        # can see (the owner organisation may report at a public meeting, not a private one).
        require("meetings.view_meeting", by, at_meeting)
        _check_review_meeting(action_item, at_meeting, field="at_meeting")
    if status not in ActionStatus.values:
        raise DomainError(_("Choose the action's status."), field="status")
    note = note.strip()
    today = timezone.localdate()
    if status == ActionStatus.DONE:
        done_on = done_on or today
        if done_on > today:
            raise DomainError(_("The date it was done cannot be in the future."), "done_on")
    else:
        done_on = None
    if status == ActionStatus.DROPPED and not note:
        raise DomainError(_("Say why the action is dropped."), field="note")
    with transaction.atomic():
        locked = _lock_item(action_item, expected_version, submission_token)
        if submission_token is not None:
            earlier = ActionItem.objects.filter(status_submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, pk=locked.pk, status=status, done_on=done_on)
        if locked.status == status and locked.done_on == done_on:
            raise DomainError(_("The action already has this status."), field="status")
        changes: dict[str, Any] = {
            "status": [locked.status, status],
            "done_on": [audit.to_json_value(locked.done_on), audit.to_json_value(done_on)],
        }
        if note:
            changes["status_note"] = [locked.status_note, note]
            locked.status_note = note
        locked.status, locked.done_on = status, done_on
        locked.status_submission_token = submission_token
        bump_version(locked)
        locked.save(update_fields=[*STATUS_FIELDS, "updated_at"])
        if at_meeting is not None:
            _record_review(locked, at_meeting, by, note)
        meeting = locked.meeting
        audit.record(
            actor=by,
            verb="meetings.actionitem.status_changed",
            obj=locked,
            changes=changes,
            scope=meeting,
            is_public=meeting.is_public,
        )
    return locked


def _lock_item(
    item: ActionItem, expected_version: int | None, submission_token: uuid.UUID | None
) -> ActionItem:
    """Lock the item. A stale version is refused (ConflictError), unless the version moved on
    because this same submission already changed the status."""
    try:
        return lock_for_edit(
            ActionItem, pk=item.pk, expected_version=expected_version, related=("meeting",)
        )
    except ConflictError:
        locked = ActionItem.objects.select_related("meeting").get(pk=item.pk)  # locked by now
        if submission_token is None or locked.status_submission_token != submission_token:
            raise
        return locked


def _check_review_meeting(item: ActionItem, meeting: Meeting, *, field: str) -> None:
    if meeting.pk == item.meeting_id or meeting.starts_at < item.meeting.starts_at:
        raise DomainError(
            _("An action can only be reviewed at a meeting held after it was agreed."),
            field=field,
        )


def _record_review(item: ActionItem, meeting: Meeting, by: Any, note: str) -> ActionItemReview:
    review, _created = ActionItemReview.objects.update_or_create(
        action_item=item,
        meeting=meeting,
        defaults={"status": item.status, "note": note, "reviewed_by": as_user(by)},
    )
    return review


def review_action_item(
    *, by: Any, action_item: ActionItem, meeting: Meeting, note: str = ""
) -> ActionItemReview:
    """Record that a later meeting looked at an action, where it stood then and what was said."""
    require("meetings.change_meeting", by, meeting)
    _check_review_meeting(action_item, meeting, field="meeting")
    with transaction.atomic():
        review = _record_review(action_item, meeting, by, note.strip())
        audit.record(
            actor=by,
            verb="meetings.actionitem.reviewed",
            obj=action_item,
            changes={"reviewed_at": [None, meeting.pk], "status": [None, action_item.status]},
            scope=meeting,
            is_public=meeting.is_public and action_item.meeting.is_public,
        )
    return review
