"""The demo's feedback: loaded through the services, some answered, one awaiting moderation;
loading twice creates nothing. (The whole demo's loading is tested with the loader's tests.)"""

from __future__ import annotations

from collections import Counter

import pytest

from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.feedback import demo
from opengov.feedback.models import Feedback

pytestmark = pytest.mark.django_db


@pytest.fixture
def nap3(db, lead_organisation, civil_society_organisation):
    plan = ActionPlanFactory(number=3)
    return [CommitmentFactory(plan=plan, number=number) for number in ("5", "6")]


def test_demo_loads_feedback_once(nap3):
    created: Counter[str] = Counter()
    demo.load(created=created)
    assert created["feedback"] == len(demo.FEEDBACK) == Feedback.objects.count()
    assert created["feedback_answers"] == 2
    assert Feedback.objects.filter(moderation="pending").count() == 1
    assert Feedback.objects.filter(status="answered").count() == 2
    assert set(
        Feedback.objects.exclude(commitment=None).values_list("commitment__number", flat=True)
    ) == {"5", "6"}
    again: Counter[str] = Counter()
    demo.load(created=again)
    assert again == Counter()
