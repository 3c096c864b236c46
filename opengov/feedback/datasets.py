"""The open dataset of feedback: published feedback and its answers. Never the sender's contact
address or account; feedback awaiting moderation and hidden feedback are left out. Merged into
the registry by `opengov.api.datasets`."""

from __future__ import annotations

from typing import Any

from opengov.api.dataset_types import (
    DATETIME,
    HISTORY,
    INTEGER,
    PAGE,
    TEXT,
    Column,
    Dataset,
    col,
    label,
)

from .models import Feedback


def _answer(attribute: str) -> Any:
    def get(feedback: Feedback) -> Any:
        answer = getattr(feedback, "answer", None) if feedback.is_answered else None
        if answer is None:
            return None
        value = answer
        for part in attribute.split("."):
            value = getattr(value, part)
        return value

    return get


FEEDBACK_DATASETS: dict[str, Dataset] = {
    "feedback": Dataset(
        "Feedback",
        "Published feedback on the process, a commitment or the site, with its public answer. "
        "No contact details.",
        lambda: Feedback.objects.published().for_list().order_by("submitted_at", "pk"),
        [
            col("id", INTEGER, "The feedback's identifier."),
            col("subject", TEXT, "process, commitment or site."),
            label("subject_label", "What it is about"),
            col("commitment_id", INTEGER, "The commitment it is about (commitments.id), if any."),
            col("commitment", TEXT, "That commitment's number.", "commitment.number"),
            col("text", TEXT, "What the sender wrote."),
            Column(
                "name",
                TEXT,
                "The name the sender gave to be shown; empty: anonymous.",
                lambda f: f.name,
            ),
            col("submitted_at", DATETIME, "When it was sent."),
            col("published_at", DATETIME, "When a moderator published it."),
            col("status", TEXT, "received or answered."),
            label("status_label", "Its status"),
            Column("answer", TEXT, "The answer, once given.", _answer("text")),
            Column(
                "answered_for",
                TEXT,
                "The organisation that answered (its name).",
                _answer("organisation.name"),
            ),
            Column(
                "answered_for_slug", TEXT, "That organisation's slug.", _answer("organisation.slug")
            ),
            Column(
                "answered_by",
                TEXT,
                "Who answered (their public name).",
                _answer("answered_by_label"),
            ),
            Column("answered_at", DATETIME, "When it was answered.", _answer("answered_at")),
            PAGE,
            HISTORY,
        ],
    ),
}
