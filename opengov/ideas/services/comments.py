"""Comments on ideas: posting one or a reply (one level deep), reporting one, and hiding one with
a public reason."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.predicates import is_signed_in
from opengov.core import audit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.submissions import repeated
from opengov.core.text import clean_line, clean_text

from ..models import Comment, CommentReport, Idea
from .notices import tell, tell_author

MAX_COMMENT = 5000
MAX_REASON = 500


def post_comment(
    *,
    by: Any,
    idea: Idea,
    text: str,
    parent: Comment | None = None,
    submission_token: uuid.UUID | None = None,
) -> Comment:
    """Comment on a published idea, or reply to one of its comments (replies are one level
    deep: a reply to a reply joins the same thread). The idea's author is told of a comment, a
    comment's author of a reply to it. The comment's text stays out of the public audit trail, so
    hiding it later hides it everywhere."""
    require("ideas.comment_idea", by, idea)
    if not is_signed_in(by) or by.pk is None:
        raise DomainError(_("Sign in to comment."))
    text = clean_text(text).strip()
    if not text:
        raise DomainError(_("Enter your comment."), field="text")
    if len(text) > MAX_COMMENT:
        raise DomainError(
            _("Keep your comment under %(max)d characters.") % {"max": MAX_COMMENT}, "text"
        )
    if parent is not None:
        if parent.idea_id != idea.pk:
            raise DomainError(_("You can only reply to a comment on this idea."), field="parent")
        if parent.parent_id is not None:
            parent = parent.parent
    with transaction.atomic():
        # Comments on one idea take turns, so a form sent twice finds its first comment.
        Idea.objects.select_for_update().filter(pk=idea.pk).first()
        if submission_token is not None:
            earlier = Comment.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, idea_id=idea.pk, text=text)
        comment = Comment.objects.create(
            idea=idea,
            parent=parent,
            author=by,
            author_name=by.public_name[:200],
            text=text,
            submission_token=submission_token,
        )
        Idea.objects.filter(pk=idea.pk).update(comments_count=F("comments_count") + 1)
        audit.record(
            actor=by,
            verb="ideas.comment.replied" if parent else "ideas.comment.posted",
            obj=comment,
            changes={"parent": [None, parent.pk if parent else None]},
            scope=idea,
        )
        context = {"by": by, "comment": comment}
        replied_to = parent.author if parent is not None else None
        if replied_to is not None and replied_to.pk != by.pk:
            tell(
                replied_to,
                idea=idea,
                kind="reply",
                subject=_("A reply to your comment on “%(title)s”") % {"title": idea.title},
                context=context,
            )
        if replied_to is None or replied_to.pk != idea.submitted_by_id:
            tell_author(
                idea,
                kind="comment",
                subject=_("A comment on your idea “%(title)s”") % {"title": idea.title},
                context=context,
            )
    return comment


def report_comment(*, by: Any, comment: Comment, reason: str) -> CommentReport:
    """Ask the moderators to look at a comment; once per person (reporting again changes
    nothing)."""
    require("ideas.report_comment", by, comment)
    reason = clean_text(reason).strip()
    if not reason:
        raise DomainError(_("Say what is wrong with the comment."), field="reason")
    existing = CommentReport.objects.filter(comment=comment, reported_by=by).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(comment=comment, reported_by=by, reason=reason)
            Comment.objects.filter(pk=comment.pk).update(reports_count=F("reports_count") + 1)
            # Not public: a report names who made it and may quote the comment.
            audit.record(
                actor=by,
                verb="ideas.comment.reported",
                obj=comment,
                changes={"reports_count": [None, "+1"]},
                scope=comment.idea,
                is_public=False,
            )
    except IntegrityError:
        return CommentReport.objects.get(comment=comment, reported_by=by)
    return report


def hide_comment(*, by: Any, comment: Comment, reason: str) -> Comment:
    """Hide a comment, with a reason everyone sees; its text is then shown to moderators only."""
    require("ideas.hide_comment", by, comment)
    reason = clean_line(reason).strip()
    if not reason:
        raise DomainError(_("Give the reason the comment is hidden."), field="reason")
    if len(reason) > MAX_REASON:
        raise DomainError(_("Keep the reason under 500 characters."), field="reason")
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if locked.is_hidden:
            raise DomainError(_("This comment is already hidden."))
        locked.hidden_at, locked.hidden_reason = timezone.now(), reason
        locked.hidden_by = by if getattr(by, "pk", None) else None
        locked.save(update_fields=["hidden_at", "hidden_reason", "hidden_by", "updated_at"])
        audit.record(
            actor=by,
            verb="ideas.comment.hidden",
            obj=locked,
            changes={"hidden_reason": [None, reason]},
            scope=locked.idea,
        )
    return locked
