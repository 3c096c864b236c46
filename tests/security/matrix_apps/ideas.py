"""The permission matrix's rows, path arguments, API bodies and world for ideas
(see __init__.py).

States: a call is published or a draft (plan managers only); an idea is published (in a published
call, shortlisted, supported by every role) or hidden: sent but awaiting moderation, seen by the
secretariat and administrators (the moderators) and by its sender, who holds none of the matrix's
roles; a comment is published, or hidden by a moderator (its text then shown to moderators only).
The world also holds an idea refused at moderation (QXHIDDEN): no role but the moderators may see
any of it, on any page, feed or dataset of the call."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from opengov.accounts.tests.factories import UserFactory
from opengov.action_plans import services as plans
from opengov.ideas import services as ideas
from opengov.ideas.choices import IdeaStatus

from ..matrix_resolvers import Resolver, stateful

CALLS, IDEAS = ("published", "draft"), ("published", "hidden")

TABLE = """
# Calls for ideas: a draft call is the plan managers' (administrators, secretariat, government
# contacts) alone; they create, edit and publish calls (ideas.*_callforideas). Empty POSTs are
# refused on the form (200); publishing a draft needs nothing typed (302), a published call is
# refused on the form (200).
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
ideas:call-list                          GET    published listed listed listed listed listed listed listed listed
ideas:call-list                          GET    draft     absent absent absent absent absent listed listed listed
ideas:call-detail                        GET    published 200    200    200    200    200    200    200    200
ideas:call-detail                        GET    draft     404    404    404    404    404    200    200    200
ideas:call-ranking                       GET    published 200    200    200    200    200    200    200    200
ideas:call-ranking                       GET    draft     404    404    404    404    404    200    200    200
ideas:call-report                        GET    published 200    200    200    200    200    200    200    200
ideas:call-report                        GET    draft     404    404    404    404    404    200    200    200
ideas:call-report-csv                    GET    published 200    200    200    200    200    200    200    200
ideas:call-report-csv                    GET    draft     404    404    404    404    404    200    200    200
ideas:call-report-pdf                    GET    published 200    200    200    200    200    200    200    200
ideas:call-report-pdf                    GET    draft     404    404    404    404    404    200    200    200
ideas:call-create                        GET    -         login  403    403    403    403    200    200    200
ideas:call-create                        POST   -         login  403    403    403    403    200    200    200
ideas:call-edit                          GET    published login  403    403    403    403    200    200    200
ideas:call-edit                          GET    draft     login  404    404    404    404    200    200    200
ideas:call-edit                          POST   published login  403    403    403    403    200    200    200
ideas:call-edit                          POST   draft     login  404    404    404    404    200    200    200
ideas:call-publish                       GET    published login  403    403    403    403    200    200    200
ideas:call-publish                       GET    draft     login  404    404    404    404    200    200    200
ideas:call-publish                       POST   published login  403    403    403    403    200    200    200
ideas:call-publish                       POST   draft     login  404    404    404    404    302    302    302
# Sending an idea: anyone signed in, while a published call is open (a draft call is not open).
ideas:idea-submit                        GET    published login  200    200    200    200    200    200    200
ideas:idea-submit                        GET    draft     login  404    404    404    404    403    403    403
ideas:idea-submit                        POST   published login  200    200    200    200    200    200    200
ideas:idea-submit                        POST   draft     login  404    404    404    404    403    403    403
# Moderating (ideas.moderate_idea, ideas.hide_comment): the secretariat and administrators.
ideas:call-moderation                    GET    published login  403    403    403    403    403    200    200
ideas:call-moderation                    GET    draft     login  404    404    404    404    403    200    200
# Reasoned responses and their templates (ideas.answer_idea, ideas.add_responsetemplate):
# government contacts and administrators, not the secretariat.
ideas:template-create                    GET    published login  403    403    403    403    200    403    200
ideas:template-create                    GET    draft     login  404    404    404    404    200    403    200
ideas:template-create                    POST   published login  403    403    403    403    200    403    200
ideas:template-create                    POST   draft     login  404    404    404    404    200    403    200
ideas:call-answer-many                   GET    published login  403    403    403    403    200    403    200
ideas:call-answer-many                   GET    draft     login  404    404    404    404    200    403    200
ideas:call-answer-many                   POST   published login  403    403    403    403    200    403    200
ideas:call-answer-many                   POST   draft     login  404    404    404    404    200    403    200

