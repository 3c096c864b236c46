"""Loads the demo through the services, acting as the system: the United Kingdom and its NAP3
(nap3.json), the organisations and people of the 10 November 2016 meeting note (people.py), the
progress the note reports, and one demo user per role. Loading twice creates nothing: every step
looks for what it would create first, so a second run records no audit event."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from django.db import transaction

from opengov.accounts.models import Role, RoleGrant, User
from opengov.accounts.services import create_user, grant_role
from opengov.action_plans.choices import MemberKind, PlanStatus
from opengov.action_plans.dates import parse_due
from opengov.action_plans.models import ActionPlan, Member
from opengov.action_plans.services import (
    add_milestone,
    create_commitment,
    create_member,
    create_plan,
    publish_plan,
)
from opengov.core.actors import SYSTEM
from opengov.meetings.demo import load_seed_meeting
from opengov.organisations.models import Membership, Network, NetworkMembership, Organisation
from opengov.organisations.services import (
    add_membership,
    add_network_member,
    add_organisation_alias,
    create_network,
    create_organisation,
    create_person,
    find_organisation,
    find_person,
)

from .people import (
    ATTENDEES,
    DEMO_PASSWORD,
    DEMO_USERS,
    NETWORK_COORDINATOR,
    NETWORK_NAME,
    ORGANISATIONS,
    OTHER_PEOPLE,
    DemoUser,
    PersonData,
    network_member_names,
)

NAP3_FILE = Path(__file__).with_name("nap3.json")

MEMBER = {"name": "United Kingdom", "code": "GBR", "kind": MemberKind.NATIONAL, "region": "Europe"}
PLAN_NUMBER = 3
OGP_COMMITMENT_URL = (
    "https://www.opengovpartnership.org/members/united-kingdom/commitments/{ogp_id}/"
)
PLAN_TITLE = "UK Open Government National Action Plan 2016–18"
# Launched on 12 May 2016 (the launch post that nap3.json cites for commitments 1-3).
PLAN_STARTS_ON = dt.date(2016, 5, 12)
# nap3.json gives only "2016-18". OGP's action-plan cycles end on 30 June, so the plans of the
# 2016-18 cycle end on 30 June 2018: the end of the plan period, not a date the UK published.
PLAN_ENDS_ON = dt.date(2018, 6, 30)

# Where nap3.json's notes quote the commitment's own text: the label before it. Commitment 11's
# objective is given unquoted, to the end of its sentence.
DESCRIPTION_LABELS = {
    1: "Commitment text (IRM summary)",
    3: "Commitment summary",
    6: "Objective",
    7: "Objective",
    11: "Objective",
    12: "IRM commitment text",
}

# What the summary counts, in order: (key, one, many).
SUMMARY_LABELS = (
    ("members", "member", "members"),
    ("plans", "action plan", "action plans"),
    ("commitments", "commitment", "commitments"),
    ("meetings", "meeting", "meetings"),
    ("milestones", "milestone", "milestones"),
    ("updates", "progress update", "progress updates"),
    ("organisations", "organisation", "organisations"),
    ("aliases", "alias", "aliases"),
    ("networks", "network", "networks"),
    ("network_members", "network member", "network members"),
    ("people", "person", "people"),
    ("memberships", "membership", "memberships"),
    ("users", "user", "users"),
    ("grants", "role grant", "role grants"),
    ("posts", "post", "posts"),
    ("tenures", "tenure", "tenures"),
    ("projects", "project", "projects"),
    ("events", "event", "events"),
    ("delegates", "delegate", "delegates"),
    ("collective actions", "collective action", "collective actions"),
    ("sign-ups", "sign-up", "sign-ups"),
    ("bodies", "body", "bodies"),
    ("nomination_rounds", "nomination round", "nomination rounds"),
    ("nominations", "nomination", "nominations"),
    ("votes", "vote", "votes"),
    ("body_memberships", "body membership", "body memberships"),
    ("calls for ideas", "call for ideas", "calls for ideas"),
    ("ideas", "idea", "ideas"),
    ("consultations", "consultation", "consultations"),
    ("consultation comments", "consultation comment", "consultation comments"),
    ("consultation answers", "consultation answer", "consultation answers"),
    ("feedback", "feedback", "feedback"),
    ("feedback_answers", "answer to feedback", "answers to feedback"),
)


# The apps' own demos, in this order (each `load(created=…)`; a later one may use an earlier
# one's objects). They count what they create under plural keys ("ideas"), summarised as they are.
APP_DEMOS = (
    "opengov.organisations.demo",
    "opengov.collective_actions.demo",
    "opengov.nominations.demo",
    "opengov.ideas.demo",
    "opengov.consultations.demo",
    "opengov.feedback.demo",
)


def describe(created: Counter[str]) -> str:
    """The summary of a run ("1 member, 13 commitments, …"), or "" when nothing was created."""
    known = {key for key, _one, _many in SUMMARY_LABELS}
    parts = [
        f"{created[key]} {one if created[key] == 1 else many}"
        for key, one, many in SUMMARY_LABELS
        if created[key]
    ]
    parts += [f"{count} {key}" for key, count in created.items() if key not in known and count]
    return ", ".join(parts)


def read_nap3() -> list[dict[str, Any]]:
    with NAP3_FILE.open(encoding="utf-8") as handle:
        data: list[dict[str, Any]] = json.load(handle)
    return data


@dataclass
class DemoLoad:
    """What one run created, and anything it had to leave out (with why)."""

    created: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def load_demo(*, with_users: bool = True) -> DemoLoad:
    """Load whatever of the demo is missing, in one transaction (a failure writes nothing)."""
    result = DemoLoad()
    created = result.created
    with transaction.atomic():
        _load_organisations(created)
        _load_network(created)
        for person in (*ATTENDEES, *OTHER_PEOPLE):
            _load_person(person, created)
        plan = _load_plan(created)
        for entry in read_nap3():
            _load_commitment(plan, entry, created)
        # The 10 November 2016 meeting, imported from its published note as the secretariat
        # would: its attendance, minutes, actions, and the updates it gives for commitments
        # 4, 5, 6, 7 and 11 as progress updates of that day, linked to the meeting.
        if load_seed_meeting(by=SYSTEM) is not None:
            created["meetings"] += 1
        if with_users:
            for demo_user in DEMO_USERS:
                _load_user(demo_user, created)
        for module in APP_DEMOS:
            import_module(module).load(created=created)
    return result


def organisation_named(name: str) -> Organisation:
    found = find_organisation(name)
    if found is None:
        raise LookupError(f"The demo data names an unknown organisation: {name!r}")
    return found


def _load_organisations(created: Counter[str]) -> None:
    for data in ORGANISATIONS:
        organisation = find_organisation(data.name)
        if organisation is None:
            create_organisation(
                by=SYSTEM,
                name=data.name,
                kind=data.kind,
                parent=organisation_named(data.parent) if data.parent else None,
                aliases=list(data.aliases),
                description=data.description,
            )
            created["organisations"] += 1
            created["aliases"] += len(data.aliases)
            continue
        for alias in data.aliases:
            if find_organisation(alias) is None:
                add_organisation_alias(by=SYSTEM, organisation=organisation, alias=alias)
                created["aliases"] += 1


def _load_network(created: Counter[str]) -> None:
    network = Network.objects.filter(name=NETWORK_NAME).first()
    if network is None:
        network = create_network(
            by=SYSTEM, name=NETWORK_NAME, coordinator=organisation_named(NETWORK_COORDINATOR)
        )
        created["networks"] += 1
    for name in network_member_names():
        organisation = organisation_named(name)
        if not NetworkMembership.objects.filter(
            network=network, organisation=organisation
        ).exists():
            add_network_member(by=SYSTEM, network=network, organisation=organisation)
            created["network_members"] += 1


def _load_person(data: PersonData, created: Counter[str]) -> None:
    person = find_person(data.name)
    if person is None:
        person = create_person(by=SYSTEM, name=data.name)
        created["people"] += 1
    if not data.organisation:
        return
    organisation = organisation_named(data.organisation)
    held = Membership.objects.filter(
        person=person, organisation=organisation, role=data.role, start_on=None
    )
    if not held.exists():
        add_membership(by=SYSTEM, person=person, organisation=organisation, role=data.role)
        created["memberships"] += 1


def _load_plan(created: Counter[str]) -> ActionPlan:
    member = Member.objects.filter(name=MEMBER["name"]).first()
    if member is None:
        member = create_member(by=SYSTEM, **MEMBER)
        created["members"] += 1
    plan = ActionPlan.objects.filter(member=member, number=PLAN_NUMBER).first()
    if plan is None:
        plan = create_plan(
            by=SYSTEM,
            member=member,
            number=PLAN_NUMBER,
            title=PLAN_TITLE,
            starts_on=PLAN_STARTS_ON,
            ends_on=PLAN_ENDS_ON,
            status=PlanStatus.IMPLEMENTING,
        )
        created["plans"] += 1
    # Published before its commitments are added, so their history is public from the start.
    if plan.published_at is None:
        plan = publish_plan(by=SYSTEM, plan=plan)
    return plan


def split_leads(text: str) -> list[Organisation]:
    """The organisations a lead string names, in its order. Names may themselves hold ", " or
    " and " ("Department for Business, Innovation and Skills, … and Department for International
    Development"), so the longest run of pieces that names a known organisation wins.
    "Cabinet Office (Government Digital Service)" names the part in brackets."""
    pieces = re.split(r"(, | and )", text.strip())
    found: list[Organisation] = []
    start = 0
    while start < len(pieces):
        for end in range(len(pieces) - 1, start - 1, -2):
            candidate = "".join(pieces[start : end + 1])
            part = re.fullmatch(r".+ \((.+)\)", candidate)
            organisation = find_organisation(part[1] if part else candidate)
            if organisation is not None:
                found.append(organisation)
                start = end + 2
                break
        else:
            raise LookupError(f"No known organisation in {pieces[start]!r} (of {text!r})")
    return found


def quoted_description(number: int, notes: str) -> str:
    """The commitment's own words where nap3.json's notes quote them, else ""."""
    label = DESCRIPTION_LABELS.get(number)
    if label is None:
        return ""
    quoted = re.search(re.escape(label) + r": '(.+?)'(?=[\s.]|$)", notes)
    if quoted:
        return quoted[1]
    unquoted = re.search(re.escape(label) + r": (.+?\.)(?=\s|$)", notes)
    if unquoted is None:
        raise LookupError(f"Commitment {number}: no {label!r} in its notes")
    text = unquoted[1]
    return text[0].upper() + text[1:]


def _load_commitment(plan: ActionPlan, entry: dict[str, Any], created: Counter[str]) -> None:
    """Add the commitment and its milestones if missing. A title that is not known stays empty
    (the page says "Title not known"): it is never invented."""
    number = str(entry["number"])
    commitment = plan.commitments.filter(number=number).first()
    if commitment is None:
        lead_text = entry["lead"] or ""
        ogp_id = entry["ogp_id"] or ""
        commitment = create_commitment(
            by=SYSTEM,
            plan=plan,
            number=number,
            title=entry["title"] or "",
            title_is_known=bool(entry["title"]),
            description=quoted_description(entry["number"], entry["notes"] or ""),
            lead_organisations=split_leads(lead_text) if lead_text else [],
            ogp_id=ogp_id,
            ogp_url=OGP_COMMITMENT_URL.format(ogp_id=ogp_id) if ogp_id else "",
            lead_text=lead_text,
        )
        created["commitments"] += 1
    for milestone in entry["milestones"]:
        if commitment.milestones.filter(text=milestone["text"]).exists():
            continue
        due_on, precision = parse_due(milestone["due"])
        add_milestone(
            by=SYSTEM,
            commitment=commitment,
            text=milestone["text"],
            due_on=due_on,
            due_precision=precision,
            source_url=milestone["source"] or "",
        )
        created["milestones"] += 1


def _load_user(data: DemoUser, created: Counter[str]) -> None:
    user = User.objects.filter(email__iexact=data.email).first()
    if user is None:
        user = create_user(
            by=SYSTEM,
            email=data.email,
            name=data.name,
            password=DEMO_PASSWORD,
            is_staff=data.is_superuser,
            is_superuser=data.is_superuser,
        )
        created["users"] += 1
    if data.role == Role.PARTICIPANT:
        return  # a participant is any signed-in user: no grant
    organisation = organisation_named(data.organisation) if data.organisation else None
    if not RoleGrant.objects.filter(
        user=user, role=data.role, organisation=organisation, commitment=None
    ).exists():
        grant_role(by=SYSTEM, user=user, role=data.role, organisation=organisation)
        created["grants"] += 1
