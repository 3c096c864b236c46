"""What feedback gives the data download and what deleting an account erases here
(opengov.feedback.privacy, called by opengov.accounts.privacy_export and privacy)."""

from __future__ import annotations

import pytest

from opengov.feedback import privacy, services
from opengov.feedback.models import Answer, Feedback

pytestmark = pytest.mark.django_db


def test_download_holds_the_feedback_sent_signed_in_and_answers_given(
    participant, secretariat, lead_organisation
):
    mine = services.submit_feedback(
        by=participant, subject="site", text="Mine", name="Pat", contact_email="pat@example.net"
    )
    services.submit_feedback(by=secretariat, subject="site", text="Not mine")
    (row,) = privacy.feedback_sent(participant)
    assert row["text"] == "Mine" and row["contact_email"] == "pat@example.net"
    assert row["url"] == mine.get_absolute_url()
    services.answer_feedback(
        by=secretariat, feedback=mine, text="Thanks", organisation=lead_organisation
    )
    (row,) = privacy.feedback_sent(participant)
    assert row["answer"] == "Thanks" and row["contact_email"] == ""
    (given,) = privacy.feedback_answered(secretariat)
    assert given["text"] == "Thanks" and given["organisation"] == lead_organisation.name


def test_erasing_empties_names_and_address_and_keeps_the_record(
    participant, secretariat, lead_organisation
):
    mine = services.submit_feedback(
        by=participant, subject="site", text="Mine", name="Pat", contact_email="pat@example.net"
    )
    services.answer_feedback(
        by=secretariat, feedback=mine, text="Thanks", organisation=lead_organisation
    )
    privacy.erase_for(participant)
    privacy.erase_for(secretariat)
    feedback = Feedback.objects.get()
    assert feedback.text == "Mine" and feedback.name == "" and feedback.public_name == "Anonymous"
    answer = Answer.objects.get()
    assert answer.answered_by_name == "" and answer.answered_by_label == "former participant"
