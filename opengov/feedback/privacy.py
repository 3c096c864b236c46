"""What feedback holds about a person with an account, for their data download and the deletion
of their account (opengov.accounts.privacy_export and privacy call these).

Feedback sent signed in is linked to the account: it is in the account's download, and deleting
the account empties the name shown with it and any contact address still held (the feedback
itself stays, as sent by "Anonymous": it is part of the public record, and so do its answer and
its moderation). An answer keeps its text and organisation; the answerer's copied name is
emptied, so it shows "former participant"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .models import Answer, Feedback

CHUNK = 500


def feedback_sent(user: Any) -> Iterator[dict[str, Any]]:
    """The feedback the account sent while signed in, with its answer: all of it, published or
    not (it is theirs), but not the contact address once erased (it is not held any more)."""
    rows = Feedback.objects.filter(sender=user).select_related("commitment", "answer")
    for f in rows.order_by("pk").iterator(chunk_size=CHUNK):
        answer = getattr(f, "answer", None) if f.is_answered else None
        yield {
            "subject": f.subject,
            "commitment": f.commitment.number if f.commitment else None,
            "text": f.text,
            "name": f.name,
            "contact_email": f.contact_email,
            "status": f.status,
            "moderation": f.moderation,
            "hidden_reason": f.hidden_reason,
            "submitted_at": f.submitted_at,
            "answer": answer.text if answer else None,
            "answered_at": answer.answered_at if answer else None,
            "url": f.get_absolute_url(),
        }


def feedback_answered(user: Any) -> Iterator[dict[str, Any]]:
    """The answers the account gave."""
    rows = Answer.objects.filter(answered_by=user).select_related("organisation")
    for a in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "feedback": a.feedback_id,
            "text": a.text,
            "organisation": a.organisation.name,
            "answered_at": a.answered_at,
            "url": a.get_absolute_url(),
        }


def erase_for(user: Any) -> None:
    """On deleting the account, inside its transaction: the names and address it left here."""
    Feedback.objects.filter(sender=user).update(name="", contact_email="")
    Answer.objects.filter(answered_by=user).update(answered_by_name="")


SECTIONS = {"feedback_sent": feedback_sent, "feedback_answers": feedback_answered}
