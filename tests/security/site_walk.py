"""Every route of the site, enumerated from the URL configuration, with the objects of a
content_world.World as its arguments; and what in an answer could run, by its content type. A route
with parameters fails the walk until ROUTE_ARGUMENTS says which object it shows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .content_world import World, public_events
from .html_checks import atom_problems, calendar_events, html_problems
from .matrix_apps import PARTS

# The Django admin escapes every value itself and is for administrators only; not walked here.
SKIPPED_NAMESPACES = ("admin",)
# Answers the administrator gets that are not 200, and why.
NOT_A_PAGE = {
    "accounts:sign-in": 302,  # a signed-in user is sent on
    "api:api-root": 404,  # nothing lives there
    # POST only: they change something.
    "accounts:your-data-download": 405,
    "api:post_update": 405,
    "api:complete_milestone": 405,
    "api:revise_due_date": 405,
    "meetings:attendance-remove": 405,
    "tokens:token-revoke": 405,
    "feedback:feedback-publish": 405,
    "api:post_sign_up": 405,
    "api:withdraw_sign_up": 405,
    "api:post_nomination": 405,
    "api:post_seconder": 405,
    "api:answer_nomination": 405,
    "api:post_ballot": 405,
    "api:support_idea": 405,
    "api:withdraw_idea_support": 405,
}
# Followed to the page they lead to: the reset link moves its token out of the address.
FOLLOWED = {"accounts:password-reset-confirm"}


def _one(**kwargs: Any) -> Callable[[World], list[dict[str, Any]]]:
    """Route arguments read from the world: `_one(pk="plan")` → {"pk": world.plan.pk}."""

    def arguments(world: World) -> list[dict[str, Any]]:
        values = {}
        for name, path in kwargs.items():
            obj_name, _, attribute = path.partition(".")
            values[name] = getattr(getattr(world, obj_name), attribute or "pk")
        return [values]

    return arguments


def _each(name: str, objects: Callable[[World], list[Any]], attribute: str = "pk") -> Any:
    return lambda world: [{name: getattr(obj, attribute)} for obj in objects(world)]


def sample(events: list[Any]) -> list[Any]:
    """The first and last events of the history: every kind of event page, a few of each."""
    return events[:3] + events[-3:]


def _reset_link(world: World) -> list[dict[str, Any]]:
    uid = urlsafe_base64_encode(force_bytes(world.admin.pk))
    return [{"uidb64": uid, "token": default_token_generator.make_token(world.admin)}]


ROUTE_ARGUMENTS: dict[str, Callable[[World], list[dict[str, Any]]]] = {
    "action_plans:plan-detail": _one(pk="plan"),
    "action_plans:plan-edit": _one(pk="plan"),
    "action_plans:plan-publish": _one(pk="plan"),
    "action_plans:commitment-create": _one(pk="plan"),
    "action_plans:member-detail": _one(slug="member.slug"),
    "action_plans:commitment-detail": _one(pk="commitment"),
    "action_plans:commitment-edit": _one(pk="commitment"),
    "action_plans:milestone-create": _one(pk="commitment"),
    "action_plans:update-create": _one(pk="commitment"),
    "action_plans:assessment-create": _one(pk="commitment"),
    "action_plans:milestone-detail": _one(pk="milestone"),
    "action_plans:milestone-edit": _one(pk="milestone"),
    "action_plans:milestone-revise": _one(pk="milestone"),
    "action_plans:milestone-complete": _one(pk="milestone"),
    "action_plans:update-detail": _one(pk="update"),
    "organisations:organisation-detail": _each("slug", lambda w: [w.gov, w.cso], "slug"),
    "organisations:person-detail": _one(slug="person.slug"),
    "organisations:network-detail": _one(slug="network.slug"),
    "meetings:series-detail": _one(slug="series.slug"),
    "meetings:series-ics": _one(slug="series.slug"),
    "meetings:meeting-detail": _each("pk", lambda w: [w.meeting, w.later]),
    "meetings:meeting-edit": _one(pk="meeting"),
    "meetings:meeting-publish": _one(pk="later"),
    "meetings:attendance-edit": _one(pk="meeting"),
    "meetings:attendance-remove": _each("pk", lambda w: list(w.meeting.attendances.all())),
    "meetings:section-create": _one(pk="meeting"),
    "meetings:section-edit": _each("pk", lambda w: list(w.meeting.sections.all())),
    "meetings:decision-create": _one(pk="meeting"),
    "meetings:action-create": _one(pk="meeting"),
    "meetings:action-detail": _one(pk="action"),
    "meetings:action-status": _one(pk="action"),
    "meetings:note-preview": _one(pk="note_import"),
    "core:event-detail": _each("sequence", lambda w: sample(public_events()), "sequence"),
    "tokens:token-revoke": _one(pk="token"),
    "accounts:password-reset-confirm": _reset_link,
    "data:csv": lambda w: [{"name": "commitments"}, {"name": "meetings"}],
    "data:json": lambda w: [{"name": "commitments"}, {"name": "meetings"}],
    "api:get_member": _one(slug="member.slug"),
    "api:get_plan": _one(plan_id="plan"),
    "api:get_commitment": _one(commitment_id="commitment"),
    "api:get_milestone": _one(milestone_id="milestone"),
    "api:get_update": _one(update_id="update"),
    "api:post_update": _one(commitment_id="commitment"),
    "api:complete_milestone": _one(milestone_id="milestone"),
    "api:revise_due_date": _one(milestone_id="milestone"),
    "api:get_organisation": _one(slug="gov.slug"),
    "api:get_person": _one(slug="person.slug"),
    "api:get_network": _one(slug="network.slug"),
    "api:get_meeting": _one(meeting_id="meeting"),
    "api:get_action_item": _one(action_item_id="action"),
    "api:get_history_event": _each("sequence", lambda w: sample(public_events()), "sequence"),
}
for _part in PARTS:
    for _name, _arguments in getattr(_part, "WALK_ARGUMENTS", {}).items():
        ROUTE_ARGUMENTS[_name] = _arguments if callable(_arguments) else _one(**_arguments)


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
            if inner.startswith(SKIPPED_NAMESPACES):
                continue
            yield from _walk(pattern.url_patterns, inner)
        elif pattern.name:
            yield ":".join(p for p in (namespace, pattern.name) if p), pattern


def routes() -> list[tuple[str, URLPattern]]:
    """Every named route of the site, but the admin's."""
    return list(_walk(get_resolver().url_patterns))


def addresses(world: World) -> Iterator[tuple[str, str]]:
    """(route name, address) for every route, with the world's objects as its arguments."""
    for name, pattern in routes():
        parameters = list(getattr(pattern.pattern, "converters", {})) or re.findall(
            r"\(\?P<(\w+)>", str(pattern.pattern)
        )
        if not parameters:
            yield name, reverse(name)
            continue
        assert name in ROUTE_ARGUMENTS, (
            f"The route {name} takes {parameters}: say in ROUTE_ARGUMENTS which object it shows, "
            "so that the attack strings are looked for on it."
        )
        for kwargs in ROUTE_ARGUMENTS[name](world):
            yield name, reverse(name, kwargs=kwargs)


def problems_in(response: Any) -> list[str]:
    """What in the answer could run in a browser, a feed reader or a calendar; by content type."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("text/html"):
        return html_problems(body.decode())
    if content_type.startswith("application/atom+xml"):
        return atom_problems(body)[0]
    if content_type.startswith("text/calendar"):
        calendar_events(body)  # parses, or raises
        return []
    if content_type.startswith(("application/json", "text/csv", "application/pdf")):
        return []  # data, never rendered: browsers are told so (nosniff, attachment)
    return [f"an answer of unexpected type {content_type!r}"]
