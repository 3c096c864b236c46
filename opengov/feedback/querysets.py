"""Reads of feedback. Published feedback is public; feedback awaiting moderation is seen by those
who answer or moderate feedback (government contacts, the secretariat, administrators); hidden
feedback is loaded by anyone, but only moderators see more of it than its public reason (the
pages and the API show the rest only to `feedback.view_hidden_feedback`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from opengov.accounts.predicates import (
    is_administrator,
    is_government_contact,
    is_secretariat,
)

from .choices import FeedbackStatus, Moderation

if TYPE_CHECKING:
    from .models import Feedback  # noqa: F401


def moderates(user: Any) -> bool:
    return bool(is_administrator(user) or is_secretariat(user))


def handles_feedback(user: Any) -> bool:
    """Answers or moderates feedback: sees what awaits moderation."""
    return bool(moderates(user) or is_government_contact(user))


class FeedbackQuerySet(models.QuerySet["Feedback"]):
    def published(self) -> FeedbackQuerySet:
        return self.filter(moderation=Moderation.PUBLISHED)

    def visible_to(self, user: Any) -> FeedbackQuerySet:
        """The feedback whose page the user may open: published and hidden (as its reason
        only, unless a moderator) for everyone; awaiting moderation, for those who handle it."""
        if handles_feedback(user):
            return self
        return self.exclude(moderation=Moderation.PENDING)

    def inbox_for(self, user: Any) -> FeedbackQuerySet:
        """What the managing inbox lists: hidden feedback for moderators only."""
        rows = self.filter(pk__in=[]) if not handles_feedback(user) else self
        return rows if moderates(user) else rows.exclude(moderation=Moderation.HIDDEN)

    def awaiting_answer(self) -> FeedbackQuerySet:
        return self.published().filter(status=FeedbackStatus.RECEIVED)

    def for_list(self) -> FeedbackQuerySet:
        """What a list of feedback shows, in a fixed number of queries."""
        return self.select_related("commitment__plan", "answer__organisation")
