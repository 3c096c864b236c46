"""Ideas over the API: calls (with their answer rate), ideas (with their reasoned response, counts
and the commitment they became), their supports (as counts) and comments to read; with a personal
API token that may write: commenting on an idea, supporting it and withdrawing that support.

Everything loads through `visible_to(user)` (404 otherwise): a draft call is seen only with a plan
manager's token, an idea awaiting moderation only by moderators and its sender. Hidden comments are
listed with their reason, without their text. Writes call the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from opengov.action_plans.models import Commitment
from opengov.api.auth import token_auth, viewer
from opengov.api.pagination import Page, PageIn, paginate
from opengov.core.errors import DomainError
from opengov.core.submissions import idempotency_key

from . import services
from .choices import IdeaStatus
from .models import CallForIdeas, Comment, Idea, Support
from .schemas import (
    CallDetailOut,
    CallOut,
    CommentIn,
    CommentOut,
    IdeaDetailOut,
    IdeaOut,
    SupportCountOut,
)

router = Router(tags=["ideas"])


class IdeaFilters(Schema):
    call: int | None = Field(None, description="The call's id.")
    status: IdeaStatus | None = None
    policy_area: str | None = Field(None, description="A policy area's slug.")


def _calls(user: Any) -> QuerySet[CallForIdeas]:
    return CallForIdeas.objects.visible_to(user).prefetch_related("policy_areas", "criteria")


def _ideas(user: Any) -> QuerySet[Idea]:
    return (
        Idea.objects.visible_to(user)
        .select_related(
            "policy_area", "author_person", "author_organisation", "response__organisation"
        )
        .prefetch_related(
            Prefetch("commitment", Commitment.objects.visible_to(user), "visible_commitment")
        )
    )


def _writer(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@router.get("/calls", response=Page[CallOut])
def list_calls(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Calls for ideas, the latest to open first."""
    calls = _calls(viewer(request))
    return paginate(calls, ordering=["-opens_on", "-pk"], cursor=page.cursor, limit=page.limit)


@router.get("/calls/{call_id}", response=CallDetailOut)
def get_call(request: HttpRequest, call_id: int) -> CallForIdeas:
    """One call, with its answer rate: the share of its ideas answered, the median days to
    answer, and the ideas waiting past the call's deadline."""
    return get_object_or_404(_calls(viewer(request)), pk=call_id)


@router.get("/ideas", response=Page[IdeaOut])
def list_ideas(
    request: HttpRequest, filters: Query[IdeaFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Ideas in the order they were sent, with their status, counts and reasoned response."""
    ideas = _ideas(viewer(request))
    if filters.call is not None:
        ideas = ideas.filter(call_id=filters.call)
    if filters.status:
        ideas = ideas.filter(status=filters.status)
    if filters.policy_area:
        ideas = ideas.filter(policy_area__slug=filters.policy_area)
    return paginate(ideas, ordering=["pk"], cursor=page.cursor, limit=page.limit)


def _idea(user: Any, idea_id: int) -> Idea:
    merged = Idea.objects.visible_to(user).order_by("pk")
    ideas = _ideas(user).prefetch_related(Prefetch("merged_ideas", merged, "visible_merged_ideas"))
    return get_object_or_404(ideas, pk=idea_id)


@router.get("/ideas/{idea_id}", response=IdeaDetailOut)
def get_idea(request: HttpRequest, idea_id: int) -> Idea:
    """One idea: its text, supports (as counts), comments count, reasoned response, the
    commitment it became and the ideas merged into it."""
    return _idea(viewer(request), idea_id)


@router.get("/ideas/{idea_id}/comments", response=Page[CommentOut])
def list_idea_comments(request: HttpRequest, idea_id: int, page: Query[PageIn]) -> dict[str, Any]:
    """An idea's comments and replies, oldest first; a hidden one without its text."""
    idea = _idea(viewer(request), idea_id)
    comments = Comment.objects.filter(idea=idea)
    return paginate(comments, ordering=["created_at", "pk"], cursor=page.cursor, limit=page.limit)


def _support_counts(idea_id: int, user: Any) -> dict[str, Any]:
    counts = Idea.objects.filter(pk=idea_id).values("supports_count", "combined_supports_count")
    row = counts.get()
    mine = bool(user.pk) and Support.objects.filter(idea_id=idea_id, user_id=user.pk).exists()
    return {
        "idea_id": idea_id,
        "supports": row["supports_count"],
        "combined_supports": row["combined_supports_count"],
        "supported_by_you": mine,
    }


@router.get("/ideas/{idea_id}/supports", response=SupportCountOut)
def get_idea_supports(request: HttpRequest, idea_id: int) -> dict[str, Any]:
    """How many people support an idea, and whether the token's user is one of them."""
    user = viewer(request)
    idea = _idea(user, idea_id)
    mine = bool(user.pk) and Support.objects.filter(idea=idea, user_id=user.pk).exists()
    return {
        "idea_id": idea.pk,
        "supports": idea.supports_count,
        "combined_supports": idea.combined_supports_count,
        "supported_by_you": mine,
    }


@router.post(
    "/ideas/{idea_id}/support",
    response={200: SupportCountOut, 201: SupportCountOut},
    auth=token_auth,
)
def support_idea(request: HttpRequest, idea_id: int) -> Status[dict[str, Any]]:
    """Support an idea as the token's user, under the same rule as the idea's page (a published
    idea not yet answered). 201 when the support is new; 200 when they already supported it
    (nothing more is written: a person supports an idea once). Answers with the counts after."""
    user = _writer(request)
    idea = _idea(user, idea_id)
    _support, created = services.support_idea(by=user, idea=idea)
    return Status(201 if created else 200, _support_counts(idea.pk, user))


@router.delete("/ideas/{idea_id}/support", response=SupportCountOut, auth=token_auth)
def withdraw_idea_support(request: HttpRequest, idea_id: int) -> dict[str, Any]:
    """Withdraw the token's user's support of an idea, while it could still be supported (403
    once it is answered). Idempotent, as supporting is: 200 with the counts after, whether a
    support was withdrawn or the user did not support the idea (then nothing is written;
    `supported_by_you` is false either way)."""
    user = _writer(request)
    idea = _idea(user, idea_id)
    services.withdraw_support(by=user, idea=idea, missing_ok=True)
    return _support_counts(idea.pk, user)


@router.post("/ideas/{idea_id}/comments", response={201: CommentOut}, auth=token_auth)
def post_idea_comment(request: HttpRequest, idea_id: int, payload: CommentIn) -> Status[Comment]:
    """Comment on an idea, or reply to one of its comments (`parent_id`). An `Idempotency-Key`
    header (a UUID) makes a request sent twice comment once."""
    user = _writer(request)
    idea = _idea(user, idea_id)
    parent = None
    if payload.parent_id is not None:
        parent = Comment.objects.filter(idea=idea, pk=payload.parent_id).first()
        if parent is None:
            raise DomainError("There is no such comment on this idea.", field="parent_id")
    comment = services.post_comment(
        by=user,
        idea=idea,
        text=payload.text,
        parent=parent,
        submission_token=idempotency_key(request.headers),
    )
    return Status(201, comment)
