"""What the services tell an idea's author, written from templates/ideas/email/."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from opengov.core.notifications import notify

from ..models import Idea


def tell_author(idea: Idea, *, kind: str, subject: str, context: dict[str, Any]) -> None:
    """E-mail (or put in the digest of) the person who sent `idea`, unless they caused it."""
    author = idea.submitted_by
    actor = context.get("by")
    if author is None or (actor is not None and getattr(actor, "pk", None) == author.pk):
        return
    tell(author, idea=idea, kind=kind, subject=subject, context=context)


def tell(user: Any, *, idea: Idea, kind: str, subject: str, context: dict[str, Any]) -> None:
    body = render_to_string(f"ideas/email/{kind}.txt", {"idea": idea, **context})
    notify(to=user, subject=subject, body=body, kind=f"ideas.{kind}", url=idea.get_absolute_url())
