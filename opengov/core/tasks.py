"""The tasks the worker (`opengov db_worker`) runs for core, and the rules that make running one
again safe.

Delivering an e-mail (`deliver_email`, queued by opengov.core.mail.send_email):
- Idempotent. A message is sent only while its `sent_at` is empty, and `sent_at` is saved as soon
  as the mail server has accepted it, so a task that runs again (a retry, a task re-queued after
  its worker died) finds it sent and does nothing. The one gap: a worker killed after the server
  accepted the message and before `sent_at` was saved sends it again: at least once, never lost.
- Retried. django-tasks does not retry by itself: when sending fails, the task fails (its error
  is kept on the task and the message) and enqueues the next attempt with `run_after`, 1, 5 and 30
  minutes, then 2 hours later. After MAX_ATTEMPTS (5) the message is given up, logged as an
  error. A backend that cannot defer a task (ImmediateBackend) gets no retry; it logs a warning.
- No database transaction is held while the mail server is talked to.

Stalled tasks (`requeue_stalled_tasks`): django-tasks-db marks a task RUNNING when a worker
claims it, and a worker that dies leaves it RUNNING for ever. Tasks in IDEMPOTENT_TASKS that are
still RUNNING after STALLED_AFTER are made READY again for a worker to run:
`opengov requeue-stalled-tasks`, run when a worker starts and every few minutes by cron."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# The wait after attempt 1, 2, 3 and 4 fails.
RETRY_DELAYS = [
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
]
STALLED_AFTER = dt.timedelta(minutes=15)
NOTHING_TO_SEND = "nothing to send"
SENT = "sent"


@task()
def deliver_email(message_id: str) -> str:
    """Send one queued e-mail, unless it is already sent or given up (see the module's rules)."""
    message = _start_attempt(message_id)
    if message is None:
        return NOTHING_TO_SEND
    try:
        _send(message)
    except Exception as error:
        _attempt_failed(message, error)
        raise
    OutgoingEmail.objects.filter(pk=message.pk, sent_at__isnull=True).update(
        sent_at=timezone.now(), body="", html_body="", last_error=""
    )
    return SENT


IDEMPOTENT_TASKS = frozenset({deliver_email.module_path})


def _start_attempt(message_id: str) -> OutgoingEmail | None:
    with transaction.atomic():
        message = OutgoingEmail.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.sent_at or message.given_up_at:
            return None
        message.attempts += 1
        message.last_attempt_at = timezone.now()
        message.save(update_fields=["attempts", "last_attempt_at"])
    return message


def _send(message: OutgoingEmail) -> None:
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email or None,
        to=list(message.to),
    )
    if message.html_body:
        email.attach_alternative(message.html_body, "text/html")
    email.send(fail_silently=False)


def _attempt_failed(message: OutgoingEmail, error: Exception) -> None:
    """Keep the error; enqueue the next attempt after its delay, or give the message up."""
    from .mail import enqueue_delivery

    now = timezone.now()
    reason = f"{type(error).__name__}: {error}"[:2000]
    give_up = message.attempts >= MAX_ATTEMPTS
    changes: dict[str, Any] = {"last_error": reason}
    if give_up:
        changes.update(given_up_at=now, body="", html_body="")
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=message.pk).update(**changes)
        if give_up:
            logger.error(
                "Gave up sending e-mail %s (%s) after %s attempts: %s",
                message.pk,
                message.kind,
                message.attempts,
                reason,
            )
        elif not deliver_email.get_backend().supports_defer:
            logger.warning(
                "E-mail %s not sent (%s); this task backend cannot retry later.", message.pk, reason
            )
        else:
            retry_at = now + RETRY_DELAYS[message.attempts - 1]
            enqueue_delivery(message, run_after=retry_at)
            logger.warning(
                "E-mail %s not sent, attempt %s of %s (%s); next attempt at %s.",
                message.pk,
                message.attempts,
                MAX_ATTEMPTS,
                reason,
                retry_at.isoformat(),
            )


def requeue_stalled_tasks(*, older_than: dt.timedelta = STALLED_AFTER) -> int:
    """Make READY again the idempotent tasks a worker claimed more than `older_than` ago and
    never finished (it was killed). Returns how many."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - older_than
    stalled = DBTaskResult.objects.running().filter(
        task_path__in=IDEMPOTENT_TASKS, started_at__lt=cutoff
    )
    count = stalled.update(status=TaskResultStatus.READY, started_at=None)
    if count:
        logger.warning("Re-queued %s stalled task(s) claimed before %s.", count, cutoff.isoformat())
    return count
