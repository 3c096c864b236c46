"""Who hears of a round's steps, and the e-mails they get (templates/nominations/email/)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.template.loader import render_to_string

from opengov.core.notifications import notify

from ..models import NominationRound


def member_users(round_: NominationRound) -> QuerySet[Any]:
    """The active users who speak for an eligible member of the round."""
    members = round_.eligible_members.values("organisation_id")
    return (
        get_user_model()
        .objects.filter(is_active=True, grants__organisation_id__in=members)
        .distinct()
        .order_by("pk")
    )


def tell(users: Any, *, template: str, subject: str, kind: str, url: str, **context: Any) -> None:
    body = render_to_string(f"nominations/email/{template}.txt", context)
    for user in users:
        notify(to=user, subject=subject, body=body, kind=kind, url=url)
