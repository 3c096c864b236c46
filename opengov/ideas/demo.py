"""The demo's call for ideas, loaded through the services by `opengov.demo.loader`.

The 10 November 2016 note records the wish to "crowdsource new ideas again" and to pick a policy
priority among government's (housing, education, prisons, health). The demo opens a call for the
next plan in those areas. Every idea, comment and answer here is sample text, sent by the demo's
sample accounts: none is attributed to a real person. Loading twice creates nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from opengov.accounts.models import User
from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import ActionPlan, Member, PolicyArea
from opengov.action_plans.services import create_plan, publish_plan
from opengov.core.actors import SYSTEM
from opengov.organisations.models import Organisation

from . import services
from .choices import Decision, IdeaStatus, RefusalReason
from .models import CallForIdeas, Idea

PLAN_NUMBER = 4
PLAN_TITLE = "UK National Action Plan for Open Government 2019–2021 (draft)"
CALL_TITLE = "Ideas for the next National Action Plan"
CALL_TEXT = (
    "The network wants to crowdsource new ideas for commitments again. Pick one of the policy "
    "priorities below, say what government should commit to, and why.\n\n"
    "*Demo data: the ideas, comments and answers in this call are sample text sent by sample "
    "accounts.*"
)
# (slug, name, group) of the areas the call offers; housing is not one of OGP's own areas.
AREAS = (
    ("housing", "Housing", "Public Service Delivery"),
    ("education", "Education", "Public Service Delivery"),
    ("policing-corrections", "Policing & Corrections", "Justice"),
    ("health-nutrition", "Health & Nutrition", "Public Service Delivery"),
)
SAMPLE = "Sample response: "


@dataclass(frozen=True)
class DemoIdea:
    title: str
    text: str
    area: str
    author: str  # a demo account's e-mail address
    goals: tuple[int, ...] = ()
    stage: str = IdeaStatus.PUBLISHED
    decision: str = ""
    reason: str = ""
    merged_into: str = ""
    supporters: tuple[str, ...] = ()
    comments: tuple[tuple[str, str], ...] = ()  # (author, text); a reply follows with "> "
    scores: dict[str, tuple[int, ...]] = field(default_factory=dict)
    refusal: tuple[str, str] | None = None  # (reason, explanation), for an idea not published
    withdrawn: tuple[str, ...] = ()  # supporters who then withdraw their support


PARTICIPANT, CSO, FORUM = "participant@example.org", "cso@example.org", "forum@example.org"
IDEAS = (
    DemoIdea(
        "Publish waiting times for every NHS trust as open data, monthly",
        "Sample idea. Monthly, machine-readable waiting times per trust and treatment, with the "
        "method used, so that patients and researchers can compare services.",
        "health-nutrition",
        PARTICIPANT,
        goals=(3, 16),
        decision=Decision.ACCEPTED,
        reason=SAMPLE + "This fits the plan's focus on public services. It becomes a draft "
        "commitment, to be written with NHS bodies and civil society.",
        supporters=(CSO, FORUM),
        comments=(
            (
                CSO,
                "Sample comment: trusts already publish some of this; a common format "
                "would help most.",
            ),
            (PARTICIPANT, "> Sample reply: agreed, one format for all trusts."),
        ),
    ),
    DemoIdea(
        "Open register of prison inspection findings and follow-up",
        "Sample idea. One public register of what inspections of prisons found, what was "
        "recommended, and whether it was done.",
        "policing-corrections",
        CSO,
        goals=(16,),
        decision=Decision.NOT_TAKEN_FORWARD,
        reason=SAMPLE + "Inspection reports and action plans are already published by the "
        "inspectorate; a second register would duplicate them. We will link to them instead.",
        supporters=(PARTICIPANT,),
    ),
    DemoIdea(
        "Publish school funding allocations per pupil, school by school",
        "Sample idea. Allocations per school and per pupil, in one open dataset each year.",
        "education",
        PARTICIPANT,
        goals=(4, 10),
        stage=IdeaStatus.SHORTLISTED,
        supporters=(CSO, FORUM),
        comments=((FORUM, "Sample comment: this could build on the existing school census."),),
        scores={FORUM: (4, 3, 4), "secretariat@example.org": (5, 3, 4)},
    ),
    DemoIdea(
        "Open data on school budgets",
        "Sample idea. Schools' budgets as open data, to see where the money goes.",
        "education",
        CSO,
        goals=(4,),
        decision=Decision.MERGED,
        reason=SAMPLE + "This is the same proposal as the idea on school funding allocations; "
        "its supporters now count towards that idea.",
        merged_into="Publish school funding allocations per pupil, school by school",
        supporters=(PARTICIPANT, FORUM),
    ),
    DemoIdea(
        "A public register of social housing allocations and waiting lists",
        "Sample idea. Councils publish how many homes they allocate, to whom by priority band, "
        "and how long people wait, in one format.",
        "housing",
        CSO,
        goals=(1, 11),
        stage=IdeaStatus.UNDER_CONSIDERATION,
        supporters=(PARTICIPANT, FORUM),
        withdrawn=(FORUM,),
    ),
    DemoIdea(
        "Register of social housing waiting lists",
        "Sample idea. One register of who waits for social housing, council by council.",
        "housing",
        FORUM,
        goals=(11,),
        stage=IdeaStatus.REFUSED,
        refusal=(
            RefusalReason.DUPLICATE,
            "Sample explanation: the idea on a public register of social housing allocations "
            "and waiting lists already proposes this. Please support and comment on it there.",
        ),
    ),
    DemoIdea(
        "Involve tenants in designing housing standards",
        "Sample idea. Tenants' panels take part in writing the standards social landlords are "
        "held to.",
        "housing",
        PARTICIPANT,
        goals=(11,),
        stage=IdeaStatus.SUBMITTED,
    ),
)


def _next_plan(created: Counter[str]) -> ActionPlan | None:
    """The next plan, being drafted (published, so that its draft commitments can be read)."""
    member = Member.objects.order_by("pk").first()
    if member is None:
        return None
    plan = ActionPlan.objects.filter(member=member, number=PLAN_NUMBER).first()
    if plan is None:
        plan = create_plan(
            by=SYSTEM,
            member=member,
            number=PLAN_NUMBER,
            title=PLAN_TITLE,
            description="Demo data: the next plan, being drafted. Its commitments here are sample "
            "text, from the call for ideas.",
            status=PlanStatus.DRAFTING,
        )
        created["plans"] += 1
    if plan.published_at is None:
        plan = publish_plan(by=SYSTEM, plan=plan)
    return plan


def _areas() -> list[PolicyArea]:
    # A vocabulary, as the OGP areas are (action_plans migration 0002): housing is added to it.
    return [
        PolicyArea.objects.get_or_create(slug=slug, defaults={"name": name, "group": group})[0]
        for slug, name, group in AREAS
    ]


def _call(plan: ActionPlan, created: Counter[str]) -> CallForIdeas:
    call = CallForIdeas.objects.filter(plan=plan, title=CALL_TITLE).first()
    if call is None:
        today = timezone.localdate()
        call = services.create_call(
            by=SYSTEM,
            plan=plan,
            title=CALL_TITLE,
            description=CALL_TEXT,
            opens_on=today - dt.timedelta(days=75),
            closes_on=today + dt.timedelta(days=30),
            policy_areas=_areas(),
            answer_within_days=30,
        )
        created["calls for ideas"] += 1
    if not call.is_published:
        call = services.publish_call(by=SYSTEM, call=call)
    return call


def load(*, created: Counter[str]) -> None:
    """Load what is missing of this app's demo (loading twice creates nothing). The ideas need
    the demo's accounts to send them: without them (`load_demo(with_users=False)`) the call is
    loaded empty."""
    plan = _next_plan(created)
    if plan is None:
        return
    call = _call(plan, created)
    users = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    if not {PARTICIPANT, CSO, FORUM, "govcontact@example.org"} <= set(users):
        return
    areas = {a.slug: a for a in call.policy_areas.all()}
    cabinet = Organisation.objects.filter(name="Cabinet Office").first()
    for demo in IDEAS:
        if Idea.objects.filter(call=call, title=demo.title).exists():
            continue
        _load_idea(call, demo, areas, users, cabinet)
        created["ideas"] += 1


def _load_idea(
    call: CallForIdeas,
    demo: DemoIdea,
    areas: dict[str, PolicyArea],
    users: dict[str, Any],
    cabinet: Organisation | None,
) -> None:
    idea = services.submit_idea(
        by=users[demo.author],
        call=call,
        title=demo.title,
        text=demo.text,
        policy_area=areas[demo.area],
        goals=demo.goals,
    )
    if demo.stage == IdeaStatus.SUBMITTED:
        return
    if demo.stage == IdeaStatus.REFUSED:
        assert demo.refusal is not None, "a refused demo idea has its reason"
        reason, explanation = demo.refusal
        services.refuse_idea(by=SYSTEM, idea=idea, reason=reason, explanation=explanation)
        return
    idea = services.moderate_idea(by=SYSTEM, idea=idea, status=IdeaStatus.PUBLISHED)
    for email in demo.supporters:
        services.support_idea(by=users[email], idea=idea)
    for email in demo.withdrawn:
        services.withdraw_support(by=users[email], idea=idea)
    parent = None
    for email, text in demo.comments:
        reply = text.startswith("> ")
        comment = services.post_comment(
            by=users[email],
            idea=idea,
            text=text.removeprefix("> "),
            parent=parent if reply else None,
        )
        parent = parent if reply else comment
    if demo.stage != IdeaStatus.PUBLISHED:
        idea = services.moderate_idea(by=SYSTEM, idea=idea, status=demo.stage)
    for email, values in demo.scores.items():
        if email in users:
            criteria = list(call.criteria.all())
            scores = {c.pk: min(v, c.max_score) for c, v in zip(criteria, values, strict=False)}
            services.score_idea(by=users[email], idea=idea, scores=scores)
    if demo.decision:
        merged_into = (
            Idea.objects.get(call=call, title=demo.merged_into) if demo.merged_into else None
        )
        services.answer_idea(
            by=users["govcontact@example.org"],
            idea=idea,
            decision=demo.decision,
            reason=demo.reason,
            organisation=cabinet if demo.decision == Decision.ACCEPTED else None,
            merged_into=merged_into,
        )