# Ideas: one awaiting moderation (hidden) is seen by the moderators (and its sender, not a role
# here). Supporting twice is once (302 back to the idea); every role supports the published idea,
# so withdrawing (the same rule) works (302). Only a published idea is supported, commented on,
# answered or scored; scoring is the steering committee's (forum members, who are not a role
# here, and the secretariat), on a shortlisted idea. Only an idea awaiting moderation is refused
# (ideas.refuse_idea), by a moderator; an empty refusal is refused on the form (200).
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
ideas:idea-detail                        GET    published 200    200    200    200    200    200    200    200
ideas:idea-detail                        GET    hidden    404    404    404    404    404    404    200    200
ideas:idea-support                       GET    published login  200    200    200    200    200    200    200
ideas:idea-support                       GET    hidden    login  404    404    404    404    404    403    403
ideas:idea-support                       POST   published login  302    302    302    302    302    302    302
ideas:idea-support                       POST   hidden    login  404    404    404    404    404    403    403
ideas:idea-support-withdraw              GET    published login  200    200    200    200    200    200    200
ideas:idea-support-withdraw              GET    hidden    login  404    404    404    404    404    403    403
ideas:idea-support-withdraw              POST   published login  302    302    302    302    302    302    302
ideas:idea-support-withdraw              POST   hidden    login  404    404    404    404    404    403    403
ideas:idea-refuse                        GET    published login  403    403    403    403    403    403    403
ideas:idea-refuse                        GET    hidden    login  404    404    404    404    404    200    200
ideas:idea-refuse                        POST   published login  403    403    403    403    403    403    403
ideas:idea-refuse                        POST   hidden    login  404    404    404    404    404    200    200
ideas:idea-comment                       GET    published login  200    200    200    200    200    200    200
ideas:idea-comment                       GET    hidden    login  404    404    404    404    404    403    403
ideas:idea-comment                       POST   published login  200    200    200    200    200    200    200
ideas:idea-comment                       POST   hidden    login  404    404    404    404    404    403    403
ideas:idea-moderate                      GET    published login  403    403    403    403    403    200    200
ideas:idea-moderate                      GET    hidden    login  404    404    404    404    404    200    200
ideas:idea-moderate                      POST   published login  403    403    403    403    403    200    200
ideas:idea-moderate                      POST   hidden    login  404    404    404    404    404    200    200
ideas:idea-answer                        GET    published login  403    403    403    403    200    403    200
ideas:idea-answer                        GET    hidden    login  404    404    404    404    404    403    403
ideas:idea-answer                        POST   published login  403    403    403    403    200    403    200
ideas:idea-answer                        POST   hidden    login  404    404    404    404    404    403    403
ideas:idea-score                         GET    published login  403    403    403    403    403    200    403
ideas:idea-score                         GET    hidden    login  404    404    404    404    404    403    403
ideas:idea-score                         POST   published login  403    403    403    403    403    200    403
ideas:idea-score                         POST   hidden    login  404    404    404    404    404    403    403
# Comments: anyone signed in reports a comment that is shown; moderators hide one.
ideas:comment-report                     GET    published login  200    200    200    200    200    200    200
ideas:comment-report                     GET    hidden    login  403    403    403    403    403    403    403
ideas:comment-report                     POST   published login  200    200    200    200    200    200    200
ideas:comment-report                     POST   hidden    login  403    403    403    403    403    403    403
ideas:comment-hide                       GET    published login  403    403    403    403    403    200    200
ideas:comment-hide                       GET    hidden    login  403    403    403    403    403    200    200
ideas:comment-hide                       POST   published login  403    403    403    403    403    200    200
ideas:comment-hide                       POST   hidden    login  403    403    403    403    403    200    200

