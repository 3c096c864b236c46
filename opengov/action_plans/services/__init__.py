"""Every write to action plans. Each service checks its named rule, validates, writes inside one
transaction, and appends an audit event; views, the API, the admin and the CLI all call these."""

from .commitments import create_commitment, update_commitment
from .milestones import (
    add_milestone,
    complete_milestone,
    revise_milestone_due_date,
    update_milestone,
)
from .plans import create_member, create_plan, publish_plan, update_plan
from .progress import post_progress_update, record_assessment

__all__ = [
    "add_milestone",
    "complete_milestone",
    "create_commitment",
    "create_member",
    "create_plan",
    "post_progress_update",
    "publish_plan",
    "record_assessment",
    "revise_milestone_due_date",
    "update_commitment",
    "update_milestone",
    "update_plan",
]
