"""Feedback over the API (read-only): GET /feedback, the published feedback with its answers,
and /feedback/{id}. Feedback is sent through the site's form, where the honeypot and the rate
limit keep spam out; it is answered and moderated on the managing pages. No representation holds
the sender's contact address."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from opengov.api.auth import viewer
from opengov.api.pagination import Page, PageIn, paginate

from .choices import FeedbackStatus, FeedbackSubject
from .models import Feedback
from .schemas import FeedbackOut

router = Router(tags=["feedback"])
NEWEST_FIRST = ["-submitted_at", "-pk"]


class FeedbackFilters(Schema):
    subject: FeedbackSubject | None = None
    status: FeedbackStatus | None = None
    commitment: int | None = Field(None, description="The id of the commitment it is about.")


@router.get("/feedback", response=Page[FeedbackOut])
def list_feedback(
    request: HttpRequest, filters: Query[FeedbackFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Published feedback, newest first, each with its answer once given. Feedback awaiting
    moderation and hidden feedback are not listed."""
    viewer(request)  # a token that is not valid is refused, as everywhere
    rows = Feedback.objects.published().for_list()
    if filters.subject:
        rows = rows.filter(subject=filters.subject)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.commitment is not None:
        rows = rows.filter(commitment_id=filters.commitment)
    return paginate(rows, ordering=NEWEST_FIRST, cursor=page.cursor, limit=page.limit)


@router.get("/feedback/{feedback_id}", response=FeedbackOut)
def get_feedback(request: HttpRequest, feedback_id: int) -> Feedback:
    """One feedback and its answer. Hidden feedback gives only why and when it was hidden
    (its content, to moderators' tokens); feedback awaiting moderation is found only with the
    token of someone who answers or moderates feedback."""
    user = viewer(request)
    feedback = get_object_or_404(Feedback.objects.visible_to(user).for_list(), pk=feedback_id)
    feedback.shows_content = not feedback.is_hidden or user.has_perm(  # type: ignore[attr-defined]
        "feedback.view_hidden_feedback", feedback
    )
    return feedback
