"""Named permissions for feedback.

- Anyone, signed in or not, may send feedback (`feedback.add_feedback`).
- Moderators are the secretariat and administrators: they publish feedback awaiting moderation
  and hide abuse, with a public reason (`feedback.publish_feedback`, `feedback.hide_feedback`),
  and alone see what hidden feedback said (`feedback.view_hidden_feedback`).
- Answerers are government contacts (they give government's reasoned responses), the secretariat
  and administrators (`feedback.answer_feedback`): published feedback not yet answered. A
  moderator may also answer feedback awaiting moderation, which publishes it: reading it to
  answer it is the moderator's look. A government contact cannot publish, so must wait for it."""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.predicates import (
    is_administrator,
    is_government_contact,
    is_secretariat,
)

from .choices import FeedbackStatus, Moderation
from .models import Feedback

is_moderator = is_administrator | is_secretariat
is_answerer = is_moderator | is_government_contact


def _moderation(obj: Any) -> str | None:
    return obj.moderation if isinstance(obj, Feedback) else None


@rules.predicate
def is_pending(user: Any, obj: Any) -> bool:
    return _moderation(obj) == Moderation.PENDING


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    return _moderation(obj) == Moderation.PUBLISHED


@rules.predicate
def is_unanswered(user: Any, obj: Any) -> bool:
    return isinstance(obj, Feedback) and obj.status == FeedbackStatus.RECEIVED


rules.add_perm("feedback.add_feedback", rules.always_allow)
rules.add_perm("feedback.view_inbox", is_answerer)
rules.add_perm("feedback.view_hidden_feedback", is_moderator)
rules.add_perm("feedback.publish_feedback", is_moderator & is_pending)
rules.add_perm("feedback.hide_feedback", is_moderator & (is_pending | is_published))
rules.add_perm(
    "feedback.answer_feedback",
    is_unanswered & ((is_answerer & is_published) | (is_moderator & is_pending)),
)
