"""What a call's pages report: the answer rate (share answered, median days to answer, ideas
waiting past the deadline, the share answered week by week), the steering committee's ranking,
and the reasoned-response report as rows for the page, the CSV file and the PDF file."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from opengov.action_plans.models import Commitment
from opengov.core.charts import LineChart, line_chart

from .choices import CLOSED, UNPUBLISHED, IdeaStatus, RefusalReason
from .models import CallForIdeas, Idea, ReasonedResponse, Score, ScoringCriterion

MAX_WEEKS = 26


@dataclass(frozen=True)
class AnswerRate:
    ideas: int
    answered: int
    median_days: float | None
    overdue: int
    weeks: list[tuple[str, float]]
    # Ideas the moderators did not publish: their number, and how many for each reason (the
    # reasons' keys and labels, in the list's order, only those given), never their text.
    refused: int = 0
    refused_reasons: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.ideas) if self.ideas else 0

    @property
    def chart(self) -> LineChart | None:
        return line_chart(self.weeks) if len(self.weeks) > 1 else None


def answer_rate(call: CallForIdeas, *, today: dt.date | None = None) -> AnswerRate:
    """The call's published ideas: how many are answered, the median days from sending to
    answer, how many open ones are past the call's answer deadline, and, at the end of each week
    since the call opened, the share of the ideas sent by then that were answered by then. Also
    how many ideas the moderators did not publish, by reason. One query."""
    today = today or timezone.localdate()
    rows = list(
        Idea.objects.filter(call=call, call__published_at__isnull=False)
        .exclude(status=IdeaStatus.SUBMITTED)
        .values_list("submitted_at", "status", "response__responded_on", "refusal_reason")
    )
    sent: list[tuple[dt.date, str, dt.date | None]] = [
        (timezone.localtime(at).date(), status, answered)
        for at, status, answered, _reason in rows
        if status not in UNPUBLISHED
    ]
    reasons = Counter(reason for _at, status, _on, reason in rows if status == IdeaStatus.REFUSED)
    answered_days = [(on - day).days for day, status, on in sent if status in CLOSED and on]
    deadline = dt.timedelta(days=call.answer_within_days)
    overdue = sum(1 for day, status, _on in sent if status not in CLOSED and day + deadline < today)
    return AnswerRate(
        ideas=len(sent),
        answered=sum(1 for _day, status, _on in sent if status in CLOSED),
        median_days=statistics.median(answered_days) if answered_days else None,
        overdue=overdue,
        weeks=_weekly_share(call, sent, today),
        refused=sum(reasons.values()),
        refused_reasons=[
            (key, str(label), reasons[key]) for key, label in RefusalReason.choices if reasons[key]
        ],
    )


def _weekly_share(
    call: CallForIdeas, sent: list[tuple[dt.date, str, dt.date | None]], today: dt.date
) -> list[tuple[str, float]]:
    if not sent:
        return []
    start = min(call.opens_on, *(day for day, _s, _o in sent))
    ends: list[dt.date] = []
    end = start + dt.timedelta(days=6)
    while end < today and len(ends) < MAX_WEEKS:
        ends.append(end)
        end += dt.timedelta(days=7)
    ends.append(min(end, today))
    weeks = []
    for week_end in ends[-MAX_WEEKS:]:
        by_then = [(day, on) for day, _status, on in sent if day <= week_end]
        done = sum(1 for _day, on in by_then if on is not None and on <= week_end)
        share = round(100 * done / len(by_then), 1) if by_then else 0.0
        weeks.append((week_end.strftime("%-d %b"), share))
    return weeks


# The steering committee's ranking --------------------------------------------------------------


@dataclass
class RankedIdea:
    idea: Idea
    totals: list[int] = field(default_factory=list)  # one per criterion, in the call's order
    scorers: int = 0

    @property
    def total(self) -> int:
        return sum(self.totals)


def ranking(call: CallForIdeas, user: Any) -> tuple[list[ScoringCriterion], list[RankedIdea]]:
    """Shortlisted (or already scored) ideas by their overall total, highest first; each with the
    total of every criterion and the number of people who scored it."""
    criteria = list(call.criteria.all())
    sums = (
        Score.objects.filter(idea__call=call)
        .values("idea_id", "criterion_id")
        .annotate(total=Sum("value"))
    )
    scorers = dict(
        Score.objects.filter(idea__call=call)
        .values("idea_id")
        .annotate(people=Count("scorer_id", distinct=True))
        .values_list("idea_id", "people")
    )
    by_idea: dict[int, dict[int, int]] = {}
    for row in sums:
        by_idea.setdefault(row["idea_id"], {})[row["criterion_id"]] = row["total"]
    ideas = Idea.objects.visible_to(user).filter(call=call)
    listed = ideas.filter(status=IdeaStatus.SHORTLISTED) | ideas.filter(pk__in=list(by_idea))
    rows = [
        RankedIdea(
            idea=idea,
            totals=[by_idea.get(idea.pk, {}).get(c.pk, 0) for c in criteria],
            scorers=scorers.get(idea.pk, 0),
        )
        for idea in listed.select_related("policy_area").distinct()
    ]
    rows.sort(key=lambda r: (-r.total, -r.scorers, r.idea.title.casefold(), r.idea.pk))
    return criteria, rows


# The reasoned-response report ------------------------------------------------------------------


def report_ideas(call: CallForIdeas, user: Any) -> QuerySet[Idea]:
    """Every published idea of the call, with its outcome, reason and the commitment it became
    (when the user may see that commitment's plan), in the order they were sent."""
    return (
        Idea.objects.visible_to(user)
        .filter(call=call)
        .exclude(status__in=UNPUBLISHED)
        .select_related(
            "policy_area",
            "author_person",
            "author_organisation",
            "merged_into",
            "response__organisation",
        )
        .prefetch_related(
            Prefetch("commitment", Commitment.objects.visible_to(user), "visible_commitment")
        )
        .order_by("submitted_at", "pk")
    )


REPORT_COLUMNS = [
    "idea_id",
    "title",
    "policy_area",
    "author",
    "supports",
    "status",
    "decision",
    "reason",
    "responding_organisation",
    "answered_on",
    "merged_into_id",
    "commitment",
    "url",
]


def _response(idea: Idea) -> ReasonedResponse | None:
    try:
        return idea.response
    except ReasonedResponse.DoesNotExist:
        return None


def report_row(idea: Idea) -> dict[str, Any]:
    response = _response(idea)
    commitment = getattr(idea, "visible_commitment", None)
    return {
        "idea_id": idea.pk,
        "title": idea.title,
        "policy_area": idea.policy_area.name if idea.policy_area else "",
        "author": idea.author_label,
        "supports": idea.combined_supports_count,
        "status": idea.get_status_display(),
        "decision": response.get_decision_display() if response else "",
        "reason": response.reason if response else "",
        "responding_organisation": (
            response.organisation.name if response and response.organisation else ""
        ),
        "answered_on": response.responded_on if response else None,
        "merged_into_id": idea.merged_into_id,
        "commitment": (
            f"{commitment.number}. {commitment.title}" if commitment is not None else ""
        ),
        "url": idea.get_absolute_url(),
    }


def report_rows(call: CallForIdeas, user: Any) -> Iterator[dict[str, Any]]:
    for idea in report_ideas(call, user).iterator(chunk_size=200):
        yield report_row(idea)
