"""The objects the permission matrix is checked on, in every state, built through the services so
that their audit trail is the real one. Every text of an object carries its state's mark (MARKS),
so an answer that shows anything of a draft or a hidden meeting can be told by reading it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from django.test import Client
from django.utils import timezone

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import UserFactory
from opengov.accounts.tokens import create_api_token
from opengov.action_plans import services as plans
from opengov.action_plans.tests.factories import MemberFactory, ProgressUpdateFactory
from opengov.core.audit import object_key
from opengov.core.models import AuditEvent
from opengov.meetings import services as meetings
from opengov.meetings.services.imports import preview_note
from opengov.meetings.tests.factories import MeetingSeriesFactory, held_on
from opengov.organisations.models import Network, NetworkMembership, OrganisationKind
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

from .matrix_apps import PARTS

MARKS = {"published": "QXPUB", "draft": "QXDRAFT", "hidden": "QXHIDDEN"}
NOTE = b"QXHIDDEN forum note\n\nPresent: Ana Example (Cabinet Office)\n\nActions\n- Write it up\n"


@dataclass
class World:
    users: dict[str, Any]  # role -> user (no anonymous)
    objects: dict[str, dict[str, Any]]  # kind -> state ("-" for one without state) -> object
    client: Client = field(default_factory=Client)  # one, so that middleware loads once
    cookies: dict[str, SimpleCookie] = field(default_factory=dict)  # role -> its signed-in session
    tokens: dict[str, str] = field(default_factory=dict)  # role -> raw API token


def _user(role: str, name: str, **scope: Any) -> Any:
    """A user holding the role, as the root conftest.py makes them."""
    user = UserFactory(email=f"{role}@example.org", name=name)
    if role != "participant":
        grant = Role.COMMITMENT_LEAD if role in ("lead", "other_lead") else role
        RoleGrant.objects.create(user=user, role=grant, **scope)
    return user


def _users(cabinet: Any, home_office: Any, involve: Any) -> dict[str, Any]:
    return {
        "participant": _user("participant", "Pat Participant"),
        "civil_society_member": _user("civil_society_member", "Cas Society", organisation=involve),
        "other_lead": _user("other_lead", "Olu Other", organisation=home_office),
        "lead": _user("lead", "Lee Lead", organisation=cabinet),
        "government_contact": _user("government_contact", "Gus Contact"),
        "secretariat": _user("secretariat", "Sam Secretariat"),
        "administrator": _user("administrator", "Ada Admin"),
    }


def _plans(objects: dict[str, dict[str, Any]], users: dict[str, Any], cabinet: Any) -> None:
    """Plan 3, published and being implemented; plan 4, a draft. Each has one commitment the
    Cabinet Office leads, with a milestone and a progress update."""
    gov, lead, member = users["government_contact"], users["lead"], MemberFactory()
    objects["member"] = {"-": member}
    for number, state, status in ((3, "published", "implementing"), (4, "draft", "drafting")):
        mark = MARKS[state]
        plan = plans.create_plan(
            by=gov, member=member, number=number, title=f"{mark} plan", status=status,
            starts_on=dt.date(2016, 5, 12), ends_on=dt.date(2018, 6, 30),
        )  # fmt: skip
        commitment = plans.create_commitment(
            by=gov, plan=plan, number="1", title=f"{mark} commitment", lead_organisations=[cabinet]
        )
        milestone = plans.add_milestone(
            by=gov, commitment=commitment, text=f"{mark} milestone", due_on=dt.date(2017, 3, 31)
        )
        objects.setdefault("plan", {})[state] = plan
        objects.setdefault("commitment", {})[state] = commitment
        objects.setdefault("milestone", {})[state] = milestone
    objects["plan"]["published"] = plans.publish_plan(by=gov, plan=objects["plan"]["published"])
    for kind in ("commitment", "milestone"):  # as read after publishing
        objects[kind] = {s: type(o).objects.get(pk=o.pk) for s, o in objects[kind].items()}
    published = objects["commitment"]["published"]
    objects["update"] = {
        "published": plans.post_progress_update(
            by=lead, commitment=published, status="on_track", text="QXPUB update"
        ),
        "draft": ProgressUpdateFactory(commitment=objects["commitment"]["draft"], text="QXDRAFT"),
    }
    plans.revise_milestone_due_date(
        by=lead, milestone=objects["milestone"]["published"], new_due_on=dt.date(2017, 6, 30),
        reason="QXPUB postponed", expected_version=None,
    )  # fmt: skip


def _meetings(objects: dict[str, dict[str, Any]], users: dict[str, Any], cabinet: Any) -> None:
    """Two held meetings of one series with minutes published: the first public, with a section
    and an action about the draft commitment; the second, about the published commitment (with an
    update reported there) and reviewing the first one's action, made private afterwards."""
    sec, series = users["secretariat"], MeetingSeriesFactory(name="Forum", slug="forum")
    ana = PersonFactory(name="Ana Example", slug="ana-example")
    objects.update(series={"-": series}, person={"-": ana})
    commitments = objects["commitment"]
    today = timezone.localdate()  # recent, so that they are in the calendar feed
    for state, days_ago, linked in (("published", 60, "draft"), ("hidden", 30, "published")):
        mark, commitment = MARKS[state], commitments[linked]
        meeting = meetings.create_meeting(
            by=sec, title=f"{mark} meeting", starts_at=held_on(today - dt.timedelta(days_ago)),
            series=series, status="held",
        )  # fmt: skip
        objects.setdefault("meeting", {})[state] = meeting
        objects.setdefault("attendance", {})[state] = meetings.record_attendance(
            by=sec, meeting=meeting, person=ana, organisation=cabinet
        )
        objects.setdefault("section", {})[state] = meetings.add_minutes_section(
            by=sec, meeting=meeting, heading=f"{mark} section", text="Discussed.",
            commitments=[commitment],
        )  # fmt: skip
        meetings.record_decision(by=sec, meeting=meeting, text=f"{mark} decision")
        objects.setdefault("action", {})[state] = meetings.add_action_item(
            by=sec, meeting=meeting, text=f"{mark} action", owner_organisation=cabinet,
            commitment=commitment,
        )  # fmt: skip
        meetings.publish_minutes(by=sec, meeting=meeting)
    hidden = objects["meeting"]["hidden"]
    meetings.review_action_item(
        by=sec, action_item=objects["action"]["published"], meeting=hidden, note="QXHIDDEN note"
    )
    plans.post_progress_update(
        by=users["administrator"], commitment=commitments["published"], status="delayed",
        text="QXPUB update reported at a meeting", meeting=hidden,
    )  # fmt: skip
    hidden.refresh_from_db()
    meetings.update_meeting(
        by=sec, meeting=hidden, expected_version=hidden.version, is_public=False
    )
    objects["note"] = {"-": preview_note(by=sec, data=NOTE, filename="note.txt")}


