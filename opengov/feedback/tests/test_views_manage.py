"""The managing pages: the inbox (by role, filters, constant queries), answering, publishing and
hiding through the forms, with refusals shown on the form."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from opengov.feedback.models import Answer, Feedback
from opengov.feedback.tests.factories import AnswerFactory, FeedbackFactory

pytestmark = pytest.mark.django_db
INBOX = reverse("feedback:feedback-inbox")


def url(name: str, feedback: Feedback) -> str:
    return reverse(f"feedback:feedback-{name}", kwargs={"pk": feedback.pk})


@pytest.mark.parametrize(
    ("role", "status"),
    [("participant", 403), ("lead", 403), ("government_contact", 200), ("secretariat", 200)],
)
def test_inbox_is_for_those_who_answer_or_moderate(client, user_for_role, role, status):
    client.force_login(user_for_role(role))
    assert client.get(INBOX).status_code == status


def test_inbox_needs_signing_in(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and reverse("accounts:sign-in") in response["Location"]


def test_inbox_lists_what_needs_action_oldest_first(client, secretariat):
    FeedbackFactory(text="Older, waiting", moderation="pending")
    FeedbackFactory(text="Newer, to answer")
    AnswerFactory(feedback__text="Done already")
    FeedbackFactory(text="Hidden spam", moderation="hidden", hidden_reason="Spam")
    client.force_login(secretariat)
    page = client.get(INBOX).content.decode()
    assert page.index("Older, waiting") < page.index("Newer, to answer")
    assert "Done already" not in page and "Hidden spam" not in page
    assert "Hidden spam" in client.get(INBOX, {"show": "hidden"}).content.decode()
    assert "Done already" in client.get(INBOX, {"show": "answered"}).content.decode()


def test_government_contact_never_sees_hidden_feedback_in_the_inbox(client, government_contact):
    FeedbackFactory(text="Hidden spam", moderation="hidden", hidden_reason="Spam")
    client.force_login(government_contact)
    assert "Hidden spam" not in client.get(INBOX, {"show": "hidden"}).content.decode()


@pytest.mark.parametrize("count", [10, 100])
def test_inbox_runs_the_same_queries_however_many_rows(
    client, settings, secretariat, django_assert_num_queries, count
):
    settings.OPENGOV_LIST_PAGE_SIZE = 200
    FeedbackFactory.create_batch(count, moderation="pending")
    client.force_login(secretariat)
    client.get(INBOX)
    with django_assert_num_queries(5):  # session, user, role grants, count, page
        assert client.get(INBOX).status_code == 200


def test_government_contact_answers_through_the_form(client, government_contact, lead_organisation):
    feedback = FeedbackFactory(contact_email="sender@example.net")
    client.force_login(government_contact)
    assert client.get(url("answer", feedback)).status_code == 200
    response = client.post(
        url("answer", feedback),
        {"text": "Thank you.", "organisation": lead_organisation.pk, "version": feedback.version},
    )
    assert response.status_code == 302 and response["Location"] == feedback.get_absolute_url()
    assert Answer.objects.get().text == "Thank you."
    assert mail.outbox[0].to == ["sender@example.net"]


def test_the_answer_form_never_shows_the_address(client, secretariat):
    feedback = FeedbackFactory(contact_email="sender@example.net")
    client.force_login(secretariat)
    page = client.get(url("answer", feedback)).content.decode()
    assert "sender@example.net" not in page and "the address is private" in page


def test_a_stale_answer_form_is_refused_on_the_form(client, secretariat, lead_organisation):
    feedback = FeedbackFactory()
    client.force_login(secretariat)
    response = client.post(
        url("answer", feedback),
        {"text": "Thank you.", "organisation": lead_organisation.pk, "version": 99},
    )
    assert response.status_code == 200 and "Someone else changed" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_empty_answer_is_refused_on_the_form(client, secretariat):
    feedback = FeedbackFactory()
    client.force_login(secretariat)
    response = client.post(url("answer", feedback), {"version": feedback.version})
    assert "Enter the answer" in response.content.decode()
    assert not Answer.objects.exists()


def test_secretariat_publishes_from_the_feedback_page(client, secretariat):
    feedback = FeedbackFactory(moderation="pending")
    client.force_login(secretariat)
    assert url("publish", feedback) in client.get(feedback.get_absolute_url()).content.decode()
    response = client.post(url("publish", feedback), {"version": feedback.version})
    assert response.status_code == 302
    assert Feedback.objects.get().moderation == "published"


def test_publishing_twice_is_a_403(client, secretariat):
    feedback = FeedbackFactory()
    client.force_login(secretariat)
    assert client.post(url("publish", feedback)).status_code == 403


def test_government_contact_cannot_publish_or_hide(client, government_contact):
    feedback = FeedbackFactory(moderation="pending")
    client.force_login(government_contact)
    assert client.post(url("publish", feedback)).status_code == 403
    assert client.get(url("hide", feedback)).status_code == 403
    assert client.get(url("answer", feedback)).status_code == 403


def test_secretariat_hides_with_a_reason(client, secretariat):
    feedback = FeedbackFactory(contact_email="sender@example.net")
    client.force_login(secretariat)
    empty = client.post(url("hide", feedback), {"version": feedback.version})
    assert "Enter why the feedback is hidden" in empty.content.decode()
    response = client.post(url("hide", feedback), {"reason": "Spam", "version": feedback.version})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.is_hidden and feedback.hidden_reason == "Spam"
    assert feedback.contact_email == ""


def test_pending_feedback_is_a_404_to_the_public_on_every_managing_page(client, participant):
    feedback = FeedbackFactory(moderation="pending")
    client.force_login(participant)
    for name in ("answer", "hide"):
        assert client.get(url(name, feedback)).status_code == 404
    assert client.post(url("publish", feedback)).status_code == 404
