"""Feedback written at the same moment, with real threads each on its own connection (SQLite as
a WAL file, as in production, and PostgreSQL): the form sent twice at once stores one feedback;
two people answering at once give one answer, one e-mail, and the second is told."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail

from opengov.core.audit import verify_chain
from opengov.core.errors import DomainError
from opengov.core.models import AuditEvent
from opengov.feedback import services
from opengov.feedback.models import Answer, Feedback
from tests.reliability.conftest import production_db  # noqa: F401  (the fixture)
from tests.reliability.helpers import run_in_threads

pytestmark = pytest.mark.usefixtures("production_db")


def test_the_feedback_form_sent_twice_at_once_stores_one_feedback():
    token = uuid.uuid4()

    def send() -> int:
        feedback = services.submit_feedback(
            by=AnonymousUser(), subject="site", text="Twice", submission_token=token
        )
        return feedback.pk

    outcomes = run_in_threads(send, send)
    assert [o.error for o in outcomes] == [None, None]
    assert outcomes[0].value == outcomes[1].value == Feedback.objects.get().pk
    assert AuditEvent.objects.filter(verb="feedback.feedback.submitted").count() == 1


def test_two_people_answering_at_once_give_one_answer(
    secretariat, administrator, lead_organisation
):
    feedback = services.submit_feedback(
        by=AnonymousUser(), subject="site", text="Hello", contact_email="s@example.net"
    )

    def answer(by, text):
        return lambda: services.answer_feedback(
            by=by, feedback=feedback, text=text, organisation=lead_organisation
        )

    outcomes = run_in_threads(answer(secretariat, "One"), answer(administrator, "Two"))
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and isinstance(errors[0], DomainError)
    assert Answer.objects.count() == 1
    assert AuditEvent.objects.filter(verb="feedback.feedback.answered").count() == 1
    assert AuditEvent.objects.filter(verb="feedback.feedback.published").count() == 1
    assert len([m for m in mail.outbox if m.to == ["s@example.net"]]) == 1
    assert verify_chain().ok
