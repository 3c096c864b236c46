"""What consultations hold about a person with an account, for their data download
(opengov.accounts.privacy_export reads SECTIONS; deletion calls erase_for).

Comments (replies among them, with `reply_to` the comment replied to) and answers name their
author through the account, never a copied name, so a deleted account's comments and replies
show "former participant" with nothing to erase here; the records stay, as part of the public
record of the consultation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .models import Answer, Comment

CHUNK = 500


def comments_written(user: Any) -> Iterator[dict[str, Any]]:
    rows = Comment.objects.filter(author=user).select_related("consultation", "paragraph")
    for comment in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "consultation": comment.consultation.title,
            "paragraph": comment.paragraph.text,
            "reply_to": comment.parent_id,
            "text": comment.text,
            "written_at": comment.created_at,
            "hidden_at": comment.hidden_at,
            "url": comment.consultation.get_absolute_url(),
        }


def answers_given(user: Any) -> Iterator[dict[str, Any]]:
    rows = Answer.objects.filter(answered_by=user).select_related("consultation", "organisation")
    for answer in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "consultation": answer.consultation.title,
            "comment": answer.comment_id,
            "text": answer.text,
            "organisation": answer.organisation.name,
            "answered_at": answer.created_at,
            "url": answer.consultation.get_absolute_url(),
        }


SECTIONS = {"consultation_comments": comments_written, "consultation_answers": answers_given}


def erase_for(user: Any) -> None:
    """Nothing copied to erase: comments and answers show the account's public name, which
    becomes "former participant" when it is deleted."""
