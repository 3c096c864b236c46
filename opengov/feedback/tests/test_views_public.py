"""Public pages of feedback: the form (conditional commitment choice, honeypot, rate limit), the
confirmation, the list (published only, filters, pagination, constant queries) and a feedback
page (its answer; hidden feedback shows only its reason; the contact address nowhere)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.core.models import AuditEvent
from opengov.feedback import services
from opengov.feedback.models import Feedback
from opengov.feedback.tests.factories import AnswerFactory, FeedbackFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("feedback:feedback-create")
LIST = reverse("feedback:feedback-list")
ADDRESS = "private.sender@example.net"


def form_data(**extra):
    return {
        "subject": "process",
        "text": "Please publish the notes sooner.",
        "name": "",
        "contact_email": ADDRESS,
        "website": "",
        **extra,
    }


# The form ------------------------------------------------------------------------------------


def test_form_offers_published_commitments_in_a_conditional_reveal(client, commitment):
    draft = CommitmentFactory(plan=ActionPlanFactory(published_at=None), title="Secret draft")
    page = client.get(CREATE).content.decode()
    assert 'aria-controls="conditional-commitment"' in page
    assert 'id="conditional-commitment"' in page
    assert f'value="{commitment.pk}"' in page
    assert "Secret draft" not in page and f'value="{draft.pk}"' not in page
    assert page.count("<h1") == 1


def test_anonymous_visitor_sends_feedback(client, commitment):
    response = client.post(
        CREATE, form_data(subject="commitment", commitment=commitment.pk, name="Alex")
    )
    assert response.status_code == 302 and response["Location"] == reverse("feedback:feedback-sent")
    feedback = Feedback.objects.get()
    assert feedback.commitment == commitment and feedback.name == "Alex"
    assert feedback.contact_email == ADDRESS and feedback.is_pending
    assert client.get(response["Location"]).status_code == 200


def test_the_form_shows_errors_and_keeps_what_was_typed(client):
    response = client.post(CREATE, form_data(subject="commitment", text="Kept text"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose the commitment your feedback is about" in page
    assert "Kept text" in page and "govuk-error-summary" in page
    assert not Feedback.objects.exists()


def test_a_missing_subject_and_text_are_refused_on_the_form(client):
    page = client.post(CREATE, {}).content.decode()
    assert "Choose what your feedback is about" in page and "Enter your feedback" in page
    assert not Feedback.objects.exists()


def test_a_signed_in_sender_is_linked_and_their_name_offered(client, participant):
    client.force_login(participant)
    assert participant.name in client.get(CREATE).content.decode()
    client.post(CREATE, form_data())
    assert Feedback.objects.get().sender == participant


# Spam ----------------------------------------------------------------------------------------


def test_honeypot_looks_accepted_but_stores_nothing(client):
    response = client.post(CREATE, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:feedback-sent")
    assert not Feedback.objects.exists() and not AuditEvent.objects.exists()


def test_honeypot_is_hidden_from_people(client):
    page = client.get(CREATE).content.decode()
    assert '<div hidden><div class="govuk-form-group">' in page.replace("\n", "")
    assert 'name="website"' in page and 'tabindex="-1"' in page


@pytest.mark.parametrize("settings_rate", ["2/h"])
def test_rate_limit_answers_429_and_stores_nothing(client, settings, settings_rate):
    settings.OPENGOV_FEEDBACK_RATE_PER_ADDRESS = settings_rate
    for n in range(2):
        assert client.post(CREATE, form_data(text=f"Feedback {n}")).status_code == 302
    response = client.post(CREATE, form_data(text="One too many"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too much feedback from your network" in response.content.decode()
    assert Feedback.objects.count() == 2
    assert not Feedback.objects.filter(text="One too many").exists()
    # Another address is not held back.
    other = client.post(CREATE, form_data(text="From elsewhere"), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_honeypot_submissions_count_towards_the_rate_limit(client, settings):
    settings.OPENGOV_FEEDBACK_RATE_PER_ADDRESS = "1/h"
    client.post(CREATE, form_data(website="spam"))
    assert client.post(CREATE, form_data()).status_code == 429
    assert not Feedback.objects.exists()


def test_forms_sent_back_with_errors_do_not_count(client, settings):
    settings.OPENGOV_FEEDBACK_RATE_PER_ADDRESS = "1/h"
    for _ in range(3):
        assert client.post(CREATE, form_data(text="")).status_code == 200
    assert client.post(CREATE, form_data()).status_code == 302


# The list ------------------------------------------------------------------------------------


def test_list_shows_published_feedback_only(client):
    FeedbackFactory(text="Published words")
    FeedbackFactory(text="Pending words", moderation="pending")
    FeedbackFactory(text="Hidden words", moderation="hidden", hidden_reason="Spam")
    page = client.get(LIST).content.decode()
    assert "Published words" in page
    assert "Pending words" not in page and "Hidden words" not in page


def test_list_filters_by_subject_and_status(client):
    FeedbackFactory(text="About the site", subject="site")
    AnswerFactory(feedback__text="About the process, answered")
    assert "About the site" not in client.get(LIST, {"subject": "process"}).content.decode()
    answered = client.get(LIST, {"status": "answered"}).content.decode()
    assert "About the process, answered" in answered and "About the site" not in answered
    assert client.get(LIST, {"subject": "nonsense"}).status_code == 200


def test_list_is_paginated(client, settings):
    FeedbackFactory.create_batch(settings.OPENGOV_LIST_PAGE_SIZE + 1)
    page = client.get(LIST).content.decode()
    assert "govuk-pagination" in page
    assert client.get(LIST, {"page": 2}).status_code == 200


def _rows(count: int, commitment) -> None:
    for n in range(count):
        if n % 2:
            AnswerFactory(feedback__commitment=commitment, feedback__subject="commitment")
        else:
            FeedbackFactory()


@pytest.mark.parametrize("count", [10, 100])
def test_list_runs_the_same_queries_however_many_rows(
    client, settings, commitment, django_assert_num_queries, count
):
    settings.OPENGOV_LIST_PAGE_SIZE = 200
    _rows(count, commitment)
    with django_assert_num_queries(2):  # count, page (commitments and answers joined)
        assert client.get(LIST).status_code == 200


# A feedback page -----------------------------------------------------------------------------


def test_feedback_page_shows_the_answer_and_never_the_address(
    client, secretariat, lead_organisation
):
    feedback = services.submit_feedback(
        by=AnonymousUser(), subject="process", text="Sooner, please.", contact_email=ADDRESS
    )
    assert client.get(feedback.get_absolute_url()).status_code == 404
    services.answer_feedback(
        by=secretariat, feedback=feedback, text="Within a week.", organisation=lead_organisation
    )
    page = client.get(feedback.get_absolute_url()).content.decode()
    assert "Sooner, please." in page and "Within a week." in page and "Cabinet Office" in page
    assert "Anonymous" in page
    assert ADDRESS not in page and "private.sender" not in page
    assert page.count("<h1") == 1


def test_hidden_feedback_shows_its_reason_only(client, secretariat):
    feedback = FeedbackFactory(text="Abusive words", name="Troll")
    services.hide_feedback(by=secretariat, feedback=feedback, reason="It was abusive")
    page = client.get(feedback.get_absolute_url()).content.decode()
    assert "It was abusive" in page
    assert "Abusive words" not in page and "Troll" not in page
    client.force_login(secretariat)
    assert "Abusive words" in client.get(feedback.get_absolute_url()).content.decode()


def test_pending_feedback_is_seen_by_those_who_handle_it(client, government_contact):
    feedback = FeedbackFactory(moderation="pending", text="Waiting words")
    assert client.get(feedback.get_absolute_url()).status_code == 404
    client.force_login(government_contact)
    page = client.get(feedback.get_absolute_url()).content.decode()
    assert "Waiting words" in page and "awaits moderation" in page


@pytest.mark.parametrize("count", [1, 5])
def test_feedback_page_runs_a_fixed_number_of_queries(
    client, django_assert_num_queries, commitment, count
):
    answer = AnswerFactory(feedback__commitment=commitment, feedback__subject="commitment")
    for _ in range(count):
        FeedbackFactory()
    with django_assert_num_queries(3):  # the feedback with its answer; its history (2 reads)
        assert client.get(answer.feedback.get_absolute_url()).status_code == 200


def test_the_form_works_without_javascript_and_reveals_the_choice_with_it(client):
    page = client.get(CREATE).content.decode()
    # Shown unless GOV.UK Frontend's CSS knows JavaScript runs (.govuk-frontend-supported).
    assert "govuk-radios__conditional govuk-radios__conditional--hidden" in page
    assert "feedback/reveal.js" in page
    selected = client.get(CREATE, {"commitment": "1"}).content.decode()
    assert 'class="govuk-radios__conditional" id="conditional-commitment"' in selected
