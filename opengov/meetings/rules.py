"""Named permissions for meetings. The secretariat (and administrators) run meetings: they create
them, record attendance, minutes, decisions and actions, import notes and publish minutes. An
action item's status may also be changed by anyone holding a role for its owner organisation."""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import is_administrator, is_secretariat, is_signed_in

from .models import ActionItem, Meeting
from .querysets import sees_private_meetings

runs_meetings = is_administrator | is_secretariat


@rules.predicate
def is_public_meeting(user: Any, obj: Any) -> bool:
    meeting = obj.meeting if isinstance(obj, ActionItem) else obj
    return isinstance(meeting, Meeting) and meeting.is_public


@rules.predicate
def sees_private(user: Any) -> bool:
    return sees_private_meetings(user)


@rules.predicate
def speaks_for_owner(user: Any, obj: Any) -> bool:
    if not isinstance(obj, ActionItem) or obj.owner_organisation_id is None:
        return False
    if not is_signed_in(user):
        return False
    return any(g.organisation_id == obj.owner_organisation_id for g in user.role_grants())


rules.add_perm("meetings.view_meeting", is_public_meeting | sees_private)
rules.add_perm("meetings.add_meeting", runs_meetings)
rules.add_perm("meetings.change_meeting", runs_meetings)
rules.add_perm("meetings.publish_minutes", runs_meetings)
rules.add_perm("meetings.add_meetingseries", runs_meetings)
rules.add_perm("meetings.import_note", runs_meetings)
rules.add_perm("meetings.add_actionitem", runs_meetings)
rules.add_perm(
    "meetings.change_actionitem",
    runs_meetings | (speaks_for_owner & is_public_meeting),
)
