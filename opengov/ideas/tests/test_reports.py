"""The answer rate and the steering committee's ranking of a call."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.utils import timezone

from opengov.accounts.tests.factories import UserFactory
from opengov.ideas import reports, services
from opengov.ideas.choices import IdeaStatus
from opengov.ideas.models import Idea

from .factories import CallFactory, IdeaFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def sent_days_ago(idea: Idea, days: int) -> Idea:
    Idea.objects.filter(pk=idea.pk).update(submitted_at=timezone.now() - dt.timedelta(days=days))
    idea.refresh_from_db()
    return idea


def test_answer_rate_counts_answered_median_days_and_overdue(government_contact):
    call = CallFactory(answer_within_days=30, opens_on=TODAY - dt.timedelta(days=60))
    first = sent_days_ago(IdeaFactory(call=call), 50)
    second = sent_days_ago(IdeaFactory(call=call), 40)
    sent_days_ago(IdeaFactory(call=call), 45)  # open, past the 30 days
    sent_days_ago(IdeaFactory(call=call), 5)  # open, within them
    IdeaFactory(call=call, status=IdeaStatus.SUBMITTED)  # not published: not counted
    services.answer_idea(
        by=government_contact, idea=first, decision="accepted", reason="Yes",
        responded_on=TODAY - dt.timedelta(days=40),
    )  # fmt: skip
    services.answer_idea(
        by=government_contact, idea=second, decision="not_taken_forward", reason="No"
    )
    rate = reports.answer_rate(call)
    assert (rate.ideas, rate.answered, rate.percent) == (4, 2, 50)
    assert rate.median_days == 25  # 10 and 40 days
    assert rate.overdue == 1
    assert rate.weeks[-1][1] == 50.0 and rate.chart is not None


def test_an_empty_call_has_no_rate_and_no_chart():
    rate = reports.answer_rate(CallFactory())
    assert (rate.ideas, rate.percent, rate.median_days, rate.chart) == (0, 0, None, None)


def test_ranking_totals_each_criterion_and_sorts_by_the_overall_total(secretariat, forum_member):
    call = CallFactory(criteria=["Public demand", "Value"])
    low = IdeaFactory(call=call, status=IdeaStatus.SHORTLISTED, title="Low")
    high = IdeaFactory(call=call, status=IdeaStatus.SHORTLISTED, title="High")
    IdeaFactory(call=call, title="Not shortlisted")
    demand, value = call.criteria.all()
    services.score_idea(by=forum_member, idea=low, scores={demand.pk: 1, value.pk: 1})
    services.score_idea(by=forum_member, idea=high, scores={demand.pk: 5, value.pk: 4})
    services.score_idea(by=secretariat, idea=high, scores={demand.pk: 3, value.pk: 2})
    criteria, rows = reports.ranking(call, UserFactory())
    assert [c.name for c in criteria] == ["Public demand", "Value"]
    assert [(r.idea.title, r.totals, r.total, r.scorers) for r in rows] == [
        ("High", [8, 6], 14, 2),
        ("Low", [1, 1], 2, 1),
    ]


def test_the_pdf_is_the_same_file_for_the_same_data_on_the_same_day(client):
    """Two downloads a second or more apart are byte for byte the same (no creation second)."""
    call = CallFactory()

    def download() -> bytes:
        response = client.get(f"/ideas/calls/{call.pk}/responses.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        return b"".join(response.streaming_content) if response.streaming else response.content

    first = download()
    time.sleep(1.1)
    assert download() == first