# The API: reads as the pages; writes with a token (401 without), as the pages' rules.
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
/api/v1/calls                            GET    published listed listed listed listed listed listed listed listed
/api/v1/calls                            GET    draft     absent absent absent absent absent listed listed listed
/api/v1/calls/{call_id}                  GET    published 200    200    200    200    200    200    200    200
/api/v1/calls/{call_id}                  GET    draft     404    404    404    404    404    200    200    200
/api/v1/ideas                            GET    published listed listed listed listed listed listed listed listed
/api/v1/ideas                            GET    hidden    absent absent absent absent absent absent listed listed
/api/v1/ideas/{idea_id}                  GET    published 200    200    200    200    200    200    200    200
/api/v1/ideas/{idea_id}                  GET    hidden    404    404    404    404    404    404    200    200
/api/v1/ideas/{idea_id}/comments         GET    published 200    200    200    200    200    200    200    200
/api/v1/ideas/{idea_id}/comments         GET    hidden    404    404    404    404    404    404    200    200
/api/v1/ideas/{idea_id}/comments         POST   published 401    201    201    201    201    201    201    201
/api/v1/ideas/{idea_id}/comments         POST   hidden    401    404    404    404    404    404    403    403
/api/v1/ideas/{idea_id}/supports         GET    published 200    200    200    200    200    200    200    200
/api/v1/ideas/{idea_id}/supports         GET    hidden    404    404    404    404    404    404    200    200
# Supporting and withdrawing with a token: as the pages. Every role already supports the
# published idea: supporting again is 200 (nothing written), withdrawing 200 with the new counts
# (withdrawing is idempotent: 200 too when there is no support).
/api/v1/ideas/{idea_id}/support          POST   published 401    200    200    200    200    200    200    200
/api/v1/ideas/{idea_id}/support          POST   hidden    401    404    404    404    404    404    403    403
/api/v1/ideas/{idea_id}/support          DELETE published 401    200    200    200    200    200    200    200
/api/v1/ideas/{idea_id}/support          DELETE hidden    401    404    404    404    404    404    403    403
"""

RESOLVERS: dict[str, Resolver] = {
    "calls/pk": stateful("call", CALLS),
    "call_id": stateful("call", CALLS),
    "ideas/pk": stateful("idea", IDEAS),
    "idea_id": stateful("idea", IDEAS),
    "comments/pk": stateful("idea_comment", IDEAS),
}

BODIES = {
    "/api/v1/ideas/{idea_id}/comments": lambda url: {"text": "Commented through the API"},
    "/api/v1/ideas/{idea_id}/support": lambda url: {},
}


def build(objects: dict[str, dict[str, Any]], users: dict[str, Any]) -> None:
    """Plan 5, being drafted and published; a published call open today and a draft call for it;
    a shortlisted idea and one awaiting moderation (each sent by someone holding no role); on the
    published idea, a comment and a comment a moderator hid."""
    gov, sec = users["government_contact"], users["secretariat"]
    plan = plans.create_plan(
        by=gov, member=objects["member"]["-"], number=5, title="QXPUB plan for ideas",
        status="drafting",
    )  # fmt: skip
    plan = plans.publish_plan(by=gov, plan=plan)
    today = timezone.localdate()
    dates: dict[str, Any] = {
        "opens_on": today - dt.timedelta(days=10),
        "closes_on": today + dt.timedelta(days=20),
    }
    published = ideas.create_call(
        by=gov, plan=plan, title="QXPUB call", description="QXPUB", **dates
    )
    published = ideas.publish_call(by=sec, call=published)
    draft = ideas.create_call(
        by=gov, plan=plan, title="QXDRAFT call", description="QXDRAFT", **dates
    )
    objects["call"] = {"published": published, "draft": draft}
    sender, waiting = UserFactory(name="Ida Sender"), UserFactory(name="Hana Waiting")
    idea = ideas.submit_idea(by=sender, call=published, title="QXPUB idea", text="QXPUB text")
    idea = ideas.moderate_idea(by=sec, idea=idea, status=IdeaStatus.PUBLISHED)
    idea = ideas.moderate_idea(by=sec, idea=idea, status=IdeaStatus.SHORTLISTED)
    hidden = ideas.submit_idea(by=waiting, call=published, title="QXHIDDEN idea", text="QXHIDDEN")
    objects["idea"] = {"published": idea, "hidden": hidden}
    for user in users.values():
        if getattr(user, "pk", None):
            ideas.support_idea(by=user, idea=idea)
    refused = ideas.submit_idea(
        by=waiting, call=published, title="QXHIDDEN refused idea", text="QXHIDDEN refused text"
    )
    ideas.refuse_idea(
        by=sec, idea=refused, reason="abusive", explanation="QXHIDDEN refusal explanation"
    )
    shown = ideas.post_comment(by=users["civil_society_member"], idea=idea, text="QXPUB comment")
    rude = ideas.post_comment(
        by=UserFactory(name="Quinn Commenter"), idea=idea, text="QXHIDDEN words"
    )
    rude = ideas.hide_comment(by=sec, comment=rude, reason="Off topic")
    objects["idea_comment"] = {"published": shown, "hidden": rude}


# The other harnesses (CSRF, safe methods, query injection): one object of each kind.
SAMPLES = {
    "ideas:call-detail": {"pk": "ideas_call"},
    "ideas:call-edit": {"pk": "ideas_draft_call"},
    "ideas:call-publish": {"pk": "ideas_draft_call"},
    "ideas:idea-submit": {"pk": "ideas_call"},
    "ideas:call-moderation": {"pk": "ideas_call"},
    "ideas:call-ranking": {"pk": "ideas_call"},
    "ideas:call-report": {"pk": "ideas_call"},
    "ideas:call-report-csv": {"pk": "ideas_call"},
    "ideas:call-report-pdf": {"pk": "ideas_call"},
    "ideas:template-create": {"pk": "ideas_call"},
    "ideas:call-answer-many": {"pk": "ideas_call"},
    "ideas:idea-detail": {"pk": "idea"},
    "ideas:idea-support": {"pk": "idea"},
    "ideas:idea-support-withdraw": {"pk": "idea"},
    "ideas:idea-refuse": {"pk": "idea"},
    "ideas:idea-comment": {"pk": "idea"},
    "ideas:idea-moderate": {"pk": "idea"},
    "ideas:idea-answer": {"pk": "idea"},
    "ideas:idea-score": {"pk": "idea"},
    "ideas:comment-report": {"pk": "idea_comment"},
    "ideas:comment-hide": {"pk": "idea_comment"},
}
API_ARGUMENTS = {"call_id": "ideas_call", "idea_id": "idea"}


def sample_world(world: Any) -> None:
    from opengov.action_plans.tests.factories import ActionPlanFactory
    from opengov.ideas.tests.factories import CallFactory, CommentFactory, IdeaFactory

    plan = ActionPlanFactory(status="drafting")
    world.ideas_call = CallFactory(plan=plan)
    world.ideas_draft_call = CallFactory(plan=plan, published_at=None)
    world.idea = IdeaFactory(call=world.ideas_call, status=IdeaStatus.SHORTLISTED)
    world.idea_comment = CommentFactory(idea=world.idea)


def content_world(world: Any, payload: str, fit: Any) -> None:
    """Every text field of ideas holds the payload, written through the services."""
    admin = world.admin
    plan = plans.create_plan(
        by=admin, member=world.member, number=2, title=fit("ActionPlan.title"), status="drafting"
    )
    plan = plans.publish_plan(by=admin, plan=plan)
    area = world.commitment.policy_areas.first()
    today = timezone.localdate()
    call = ideas.create_call(
        by=admin, plan=plan, title=fit("CallForIdeas.title"), description=payload,
        opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=5),
        policy_areas=[area], criteria=[(fit("ScoringCriterion.name"), 5)],
    )  # fmt: skip
    call = ideas.publish_call(by=admin, call=call)
    idea = ideas.submit_idea(
        by=admin, call=call, title=fit("Idea.title"), text=payload, policy_area=area,
        organisation=None,
    )  # fmt: skip
    idea = ideas.moderate_idea(by=admin, idea=idea, status=IdeaStatus.PUBLISHED)
    other = ideas.submit_idea(
        by=admin, call=call, title=fit("Idea.title"), text=payload, policy_area=area
    )
    other = ideas.moderate_idea(by=admin, idea=other, status=IdeaStatus.PUBLISHED)
    comment = ideas.post_comment(by=admin, idea=idea, text=payload)
    ideas.post_comment(by=world.cso_member, idea=idea, text=payload, parent=comment)
    ideas.report_comment(by=world.cso_member, comment=comment, reason=payload)
    ideas.hide_comment(by=admin, comment=comment, reason=fit("Comment.hidden_reason"))
    template = ideas.add_response_template(
        by=admin, call=call, name=fit("ResponseTemplate.name"), decision="not_taken_forward",
        reason=payload,
    )  # fmt: skip
    ideas.answer_with_template(by=admin, template=template, ideas=[other], organisation=world.gov)
    # An idea still open, shortlisted, with a comment shown: the pages that act on one. The
    # first idea is merged into it (accepting would add a commitment to the OGP export, whose
    # rows the CSV-injection test counts).
    open_idea = ideas.submit_idea(
        by=admin, call=call, title=fit("Idea.title"), text=payload, policy_area=area
    )
    open_idea = ideas.moderate_idea(by=admin, idea=open_idea, status=IdeaStatus.SHORTLISTED)
    shown = ideas.post_comment(by=world.cso_member, idea=open_idea, text=payload)
    ideas.answer_idea(
        by=admin, idea=idea, decision="merged", reason=payload, organisation=world.gov,
        merged_into=open_idea,
    )  # fmt: skip
    # One idea awaiting moderation (the refusal page) and one refused with the payload as the
    # moderator's explanation (shown to its author and the moderators on its page).
    waiting_idea = ideas.submit_idea(
        by=world.cso_member, call=call, title=fit("Idea.title"), text=payload, policy_area=area
    )
    refused = ideas.submit_idea(
        by=world.cso_member, call=call, title=fit("Idea.title"), text=payload, policy_area=area
    )
    refused = ideas.refuse_idea(by=admin, idea=refused, reason="other", explanation=payload)
    world.objects.update(
        ideas_call=call, idea=idea, open_idea=open_idea, idea_comment=shown, hidden_comment=comment,
        waiting_idea=waiting_idea, refused_idea=refused,
    )  # fmt: skip


# The XSS and Unicode walks (site_walk.py): the objects each route shows, as the administrator.
WALK_ARGUMENTS: dict[str, Any] = {
    **{
        name: {"pk": "ideas_call"}
        for name in (
            "ideas:call-detail", "ideas:call-edit", "ideas:call-publish", "ideas:idea-submit",
            "ideas:call-moderation", "ideas:call-ranking", "ideas:call-report",
            "ideas:call-report-csv", "ideas:call-report-pdf", "ideas:template-create",
            "ideas:call-answer-many",
        )
    },
    "ideas:idea-detail": lambda w: [
        {"pk": w.idea.pk}, {"pk": w.open_idea.pk}, {"pk": w.refused_idea.pk}
    ],
    "ideas:idea-refuse": {"pk": "waiting_idea"},
    **{
        name: {"pk": "open_idea"}
        for name in (
            "ideas:idea-support", "ideas:idea-support-withdraw", "ideas:idea-comment",
            "ideas:idea-moderate", "ideas:idea-answer",
        )
    },
    # Scoring is the steering committee's (forum members, the secretariat): an administrator is
    # refused (403), so the walk, made as one, has no score page to read.
    "ideas:idea-score": lambda w: [],
    "ideas:comment-report": {"pk": "idea_comment"},
    "ideas:comment-hide": lambda w: [{"pk": w.idea_comment.pk}, {"pk": w.hidden_comment.pk}],
    "api:get_call": {"call_id": "ideas_call"},
    **{
        name: {"idea_id": "open_idea"}
        for name in (
            "api:get_idea", "api:list_idea_comments", "api:post_idea_comment",
            "api:get_idea_supports",
        )
    },
    # POST and DELETE only (site_walk.NOT_A_PAGE): walked to see that a GET changes nothing.
    "api:support_idea": {"idea_id": "open_idea"},
    "api:withdraw_idea_support": {"idea_id": "open_idea"},
}  # fmt: skip


def data_world(*, commitment: Any, organisation: Any, user: Any) -> None:
    """A published call with a published idea and a comment: a row of each dataset."""
    from opengov.ideas.tests.factories import CallFactory, CommentFactory, IdeaFactory

    idea = IdeaFactory(call=CallFactory(title="Ideas for the next plan"), title="Open registers")
    CommentFactory(idea=idea, author=user, author_name="Ana Example", text="Yes, and land.")
