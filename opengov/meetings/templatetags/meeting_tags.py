"""Template helpers for meetings: an action's due date as it was given, its overdue mark, and
GOV.UK tags in the colours the project uses for the same meaning elsewhere."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from opengov.core.templatetags.govuk import govuk_date, govuk_tag

from ..choices import ActionStatus, MeetingStatus
from ..models import ActionItem, Meeting

register = template.Library()

# Our status keys → the shared keys whose colours mean the same (core.templatetags.govuk).
ACTION_COLOURS: dict[str, str] = {
    ActionStatus.OPEN: "in_progress",
    ActionStatus.DONE: "complete",
    ActionStatus.DROPPED: "ended",
}
MEETING_COLOURS: dict[str, str] = {
    MeetingStatus.PLANNED: "not_started",
    MeetingStatus.HELD: "in_progress",
    MeetingStatus.MINUTES_PUBLISHED: "complete",
}


@register.filter
def action_due(item: ActionItem) -> str:
    """ "28 November 2016", or the note's own words ("in the New Year"), or "No date"."""
    if item.due_on is not None:
        return govuk_date(item.due_on)
    return item.due_phrase or _("No date")


@register.filter
def action_overdue(item: ActionItem, today: dt.date) -> bool:
    return item.is_overdue(today)


@register.simple_tag
def action_status_tag(status: str, today: dt.date | None = None, item: Any = None) -> SafeString:
    """The status of an action (or of a review of it); "Overdue" when `item` is open and late."""
    if item is not None and today is not None and item.is_overdue(today):
        return govuk_tag("overdue", _("Overdue"))
    label = ActionStatus(status).label if status in ActionStatus.values else status
    return govuk_tag(ACTION_COLOURS.get(status, status), label)


@register.simple_tag
def meeting_status_tag(meeting: Meeting) -> SafeString:
    return govuk_tag(
        MEETING_COLOURS.get(meeting.status, meeting.status), meeting.get_status_display()
    )
