"""E-mail through the task worker: the action that sends it succeeds whatever the mail server
does; a failed sending is retried, with a back-off and a bounded number of attempts; a worker
killed mid-task leaves the task to run again without sending twice; nothing is queued for a
change that was rolled back.

The worker is django-tasks-db's own: `run_worker` runs its `Worker.run` loop in batch mode (every
task that is due, then return), `claim_like_a_killed_worker` its claiming step alone, leaving
the task as a worker killed at that moment leaves it. The mail server's failure is simulated at
the boundary, by an e-mail backend that raises as smtplib does; e-mail otherwise goes to Django's
test outbox. Time passing is simulated by moving a task's `run_after` or `started_at`."""

from __future__ import annotations

import datetime as dt
import logging
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from opengov.accounts.tests.factories import UserFactory
from opengov.core.mail import send_email
from opengov.core.models import OutgoingEmail
from opengov.core.tasks import MAX_ATTEMPTS, NOTHING_TO_SEND, RETRY_DELAYS, SENT

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAILING = f"{__name__}.RefusingMailServer"
WORKING = "django.core.mail.backends.locmem.EmailBackend"


class RefusingMailServer(BaseEmailBackend):
    """A mail server that refuses connections: sending raises, as smtplib does."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def database_tasks(settings, production_db):
    """Tasks stored in the database for a worker, as in production."""
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = WORKING


def run_worker() -> None:
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def claim_like_a_killed_worker() -> DBTaskResult:
    ready = DBTaskResult.objects.ready()
    with exclusive_transaction(ready.db):
        claimed = ready.get_locked()
        assert claimed is not None
        claimed.claim("killed-worker")
    return claimed


def requeue() -> str:
    out = StringIO()
    call_command("requeue_stalled_tasks", stdout=out)
    return out.getvalue().strip()


def move_clock_to_retries() -> None:
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())


def statuses() -> list[str]:
    return list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))


def queue_one() -> OutgoingEmail:
    return send_email(
        to=["ada@example.org"], subject="Your update", body="It is published.", kind="test"
    )


def request_password_reset() -> None:
    UserFactory(email="ada@example.org")
    response = Client().post(reverse("accounts:password-reset"), {"email": "ada@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password-reset-done")


def test_a_password_reset_is_queued_and_the_worker_sends_it(database_tasks):
    request_password_reset()
    assert mail.outbox == []  # the request only queued it
    assert statuses() == ["READY"]
    run_worker()
    assert statuses() == ["SUCCESSFUL"]
    [sent] = mail.outbox
    assert sent.to == ["ada@example.org"]
    link = re.search(r"https?://testserver(/accounts/password-reset/\S+/)", sent.body).group(1)
    assert Client().get(link).status_code == 302  # the link works
    message = OutgoingEmail.objects.get()
    assert message.sent_at is not None and message.attempts == 1
    assert message.body == ""  # the reset link is not kept once sent


def test_the_mail_server_failing_does_not_fail_the_reset_and_it_is_retried(
    database_tasks, settings
):
    settings.EMAIL_BACKEND = FAILING
    request_password_reset()  # the user's action succeeds
    run_worker()
    failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
    assert failed.exception_class_path == "builtins.ConnectionRefusedError"
    message = OutgoingEmail.objects.get()
    assert (message.attempts, message.sent_at) == (1, None)
    assert "ConnectionRefusedError" in message.last_error
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    wait = retry.run_after - failed.finished_at
    assert RETRY_DELAYS[0] - dt.timedelta(seconds=5) < wait <= RETRY_DELAYS[0]
    run_worker()  # not due yet: nothing runs
    assert statuses() == ["FAILED", "READY"] and mail.outbox == []

    settings.EMAIL_BACKEND = WORKING  # the mail server is back
    move_clock_to_retries()
    run_worker()
    assert statuses() == ["FAILED", "SUCCESSFUL"]
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    message.refresh_from_db()
    assert (message.attempts, message.last_error) == (2, "")


def test_retries_back_off_and_stop_after_the_last_attempt(database_tasks, settings, caplog):
    settings.EMAIL_BACKEND = FAILING
    message = queue_one()
    waits = []
    for _attempt in range(MAX_ATTEMPTS):
        run_worker()
        retry = DBTaskResult.objects.filter(status=TaskResultStatus.READY).first()
        if retry is not None:
            waits.append(retry.run_after - timezone.now())
        move_clock_to_retries()
    assert [round(w / dt.timedelta(minutes=1)) for w in waits] == [1, 5, 30, 120]
    assert statuses() == ["FAILED"] * MAX_ATTEMPTS
    message.refresh_from_db()
    assert message.attempts == MAX_ATTEMPTS and message.given_up_at is not None
    assert message.sent_at is None and message.body == ""
    assert mail.outbox == []
    gave_up = [r for r in caplog.records if r.getMessage().startswith("Gave up sending")]
    assert len(gave_up) == 1 and gave_up[0].levelno == logging.ERROR
    run_worker()
    assert len(statuses()) == MAX_ATTEMPTS  # no further attempt


def test_a_worker_killed_before_sending_leaves_the_task_to_run_again(database_tasks):
    message = queue_one()
    claimed = claim_like_a_killed_worker()  # ... and the worker dies
    run_worker()
    assert statuses() == ["RUNNING"] and mail.outbox == []  # no one else runs a claimed task
    assert requeue() == "Re-queued 0 stalled task(s)."  # claimed a moment ago: may be running

    DBTaskResult.objects.filter(pk=claimed.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=16)
    )
    assert requeue() == "Re-queued 1 stalled task(s)."
    run_worker()
    assert statuses() == ["SUCCESSFUL"]
    assert DBTaskResult.objects.get().return_value == SENT
    assert [m.subject for m in mail.outbox] == ["Your update"]
    message.refresh_from_db()
    assert message.sent_at is not None


def test_a_worker_killed_after_sending_does_not_send_it_twice(database_tasks):
    queue_one()
    claimed = claim_like_a_killed_worker()
    # The worker runs the task's function, the mail server takes the message, then the worker
    # dies before recording the task's result.
    assert claimed.task.call(*claimed.task_result.args) == SENT
    DBTaskResult.objects.filter(pk=claimed.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=16)
    )
    requeue()
    run_worker()
    assert statuses() == ["SUCCESSFUL"]
    assert DBTaskResult.objects.get().return_value == NOTHING_TO_SEND
    assert len(mail.outbox) == 1


def test_only_idempotent_tasks_are_requeued(database_tasks):
    long_ago = timezone.now() - dt.timedelta(hours=1)
    other = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="opengov.somewhere.export_everything",
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=long_ago,
    )
    requeue()
    other.refresh_from_db()
    assert other.status == TaskResultStatus.RUNNING


def test_an_email_queued_in_a_change_that_is_rolled_back_is_never_sent(database_tasks):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_one()
        raise RuntimeError("the change fails after queueing its e-mail")
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()
    run_worker()
    assert mail.outbox == []


def test_a_backend_outside_the_database_gets_the_task_on_commit(settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    with transaction.atomic():
        message = queue_one()
        assert backend.results == []  # not before the commit
    assert [r.args for r in backend.results] == [[str(message.pk)]]


def test_with_the_immediate_backend_a_refusing_mail_server_does_not_fail_the_reset(
    db, settings, caplog
):
    """Development and the test suite run tasks in-process: the failure is kept, not raised."""
    settings.EMAIL_BACKEND = FAILING
    request_password_reset()
    message = OutgoingEmail.objects.get()
    assert (message.attempts, message.sent_at) == (1, None)
    assert "ConnectionRefusedError" in message.last_error
    assert any("cannot retry later" in r.getMessage() for r in caplog.records)
