"""The open datasets of nominations and elections: rounds, nominations and results. Ballots are
never exported: results hold each candidate's totals, the counts' stages are on the round's page
and in the API. Merged into the registry by `opengov.api.datasets`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet

from opengov.api.dataset_types import (
    BOOLEAN,
    DATE,
    DATETIME,
    HISTORY,
    INTEGER,
    PAGE,
    TEXT,
    Column,
    Dataset,
    col,
    label,
    public_user,
)

from .models import Nomination, NominationRound, ResultLine

VOTED = {"voting_open", "counting", "results_published"}


def _rounds() -> QuerySet[NominationRound]:
    return NominationRound.objects.visible_to(public_user())


def _votes(value: Any) -> str:
    return format(value.normalize(), "f")


NOMINATIONS_DATASETS: dict[str, Dataset] = {
    "nomination-rounds": Dataset(
        "Nomination rounds",
        "Rounds electing the seats of a network's bodies, such as its Steering Committee: seats, "
        "timeline, counting method and status.",
        lambda: (
            _rounds()
            .select_related("body")
            .prefetch_related("constituencies")
            .annotate(votes=models.Count("voters"))
            .order_by("nominations_open_at", "pk")
        ),
        [
            col("id", INTEGER, "The round's identifier."),
            col("title", TEXT, "The round's title."),
            col("body", TEXT, "The slug of the body whose seats it fills.", "body.slug"),
            col("body_name", TEXT, "The name of the body.", "body.name"),
            col("seats", INTEGER, "General seats (constituencies' seats are apart)."),
            Column(
                "constituencies",
                TEXT,
                "Constituencies and their seats, as name: seats; …",
                lambda r: "; ".join(f"{c.name}: {c.seats}" for c in r.constituencies.all()),
            ),
            col("seconders_required", INTEGER, "Seconders each nomination needs."),
            col("method", TEXT, "plurality or stv (Scottish STV rules)."),
            label("method_label", "The counting method"),
            col("nominations_open_at", DATETIME, "When nominations open."),
            col("nominations_close_at", DATETIME, "When nominations close."),
            col("voting_opens_at", DATETIME, "When voting opens."),
            col("voting_closes_at", DATETIME, "When voting closes."),
            col("term_starts_on", DATE, "When the term of those elected starts."),
            col("term_ends_on", DATE, "When it ends, if fixed."),
            col(
                "status",
                TEXT,
                "announced, nominations_open, nominations_closed, voting_open, "
                "counting or results_published.",
            ),
            Column(
                "votes_cast",
                INTEGER,
                "Members who voted (once voting has opened).",
                lambda r: r.votes if r.status in VOTED else None,
            ),
            col("results_published_at", DATETIME, "When the results were published."),
            PAGE,
            HISTORY,
        ],
    ),
    "nominations": Dataset(
        "Nominations",
        "Every nomination in a public round: the nominee, who nominated and seconded, the "
        "nominee's answer and whether it stands.",
        lambda: (
            Nomination.objects.visible_to(public_user())
            .select_related("round", "constituency", "nominee", "nominee_organisation", "nominator")
            .order_by("round_id", "pk")
        ),
        [
            col("id", INTEGER, "The nomination's identifier."),
            col("round", INTEGER, "The round's identifier.", "round.id"),
            col("seat", TEXT, "General seats or the constituency's name.", "contest_label"),
            col("nominee", TEXT, "The nominee's name.", "nominee.display_name"),
            col(
                "nominee_organisation",
                TEXT,
                "The nominee's organisation's slug.",
                "nominee_organisation.slug",
            ),
            col("nominator", TEXT, "The nominating member's slug.", "nominator.slug"),
            col("seconders", INTEGER, "How many members seconded it.", "seconders_count"),
            col("statement", TEXT, "Why they were nominated (Markdown)."),
            col("acceptance", TEXT, "pending, accepted or declined."),
            label("acceptance_label", "The nominee's answer"),
            col("withdrawn_at", DATETIME, "When it was withdrawn, if it was."),
            col("is_standing", BOOLEAN, "Whether it stands: accepted, seconded, not withdrawn."),
            PAGE,
            HISTORY,
        ],
    ),
    "nomination-results": Dataset(
        "Election results",
        "Each standing candidate's votes in a published count: first preferences (or votes, for "
        "plurality) and at the last stage; totals only, never a ballot.",
        lambda: (
            ResultLine.objects.filter(count__round__results_published_at__isnull=False)
            .filter(count__round__opened_at__isnull=False)
            .select_related("count__round", "count__constituency", "nomination__nominee")
            .order_by("count__round_id", "count_id", "pk")
        ),
        [
            col("round", INTEGER, "The round's identifier.", "count.round.id"),
            col("seat", TEXT, "General seats or the constituency's name.", "count.contest_label"),
            col("method", TEXT, "plurality or stv.", "count.method"),
            col("seats", INTEGER, "Seats in this contest.", "count.seats"),
            col("valid_ballots", INTEGER, "Valid ballots in this contest.", "count.valid_ballots"),
            col("nomination", INTEGER, "The nomination's identifier.", "nomination.id"),
            col("candidate", TEXT, "The candidate's name.", "nomination.nominee.display_name"),
            Column(
                "first_votes",
                TEXT,
                "Votes, or first preferences (STV), as a decimal.",
                lambda line: _votes(line.first_votes),
            ),
            Column(
                "final_votes",
                TEXT,
                "Votes at the last stage, as a decimal.",
                lambda line: _votes(line.final_votes),
            ),
            col("is_elected", BOOLEAN, "Whether the candidate was elected."),
            col("elected_position", INTEGER, "The order in which they were elected."),
            col("seed", TEXT, "The seed of any lot drawn to break a tie.", "count.seed"),
        ],
    ),
}
