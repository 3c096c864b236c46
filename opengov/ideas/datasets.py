"""The open datasets of ideas: published calls, their published ideas with outcome, reason and
the commitment each became, and the comments that are not hidden. Names only, never an e-mail
address; supports only as counts. Merged into the registry by `opengov.api.datasets`."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from opengov.action_plans.models import Commitment
from opengov.api.dataset_types import (
    DATE,
    DATETIME,
    HISTORY,
    INTEGER,
    INTEGER_LIST,
    PAGE,
    TEXT,
    TEXT_LIST,
    Column,
    Dataset,
    col,
    label,
    public_user,
)

from .models import CallForIdeas, Comment, Idea, ReasonedResponse

STATUS_KEYS = "published, under_consideration, shortlisted, accepted, not_taken_forward or merged."


def _public_ideas() -> QuerySet[Idea]:
    return Idea.objects.visible_to(public_user())


def _response(idea: Idea) -> ReasonedResponse | None:
    try:
        return idea.response
    except ReasonedResponse.DoesNotExist:
        return None


def _from_response(getter: Any) -> Any:
    def get(idea: Idea) -> Any:
        response = _response(idea)
        return getter(response) if response is not None else None

    return get


def _commitment_id(idea: Idea) -> int | None:
    commitment = getattr(idea, "visible_commitment", None)
    return commitment.pk if commitment is not None else None


IDEAS_DATASETS: dict[str, Dataset] = {
    "calls-for-ideas": Dataset(
        "Calls for ideas",
        "Published calls for ideas for an action plan's commitments, with the policy areas they "
        "ask about and the days within which every idea is to be answered.",
        lambda: (
            CallForIdeas.objects.visible_to(public_user())
            .prefetch_related("policy_areas")
            .order_by("opens_on", "pk")
        ),
        [
            col("id", INTEGER, "The call's identifier."),
            col("title", TEXT, "The call's title."),
            col("description", TEXT, "What it asks for (Markdown)."),
            col("plan_id", INTEGER, "The action plan it feeds (plans.id)."),
            col("opens_on", DATE, "The first day ideas can be sent."),
            col("closes_on", DATE, "The last day ideas can be sent."),
            col("answer_within_days", INTEGER, "Days within which every idea is to be answered."),
            Column(
                "policy_areas",
                TEXT_LIST,
                "The slugs of the policy areas it asks about.",
                lambda c: [a.slug for a in c.policy_areas.all()],
            ),
            col("published_at", DATETIME, "When it was published."),
            PAGE,
            HISTORY,
        ],
    ),
    "ideas": Dataset(
        "Ideas",
        "Published ideas sent to the calls, with their author's name, counts of supports and "
        "comments, and government's reasoned response: the decision, the reason, who answered, "
        "when, and the commitment the idea became.",
        lambda: (
            _public_ideas()
            .select_related(
                "policy_area", "author_person", "author_organisation", "response__organisation"
            )
            .prefetch_related(
                Prefetch(
                    "commitment",
                    Commitment.objects.visible_to(public_user()),
                    "visible_commitment",
                )
            )
            .order_by("call_id", "pk")
        ),
        [
            col("id", INTEGER, "The idea's identifier."),
            col("call_id", INTEGER, "The call it was sent to (calls-for-ideas.id)."),
            col("title", TEXT, "The idea's title."),
            col("text", TEXT, "The idea (Markdown)."),
            col("policy_area", TEXT, "The slug of its policy area.", "policy_area.slug"),
            Column(
                "goals",
                INTEGER_LIST,
                "The Sustainable Development Goals it serves, by number (1 to 17).",
                lambda i: list(i.goals),
            ),
            col("author", TEXT, "The name of who sent it.", "author_person.display_name"),
            col("organisation", TEXT, "On whose behalf, if anyone's.", "author_organisation.name"),
            col("status", TEXT, STATUS_KEYS),
            label("status_label", "The status"),
            col("submitted_at", DATETIME, "When it was sent."),
            col("published_at", DATETIME, "When a moderator published it."),
            col("supports", INTEGER, "The people who support it.", "supports_count"),
            col(
                "combined_supports",
                INTEGER,
                "With the ideas merged into it, each person counted once.",
                "combined_supports_count",
            ),
            col("comments", INTEGER, "Its comments and replies.", "comments_count"),
            Column(
                "decision",
                TEXT,
                "accepted, not_taken_forward or merged; empty while not answered.",
                _from_response(lambda r: r.decision),
            ),
            Column("reason", TEXT, "The reason given.", _from_response(lambda r: r.reason)),
            Column(
                "responding_organisation",
                TEXT,
                "The organisation that answered.",
                _from_response(lambda r: r.organisation.name if r.organisation else None),
            ),
            Column(
                "answered_on",
                DATE,
                "When it was answered.",
                _from_response(lambda r: r.responded_on),
            ),
            col("merged_into_id", INTEGER, "The idea it was merged into (ideas.id)."),
            Column(
                "commitment_id",
                INTEGER,
                "The commitment it became (commitments.id), when its plan is published.",
                _commitment_id,
            ),
            PAGE,
            HISTORY,
        ],
    ),
    "idea-comments": Dataset(
        "Comments on ideas",
        "Comments and replies on published ideas, except those a moderator hid; the author's "
        "name only.",
        lambda: (
            Comment.objects.filter(idea__in=_public_ideas())
            .not_hidden()
            .order_by("idea_id", "created_at", "pk")
        ),
        [
            col("id", INTEGER, "The comment's identifier."),
            col("idea_id", INTEGER, "The idea (ideas.id)."),
            col("parent_id", INTEGER, "The comment it replies to, if any."),
            col("author", TEXT, "The name of its author.", "author_label"),
            col("text", TEXT, "The comment."),
            col("created_at", DATETIME, "When it was posted."),
        ],
    ),
}
