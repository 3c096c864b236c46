"""Consultations over the API and in the open data: shapes, drafts and hidden comments kept
from those who may not see them, and query counts that do not grow with the rows."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.accounts.tokens import create_api_token
from opengov.api.datasets import DATASETS
from opengov.consultations import services
from opengov.consultations.tests.factories import (
    DOCUMENT,
    close,
    comment_on,
    make_consultation,
    paragraphs,
)
from opengov.core.actors import SYSTEM

pytestmark = pytest.mark.django_db
NAMES = [
    "consultations",
    "consultation-paragraphs",
    "consultation-comments",
    "consultation-answers",
]
SECRET = "Secret draft text"


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def content(response) -> str:
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def world(db, participant, secretariat, lead_organisation):
    consultation = make_consultation(owner=lead_organisation)
    rows = paragraphs(consultation)
    kept = comment_on(rows[1], participant, text="Name the ministers.")
    hidden = comment_on(rows[2], participant, text="Hidden words")
    services.hide_comment(by=secretariat, comment=hidden, reason="Abusive.")
    services.answer_comment(by=SYSTEM, comment=kept, text="We will.")
    services.answer_paragraph(by=SYSTEM, paragraph=rows[3], text="Lists stay.")
    services.publish_version(
        by=SYSTEM, consultation=consultation, text=DOCUMENT + "\n\nNew end.", change_note="End."
    )
    draft = make_consultation(published=False, text=SECRET, title=SECRET)
    return {"consultation": consultation, "kept": kept, "hidden": hidden, "draft": draft}


def test_list_and_detail_shape(client, world):
    consultation = world["consultation"]
    body = client.get("/api/v1/consultations").json()
    assert [item["id"] for item in body["items"]] == [consultation.pk]
    item = body["items"][0]
    assert item["status"] == {"key": "open", "label": "Open for comments"}
    assert item["comment_count"] == 1 and item["answer_count"] == 2 and item["current_version"] == 2
    assert item["owner_organisation"]["slug"] == "cabinet-office"
    detail = client.get(f"/api/v1/consultations/{consultation.pk}").json()
    assert [v["number"] for v in detail["versions"]] == [1, 2]
    assert detail["paragraphs"][-1]["text"] == "New end."
    counts = [(p["position"], p["comment_count"], p["answer_count"]) for p in detail["paragraphs"]]
    assert counts[1] == (2, 1, 1) and counts[2] == (3, 0, 0) and counts[3] == (4, 0, 1)


def test_comments_list_leaves_out_hidden_comments_but_moderators_see_them(
    client, world, secretariat
):
    url = f"/api/v1/consultations/{world['consultation'].pk}/comments"
    items = client.get(url).json()["items"]
    assert [c["text"] for c in items] == ["Name the ministers."]
    assert items[0]["answer"]["text"] == "We will." and items[0]["version"] == 1
    assert "@example.org" not in json.dumps(items)
    moderated = client.get(url, **bearer(secretariat)).json()["items"]
    assert len(moderated) == 2


def test_answers_list(client, world):
    url = f"/api/v1/consultations/{world['consultation'].pk}/answers"
    assert [a["text"] for a in client.get(url).json()["items"]] == ["We will.", "Lists stay."]


@pytest.mark.parametrize("who", ["anonymous", "participant", "lead"])
def test_a_draft_is_not_found(client, world, who, user_for_role):
    headers = {} if who == "anonymous" else bearer(user_for_role(who))
    draft = world["draft"]
    assert client.get(f"/api/v1/consultations/{draft.pk}", **headers).status_code == 404
    assert client.get(f"/api/v1/consultations/{draft.pk}/comments", **headers).status_code == 404
    assert SECRET not in client.get("/api/v1/consultations", **headers).content.decode()


def test_plan_managers_see_drafts(client, world, government_contact):
    draft = world["draft"]
    response = client.get(f"/api/v1/consultations/{draft.pk}", **bearer(government_contact))
    assert response.status_code == 200 and response.json()["status"]["key"] == "draft"


def test_status_filter(client, world):
    close(world["consultation"])
    assert client.get("/api/v1/consultations?status=open").json()["items"] == []
    assert len(client.get("/api/v1/consultations?status=closed").json()["items"]) == 1


def test_openapi_lists_the_paths(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/consultations",
        "/api/v1/consultations/{consultation_id}",
        "/api/v1/consultations/{consultation_id}/comments",
        "/api/v1/consultations/{consultation_id}/answers",
    ]:
        assert path in paths


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            content(response)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_api_lists_cost_the_same_with_10_or_100_rows(client, db, participant):
    consultation = make_consultation()
    rows = paragraphs(consultation)

    def grow(n: int) -> None:
        for i in range(n):
            comment = comment_on(rows[i % len(rows)], participant, text=f"C{i}")
            if i % 2:
                services.answer_comment(by=SYSTEM, comment=comment, text="A")
            make_consultation(text="One.")

    urls = [
        "/api/v1/consultations?limit=200",
        f"/api/v1/consultations/{consultation.pk}",
        f"/api/v1/consultations/{consultation.pk}/comments?limit=200",
        f"/api/v1/consultations/{consultation.pk}/answers?limit=200",
    ]
    grow(10)
    small = [_count(client, url) for url in urls]
    grow(90)
    assert [_count(client, url) for url in urls] == small


@pytest.mark.parametrize("name", NAMES)
def test_datasets_have_their_columns_and_no_secrets(client, world, name):
    columns = [column.name for column in DATASETS[name].columns]
    rows = list(csv.reader(io.StringIO(content(client.get(f"/data/{name}.csv")))))
    assert rows[0] == columns and len(rows) > 1
    items = json.loads(content(client.get(f"/data/{name}.json")))
    assert items and all(list(item) == columns for item in items)
    for text in (content(client.get(f"/data/{name}.csv")), json.dumps(items)):
        assert SECRET not in text and "Hidden words" not in text and "@example.org" not in text


@pytest.mark.parametrize("name", NAMES)
def test_dataset_downloads_cost_the_same_with_more_rows(client, db, participant, name):
    def grow(n: int) -> int:
        for _ in range(n):
            consultation = make_consultation(text="One.\n\nTwo.")
            comment = comment_on(paragraphs(consultation)[0], participant)
            services.answer_comment(by=SYSTEM, comment=comment, text="A")
        return _count(client, f"/data/{name}.csv")

    assert grow(3) == grow(30)


def test_comment_through_the_api_with_a_write_token(client, world, participant):
    consultation = world["consultation"]
    url = f"/api/v1/consultations/{consultation.pk}/comments"
    body = {"paragraph": 2, "text": "Through the API."}
    assert client.post(url, body, content_type="application/json").status_code == 401
    headers = {
        **bearer(participant),
        "HTTP_IDEMPOTENCY_KEY": "0b0e7b8e-3a4f-4c55-9d2f-111111111111",
    }
    first = client.post(url, body, content_type="application/json", **headers)
    assert first.status_code == 201
    assert first.json()["text"] == "Through the API." and first.json()["version"] == 2
    again = client.post(url, body, content_type="application/json", **headers)
    assert again.json()["id"] == first.json()["id"]
    missing = client.post(
        url, {"paragraph": 99, "text": "x"}, content_type="application/json", **bearer(participant)
    )
    assert missing.status_code == 400


def test_no_comment_through_the_api_after_the_deadline(client, world, participant):
    consultation = close(world["consultation"])
    url = f"/api/v1/consultations/{consultation.pk}/comments"
    response = client.post(
        url,
        {"paragraph": 1, "text": "Late"},
        content_type="application/json",
        **bearer(participant),
    )
    assert response.status_code == 403
