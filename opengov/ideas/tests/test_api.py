"""Ideas over the API and in the open data: what each reader sees, the writes with a token, the
query counts at 10 and 100 rows, and the streamed datasets."""

from __future__ import annotations

import json

import pytest

from opengov.accounts.tests.factories import UserFactory
from opengov.accounts.tokens import create_api_token
from opengov.action_plans.tests.factories import CommitmentFactory
from opengov.api.data import csv_lines
from opengov.api.datasets import DATASETS
from opengov.ideas import services
from opengov.ideas.choices import IdeaStatus
from opengov.ideas.models import Comment

from .factories import CallFactory, CommentFactory, IdeaFactory, PolicyAreaFactory

pytestmark = pytest.mark.django_db


def auth(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_calls_list_hides_drafts_and_a_call_has_its_answer_rate(client, government_contact):
    call = CallFactory(title="Ideas for NAP4")
    CallFactory(title="Draft", published_at=None)
    idea = IdeaFactory(call=call)
    IdeaFactory(call=call)
    services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason="Yes")
    listed = client.get("/api/v1/calls").json()["items"]
    assert [c["title"] for c in listed] == ["Ideas for NAP4"]
    detail = client.get(f"/api/v1/calls/{call.pk}").json()
    assert detail["answer_rate"] == {
        "ideas": 2,
        "answered": 1,
        "percent_answered": 50,
        "median_days_to_answer": 0,
        "waiting_past_deadline": 0,
        "not_published_at_moderation": 0,
        "not_published_reasons": [],
    }


def test_an_idea_has_its_response_counts_and_commitment(client, government_contact):
    area = PolicyAreaFactory(name="Health")
    idea = IdeaFactory(policy_area=area, goals=[3])
    services.support_idea(by=UserFactory(), idea=idea)
    services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason="Yes")
    body = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert body["status"] == {"key": "accepted", "label": "Accepted"}
    assert body["supports"] == 1 and body["goals"] == [3]
    assert body["response"]["reason"] == "Yes"
    assert body["commitment"]["id"] == idea.call.plan.commitments.get().pk
    assert "email" not in json.dumps(body)


def test_ideas_awaiting_moderation_are_not_listed(client, secretariat):
    IdeaFactory(status=IdeaStatus.SUBMITTED, title="Waiting")
    IdeaFactory(title="Published")
    assert [i["title"] for i in client.get("/api/v1/ideas").json()["items"]] == ["Published"]
    listed = client.get("/api/v1/ideas", **auth(secretariat)).json()["items"]
    assert len(listed) == 2


def test_hidden_comments_are_listed_without_their_text(client, secretariat):
    idea = IdeaFactory()
    comment = services.post_comment(by=UserFactory(), idea=idea, text="Rude words")
    services.hide_comment(by=secretariat, comment=comment, reason="Rude")
    items = client.get(f"/api/v1/ideas/{idea.pk}/comments").json()["items"]
    assert items[0]["text"] == "" and items[0]["hidden_reason"] == "Rude"


@pytest.mark.parametrize("rows", [10, 100])
def test_api_lists_run_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    call = CallFactory()
    for _ in range(rows):
        CallFactory()
        IdeaFactory(call=call, policy_area=PolicyAreaFactory(), commitment=CommitmentFactory())
    with django_assert_num_queries(3):
        assert client.get("/api/v1/calls").status_code == 200
    with django_assert_num_queries(2):
        assert client.get("/api/v1/ideas").status_code == 200
    idea = IdeaFactory(call=call)
    for _ in range(rows):
        CommentFactory(idea=idea)
    with django_assert_num_queries(3):
        assert client.get(f"/api/v1/ideas/{idea.pk}/comments").status_code == 200


def test_supports_are_counts_and_comments_are_posted_with_a_token(client, participant):
    idea = IdeaFactory()
    services.support_idea(by=participant, idea=idea)
    assert client.get(f"/api/v1/ideas/{idea.pk}/supports").json() == {
        "idea_id": idea.pk,
        "supports": 1,
        "combined_supports": 1,
        "supported_by_you": False,
    }
    headers = auth(participant)
    mine = client.get(f"/api/v1/ideas/{idea.pk}/supports", **headers).json()
    assert mine["supported_by_you"] is True
    url = f"/api/v1/ideas/{idea.pk}/comments"
    assert client.post(url, {"text": "Hi"}, content_type="application/json").status_code == 401
    key = "6f1b5a8e-8f0a-4a55-9d9c-2a0b8a6b1e11"
    for _ in range(2):
        response = client.post(
            url,
            {"text": "Agreed"},
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=key,
            **headers,
        )
        assert response.status_code == 201 and response.json()["text"] == "Agreed"
    assert Comment.objects.count() == 1
    bad = client.post(
        url, {"text": "Reply", "parent_id": 999}, content_type="application/json", **headers
    )
    assert bad.status_code == 400 and Comment.objects.count() == 1


def test_commenting_on_an_idea_awaiting_moderation_is_refused(client, participant):
    idea = IdeaFactory(status=IdeaStatus.SUBMITTED)
    response = client.post(
        f"/api/v1/ideas/{idea.pk}/comments",
        {"text": "Hi"},
        content_type="application/json",
        **auth(participant),
    )
    assert response.status_code == 404


def test_datasets_hold_public_ideas_and_visible_comments_only(secretariat, government_contact):
    call = CallFactory(title="Ideas")
    CallFactory(title="Draft call", published_at=None)
    idea = IdeaFactory(call=call, title="Open data")
    IdeaFactory(call=call, title="Waiting", status=IdeaStatus.SUBMITTED)
    shown = services.post_comment(by=UserFactory(name="Ann"), idea=idea, text="Shown")
    hidden = services.post_comment(by=UserFactory(), idea=idea, text="Gone")
    services.hide_comment(by=secretariat, comment=hidden, reason="Rude")
    services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason="Fits")
    calls = list(DATASETS["calls-for-ideas"].rows())
    assert [c["title"] for c in calls] == ["Ideas"]
    ideas = list(DATASETS["ideas"].rows())
    assert [i["title"] for i in ideas] == ["Open data"]
    assert ideas[0]["decision"] == "accepted" and ideas[0]["reason"] == "Fits"
    assert ideas[0]["commitment_id"] == call.plan.commitments.get().pk
    comments = list(DATASETS["idea-comments"].rows())
    assert [(c["id"], c["author"], c["text"]) for c in comments] == [(shown.pk, "Ann", "Shown")]
    assert "Gone" not in "".join(csv_lines(DATASETS["idea-comments"]))
