"""The permission matrix's rows, path arguments, API bodies and world for collective actions
(see __init__.py). Events, collective actions and sign-ups have no state: everything is public.
The world's collective action has reached its quorum (considered), so that adopting it is open to
plan managers; its one sign-up by Involve, the civil-society member's organisation, is the one
the withdraw routes name. A second action, adopted into the draft plan's commitment, must not
show that commitment to anyone who may not see drafts."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from opengov.collective_actions import services
from opengov.collective_actions.tests.factories import CollectiveActionFactory, EventFactory
from opengov.core.actors import SYSTEM
from opengov.organisations.models import OrganisationKind
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

from ..matrix_resolvers import Resolver, stateless

TABLE = """
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
# Public pages: anyone.
collective_actions:event-list            GET    -         200    200    200    200    200    200    200    200
collective_actions:event-detail          GET    -         200    200    200    200    200    200    200    200
collective_actions:action-list           GET    -         200    200    200    200    200    200    200    200
collective_actions:action-detail         GET    -         200    200    200    200    200    200    200    200
# Managing events and actions, and adopting a considered action: plan managers (an empty POST is
# refused on the form).
collective_actions:event-create          GET    -         login  403    403    403    403    200    200    200
collective_actions:event-create          POST   -         login  403    403    403    403    200    200    200
collective_actions:event-edit            GET    -         login  403    403    403    403    200    200    200
collective_actions:event-edit            POST   -         login  403    403    403    403    200    200    200
collective_actions:delegate-create       GET    -         login  403    403    403    403    200    200    200
collective_actions:delegate-create       POST   -         login  403    403    403    403    200    200    200
collective_actions:document-create       GET    -         login  403    403    403    403    200    200    200
collective_actions:document-create       POST   -         login  403    403    403    403    200    200    200
# Removing a delegate or a document of an event: plan managers; the empty POST confirms (302).
collective_actions:delegate-remove       GET    -         login  403    403    403    403    200    200    200
collective_actions:delegate-remove       POST   -         login  403    403    403    403    302    302    302
collective_actions:document-remove       GET    -         login  403    403    403    403    200    200    200
collective_actions:document-remove       POST   -         login  403    403    403    403    302    302    302
collective_actions:action-create         GET    -         login  403    403    403    403    200    200    200
collective_actions:action-create         POST   -         login  403    403    403    403    200    200    200
collective_actions:action-edit           GET    -         login  403    403    403    403    200    200    200
collective_actions:action-edit           POST   -         login  403    403    403    403    200    200    200
collective_actions:action-adopt          GET    -         login  403    403    403    403    200    200    200
collective_actions:action-adopt          POST   -         login  403    403    403    403    200    200    200
# Signing up: anyone holding a role (for an organisation, or as an expert); a bare participant
# account may not. Withdrawing: whoever speaks for the signatory (Involve: the civil-society
# member), and administrators; the empty POST withdraws (302).
collective_actions:signup-create         GET    -         login  403    200    200    200    200    200    200
collective_actions:signup-create         POST   -         login  403    200    200    200    200    200    200
collective_actions:signup-withdraw       GET    -         login  403    200    403    403    403    403    200
collective_actions:signup-withdraw       POST   -         login  403    302    403    403    403    403    302
# The API: reads for anyone; signing up (as an expert, with no organisation) and withdrawing
# with a write token, by the same rules.
/api/v1/events                           GET    -         200    200    200    200    200    200    200    200
/api/v1/events/{event_id}                GET    -         200    200    200    200    200    200    200    200
/api/v1/collective-actions               GET    -         200    200    200    200    200    200    200    200
/api/v1/collective-actions/{action_id}   GET    -         200    200    200    200    200    200    200    200
/api/v1/sign-ups                         GET    -         200    200    200    200    200    200    200    200
/api/v1/collective-actions/{action_id}/sign-ups POST -    401    403    201    201    201    201    201    201
/api/v1/sign-ups/{sign_up_id}            DELETE -         401    403    200    403    403    403    403    200
"""

RESOLVERS: dict[str, Resolver] = {
    "events/pk": stateless("ca_event"),
    "event_id": stateless("ca_event"),
    "collective-actions/pk": stateless("collective_action"),
    "action_id": stateless("collective_action"),
    "sign-ups/pk": stateless("sign_up"),
    "sign_up_id": stateless("sign_up"),
    "delegates/part": stateless("ca_delegate"),
    "documents/part": stateless("ca_document"),
}

BODIES = {
    "/api/v1/collective-actions/{action_id}/sign-ups": lambda url: {
        "statement": "Signed through the API"
    },
    "/api/v1/sign-ups/{sign_up_id}": lambda url: {},
}


def build(objects: dict[str, dict[str, Any]], users: dict[str, Any]) -> None:
    """An event with a delegate and a document; a considered collective action (three
    governments counted, and Involve's sign-up, which does not count by default); a second action
    adopted into the draft plan's commitment."""
    gov, admin = users["government_contact"], users["administrator"]
    cabinet = objects["organisation"]["-"]
    involve = users["civil_society_member"].grants.get().organisation
    event = services.create_event(
        by=gov, title="OGP Global Summit", starts_on=dt.date(2016, 12, 7),
        ends_on=dt.date(2016, 12, 9), place="Paris",
    )  # fmt: skip
    delegate = services.add_delegate(
        by=gov, event=event, person=objects["person"]["-"], organisation=cabinet
    )
    document = services.add_event_document(
        by=gov, event=event, title="Paris Declaration", url="https://example.org/declaration"
    )
    action = services.create_collective_action(by=gov, event=event, title="Open contracting")
    france = OrganisationFactory(name="France", kind=OrganisationKind.NATIONAL_GOVERNMENT)
    mexico = OrganisationFactory(name="Mexico", kind=OrganisationKind.NATIONAL_GOVERNMENT)
    for organisation in (cabinet, france, mexico):
        services.sign_up(by=admin, action=action, organisation=organisation)
    sign_up = services.sign_up(
        by=users["civil_society_member"], action=action, organisation=involve
    )
    adopted = services.create_collective_action(by=gov, event=event, title="Beneficial ownership")
    for organisation in (cabinet, france, mexico):
        services.sign_up(by=admin, action=adopted, organisation=organisation)
    adopted.refresh_from_db()
    services.adopt_collective_action(
        by=gov, action=adopted, commitment=objects["commitment"]["draft"],
        expected_version=adopted.version,
    )  # fmt: skip
    action.refresh_from_db()
    objects.update(ca_event={"-": event}, collective_action={"-": action}, sign_up={"-": sign_up})
    objects.update(ca_delegate={"-": delegate}, ca_document={"-": document})


SAMPLES = {
    **{f"collective_actions:{name}": {"pk": "ca_event"} for name in (
        "event-detail", "event-edit", "delegate-create", "document-create")},
    **{f"collective_actions:{name}": {"pk": "collective_action"} for name in (
        "action-detail", "action-edit", "action-adopt", "signup-create")},
    "collective_actions:signup-withdraw": {"pk": "sign_up"},
    "collective_actions:delegate-remove": {"pk": "ca_event", "part": "ca_delegate"},
    "collective_actions:document-remove": {"pk": "ca_event", "part": "ca_document"},
}  # fmt: skip
API_ARGUMENTS = {
    "event_id": "ca_event",
    "action_id": "collective_action",
    "sign_up_id": "sign_up",
}


def sample_world(world: SimpleNamespace) -> None:
    action = CollectiveActionFactory(event=EventFactory())
    organisation = OrganisationFactory(kind=OrganisationKind.NATIONAL_GOVERNMENT)
    world.ca_event = action.event
    world.collective_action = action
    world.sign_up = services.sign_up(by=SYSTEM, action=action, organisation=organisation)
    world.ca_delegate = services.add_delegate(by=SYSTEM, event=action.event, person=PersonFactory())
    world.ca_document = services.add_event_document(
        by=SYSTEM, event=action.event, title="Declaration", url="https://example.org/declaration"
    )


def content_world(world: Any, payload: str, fit: Any) -> None:
    """Every text of events, delegations, documents, collective actions and sign-ups holds the
    payload, written through the services."""
    admin = world.admin
    event = services.create_event(
        by=admin, title=fit("Event.title"), starts_on=dt.date(2016, 12, 7),
        place=fit("Event.place"), description=payload,
    )  # fmt: skip
    person = PersonFactory()
    delegate = services.add_delegate(
        by=admin, event=event, person=person, note=fit("Delegate.note")
    )
    document = services.add_event_document(
        by=admin, event=event, title=fit("EventDocument.title"), url="https://example.org/doc"
    )
    action = services.create_collective_action(
        by=admin, event=event, title=fit("CollectiveAction.title"),
        theme=fit("CollectiveAction.theme"), description=payload,
    )  # fmt: skip
    organisation = OrganisationFactory(kind=OrganisationKind.NATIONAL_GOVERNMENT)
    sign_up = services.sign_up(
        by=admin, action=action, organisation=organisation, statement=payload
    )
    for _ in range(2):  # the quorum of three: considered, so that its adoption page answers
        other = OrganisationFactory(kind=OrganisationKind.NATIONAL_GOVERNMENT)
        services.sign_up(by=admin, action=action, organisation=other, statement=payload)
    action.refresh_from_db()
    world.objects.update(ca_event=event, collective_action=action, ca_sign_up=sign_up)
    world.objects.update(ca_delegate=delegate, ca_document=document)


# The XSS and Unicode walks: which object of the content world each route shows.
WALK_ARGUMENTS = {
    **{f"collective_actions:{name}": {"pk": "ca_event"} for name in (
        "event-detail", "event-edit", "delegate-create", "document-create")},
    **{f"collective_actions:{name}": {"pk": "collective_action"} for name in (
        "action-detail", "action-edit", "action-adopt", "signup-create")},
    "collective_actions:signup-withdraw": {"pk": "ca_sign_up"},
    "collective_actions:delegate-remove": {"pk": "ca_event", "part": "ca_delegate"},
    "collective_actions:document-remove": {"pk": "ca_event", "part": "ca_document"},
    "api:get_event": {"event_id": "ca_event"},
    "api:get_collective_action": {"action_id": "collective_action"},
    "api:post_sign_up": {"action_id": "collective_action"},
    "api:withdraw_sign_up": {"sign_up_id": "ca_sign_up"},
}  # fmt: skip

# test_urls_in_fields.py: every hostile address through the service that writes the field.
URL_WRITERS = {
    "collective_actions.EventDocument.url": [
        (
            "url",
            lambda w, url: services.add_event_document(
                by=w.admin, event=w.ca_event, title="Declaration", url=url
            ),
        )
    ],
}


def data_world(*, commitment: Any, organisation: Any, user: Any) -> None:
    """An event with a delegate, and a collective action with a sign-up: a row of each dataset."""
    action = CollectiveActionFactory(event=EventFactory())
    services.add_delegate(
        by=SYSTEM, event=action.event, person=PersonFactory(), organisation=organisation
    )
    government = OrganisationFactory(kind=OrganisationKind.NATIONAL_GOVERNMENT)
    services.sign_up(by=SYSTEM, action=action, organisation=government)
