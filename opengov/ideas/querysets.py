"""Reads of calls, ideas and comments. A call not yet published, and everything in it, is seen by
plan managers only; an idea awaiting moderation, or refused at it, by the moderators and the person
who sent it; a
hidden comment stays listed with its reason, its text shown to moderators only (templates ask
`ideas.view_hidden_comment`). Views, the API and the datasets load through `visible_to(user)`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from opengov.accounts.predicates import (
    is_administrator,
    is_plan_manager,
    is_secretariat,
    is_signed_in,
)

from .choices import UNPUBLISHED, IdeaStatus

if TYPE_CHECKING:
    from .models import CallForIdeas, Comment, Idea  # noqa: F401


def is_moderator(user: Any) -> bool:
    """The secretariat and administrators moderate ideas and comments."""
    return bool(is_administrator(user) or is_secretariat(user))


class CallQuerySet(models.QuerySet["CallForIdeas"]):
    def published(self) -> CallQuerySet:
        return self.filter(published_at__isnull=False)

    def visible_to(self, user: Any) -> CallQuerySet:
        return self if is_plan_manager(user) else self.published()


class IdeaQuerySet(models.QuerySet["Idea"]):
    def public(self) -> IdeaQuerySet:
        """Moderated and published ideas of published calls: what anyone may read (never one
        awaiting moderation or refused at it)."""
        return self.filter(call__published_at__isnull=False).exclude(status__in=UNPUBLISHED)

    def visible_to(self, user: Any) -> IdeaQuerySet:
        if is_moderator(user):
            return self
        public = models.Q(call__published_at__isnull=False) & ~models.Q(status__in=UNPUBLISHED)
        if is_signed_in(user) and getattr(user, "pk", None):
            return self.filter(public | models.Q(submitted_by=user))
        return self.filter(public)

    def awaiting_moderation(self) -> IdeaQuerySet:
        return self.filter(status=IdeaStatus.SUBMITTED)

    def refused(self) -> IdeaQuerySet:
        return self.filter(status=IdeaStatus.REFUSED)


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible_to(self, user: Any) -> CommentQuerySet:
        """Comments on ideas the user may see (hidden ones included: their reason is public)."""
        from .models import Idea

        if is_moderator(user):
            return self
        return self.filter(idea__in=Idea.objects.visible_to(user))

    def not_hidden(self) -> CommentQuerySet:
        return self.filter(hidden_at__isnull=True)
