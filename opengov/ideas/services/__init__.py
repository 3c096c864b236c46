"""Every write to ideas: each service checks its named rule, validates, writes in one transaction,
appends an audit event and tells the people concerned (opengov.core.notifications)."""

from .answers import add_response_template, answer_idea, answer_with_template
from .calls import create_call, publish_call, update_call
from .comments import hide_comment, post_comment, report_comment
from .ideas import (
    moderate_idea,
    refuse_idea,
    score_idea,
    submit_idea,
    support_idea,
    withdraw_support,
)

__all__ = [
    "add_response_template",
    "answer_idea",
    "answer_with_template",
    "create_call",
    "hide_comment",
    "moderate_idea",
    "post_comment",
    "publish_call",
    "refuse_idea",
    "report_comment",
    "score_idea",
    "submit_idea",
    "support_idea",
    "update_call",
    "withdraw_support",
]
