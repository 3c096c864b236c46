"""Comments on a paragraph, replies to a comment (one level deep), reports of a comment, and
moderators hiding one with a public reason."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.predicates import is_signed_in
from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.notifications import notify
from opengov.core.services import require
from opengov.core.submissions import repeated
from opengov.core.text import clean_text

from ..choices import ConsultationStatus
from ..models import Comment, CommentReport, Consultation, Paragraph

MAX_COMMENT = 10_000


def _check_body(text: str, field: str, missing: str) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise DomainError(missing, field=field)
    if len(text) > MAX_COMMENT:
        raise DomainError(
            _("Write %(max)d characters or fewer.") % {"max": MAX_COMMENT}, field=field
        )
    return text


def add_comment(
    *, by: Any, paragraph: Paragraph, text: str, submission_token: uuid.UUID | None = None
) -> Comment:
    """Comment on a paragraph of the current version while the consultation is open (published,
    before its deadline, not concluded). The same form sent twice (its submission token) writes
    one comment."""
    consultation = paragraph.version.consultation
    require("consultations.add_comment", by, consultation)
    text = _check_body(text, "text", _("Enter your comment."))
    with transaction.atomic():
        # The consultation's row serialises comments with a new version or a conclusion.
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        require("consultations.add_comment", by, locked)
        if submission_token is not None:
            earlier = Comment.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, paragraph_id=paragraph.pk, text=text, author_id=by.pk)
        current = locked.versions.order_by("-number").values_list("pk", "number").first()
        locked_number = current[1] if current else None
        if current is None or paragraph.version_id != current[0]:
            raise DomainError(
                _("The document has been revised since you opened it: comment on the new version."),
                field="text",
            )
        comment = Comment.objects.create(
            consultation=locked,
            paragraph=paragraph,
            paragraph_key=paragraph.key,
            author=as_user(by),
            text=text,
            submission_token=submission_token,
        )
        audit.record(
            actor=by,
            verb="consultations.comment.added",
            obj=comment,
            # Not the text: the log is public and append-only, and a moderator may hide it.
            changes={"paragraph": [None, paragraph.position], "version": [None, locked_number]},
            scope=locked,
        )
    return comment


def _check_replyable(by: Any, comment: Comment) -> None:
    """Say clearly why a reply is refused, then hold to the named rule."""
    if comment.consultation.status != ConsultationStatus.OPEN and is_signed_in(by):
        raise PermissionDeniedError(
            _("Replies are closed: the consultation no longer takes comments or replies.")
        )
    parent = comment.parent if comment.parent_id is not None else None
    if comment.is_hidden or (parent is not None and parent.is_hidden):
        raise DomainError(_("This comment has been hidden: it cannot be replied to."))
    require("consultations.reply_comment", by, comment)


def reply_to_comment(
    *, by: Any, comment: Comment, text: str, submission_token: uuid.UUID | None = None
) -> Comment:
    """Reply to a comment while the consultation is open (the deadline rule of comments).
    Replies are one level deep: a reply to a reply joins the thread of the comment it answers.
    A reply belongs to its parent's paragraph (and version), whatever the current version is. A
    hidden comment, or a reply in a hidden comment's thread, takes no replies. The parent's
    author is e-mailed, unless they reply to themselves. The same form sent twice (its
    submission token) writes one reply."""
    _check_replyable(by, comment)
    text = _check_body(text, "text", _("Enter your reply."))
    with transaction.atomic():
        # The consultation's row serialises a reply with a conclusion or a new version.
        locked = Consultation.objects.select_for_update().get(pk=comment.consultation_id)
        target = Comment.objects.select_related("author", "parent__author").get(pk=comment.pk)
        parent = target.parent if target.parent is not None else target
        target.consultation = locked
        _check_replyable(by, target)
        if submission_token is not None:
            earlier = Comment.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, parent_id=parent.pk, text=text, author_id=by.pk)
        reply = Comment.objects.create(
            consultation=locked,
            paragraph_id=parent.paragraph_id,
            paragraph_key=parent.paragraph_key,
            parent=parent,
            author=as_user(by),
            text=text,
            submission_token=submission_token,
        )
        audit.record(
            actor=by,
            verb="consultations.comment.replied",
            obj=reply,
            # Not the text, as for comments: a moderator may hide it.
            changes={"parent": [None, parent.pk]},
            scope=locked,
        )
        if parent.author_id != reply.author_id:
            body = render_to_string(
                "consultations/email/comment_replied.txt",
                {"consultation": locked, "comment": parent, "reply": reply},
            )
            notify(
                to=parent.author,
                subject=_("A reply to your comment on “%(title)s”") % {"title": locked.title},
                body=body,
                kind="consultations.comment_replied",
                url=reply.thread_url(),
            )
    return reply


def report_comment(*, by: Any, comment: Comment, reason: str) -> CommentReport:
    """Ask the moderators to look at a comment. A person reports a comment once; reporting it
    again changes nothing. The report is not public (it names who reported)."""
    require("consultations.report_comment", by, comment)
    reason = _check_body(reason, "reason", _("Say what is wrong with this comment."))
    try:
        with transaction.atomic():
            report, made = CommentReport.objects.get_or_create(
                comment=comment, reporter=as_user(by), defaults={"reason": reason}
            )
            if made:
                audit.record(
                    actor=by,
                    verb="consultations.comment.reported",
                    obj=comment,
                    changes={"reason": [None, reason]},
                    scope=comment.consultation,
                    is_public=False,
                )
    except IntegrityError:  # a simultaneous second report by the same person
        report = CommentReport.objects.get(comment=comment, reporter=as_user(by))
    return report


def hide_comment(*, by: Any, comment: Comment, reason: str) -> Comment:
    """A moderator hides a comment: its text is then seen by moderators alone; the page shows
    that it was hidden and the public reason. Its answer, if any, stays."""
    require("consultations.hide_comment", by, comment)
    reason = clean_text(reason or "").strip()
    if not reason:
        raise DomainError(_("Give the public reason for hiding the comment."), field="reason")
    with transaction.atomic():
        comment = (
            Comment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
        )
        if comment.is_hidden:
            raise DomainError(_("This comment is already hidden."))
        comment.hidden_at = timezone.now()
        comment.hidden_by = as_user(by)
        comment.hidden_reason = reason
        comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit.record(
            actor=by,
            verb="consultations.comment.hidden",
            obj=comment,
            changes={"hidden_reason": [None, reason]},
            scope=comment.consultation,
        )
    return comment