def build_world() -> World:
    """Every role's user and API token (the lead's is the one the token pages act on), both plans,
    both meetings, a note awaiting import, an organisation, a person and a network; and an event
    of each state: a due date moved, a draft's milestone added, a hidden meeting recorded."""
    cabinet = OrganisationFactory(name="Cabinet Office", slug="cabinet-office")
    home_office = OrganisationFactory(name="Home Office", slug="home-office")
    involve = OrganisationFactory(name="Involve", kind=OrganisationKind.CIVIL_SOCIETY)
    users = _users(cabinet, home_office, involve)
    objects: dict[str, dict[str, Any]] = {"organisation": {"-": cabinet}}
    _plans(objects, users, cabinet)
    _meetings(objects, users, cabinet)
    network = Network.objects.create(name="Open Government Network", slug="ogn")
    NetworkMembership.objects.create(network=network, organisation=cabinet)
    objects["network"] = {"-": network}
    for part in PARTS:
        if hasattr(part, "build"):
            part.build(objects, users)
    draft_milestone = object_key(objects["milestone"]["draft"])
    objects["event"] = {
        "published": AuditEvent.objects.get(verb="action_plans.milestone.due_date_revised"),
        "draft": AuditEvent.objects.get(object_key=draft_milestone),
        "hidden": AuditEvent.objects.get(
            verb="meetings.meeting.created", object_key=object_key(objects["meeting"]["hidden"])
        ),
    }
    world = World(users=users, objects=objects)
    for role, user in users.items():
        token, world.tokens[role] = create_api_token(by=user, name="matrix")
        if role == "lead":
            objects["token"] = {"-": token}
    return world
