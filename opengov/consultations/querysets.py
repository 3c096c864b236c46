"""Reads of consultations. A draft consultation, and everything in it, is seen by plan managers
alone (`accounts.predicates.is_plan_manager`); a hidden comment's text by moderators alone
(the secretariat and administrators). Views, the API and the datasets load through
`visible_to(user)`. Open and closed follow from the deadline, read at query time."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

from opengov.accounts.predicates import is_administrator, is_plan_manager, is_secretariat

if TYPE_CHECKING:
    from .models import Answer, Comment, Consultation, DocumentVersion, Paragraph  # noqa: F401


def sees_drafts(user: Any) -> bool:
    return bool(is_plan_manager(user))


def moderates(user: Any) -> bool:
    return bool(is_administrator(user) or is_secretariat(user))


class ConsultationQuerySet(models.QuerySet["Consultation"]):
    def published(self) -> ConsultationQuerySet:
        return self.filter(published_at__isnull=False)

    def visible_to(self, user: Any) -> ConsultationQuerySet:
        return self if sees_drafts(user) else self.published()

    def open_at(self, now: dt.datetime) -> ConsultationQuerySet:
        return self.published().filter(concluded_at__isnull=True, closes_at__gt=now)

    def closed_at(self, now: dt.datetime) -> ConsultationQuerySet:
        return self.published().filter(concluded_at__isnull=True, closes_at__lte=now)

    def concluded(self) -> ConsultationQuerySet:
        return self.published().filter(concluded_at__isnull=False)

    def drafts(self) -> ConsultationQuerySet:
        return self.filter(published_at__isnull=True)


class DocumentVersionQuerySet(models.QuerySet["DocumentVersion"]):
    def visible_to(self, user: Any) -> DocumentVersionQuerySet:
        return self if sees_drafts(user) else self.filter(consultation__published_at__isnull=False)


class ParagraphQuerySet(models.QuerySet["Paragraph"]):
    def visible_to(self, user: Any) -> ParagraphQuerySet:
        if sees_drafts(user):
            return self
        return self.filter(version__consultation__published_at__isnull=False)


class ParagraphCommentQuerySet(models.QuerySet["Comment"]):
    def in_published(self) -> ParagraphCommentQuerySet:
        return self.filter(consultation__published_at__isnull=False)

    def shown(self) -> ParagraphCommentQuerySet:
        return self.filter(hidden_at__isnull=True)

    def visible_to(self, user: Any) -> ParagraphCommentQuerySet:
        """Comments whose text the user may read: not hidden, in a consultation they may see
        (a draft has none, but a consultation is never unpublished: the filter is a guard)."""
        if moderates(user):
            return self
        comments = self.shown()
        return comments if sees_drafts(user) else comments.in_published()


class ConsultationAnswerQuerySet(models.QuerySet["Answer"]):
    def visible_to(self, user: Any) -> ConsultationAnswerQuerySet:
        if sees_drafts(user):
            return self
        return self.filter(consultation__published_at__isnull=False)
