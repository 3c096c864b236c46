"""The open dataset of feedback: published feedback and answers, streamed as CSV and JSON with
the dictionary's columns; never a contact address, nothing awaiting moderation or hidden."""

from __future__ import annotations

import csv
import io
import json

import pytest

from opengov.api.datasets import DATASETS
from opengov.feedback.tests.factories import AnswerFactory, FeedbackFactory

pytestmark = pytest.mark.django_db
ADDRESS = "private.sender@example.net"


@pytest.fixture
def world(db):
    answer = AnswerFactory(feedback__text="Answered words", feedback__contact_email="")
    FeedbackFactory(text="Open words", contact_email=ADDRESS)
    FeedbackFactory(text="Pending words", moderation="pending", contact_email=ADDRESS)
    FeedbackFactory(text="Hidden words", moderation="hidden", hidden_reason="Spam")
    return answer


def content(response) -> str:
    assert response.status_code == 200 and response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def test_json_has_the_dictionary_columns_and_the_answer(client, world):
    rows = json.loads(content(client.get("/data/feedback.json")))
    columns = [column.name for column in DATASETS["feedback"].columns]
    assert [list(row) for row in rows] == [columns, columns]
    answered = next(row for row in rows if row["text"] == "Answered words")
    assert answered["answer"] == world.text
    assert answered["answered_for"] == world.organisation.name
    assert answered["status"] == "answered"


@pytest.mark.parametrize("extension", ["csv", "json"])
def test_no_address_nothing_pending_or_hidden(client, world, extension):
    text = content(client.get(f"/data/feedback.{extension}"))
    assert "Open words" in text
    assert ADDRESS not in text and "@" not in text
    assert "Pending words" not in text and "Hidden words" not in text


def test_csv_defuses_formulas(client, db):
    FeedbackFactory(text='=HYPERLINK("http://evil.example")')
    rows = list(csv.reader(io.StringIO(content(client.get("/data/feedback.csv")))))
    text_column = rows[0].index("text")
    assert not rows[1][text_column].startswith("=")
