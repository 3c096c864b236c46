"""Feedback over the API: published feedback with its answer, public fields only (never the
contact address), hidden feedback as its reason only, feedback awaiting moderation to those who
handle it, cursor pagination and constant queries."""

from __future__ import annotations

import pytest

from opengov.accounts.tokens import create_api_token
from opengov.feedback.tests.factories import AnswerFactory, FeedbackFactory

pytestmark = pytest.mark.django_db
ADDRESS = "private.sender@example.net"


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def world(db, commitment):
    answered = AnswerFactory(
        feedback__subject="commitment",
        feedback__commitment=commitment,
        feedback__contact_email="",
        text="Within a week.",
    ).feedback
    open_ = FeedbackFactory(contact_email=ADDRESS, name="")
    pending = FeedbackFactory(moderation="pending", text="Pending words", contact_email=ADDRESS)
    hidden = FeedbackFactory(moderation="hidden", text="Hidden words", hidden_reason="Spam")
    return {"answered": answered, "open": open_, "pending": pending, "hidden": hidden}


def test_list_gives_published_feedback_with_answers(client, world):
    body = client.get("/api/v1/feedback").json()
    ids = [item["id"] for item in body["items"]]
    assert set(ids) == {world["answered"].pk, world["open"].pk}
    item = next(i for i in body["items"] if i["id"] == world["answered"].pk)
    assert item["answer"]["text"] == "Within a week."
    assert item["answer"]["organisation"]["name"]
    assert item["subject"] == {"key": "commitment", "label": "A commitment"}
    assert item["commitment"]["id"] == world["answered"].commitment_id
    assert item["url"] == world["answered"].get_absolute_url()
    anonymous = next(i for i in body["items"] if i["id"] == world["open"].pk)
    assert anonymous["name"] is None and anonymous["answer"] is None


def test_no_response_holds_a_contact_address(client, world, secretariat):
    paths = ["/api/v1/feedback", *(f"/api/v1/feedback/{f.pk}" for f in world.values())]
    for path in paths:
        text = client.get(path, headers=bearer(secretariat)).content.decode()
        assert ADDRESS not in text and "contact" not in text and "@" not in text


def test_hidden_feedback_gives_its_reason_only(client, world, secretariat):
    body = client.get(f"/api/v1/feedback/{world['hidden'].pk}").json()
    assert body["hidden"]["reason"] == "Spam"
    assert body["text"] is None and body["name"] is None
    moderator = client.get(f"/api/v1/feedback/{world['hidden'].pk}", headers=bearer(secretariat))
    assert moderator.json()["text"] == "Hidden words"


@pytest.mark.parametrize(("role", "status"), [("participant", 404), ("government_contact", 200)])
def test_pending_feedback_is_found_by_those_who_handle_it(
    client, world, user_for_role, role, status
):
    path = f"/api/v1/feedback/{world['pending'].pk}"
    assert client.get(path).status_code == 404
    assert client.get(path, headers=bearer(user_for_role(role))).status_code == status


def test_filters(client, world):
    def ids(**params):
        return {i["id"] for i in client.get("/api/v1/feedback", params).json()["items"]}

    assert ids(subject="commitment") == {world["answered"].pk}
    assert ids(status="received") == {world["open"].pk}
    assert ids(commitment=world["answered"].commitment_id) == {world["answered"].pk}
    assert client.get("/api/v1/feedback", {"subject": "weather"}).status_code == 422


def test_cursor_pagination_walks_every_item_once(client, db):
    FeedbackFactory.create_batch(5)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/feedback", params).json()
        seen += [i["id"] for i in body["items"]]
        if not (cursor := body["next"]):
            break
    assert len(seen) == len(set(seen)) == 5


def test_openapi_lists_the_feedback_paths(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/feedback" in paths and "/api/v1/feedback/{feedback_id}" in paths


def test_a_bad_token_is_refused(client, db):
    assert (
        client.get("/api/v1/feedback", headers={"Authorization": "Bearer nope"}).status_code == 401
    )


@pytest.mark.parametrize("count", [10, 100])
def test_list_runs_the_same_queries_however_many_rows(
    client, commitment, django_assert_num_queries, count
):
    for n in range(count):
        if n % 2:
            AnswerFactory(feedback__subject="commitment", feedback__commitment=commitment)
        else:
            FeedbackFactory()
    with django_assert_num_queries(1):
        assert client.get("/api/v1/feedback", {"limit": 200}).status_code == 200
