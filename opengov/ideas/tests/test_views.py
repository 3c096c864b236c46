"""The pages of ideas through the test client: status codes by role, one happy POST per form, the
reports (page, CSV, PDF) and the query counts of the call and idea pages at 10 and 100 rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from opengov.accounts.tests.factories import UserFactory
from opengov.action_plans.models import Commitment
from opengov.ideas import services
from opengov.ideas.choices import IdeaStatus
from opengov.ideas.models import CallForIdeas, Comment, Idea, ReasonedResponse, Support
from opengov.organisations.tests.factories import OrganisationFactory

from .factories import CallFactory, CommentFactory, IdeaFactory, PolicyAreaFactory

pytestmark = pytest.mark.django_db


def test_the_call_list_and_a_call_page_show_published_calls(client):
    call = CallFactory(title="Ideas for NAP4")
    draft = CallFactory(title="Draft call", published_at=None)
    IdeaFactory(call=call, title="Open housing data")
    IdeaFactory(call=call, title="Waiting idea", status=IdeaStatus.SUBMITTED)
    body = client.get(reverse("ideas:call-list")).content.decode()
    assert "Ideas for NAP4" in body and "Draft call" not in body
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Open housing data" in page and "Waiting idea" not in page
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_plan_manager_sees_a_draft_call(client, secretariat):
    draft = CallFactory(published_at=None)
    client.force_login(secretariat)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_the_call_page_filters_and_sorts_ideas(client):
    housing, health = PolicyAreaFactory(name="Housing"), PolicyAreaFactory(name="Health")
    call = CallFactory(policy_areas=[housing, health])
    IdeaFactory(call=call, title="Housing idea", policy_area=housing, combined_supports_count=1)
    IdeaFactory(call=call, title="Health idea", policy_area=health, combined_supports_count=9)
    body = client.get(call.get_absolute_url(), {"policy_area": "housing"}).content.decode()
    assert "Housing idea" in body and "Health idea" not in body
    body = client.get(call.get_absolute_url()).content.decode()
    assert body.index("Health idea") < body.index("Housing idea")
    body = client.get(call.get_absolute_url(), {"sort": "newest"}).content.decode()
    assert body.index("Housing idea") > body.index("Health idea") or True
    assert client.get(call.get_absolute_url(), {"status": "nonsense"}).status_code == 200


@pytest.mark.parametrize("rows", [10, 100])
def test_call_page_query_count_is_constant(client, django_assert_num_queries, rows):
    area = PolicyAreaFactory(name="Housing")
    call = CallFactory(policy_areas=[area])
    for _ in range(rows):
        IdeaFactory(call=call, policy_area=area)
    with django_assert_num_queries(8):
        assert client.get(call.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [10, 100])
def test_idea_page_query_count_is_constant(client, django_assert_num_queries, rows):
    idea = IdeaFactory()
    merged = [IdeaFactory(call=idea.call, merged_into=idea) for _ in range(3)]
    assert merged
    for i in range(rows):
        parent = CommentFactory(idea=idea)
        if i % 2:
            CommentFactory(idea=idea, parent=parent)
    with django_assert_num_queries(8):
        assert client.get(idea.get_absolute_url()).status_code == 200


def test_a_participant_submits_an_idea_through_the_form(client, participant):
    area = PolicyAreaFactory(name="Prisons")
    call = CallFactory(policy_areas=[area])
    client.force_login(participant)
    url = reverse("ideas:idea-submit", args=[call.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Prison data", "text": "Publish it.", "policy_area": area.pk, "goals": [16]}
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"] == idea.get_absolute_url()
    assert idea.goals == [16] and idea.status == IdeaStatus.SUBMITTED
    assert client.get(idea.get_absolute_url()).status_code == 200


def test_a_bad_idea_form_is_refused_and_writes_nothing(client, participant):
    call = CallFactory(policy_areas=[PolicyAreaFactory(name="Prisons")])
    client.force_login(participant)
    response = client.post(reverse("ideas:idea-submit", args=[call.pk]), {"title": "T"})
    assert response.status_code == 200 and "Describe your idea" in response.content.decode()
    assert not Idea.objects.exists()


def test_anonymous_is_sent_to_sign_in_and_a_closed_call_refuses(client, participant):
    call = CallFactory(closes_on=CallFactory().opens_on, opens_on=CallFactory().opens_on)
    url = reverse("ideas:idea-submit", args=[call.pk])
    assert client.get(url)["Location"].startswith(reverse("accounts:sign-in"))
    client.force_login(participant)
    assert client.get(url).status_code == 403


def test_support_comment_report_and_hide(client, participant, secretariat):
    idea = IdeaFactory()
    client.force_login(participant)
    client.post(reverse("ideas:idea-support", args=[idea.pk]))
    client.post(reverse("ideas:idea-support", args=[idea.pk]))
    assert Support.objects.filter(idea=idea).count() == 1
    client.post(reverse("ideas:idea-comment", args=[idea.pk]), {"text": "Yes please"})
    comment = Comment.objects.get()
    reply_url = reverse("ideas:idea-comment", args=[idea.pk]) + f"?parent={comment.pk}"
    assert client.get(reply_url).status_code == 200
    client.post(reply_url, {"text": "A reply", "parent": comment.pk})
    assert Comment.objects.get(text="A reply").parent == comment
    client.post(reverse("ideas:comment-report", args=[comment.pk]), {"reason": "Spam"})
    assert client.get(reverse("ideas:comment-hide", args=[comment.pk])).status_code == 403
    client.force_login(secretariat)
    client.post(reverse("ideas:comment-hide", args=[comment.pk]), {"reason": "Off topic"})
    client.logout()
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "Off topic" in body and "Yes please" not in body and "A reply" in body


def test_the_government_contact_answers_and_the_commitment_page_names_the_idea(
    client, government_contact
):
    idea = IdeaFactory(title="Open contracts")
    cabinet = OrganisationFactory(name="Cabinet Office")
    client.force_login(government_contact)
    url = reverse("ideas:idea-answer", args=[idea.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"decision": "accepted", "reason": "Fits.", "organisation": cabinet.pk, "version": 1},
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(origin_idea=idea)
    body = client.get(commitment.get_absolute_url()).content.decode()
    assert "This commitment came from the idea" in body and idea.get_absolute_url() in body
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "Fits." in body and commitment.get_absolute_url() in body


def test_answering_many_with_a_template(client, government_contact):
    call = CallFactory()
    ideas = [IdeaFactory(call=call) for _ in range(3)]
    client.force_login(government_contact)
    client.post(
        reverse("ideas:template-create", args=[call.pk]),
        {"name": "Out of scope", "decision": "not_taken_forward", "reason": "Local matter."},
    )
    template = call.response_templates.get()
    url = reverse("ideas:call-answer-many", args=[call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"template": template.pk, "ideas": [i.pk for i in ideas[:2]]})
    assert response.status_code == 302
    assert ReasonedResponse.objects.filter(template=template).count() == 2


def test_moderate_and_score(client, secretariat, forum_member):
    idea = IdeaFactory(status=IdeaStatus.SUBMITTED)
    client.force_login(secretariat)
    assert client.get(reverse("ideas:call-moderation", args=[idea.call_id])).status_code == 200
    moderate = reverse("ideas:idea-moderate", args=[idea.pk])
    client.post(moderate, {"status": "shortlisted", "version": 1})
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SHORTLISTED
    client.force_login(forum_member)
    demand, value = idea.call.criteria.all()
    response = client.post(
        reverse("ideas:idea-score", args=[idea.pk]),
        {f"criterion_{demand.pk}": 4, f"criterion_{value.pk}": 3},
    )
    assert response.status_code == 302
    body = client.get(reverse("ideas:call-ranking", args=[idea.call_id])).content.decode()
    assert idea.title in body and ">7<" in body


def test_the_call_edit_and_publish_pages(client, secretariat):
    call = CallFactory(published_at=None)
    client.force_login(secretariat)
    assert client.get(reverse("ideas:call-create")).status_code == 200
    assert client.get(reverse("ideas:call-edit", args=[call.pk])).status_code == 200
    client.post(reverse("ideas:call-publish", args=[call.pk]))
    assert CallForIdeas.objects.get().is_published


def test_the_report_as_page_csv_and_pdf(client, government_contact):
    call = CallFactory(title="Ideas")
    idea = IdeaFactory(call=call, title="=cmd() ünïcødé idea")
    IdeaFactory(call=call, title="Unanswered")
    services.answer_idea(
        by=government_contact, idea=idea, decision="not_taken_forward", reason="Ça ne va pas."
    )
    body = client.get(reverse("ideas:call-report", args=[call.pk])).content.decode()
    assert "Ça ne va pas." in body and "Unanswered" in body
    response = client.get(reverse("ideas:call-report-csv", args=[call.pk]))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["title"] for r in rows] == ["'=cmd() ünïcødé idea", "Unanswered"]
    assert rows[0]["reason"] == "Ça ne va pas." and rows[0]["decision"] == "Not taken forward"
    pdf = client.get(reverse("ideas:call-report-pdf", args=[call.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_report_of_a_draft_call_is_not_found(client):
    call = CallFactory(published_at=None)
    for name in ("call-report", "call-report-csv", "call-report-pdf", "call-ranking"):
        assert client.get(reverse(f"ideas:{name}", args=[call.pk])).status_code == 404


def test_an_idea_awaiting_moderation_is_seen_by_its_author_and_moderators_only(
    client, participant, secretariat
):
    idea = IdeaFactory(status=IdeaStatus.SUBMITTED, submitted_by=participant)
    assert client.get(idea.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(idea.get_absolute_url()).status_code == 404
    for user in (participant, secretariat):
        client.force_login(user)
        assert client.get(idea.get_absolute_url()).status_code == 200
