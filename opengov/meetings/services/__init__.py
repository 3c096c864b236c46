"""Every write to meetings: each service checks its named rule, validates, writes in one
transaction and appends an audit event."""

from .actions import add_action_item, review_action_item, set_action_item_status
from .meetings import (
    add_minutes_section,
    create_meeting,
    create_series,
    publish_minutes,
    record_attendance,
    record_decision,
    remove_attendance,
    update_meeting,
    update_minutes_section,
)

__all__ = [
    "add_action_item",
    "add_minutes_section",
    "create_meeting",
    "create_series",
    "publish_minutes",
    "record_attendance",
    "record_decision",
    "remove_attendance",
    "review_action_item",
    "set_action_item_status",
    "update_meeting",
    "update_minutes_section",
]
