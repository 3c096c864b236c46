"""The demo's call for ideas loads through the services, once."""

from __future__ import annotations

import pytest

from opengov.demo.loader import load_demo
from opengov.ideas.choices import IdeaStatus
from opengov.ideas.models import CallForIdeas, Idea

pytestmark = pytest.mark.django_db


def test_the_demo_call_has_answered_and_unanswered_ideas_and_loads_once():
    first = load_demo()
    assert first.created["calls for ideas"] == 1 and first.created["ideas"] == 7
    call = CallForIdeas.objects.get()
    assert call.is_published and call.plan.status == "drafting"
    statuses = set(Idea.objects.values_list("status", flat=True))
    assert {IdeaStatus.ACCEPTED, IdeaStatus.NOT_TAKEN_FORWARD, IdeaStatus.MERGED} <= statuses
    assert {IdeaStatus.SHORTLISTED, IdeaStatus.SUBMITTED, IdeaStatus.REFUSED} <= statuses
    refused = Idea.objects.get(status=IdeaStatus.REFUSED)
    assert refused.refusal_reason == "duplicate" and refused.published_at is None
    housing = Idea.objects.get(title__startswith="A public register of social housing")
    assert housing.supports_count == 1  # one of its two supporters withdrew
    accepted = Idea.objects.get(status=IdeaStatus.ACCEPTED)
    assert accepted.commitment is not None and accepted.commitment.plan == call.plan
    absorbing = Idea.objects.get(merged_ideas__isnull=False)
    assert absorbing.combined_supports_count == 3
    again = load_demo()
    assert again.created["ideas"] == 0 and again.created["calls for ideas"] == 0
