"""Sending e-mail through the task worker: `send_email` stores the message (OutgoingEmail) and
enqueues its delivery (opengov.core.tasks.deliver_email), which the worker runs, and retries when
the mail server fails. The action that sends an e-mail never waits for, or fails because of, the
mail server.

When the delivery is enqueued, so that it happens only once the caller's transaction commits:
- the database task backend (production): at once, inside the caller's transaction. The task is
  a row in the same database: it commits with the caller's writes or not at all, and no worker
  sees it before the commit;
- ImmediateBackend (development and the tests): at once; it runs the task there and then;
- any other backend: on commit (`transaction.on_commit`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db import DatabaseBackend

from .models import OutgoingEmail

TRANSACTIONAL_BACKENDS = (DatabaseBackend, ImmediateBackend)


def send_email(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    html_body: str = "",
    from_email: str = "",
    kind: str = "",
) -> OutgoingEmail:
    """Queue an e-mail for the task worker (see the module's rules). `kind` names it in the
    admin and the logs ("accounts.password_reset"); `from_email` defaults to
    DEFAULT_FROM_EMAIL when it is sent."""
    recipients = [address.strip() for address in to if address and address.strip()]
    if not recipients:
        raise ValueError("An e-mail needs at least one recipient.")
    message = OutgoingEmail.objects.create(
        kind=kind[:100],
        to=recipients,
        from_email=from_email,
        subject=" ".join(subject.split())[:998],  # a header: one line
        body=body,
        html_body=html_body,
    )
    enqueue_delivery(message)
    return message


def enqueue_delivery(message: OutgoingEmail, *, run_after: dt.datetime | None = None) -> None:
    from .tasks import deliver_email

    task = deliver_email.using(run_after=run_after) if run_after else deliver_email
    enqueue = partial(task.enqueue, str(message.pk))
    if isinstance(task.get_backend(), TRANSACTIONAL_BACKENDS):
        enqueue()
    else:
        transaction.on_commit(enqueue)
