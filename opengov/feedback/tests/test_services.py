"""The services of feedback: every rule, every refusal (nothing written), the audit events (never
the contact address), the notification to the sender and the erasure of their address."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.feedback import services
from opengov.feedback.choices import FeedbackStatus, Moderation
from opengov.feedback.models import Answer, Feedback

pytestmark = pytest.mark.django_db
ADDRESS = "sender@example.net"


def send(**kwargs):
    values = {
        "by": AnonymousUser(),
        "subject": "process",
        "text": "Please publish the meeting notes sooner.",
        "name": "Alex Morgan",
        "contact_email": ADDRESS,
    }
    return services.submit_feedback(**{**values, **kwargs})


def events_text() -> str:
    return " ".join(
        f"{e.object_repr} {e.changes} {e.actor_label}" for e in AuditEvent.objects.all()
    )


# Sending ---------------------------------------------------------------------------------------


def test_submit_feedback_awaits_moderation_and_records_a_private_event():
    feedback = send()
    assert feedback.moderation == Moderation.PENDING
    assert feedback.status == FeedbackStatus.RECEIVED
    assert feedback.contact_email == ADDRESS and feedback.sender is None
    event = AuditEvent.objects.get(verb="feedback.feedback.submitted")
    assert event.is_public is False
    assert event.changes["asked_for_answer_by_email"] == [None, True]
    assert ADDRESS not in events_text()


def test_submit_feedback_keeps_the_signed_in_sender(participant):
    feedback = send(by=participant)
    assert feedback.sender == participant


def test_submit_feedback_on_a_published_commitment(commitment):
    feedback = send(subject="commitment", commitment=commitment)
    assert feedback.commitment == commitment


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"subject": "weather"}, "subject"),
        ({"text": "   "}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"name": "n" * 201}, "name"),
        ({"contact_email": "not an address"}, "contact_email"),
        ({"subject": "commitment"}, "commitment"),
    ],
)
def test_submit_feedback_refuses_bad_input_and_writes_nothing(kwargs, field):
    with pytest.raises(DomainError) as error:
        send(**kwargs)
    assert error.value.field == field
    assert not Feedback.objects.exists() and not AuditEvent.objects.exists()


def test_submit_feedback_refuses_a_commitment_of_an_unpublished_plan():
    draft = CommitmentFactory(plan=ActionPlanFactory(published_at=None))
    with pytest.raises(DomainError) as error:
        send(subject="commitment", commitment=draft)
    assert error.value.field == "commitment"
    assert not Feedback.objects.exists()


def test_a_commitment_is_dropped_when_the_subject_is_not_a_commitment(commitment):
    assert send(subject="site", commitment=commitment).commitment is None


def test_the_same_form_sent_twice_writes_once():
    token = uuid.uuid4()
    first = send(submission_token=token)
    assert send(submission_token=token) == first
    assert Feedback.objects.count() == 1
    with pytest.raises(DomainError):
        send(submission_token=token, text="Something else")


def test_text_is_cleaned_of_control_characters():
    feedback = send(text="Hello\x00 there\x0b", name="  Alex\u202e  Morgan ")
    assert feedback.text == "Hello there" and feedback.name == "Alex Morgan"


# Moderating ------------------------------------------------------------------------------------


def test_secretariat_publishes_feedback(secretariat):
    feedback = services.publish_feedback(by=secretariat, feedback=send())
    assert feedback.moderation == Moderation.PUBLISHED and feedback.published_at
    event = AuditEvent.objects.get(verb="feedback.feedback.published")
    assert event.is_public and event.changes == {"moderation": ["pending", "published"]}


@pytest.mark.parametrize("role", ["participant", "government_contact", "lead"])
def test_only_moderators_publish(role, user_for_role):
    feedback = send()
    with pytest.raises(PermissionDeniedError):
        services.publish_feedback(by=user_for_role(role), feedback=feedback)
    assert Feedback.objects.get().moderation == Moderation.PENDING


def test_publishing_from_a_stale_version_is_refused(secretariat):
    feedback = send()
    with pytest.raises(ConflictError):
        services.publish_feedback(by=secretariat, feedback=feedback, expected_version=99)
    assert Feedback.objects.get().moderation == Moderation.PENDING


def test_hiding_erases_the_address_and_records_the_public_reason(administrator):
    feedback = services.hide_feedback(by=administrator, feedback=send(), reason=" Spam ")
    assert feedback.moderation == Moderation.HIDDEN
    assert feedback.hidden_reason == "Spam" and feedback.contact_email == ""
    event = AuditEvent.objects.get(verb="feedback.feedback.hidden")
    assert event.is_public and event.changes["hidden_reason"] == [None, "Spam"]
    assert "Please publish" not in events_text()


def test_hiding_needs_a_reason(secretariat):
    feedback = send()
    with pytest.raises(DomainError) as error:
        services.hide_feedback(by=secretariat, feedback=feedback, reason="  ")
    assert error.value.field == "reason"
    assert Feedback.objects.get().moderation == Moderation.PENDING


def test_government_contact_cannot_hide(government_contact, secretariat):
    feedback = services.publish_feedback(by=secretariat, feedback=send())
    with pytest.raises(PermissionDeniedError):
        services.hide_feedback(by=government_contact, feedback=feedback, reason="Rude")


def test_hidden_feedback_cannot_be_hidden_again_or_answered(secretariat, lead_organisation):
    feedback = services.hide_feedback(by=secretariat, feedback=send(), reason="Spam")
    with pytest.raises(PermissionDeniedError):
        services.hide_feedback(by=secretariat, feedback=feedback, reason="Spam")
    with pytest.raises(PermissionDeniedError):
        services.answer_feedback(
            by=secretariat, feedback=feedback, text="No", organisation=lead_organisation
        )


# Answering -------------------------------------------------------------------------------------


def test_answer_tells_the_sender_then_erases_the_address(
    secretariat, government_contact, lead_organisation
):
    feedback = services.publish_feedback(by=secretariat, feedback=send())
    answer = services.answer_feedback(
        by=government_contact,
        feedback=feedback,
        text="We will publish them within a week.",
        organisation=lead_organisation,
    )
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.ANSWERED and feedback.contact_email == ""
    assert answer.organisation == lead_organisation
    assert answer.answered_by == government_contact
    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    assert feedback.get_absolute_url() in message.body
    # Only the site's words: the address is not verified (see services._tell_sender).
    assert "We will publish them within a week." not in message.body
    assert "Please publish the meeting notes" not in message.body
    event = AuditEvent.objects.get(verb="feedback.feedback.answered")
    assert event.is_public and event.changes["answer"][1] == answer.text
    assert ADDRESS not in events_text()


def test_answer_to_a_signed_in_sender_without_address_goes_to_their_account(
    participant, secretariat, lead_organisation
):
    feedback = send(by=participant, contact_email="")
    services.answer_feedback(
        by=secretariat, feedback=feedback, text="Thank you.", organisation=lead_organisation
    )
    (message,) = mail.outbox
    assert message.to == [participant.email]


def test_no_address_no_account_no_mail(secretariat, lead_organisation):
    feedback = send(contact_email="")
    services.answer_feedback(
        by=secretariat, feedback=feedback, text="Thank you.", organisation=lead_organisation
    )
    assert mail.outbox == []


def test_a_moderator_answering_pending_feedback_publishes_it(secretariat, lead_organisation):
    feedback = send()
    services.answer_feedback(
        by=secretariat, feedback=feedback, text="Thank you.", organisation=lead_organisation
    )
    feedback.refresh_from_db()
    assert feedback.moderation == Moderation.PUBLISHED
    verbs = list(AuditEvent.objects.order_by("sequence").values_list("verb", flat=True))
    assert verbs[-2:] == ["feedback.feedback.published", "feedback.feedback.answered"]


def test_government_contact_cannot_answer_feedback_awaiting_moderation(
    government_contact, lead_organisation
):
    feedback = send()
    with pytest.raises(PermissionDeniedError):
        services.answer_feedback(
            by=government_contact, feedback=feedback, text="Hi", organisation=lead_organisation
        )
    assert not Answer.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("role", ["participant", "civil_society_member", "lead"])
def test_others_cannot_answer(role, user_for_role, secretariat, lead_organisation):
    feedback = services.publish_feedback(by=secretariat, feedback=send())
    with pytest.raises(PermissionDeniedError):
        services.answer_feedback(
            by=user_for_role(role), feedback=feedback, text="Hi", organisation=lead_organisation
        )


def test_feedback_is_answered_once(secretariat, lead_organisation):
    feedback = send()
    services.answer_feedback(
        by=secretariat, feedback=feedback, text="First", organisation=lead_organisation
    )
    with pytest.raises(PermissionDeniedError):
        services.answer_feedback(
            by=secretariat,
            feedback=Feedback.objects.get(),
            text="Second",
            organisation=lead_organisation,
        )
    # `feedback` is as a page loaded before the first answer saw it: refused under the lock.
    with pytest.raises(DomainError, match="already been answered"):
        services.answer_feedback(
            by=secretariat, feedback=feedback, text="Second", organisation=lead_organisation
        )
    assert Answer.objects.get().text == "First" and len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("kwargs", "field"), [({"text": " "}, "text"), ({"organisation": None}, "organisation")]
)
def test_answer_refuses_bad_input(kwargs, field, secretariat, lead_organisation):
    feedback = send()
    values = {"text": "Thank you.", "organisation": lead_organisation, **kwargs}
    with pytest.raises(DomainError) as error:
        services.answer_feedback(by=secretariat, feedback=feedback, **values)
    assert error.value.field == field
    assert not Answer.objects.exists()
    assert Feedback.objects.get().moderation == Moderation.PENDING
