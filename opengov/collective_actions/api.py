"""Events and collective actions over the API: GET /events, /events/{id} (delegation with the
posts held then, documents, collective actions), /collective-actions, /collective-actions/{id}
(with sign-ups), /sign-ups; and, with a write token, POST /collective-actions/{id}/sign-ups and
DELETE /sign-ups/{id} (withdraw), which call the same services as the pages."""

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
from opengov.organisations.models import Organisation
from opengov.organisations.posts import posts_held

from . import services
from .choices import ActionStatus, SignatoryKind
from .models import CollectiveAction, Delegate, Event, SignUp
from .schemas import (
    CollectiveActionDetailOut,
    CollectiveActionOut,
    EventDetailOut,
    EventOut,
    SignUpIn,
    SignUpOut,
)

router = Router(tags=["collective-actions"])
NEWEST_FIRST = ["-starts_on", "-pk"]


class ActionFilters(Schema):
    status: ActionStatus | None = None
    theme: str | None = Field(None, description="The theme, as written (any case).")
    event: int | None = Field(None, description="The id of the event.")


class SignUpFilters(Schema):
    action: int | None = Field(None, description="The id of the collective action.")
    kind: SignatoryKind | None = None


def _actions(user: Any) -> QuerySet[CollectiveAction]:
    return (
        CollectiveAction.objects.visible_to(user)
        .select_related("event")
        .prefetch_related(
            Prefetch(
                "adopted_commitment",
                Commitment.objects.visible_to(user),
                "visible_commitment",
            )
        )
    )


def _sign_ups(user: Any) -> QuerySet[SignUp]:
    return SignUp.objects.visible_to(user).select_related("organisation", "person")


@router.get("/events", response=Page[EventOut])
def list_events(request: HttpRequest, page: Query[PageIn]) -> dict[str, Any]:
    """Events (OGP summits and other gatherings), latest first."""
    events = Event.objects.visible_to(viewer(request))
    return paginate(events, ordering=NEWEST_FIRST, cursor=page.cursor, limit=page.limit)


@router.get("/events/{event_id}", response=EventDetailOut)
def get_event(request: HttpRequest, event_id: int) -> Event:
    """One event: its delegation, each delegate with the posts they held on its first day, its
    documents and its collective actions."""
    user = viewer(request)
    events = Event.objects.visible_to(user).prefetch_related(
        Prefetch("delegates", Delegate.objects.select_related("person", "organisation")),
        "documents",
        Prefetch("collective_actions", _actions(user).order_by("title", "pk")),
    )
    event = get_object_or_404(events, pk=event_id)
    delegates = list(event.delegates.all())
    held = posts_held((d.person_id, event.starts_on) for d in delegates)
    for delegate in delegates:
        delegate.posts_then = [t.post for t in held[(delegate.person_id, event.starts_on)]]  # type: ignore[attr-defined]
    return event


@router.get("/collective-actions", response=Page[CollectiveActionOut])
def list_collective_actions(
    request: HttpRequest, filters: Query[ActionFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Collective actions, newest first, with how many distinct signatories count so far."""
    actions = _actions(viewer(request))
    if filters.status:
        actions = actions.filter(status=filters.status)
    if filters.theme:
        actions = actions.filter(theme__iexact=" ".join(filters.theme.split()))
    if filters.event is not None:
        actions = actions.filter(event_id=filters.event)
    return paginate(actions, ordering=["-pk"], cursor=page.cursor, limit=page.limit)


def _action(user: Any, action_id: int) -> CollectiveAction:
    sign_ups = _sign_ups(user).order_by("signed_on", "pk")
    actions = _actions(user).prefetch_related(Prefetch("sign_ups", sign_ups))
    return get_object_or_404(actions, pk=action_id)


@router.get("/collective-actions/{action_id}", response=CollectiveActionDetailOut)
def get_collective_action(request: HttpRequest, action_id: int) -> CollectiveAction:
    """One collective action with every sign-up."""
    return _action(viewer(request), action_id)


@router.get("/sign-ups", response=Page[SignUpOut])
def list_sign_ups(
    request: HttpRequest, filters: Query[SignUpFilters], page: Query[PageIn]
) -> dict[str, Any]:
    """Sign-ups to collective actions, in the order they were made."""
    sign_ups = _sign_ups(viewer(request))
    if filters.action is not None:
        sign_ups = sign_ups.filter(action_id=filters.action)
    if filters.kind:
        sign_ups = sign_ups.filter(kind=filters.kind)
    return paginate(sign_ups, ordering=["pk"], cursor=page.cursor, limit=page.limit)


@router.post("/collective-actions/{action_id}/sign-ups", response={201: SignUpOut}, auth=token_auth)
def post_sign_up(request: HttpRequest, action_id: int, payload: SignUpIn) -> Status[SignUp]:
    """Sign up for an organisation you hold a role for (its slug), or as an expert (no
    organisation). Reaching the quorum makes the action considered."""
    user = request.auth  # type: ignore[attr-defined]
    action = get_object_or_404(CollectiveAction.objects.visible_to(user), pk=action_id)
    organisation = None
    if payload.organisation:
        organisation = Organisation.objects.filter(slug=payload.organisation).first()
        if organisation is None:
            raise DomainError("There is no such organisation.", field="organisation")
    created = services.sign_up(
        by=user, action=action, organisation=organisation, statement=payload.statement
    )
    return Status(201, _sign_ups(user).get(pk=created.pk))


@router.delete("/sign-ups/{sign_up_id}", response={200: CollectiveActionOut}, auth=token_auth)
def withdraw_sign_up(request: HttpRequest, sign_up_id: int) -> CollectiveAction:
    """Withdraw a sign-up (yours, or your organisation's); answers with the action as it is now."""
    user = request.auth  # type: ignore[attr-defined]
    sign_up = get_object_or_404(_sign_ups(user), pk=sign_up_id)
    services.withdraw_sign_up(by=user, sign_up=sign_up)
    return get_object_or_404(_actions(user), pk=sign_up.action_id)
