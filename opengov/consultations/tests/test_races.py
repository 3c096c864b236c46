"""Duplicate writes at the same moment, in real threads with their own connections, on SQLite (a
WAL file, as in production) and PostgreSQL: the same comment form sent twice writes once; two
answers to one comment keep one and refuse the other; one person reporting twice reports once;
the same reply form sent twice writes one reply and sends one e-mail."""

from __future__ import annotations

import uuid

import pytest
from django.core import mail
from django.db import connection

from opengov.consultations import services
from opengov.consultations.models import Answer, Comment, CommentReport
from opengov.consultations.tests.factories import comment_on, make_consultation, paragraphs
from opengov.core.audit import verify_chain
from opengov.core.errors import DomainError
from opengov.core.models import AuditEvent
from tests.reliability.helpers import run_in_threads, sqlite_file_copy


@pytest.fixture
def production_db(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        yield None
        return
    with sqlite_file_copy(tmp_path / "opengov.sqlite3") as path:
        yield path


pytestmark = pytest.mark.usefixtures("production_db")


def test_the_same_comment_sent_twice_at_once_is_made_once(participant):
    paragraph = paragraphs(make_consultation())[0]
    token = uuid.uuid4()

    def send():
        return services.add_comment(
            by=participant, paragraph=paragraph, text="Twice?", submission_token=token
        ).pk

    outcomes = run_in_threads(send, send)
    assert [o.error for o in outcomes] == [None, None]
    assert outcomes[0].value == outcomes[1].value
    assert Comment.objects.count() == 1
    assert AuditEvent.objects.filter(verb="consultations.comment.added").count() == 1
    assert verify_chain().ok


def test_two_answers_to_one_comment_at_once_keep_one(participant, lead, government_contact):
    consultation = make_consultation(owner=lead.grants.get().organisation)
    comment = comment_on(paragraphs(consultation)[0], participant)
    outcomes = run_in_threads(
        lambda: services.answer_comment(by=lead, comment=comment, text="From the lead."),
        lambda: services.answer_comment(by=government_contact, comment=comment, text="From gov."),
    )
    errors = [o.error for o in outcomes]
    assert errors.count(None) == 1
    assert isinstance(next(e for e in errors if e is not None), DomainError)
    assert Answer.objects.count() == 1
    assert AuditEvent.objects.filter(verb="consultations.answer.given").count() == 1
    assert verify_chain().ok


def test_one_person_reporting_twice_at_once_reports_once(participant, civil_society_member):
    comment = comment_on(paragraphs(make_consultation())[0], participant)

    def report():
        return services.report_comment(by=civil_society_member, comment=comment, reason="Spam").pk

    outcomes = run_in_threads(report, report)
    assert [o.error for o in outcomes] == [None, None]
    assert CommentReport.objects.count() == 1
    assert verify_chain().ok


def test_the_same_reply_sent_twice_at_once_is_made_once(participant, civil_society_member):
    comment = comment_on(paragraphs(make_consultation())[0], participant)
    mail.outbox.clear()
    token = uuid.uuid4()

    def send():
        return services.reply_to_comment(
            by=civil_society_member, comment=comment, text="Twice?", submission_token=token
        ).pk

    outcomes = run_in_threads(send, send)
    assert [o.error for o in outcomes] == [None, None]
    assert outcomes[0].value == outcomes[1].value
    assert Comment.objects.filter(parent=comment).count() == 1
    assert AuditEvent.objects.filter(verb="consultations.comment.replied").count() == 1
    assert len(mail.outbox) == 1
    assert verify_chain().ok
