"""Every write to events and collective actions (see the modules for the rules)."""

from .actions import (
    adopt_collective_action,
    create_collective_action,
    sign_up,
    update_collective_action,
    withdraw_sign_up,
)
from .events import (
    add_delegate,
    add_event_document,
    create_event,
    remove_delegate,
    remove_event_document,
    update_event,
)

__all__ = [
    "add_delegate",
    "add_event_document",
    "adopt_collective_action",
    "create_collective_action",
    "create_event",
    "remove_delegate",
    "remove_event_document",
    "sign_up",
    "update_collective_action",
    "update_event",
    "withdraw_sign_up",
]
