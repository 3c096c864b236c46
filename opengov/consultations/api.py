"""Consultations over the API (read-only): GET /consultations, /consultations/{id} with its
current version's paragraphs and their comment and answer counts, /consultations/{id}/comments
and /consultations/{id}/answers.

Writes: POST /consultations/{id}/comments comments on a paragraph of the current version, or
replies to a comment (`parent`), while the consultation is open, with a write token (an
`Idempotency-Key` header makes a retry write once).

Consultations load through `visible_to(user)` (404 otherwise): a draft is seen only with a plan
manager's token; hidden comments are listed only for moderators' tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from opengov.api.auth import token_auth, viewer
from opengov.api.pagination import Page, PageIn, paginate
from opengov.core.errors import DomainError
from opengov.core.submissions import idempotency_key

from . import services
from .choices import ConsultationStatus
from .models import Answer, Comment, Consultation, DocumentVersion, Paragraph
from .querysets import ConsultationQuerySet
from .schemas import (
    ConsultationAnswerOut,
    ConsultationCommentIn,
    ConsultationCommentOut,
    ConsultationDetailOut,
    ConsultationOut,
)

router = Router(tags=["consultations"])
NEWEST_DEADLINE_FIRST = ["-closes_at", "-pk"]
OLDEST_FIRST = ["created_at", "pk"]


class ConsultationFilters(Schema):
    status: ConsultationStatus | None = Field(None, description="draft, open, closed or concluded.")
    owner: str | None = Field(None, description="The slug of the owner organisation.")


def _consultations(user: Any) -> ConsultationQuerySet:
    current = DocumentVersion.objects.filter(consultation=OuterRef("pk")).order_by("-number")
    return (
        Consultation.objects.visible_to(user)
        .select_related("owner_organisation", "plan")
        .annotate(
            current_version=Subquery(current.values("number")[:1]),
            comment_count=Count(
                "comments", filter=Q(comments__hidden_at__isnull=True), distinct=True
            ),
            answer_count=Count("answers", distinct=True),
        )
    )


@router.get("/consultations", response=Page[ConsultationOut])
def list_consultations(
    request: HttpRequest, filters: Query[ConsultationFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Consultations, latest deadline first."""
    consultations = _consultations(viewer(request))
    now = timezone.now()
    if filters.status == ConsultationStatus.DRAFT:
        consultations = consultations.drafts()
    elif filters.status == ConsultationStatus.OPEN:
        consultations = consultations.open_at(now)
    elif filters.status == ConsultationStatus.CLOSED:
        consultations = consultations.closed_at(now)
    elif filters.status == ConsultationStatus.CONCLUDED:
        consultations = consultations.concluded()
    if filters.owner:
        consultations = consultations.filter(owner_organisation__slug=filters.owner)
    return paginate(
        consultations, ordering=NEWEST_DEADLINE_FIRST, cursor=page.cursor, limit=page.limit
    )


@router.get("/consultations/{consultation_id}", response=ConsultationDetailOut)
def get_consultation(request: HttpRequest, consultation_id: int) -> Consultation:
    """One consultation, its versions, and its current version's paragraphs, each with the
    number of comments (not hidden) and answers that follow its key."""
    consultation = get_object_or_404(_consultations(viewer(request)), pk=consultation_id)
    versions = list(consultation.versions.order_by("number"))
    current = versions[-1]
    key_comments = Comment.objects.filter(
        consultation=consultation, paragraph_key=OuterRef("key"), hidden_at__isnull=True
    )
    key_answers = Answer.objects.filter(consultation=consultation, paragraph_key=OuterRef("key"))
    count = Count("pk")
    paragraphs = Paragraph.objects.filter(version=current).annotate(
        comment_count=Subquery(
            key_comments.order_by().values("paragraph_key").annotate(n=count).values("n")
        ),
        answer_count=Subquery(
            key_answers.order_by().values("paragraph_key").annotate(n=count).values("n")
        ),
    )
    rows = list(paragraphs.order_by("position"))
    for row in rows:
        row.comment_count = row.comment_count or 0  # type: ignore[attr-defined]
        row.answer_count = row.answer_count or 0  # type: ignore[attr-defined]
    consultation.versions_list = versions  # type: ignore[attr-defined]
    consultation.paragraphs_list = rows  # type: ignore[attr-defined]
    return consultation


