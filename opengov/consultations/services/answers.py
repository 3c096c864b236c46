"""The owner's answers: to one comment, or to a paragraph as a whole. The comment's author is
told of the answer to their comment."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.errors import DomainError
from opengov.core.notifications import notify
from opengov.core.services import require
from opengov.core.submissions import repeated
from opengov.core.text import clean_text

from ..models import Answer, Comment, Consultation, Paragraph
from .comments import MAX_COMMENT


def _check(text: str) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise DomainError(_("Enter the answer."), field="text")
    if len(text) > MAX_COMMENT:
        raise DomainError(_("Write %(max)d characters or fewer.") % {"max": MAX_COMMENT}, "text")
    return text


def answer_comment(
    *,
    by: Any,
    comment: Comment,
    text: str,
    submission_token: uuid.UUID | None = None,
) -> Answer:
    """Answer one comment (once), for the owner organisation (the answer names it), while the
    consultation is open or after its deadline, until it is concluded. The comment's author is
    notified. Replies are not answered: answer the comment they belong to."""
    if comment.parent_id is not None:
        raise DomainError(
            _("This is a reply: answer the comment it belongs to, or the paragraph."),
            field="text",
        )
    require("consultations.answer_comment", by, comment)
    consultation = comment.consultation
    text = _check(text)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if submission_token is not None:
            earlier = Answer.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, comment_id=comment.pk, text=text)
        if Answer.objects.filter(comment=locked).exists():
            raise DomainError(_("This comment has already been answered."), field="text")
        answer = Answer.objects.create(
            consultation=consultation,
            comment=locked,
            paragraph_id=locked.paragraph_id,
            paragraph_key=locked.paragraph_key,
            text=text,
            answered_by=as_user(by),
            organisation_id=consultation.owner_organisation_id,
            submission_token=submission_token,
        )
        audit.record(
            actor=by,
            verb="consultations.answer.given",
            obj=answer,
            changes={"comment": [None, locked.pk], "text": [None, text]},
            scope=consultation,
        )
        body = render_to_string(
            "consultations/email/comment_answered.txt",
            {"consultation": consultation, "comment": locked, "answer": answer},
        )
        notify(
            to=locked.author,
            subject=_("Your comment on “%(title)s” has been answered")
            % {"title": consultation.title},
            body=body,
            kind="consultations.comment_answered",
            url=answer.get_absolute_url(),
        )
    return answer


def answer_paragraph(
    *,
    by: Any,
    paragraph: Paragraph,
    text: str,
    submission_token: uuid.UUID | None = None,
) -> Answer:
    """Answer the comments on a paragraph as a whole, for the owner organisation. The answer
    follows the paragraph into later versions, as its comments do."""
    consultation = paragraph.version.consultation
    require("consultations.answer_consultation", by, consultation)
    text = _check(text)
    with transaction.atomic():
        Consultation.objects.select_for_update().filter(pk=consultation.pk).first()
        if submission_token is not None:
            earlier = Answer.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, paragraph_id=paragraph.pk, text=text)
        answer = Answer.objects.create(
            consultation=consultation,
            paragraph=paragraph,
            paragraph_key=paragraph.key,
            text=text,
            answered_by=as_user(by),
            organisation_id=consultation.owner_organisation_id,
            submission_token=submission_token,
        )
        audit.record(
            actor=by,
            verb="consultations.answer.given",
            obj=answer,
            changes={"paragraph": [None, paragraph.position], "text": [None, text]},
            scope=consultation,
        )
    return answer
