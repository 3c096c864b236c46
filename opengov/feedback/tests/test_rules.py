"""The named rules of feedback, role by state of the feedback, and what each role may load."""

from __future__ import annotations

import pytest

from opengov.feedback.models import Feedback
from opengov.feedback.tests.factories import FeedbackFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "participant", "civil_society_member", "lead", "government_contact",
         "secretariat", "administrator")  # fmt: skip
STATES = {
    "pending": {"moderation": "pending"},
    "published": {"moderation": "published"},
    "answered": {"moderation": "published", "status": "answered"},
    "hidden": {"moderation": "hidden", "hidden_reason": "Spam"},
}
MODERATORS = {"secretariat", "administrator"}
ANSWERERS = MODERATORS | {"government_contact"}
# (rule, state) -> the roles that hold it.
EXPECTED = {
    ("feedback.publish_feedback", "pending"): MODERATORS,
    ("feedback.publish_feedback", "published"): set(),
    ("feedback.publish_feedback", "answered"): set(),
    ("feedback.publish_feedback", "hidden"): set(),
    ("feedback.hide_feedback", "pending"): MODERATORS,
    ("feedback.hide_feedback", "published"): MODERATORS,
    ("feedback.hide_feedback", "answered"): MODERATORS,
    ("feedback.hide_feedback", "hidden"): set(),
    ("feedback.answer_feedback", "pending"): MODERATORS,
    ("feedback.answer_feedback", "published"): ANSWERERS,
    ("feedback.answer_feedback", "answered"): set(),
    ("feedback.answer_feedback", "hidden"): set(),
    ("feedback.view_hidden_feedback", "hidden"): MODERATORS,
}


@pytest.mark.parametrize(("rule", "state"), list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_rule_by_role_and_state(rule, state, role, user_for_role):
    feedback = FeedbackFactory(**STATES[state])
    assert user_for_role(role).has_perm(rule, feedback) is (role in EXPECTED[(rule, state)])


@pytest.mark.parametrize("role", ROLES)
def test_anyone_sends_feedback_and_handlers_see_the_inbox(role, user_for_role):
    user = user_for_role(role)
    assert user.has_perm("feedback.add_feedback")
    assert user.has_perm("feedback.view_inbox") is (role in ANSWERERS)


@pytest.mark.parametrize("role", ROLES)
def test_who_loads_which_feedback(role, user_for_role):
    made = {state: FeedbackFactory(**values) for state, values in STATES.items()}
    visible = set(Feedback.objects.visible_to(user_for_role(role)).values_list("pk", flat=True))
    expected = {"published", "answered", "hidden"} | ({"pending"} if role in ANSWERERS else set())
    assert visible == {made[state].pk for state in expected}
    inbox = set(Feedback.objects.inbox_for(user_for_role(role)).values_list("pk", flat=True))
    shown = {"pending", "published", "answered"} if role in ANSWERERS else set()
    if role in MODERATORS:
        shown.add("hidden")
    assert inbox == {made[state].pk for state in shown}