def _comments(user: Any, consultation: Consultation) -> QuerySet[Comment]:
    return (
        Comment.objects.visible_to(user)
        .filter(consultation=consultation)
        .select_related("author", "paragraph__version", "consultation")
        .prefetch_related(
            Prefetch(
                "answer",
                Answer.objects.select_related("organisation", "consultation"),
            )
        )
    )


@router.get("/consultations/{consultation_id}/comments", response=Page[ConsultationCommentOut])
def list_consultation_comments(
    request: HttpRequest,
    consultation_id: int,
    page: Query[PageIn],
    paragraph_key: str | None = None,
) -> dict[str, Any]:
    """The comments on a consultation, oldest first, each with its answer. `paragraph_key`
    keeps those that follow one paragraph (any version)."""
    user = viewer(request)
    consultation = get_object_or_404(Consultation.objects.visible_to(user), pk=consultation_id)
    comments = _comments(user, consultation)
    if paragraph_key:
        comments = comments.filter(paragraph_key=paragraph_key)
    return paginate(comments, ordering=OLDEST_FIRST, cursor=page.cursor, limit=page.limit)


@router.get("/consultations/{consultation_id}/answers", response=Page[ConsultationAnswerOut])
def list_consultation_answers(
    request: HttpRequest, consultation_id: int, page: Query[PageIn]
) -> dict[str, Any]:
    """The owner's answers, to comments and to paragraphs, oldest first."""
    user = viewer(request)
    consultation = get_object_or_404(Consultation.objects.visible_to(user), pk=consultation_id)
    answers = Answer.objects.visible_to(user).filter(consultation=consultation)
    answers = answers.select_related("organisation", "consultation")
    return paginate(answers, ordering=OLDEST_FIRST, cursor=page.cursor, limit=page.limit)


@router.post(
    "/consultations/{consultation_id}/comments",
    response={201: ConsultationCommentOut},
    auth=token_auth,
)
def post_consultation_comment(
    request: HttpRequest, consultation_id: int, payload: ConsultationCommentIn
) -> Status[Comment]:
    """Comment on a paragraph of the current version, or reply to a comment (`parent`; one
    level deep), while the consultation is open."""
    user = request.auth  # type: ignore[attr-defined]
    consultation = get_object_or_404(Consultation.objects.visible_to(user), pk=consultation_id)
    token = idempotency_key(request.headers)
    if payload.parent is not None:
        parent = (
            Comment.objects.visible_to(user)
            .select_related("consultation", "author")
            .filter(consultation=consultation, pk=payload.parent)
            .first()
        )
        if parent is None:
            raise DomainError("This consultation has no comment with this id.", "parent")
        if payload.paragraph is not None:
            raise DomainError(
                "Leave out the paragraph: a reply belongs to its parent's paragraph.", "paragraph"
            )
        comment = services.reply_to_comment(
            by=user, comment=parent, text=payload.text, submission_token=token
        )
        return Status(201, _comments(user, consultation).get(pk=comment.pk))
    if payload.paragraph is None:
        raise DomainError("Give the paragraph's position, or the parent comment.", "paragraph")
    current = consultation.versions.order_by("-number").first()
    paragraph = (
        Paragraph.objects.select_related("version__consultation")
        .filter(version=current, position=payload.paragraph)
        .first()
    )
    if paragraph is None:
        raise DomainError("The current version has no paragraph at this position.", "paragraph")
    comment = services.add_comment(
        by=user, paragraph=paragraph, text=payload.text, submission_token=token
    )
    return Status(201, _comments(user, consultation).get(pk=comment.pk))
