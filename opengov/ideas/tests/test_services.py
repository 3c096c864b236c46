"""The services of ideas: every rule, every refusal (nothing written), the audit events and the
e-mails."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.utils import timezone

from opengov.accounts.tests.factories import UserFactory
from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import Commitment
from opengov.action_plans.tests.factories import ActionPlanFactory
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.ideas import services
from opengov.ideas.choices import Decision, IdeaStatus
from opengov.ideas.models import CallForIdeas, Comment, Idea, ReasonedResponse, Score, Support
from opengov.organisations.models import Person
from opengov.organisations.tests.factories import OrganisationFactory

from .factories import CallFactory, IdeaFactory, PolicyAreaFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("verb", flat=True))


# Calls ----------------------------------------------------------------------------------------


def test_create_call_is_a_draft_with_criteria_and_a_private_event(secretariat):
    plan = ActionPlanFactory(status=PlanStatus.DRAFTING)
    housing = PolicyAreaFactory(name="Housing")
    call = services.create_call(
        by=secretariat,
        plan=plan,
        title="  Ideas for NAP4 ",
        opens_on=TODAY,
        closes_on=TODAY + dt.timedelta(days=30),
        policy_areas=[housing],
        criteria=[("Public demand", 5), ("Value", 3)],
    )
    assert call.title == "Ideas for NAP4" and not call.is_published
    assert [(c.name, c.max_score) for c in call.criteria.all()] == [
        ("Public demand", 5),
        ("Value", 3),
    ]
    event = AuditEvent.objects.get(verb="ideas.callforideas.created")
    assert event.is_public is False
    assert CallForIdeas.objects.visible_to(UserFactory()).count() == 0
    assert CallForIdeas.objects.visible_to(secretariat).count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": " "}, "title"),
        ({"closes_on": TODAY - dt.timedelta(days=1)}, "closes_on"),
        ({"answer_within_days": 0}, "answer_within_days"),
        ({"criteria": [("Value", 5), ("value", 2)]}, "criteria"),
        ({"criteria": [("Value", 0)]}, "criteria"),
        ({"criteria": []}, "criteria"),
    ],
)
def test_create_call_refuses_bad_input_and_writes_nothing(secretariat, kwargs, field):
    plan = ActionPlanFactory(status=PlanStatus.DRAFTING)
    arguments = {"title": "Ideas", "opens_on": TODAY, "closes_on": TODAY, **kwargs}
    with pytest.raises(DomainError) as error:
        services.create_call(by=secretariat, plan=plan, **arguments)
    assert error.value.field == field
    assert not CallForIdeas.objects.exists() and not AuditEvent.objects.exists()


def test_a_call_feeds_only_a_plan_being_drafted(government_contact):
    plan = ActionPlanFactory(status=PlanStatus.IMPLEMENTING)
    with pytest.raises(DomainError) as error:
        services.create_call(
            by=government_contact, plan=plan, title="Ideas", opens_on=TODAY, closes_on=TODAY
        )
    assert error.value.field == "plan"


def test_participant_cannot_create_a_call(participant):
    with pytest.raises(PermissionDeniedError):
        services.create_call(
            by=participant,
            plan=ActionPlanFactory(status=PlanStatus.DRAFTING),
            title="Ideas",
            opens_on=TODAY,
            closes_on=TODAY,
        )


def test_update_call_refuses_a_stale_version_and_keeps_scores_by_criterion(secretariat):
    call = CallFactory(criteria=["Public demand", "Value"])
    kwargs = {"title": "Renamed", "opens_on": call.opens_on, "closes_on": call.closes_on}
    updated = services.update_call(
        by=secretariat,
        call=call,
        expected_version=call.version,
        criteria=[("Public demand", 5), ("Cost", 4)],
        **kwargs,
    )
    assert updated.title == "Renamed"
    assert [c.name for c in updated.criteria.all()] == ["Public demand", "Cost"]
    with pytest.raises(ConflictError):
        services.update_call(by=secretariat, call=call, expected_version=call.version, **kwargs)


def test_publish_call_makes_it_public_once(secretariat):
    call = CallFactory(published_at=None)
    services.publish_call(by=secretariat, call=call)
    assert CallForIdeas.objects.visible_to(UserFactory()).get() == call
    with pytest.raises(DomainError):
        services.publish_call(by=secretariat, call=call)


# Submitting and moderating ---------------------------------------------------------------------


def test_submit_idea_makes_the_person_record_and_waits_for_moderation(participant):
    participant.name = "Pat Example"
    participant.save()
    area = PolicyAreaFactory(name="Health")
    call = CallFactory(policy_areas=[area])
    idea = services.submit_idea(
        by=participant, call=call, title="Open NHS waiting times", text="Publish.",
        policy_area=area, goals=[3, 16],
    )  # fmt: skip
    assert idea.status == IdeaStatus.SUBMITTED
    assert idea.author_person == Person.objects.get(user=participant, name="Pat Example")
    assert idea.goals == [3, 16]
    assert not Idea.objects.visible_to(UserFactory()).exists()
    assert Idea.objects.visible_to(participant).get() == idea
    assert verbs() == ["organisations.person.created", "ideas.idea.submitted"]
    assert AuditEvent.objects.get(verb="ideas.idea.submitted").is_public is False


def test_submit_idea_twice_with_one_token_writes_once(participant):
    call, token = CallFactory(), uuid.uuid4()
    first = services.submit_idea(
        by=participant, call=call, title="T", text="X", submission_token=token
    )
    again = services.submit_idea(
        by=participant, call=call, title="T", text="X", submission_token=token
    )
    assert first.pk == again.pk and Idea.objects.count() == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"text": " "}, "text"),
        ({"goals": [18]}, "goals"),
        ({"policy_area": None}, "policy_area"),
    ],
)
def test_submit_idea_refuses_bad_input(participant, kwargs, field):
    area = PolicyAreaFactory(name="Prisons")
    call = CallFactory(policy_areas=[area])
    arguments = {"title": "T", "text": "X", "policy_area": area, **kwargs}
    with pytest.raises(DomainError) as error:
        services.submit_idea(by=participant, call=call, **arguments)
    assert error.value.field == field
    assert not Idea.objects.exists()


def test_submit_idea_refuses_an_area_the_call_does_not_offer(participant):
    call = CallFactory(policy_areas=[PolicyAreaFactory(name="Housing")])
    with pytest.raises(DomainError):
        services.submit_idea(
            by=participant, call=call, title="T", text="X",
            policy_area=PolicyAreaFactory(name="Education"),
        )  # fmt: skip


def test_submit_idea_on_behalf_of_an_organisation_needs_a_role_for_it(
    participant, civil_society_member, civil_society_organisation
):
    call = CallFactory()
    with pytest.raises(DomainError) as error:
        services.submit_idea(
            by=participant, call=call, title="T", text="X", organisation=civil_society_organisation
        )
    assert error.value.field == "organisation"
    idea = services.submit_idea(
        by=civil_society_member, call=call, title="T", text="X",
        organisation=civil_society_organisation,
    )  # fmt: skip
    assert idea.author_organisation == civil_society_organisation


@pytest.mark.parametrize(
    "call_kwargs",
    [
        {"published_at": None},
        {"closes_on": TODAY - dt.timedelta(days=1), "opens_on": TODAY - dt.timedelta(days=5)},
        {"opens_on": TODAY + dt.timedelta(days=1)},
    ],
)
def test_ideas_are_sent_only_while_a_published_call_is_open(participant, call_kwargs):
    call = CallFactory(**call_kwargs)
    with pytest.raises(PermissionDeniedError):
        services.submit_idea(by=participant, call=call, title="T", text="X")


def test_anonymous_cannot_submit(anonymous):
    with pytest.raises(PermissionDeniedError):
        services.submit_idea(by=anonymous, call=CallFactory(), title="T", text="X")


def test_moderate_idea_publishes_it_with_a_public_event(secretariat, participant):
    idea = services.submit_idea(by=participant, call=CallFactory(), title="T", text="X")
    services.moderate_idea(by=secretariat, idea=idea, status=IdeaStatus.PUBLISHED)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PUBLISHED and idea.published_at is not None
    event = AuditEvent.objects.get(verb="ideas.idea.published")
    assert event.is_public and event.changes["title"] == [None, "T"]
    assert Idea.objects.visible_to(UserFactory()).get() == idea


def test_participant_and_government_contact_cannot_moderate(participant, government_contact):
    idea = IdeaFactory(status=IdeaStatus.SUBMITTED)
    for user in (participant, government_contact):
        with pytest.raises(PermissionDeniedError):
            services.moderate_idea(by=user, idea=idea, status=IdeaStatus.PUBLISHED)


def test_moderation_cannot_close_an_idea(secretariat):
    idea = IdeaFactory()
    with pytest.raises(DomainError) as error:
        services.moderate_idea(by=secretariat, idea=idea, status=IdeaStatus.ACCEPTED)
    assert error.value.field == "status"


# Supports -------------------------------------------------------------------------------------


def test_support_idea_once_per_person(participant, civil_society_member):
    idea = IdeaFactory()
    _support, created = services.support_idea(by=participant, idea=idea)
    _again, created_again = services.support_idea(by=participant, idea=idea)
    services.support_idea(by=civil_society_member, idea=idea)
    idea.refresh_from_db()
    assert (created, created_again) == (True, False)
    assert idea.supports_count == 2 and idea.combined_supports_count == 2
    assert verbs().count("ideas.idea.supported") == 2


def test_supporting_needs_a_published_open_idea(participant, anonymous):
    with pytest.raises(PermissionDeniedError):
        services.support_idea(by=anonymous, idea=IdeaFactory())
    for status in (IdeaStatus.SUBMITTED, IdeaStatus.NOT_TAKEN_FORWARD):
        with pytest.raises(PermissionDeniedError):
            services.support_idea(by=participant, idea=IdeaFactory(status=status))
    assert not Support.objects.exists()


# Comments -------------------------------------------------------------------------------------


def test_comment_tells_the_idea_author_and_a_reply_the_comment_author(secretariat):
    author, commenter, replier = (UserFactory(name=n) for n in ("Ann", "Ben", "Cat"))
    idea = services.submit_idea(by=author, call=CallFactory(), title="Housing data", text="X")
    idea = services.moderate_idea(by=secretariat, idea=idea, status=IdeaStatus.PUBLISHED)
    comment = services.post_comment(by=commenter, idea=idea, text="Good idea")
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "Good idea" in mail.outbox[0].body and "Ben" in mail.outbox[0].body
    reply = services.post_comment(by=replier, idea=idea, text="Agreed", parent=comment)
    assert sorted(m.to[0] for m in mail.outbox[1:]) == sorted([commenter.email, author.email])
    deeper = services.post_comment(by=author, idea=idea, text="Thanks", parent=reply)
    assert deeper.parent == comment  # one level deep
    idea.refresh_from_db()
    assert idea.comments_count == 3
    assert "Good idea" not in str(AuditEvent.objects.filter(verb__startswith="ideas.comment"))


def test_comment_refuses_empty_text_and_a_parent_of_another_idea(participant):
    idea, other = IdeaFactory(), IdeaFactory()
    with pytest.raises(DomainError):
        services.post_comment(by=participant, idea=idea, text="  ")
    parent = services.post_comment(by=participant, idea=other, text="Hi")
    with pytest.raises(DomainError) as error:
        services.post_comment(by=participant, idea=idea, text="Hi", parent=parent)
    assert error.value.field == "parent"
    assert Comment.objects.count() == 1


def test_report_comment_once_and_hide_it_with_a_public_reason(participant, secretariat):
    comment = services.post_comment(by=UserFactory(), idea=IdeaFactory(), text="Rude")
    services.report_comment(by=participant, comment=comment, reason="Rude")
    services.report_comment(by=participant, comment=comment, reason="Rude again")
    comment.refresh_from_db()
    assert comment.reports_count == 1
    with pytest.raises(PermissionDeniedError):
        services.hide_comment(by=participant, comment=comment, reason="No")
    with pytest.raises(DomainError):
        services.hide_comment(by=secretariat, comment=comment, reason=" ")
    hidden = services.hide_comment(by=secretariat, comment=comment, reason="Personal attack")
    assert hidden.is_hidden and hidden.hidden_reason == "Personal attack"
    assert AuditEvent.objects.get(verb="ideas.comment.hidden").is_public


# Scores ---------------------------------------------------------------------------------------


def test_steering_committee_scores_shortlisted_ideas(forum_member, secretariat, administrator):
    idea = IdeaFactory(status=IdeaStatus.SHORTLISTED)
    demand, value = idea.call.criteria.all()
    services.score_idea(by=forum_member, idea=idea, scores={demand.pk: 4, value.pk: 2})
    services.score_idea(by=forum_member, idea=idea, scores={demand.pk: 5, value.pk: 2})
    services.score_idea(by=secretariat, idea=idea, scores={demand.pk: 3, value.pk: 3})
    assert sorted(Score.objects.values_list("value", flat=True)) == [2, 3, 3, 5]
    with pytest.raises(PermissionDeniedError):
        services.score_idea(by=administrator, idea=idea, scores={demand.pk: 1, value.pk: 1})
    with pytest.raises(DomainError):
        services.score_idea(by=forum_member, idea=idea, scores={demand.pk: 6, value.pk: 1})
    with pytest.raises(DomainError):
        services.score_idea(by=forum_member, idea=idea, scores={demand.pk: 1})


def test_only_shortlisted_ideas_are_scored(forum_member):
    idea = IdeaFactory(status=IdeaStatus.PUBLISHED)
    with pytest.raises(PermissionDeniedError):
        services.score_idea(by=forum_member, idea=idea, scores={})


# Answers --------------------------------------------------------------------------------------


def test_accepting_an_idea_makes_a_draft_commitment_linked_both_ways(government_contact):
    author = UserFactory(name="Ann")
    cabinet = OrganisationFactory(name="Cabinet Office")
    health = PolicyAreaFactory(name="Health")
    call = CallFactory(policy_areas=[health])
    idea = IdeaFactory(call=call, submitted_by=author, policy_area=health)
    response = services.answer_idea(
        by=government_contact, idea=idea, decision=Decision.ACCEPTED,
        reason="It fits the plan.", organisation=cabinet,
    )  # fmt: skip
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.ACCEPTED and response.idea == idea
    commitment = Commitment.objects.get(origin_idea=idea)
    assert commitment.plan == call.plan and commitment.title == idea.title
    assert list(commitment.lead_organisations.all()) == [cabinet]
    assert list(commitment.policy_areas.all()) == [health]
    assert verbs()[-2:] == ["action_plans.commitment.created", "ideas.idea.answered"]
    assert [m.to for m in mail.outbox] == [[author.email]]
    assert "It fits the plan." in mail.outbox[0].body


def test_an_idea_cannot_be_closed_without_a_reason_nor_twice(government_contact):
    idea = IdeaFactory()
    with pytest.raises(DomainError) as error:
        services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason=" ")
    assert error.value.field == "reason"
    assert not ReasonedResponse.objects.exists() and not Commitment.objects.exists()
    services.answer_idea(
        by=government_contact, idea=idea, decision="not_taken_forward", reason="Out of scope."
    )
    with pytest.raises(DomainError):
        services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason="Y")


def test_secretariat_and_participants_cannot_answer(secretariat, participant):
    idea = IdeaFactory()
    for user in (secretariat, participant):
        with pytest.raises(PermissionDeniedError):
            services.answer_idea(by=user, idea=idea, decision="accepted", reason="Y")


def test_a_merged_idea_points_to_the_absorbing_idea_whose_count_counts_each_person_once(
    government_contact, participant, civil_society_member
):
    absorbing = IdeaFactory()
    merged = IdeaFactory(call=absorbing.call, submitted_by=UserFactory())
    services.support_idea(by=participant, idea=absorbing)
    services.support_idea(by=participant, idea=merged)
    services.support_idea(by=civil_society_member, idea=merged)
    services.answer_idea(
        by=government_contact, idea=merged, decision=Decision.MERGED,
        reason="The same proposal.", merged_into=absorbing,
    )  # fmt: skip
    merged.refresh_from_db()
    absorbing.refresh_from_db()
    assert merged.merged_into == absorbing and merged.supports_count == 2
    assert absorbing.supports_count == 1 and absorbing.combined_supports_count == 2
    assert "merged into" in mail.outbox[-1].body


def test_merging_needs_another_idea_of_the_same_call(government_contact):
    idea = IdeaFactory()
    for target in (None, idea, IdeaFactory()):
        with pytest.raises(DomainError) as error:
            services.answer_idea(
                by=government_contact, idea=idea, decision="merged", reason="X", merged_into=target
            )
        assert error.value.field == "merged_into"


def test_a_template_answers_many_ideas_each_with_its_own_response_and_event(government_contact):
    call = CallFactory()
    ideas = [IdeaFactory(call=call) for _ in range(3)]
    template = services.add_response_template(
        by=government_contact, call=call, name="Out of scope",
        decision=Decision.NOT_TAKEN_FORWARD, reason="Not for a national plan.",
    )  # fmt: skip
    responses = services.answer_with_template(by=government_contact, template=template, ideas=ideas)
    assert len(responses) == 3 and {r.template for r in responses} == {template}
    assert AuditEvent.objects.filter(verb="ideas.idea.answered").count() == 3


def test_a_template_answer_that_fails_half_way_writes_nothing(government_contact):
    call = CallFactory()
    answered = IdeaFactory(call=call)
    services.answer_idea(by=government_contact, idea=answered, decision="accepted", reason="Yes")
    fresh = IdeaFactory(call=call)
    template = services.add_response_template(
        by=government_contact, call=call, name="No", decision="not_taken_forward", reason="No."
    )
    with pytest.raises(DomainError, match="already been answered"):
        services.answer_with_template(
            by=government_contact, template=template, ideas=[fresh, answered]
        )
    fresh.refresh_from_db()
    assert fresh.status == IdeaStatus.PUBLISHED and ReasonedResponse.objects.count() == 1


def test_a_template_cannot_merge(government_contact):
    with pytest.raises(DomainError) as error:
        services.add_response_template(
            by=government_contact, call=CallFactory(), name="M", decision="merged", reason="X"
        )
    assert error.value.field == "decision"
