"""Every write of consultations: the consultation and its versions (`consultations`), comments,
replies, reports and moderation (`comments`), answers (`answers`)."""

from .answers import answer_comment, answer_paragraph
from .comments import add_comment, hide_comment, reply_to_comment, report_comment
from .consultations import (
    conclude_consultation,
    create_consultation,
    publish_consultation,
    publish_version,
    update_consultation,
)

__all__ = [
    "add_comment",
    "answer_comment",
    "answer_paragraph",
    "conclude_consultation",
    "create_consultation",
    "hide_comment",
    "publish_consultation",
    "publish_version",
    "reply_to_comment",
    "report_comment",
    "update_consultation",
]
