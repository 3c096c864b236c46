"""The apps' records of a person (opengov/<app>/privacy.py): in their data download, and the names
they copied emptied when the account is deleted, while the records stay."""

from __future__ import annotations

import json

import pytest

from opengov.accounts.privacy import delete_account
from opengov.accounts.privacy_export import your_data
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.consultations.tests.factories import comment_on, make_consultation, paragraphs
from opengov.feedback.models import Feedback
from opengov.feedback.tests.factories import AnswerFactory, FeedbackFactory
from opengov.ideas.models import Comment, Support
from opengov.ideas.tests.factories import CommentFactory, IdeaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana():
    user = UserFactory(email="ana@example.org", name="Ana Example")
    idea = IdeaFactory(title="Open registers of housing", submitted_by=user)
    Support.objects.create(idea=IdeaFactory(title="Publish prison data"), user=user)
    CommentFactory(idea=idea, author=user, author_name="Ana Example", text="Yes, and land.")
    FeedbackFactory(sender=user, name="Ana Example", text="Minutes sooner, please")
    AnswerFactory(answered_by=user, answered_by_name="Ana Example", text="Done by Friday")
    consultation = make_consultation(title="Draft declaration")
    comment_on(paragraphs(consultation)[0], user, "Add a date, please")
    # Someone else's, never in Ana's download.
    CommentFactory(author=UserFactory(), author_name="Bo", text="Bo's comment")
    return user


def test_the_download_holds_the_apps_records_of_the_person_and_nobody_elses(ana):
    data = json.loads("".join(your_data(ana)))
    assert [i["title"] for i in data["ideas_sent"]] == ["Open registers of housing"]
    assert [c["text"] for c in data["idea_comments"]] == ["Yes, and land."]
    assert [s["idea"] for s in data["idea_supports"]] == ["Publish prison data"]
    assert [f["text"] for f in data["feedback_sent"]] == ["Minutes sooner, please"]
    assert [a["text"] for a in data["feedback_answers"]] == ["Done by Friday"]
    assert [c["text"] for c in data["consultation_comments"]] == ["Add a date, please"]
    assert data["consultation_answers"] == []
    assert "Bo's comment" not in json.dumps(data)


def test_deleting_the_account_empties_the_names_and_keeps_the_records(ana):
    delete_account(by=ana, user=ana, password=PASSWORD)
    comment = Comment.objects.get(text="Yes, and land.")
    assert comment.author_name == ""
    assert comment.author_label != "Ana Example"
    feedback = Feedback.objects.get(text="Minutes sooner, please")
    assert feedback.name == "" and feedback.contact_email == ""
    assert Comment.objects.get(text="Bo's comment").author_name == "Bo"
    assert Support.objects.filter(user=ana).count() == 1
