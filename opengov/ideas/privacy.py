"""What the ideas app holds about a person with an account, for their data download and the
deletion of their account (opengov.accounts.privacy_export and privacy read SECTIONS and call
erase_for).

Ideas name their author through the person record (its name goes when the account is deleted,
like every other record's); comments copy the author's name, emptied on deletion so that they
show "former participant"; supports are the account's own and stay counted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .models import Comment, Idea, Support

CHUNK = 500


def ideas_sent(user: Any) -> Iterator[dict[str, Any]]:
    rows = Idea.objects.filter(submitted_by=user).select_related("call", "policy_area")
    for idea in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "call": idea.call.title,
            "title": idea.title,
            "text": idea.text,
            "policy_area": str(idea.policy_area) if idea.policy_area else None,
            "goals": idea.goals,
            "status": idea.status,
            "submitted_at": idea.submitted_at,
            "url": idea.get_absolute_url(),
        }


def comments_written(user: Any) -> Iterator[dict[str, Any]]:
    rows = Comment.objects.filter(author=user).select_related("idea")
    for comment in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "idea": comment.idea.title,
            "reply_to": comment.parent_id,
            "text": comment.text,
            "written_at": comment.created_at,
            "hidden_reason": comment.hidden_reason or None,
            "url": comment.idea.get_absolute_url(),
        }


def supports_given(user: Any) -> Iterator[dict[str, Any]]:
    rows = Support.objects.filter(user=user).select_related("idea")
    for support in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "idea": support.idea.title,
            "supported_at": support.created_at,
            "url": support.idea.get_absolute_url(),
        }


SECTIONS = {
    "ideas_sent": ideas_sent,
    "idea_comments": comments_written,
    "idea_supports": supports_given,
}


def erase_for(user: Any) -> None:
    """On deleting the account, inside its transaction: the names its comments copied."""
    Comment.objects.filter(author=user).update(author_name="")
