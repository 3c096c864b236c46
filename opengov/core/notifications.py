"""Notifications by e-mail: what services call when something happens that a person follows (their
idea was answered, a nomination awaits their acceptance, their feedback has an answer).

`notify(to=…, subject=…, body=…, kind=…, url=…)`, called inside the service's transaction:
- to a user: as they chose (accounts.User.notification_frequency): an e-mail at once, an item of
  their daily digest, or nothing. Deleted and inactive accounts get nothing.
- to a bare e-mail address (a feedback sender's contact address): an e-mail at once.

E-mails go through opengov.core.mail.send_email (the task worker sends them; they commit or roll
back with the caller's writes). Digests: `opengov send_digests`, run once a day (docs/deploy.md),
sends each user's items as one e-mail and deletes them in the same transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .mail import send_email
from .models import DigestItem


def absolute_url(path: str) -> str:
    """A site path as the address people can follow from an e-mail (OPENGOV_SITE_URL)."""
    if not path or path.startswith(("http://", "https://")):
        return path
    return settings.OPENGOV_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def notify(*, to: Any, subject: str, body: str, kind: str, url: str = "") -> None:
    """Tell `to` (a user, or an e-mail address) that something happened; see the module."""
    link = absolute_url(url)
    if isinstance(to, str):
        if to.strip():
            _send(to.strip(), subject, body, link, kind, user=None)
        return
    from opengov.accounts.models import NotificationFrequency

    if to is None or not to.is_active or to.is_erased:
        return
    frequency = to.notification_frequency
    if frequency == NotificationFrequency.NEVER:
        return
    if frequency == NotificationFrequency.DAILY:
        DigestItem.objects.create(
            recipient=to, kind=kind[:100], subject=subject[:998], body=body, url=link
        )
        return
    _send(to.email, subject, body, link, kind, user=to)


def _send(address: str, subject: str, body: str, link: str, kind: str, *, user: Any) -> None:
    text = render_to_string(
        "core/email/notification.txt",
        {"body": body.strip(), "link": link, "user": user, **_footer_context(user)},
    )
    send_email(to=[address], subject=subject, body=text, kind=kind)


def _footer_context(user: Any) -> dict[str, str]:
    return {
        "site_name": settings.OPENGOV_SITE_NAME,
        "settings_url": absolute_url("/accounts/notifications/") if user is not None else "",
    }


@dataclass(frozen=True)
class DigestRun:
    users: int
    items: int


def _recipients(before: dt.datetime) -> Iterator[int]:
    yield from (
        DigestItem.objects.filter(created_at__lt=before)
        .order_by("recipient_id")
        .values_list("recipient_id", flat=True)
        .distinct()
        .iterator()
    )


def send_digests(
    *, before: dt.datetime | None = None, progress: Callable[[int], Any] | None = None
) -> DigestRun:
    """Send every user's waiting digest items (created before `before`, default now) as one
    e-mail each, and delete them, user by user, each in its own transaction: a failure leaves
    the users not yet reached to the next run, and none gets an item twice."""
    from opengov.accounts.models import User

    before = before or timezone.now()
    users = items = 0
    for user_id in list(_recipients(before)):
        with transaction.atomic():
            user = User.objects.select_for_update().get(pk=user_id)
            sent = send_digests_for(user, before=before)
        users, items = users + (sent > 0), items + sent
        if progress is not None:
            progress(1)
    return DigestRun(users=users, items=items)


def send_digests_for(user: Any, *, before: dt.datetime | None = None) -> int:
    """Send `user`'s waiting items (before `before`) as one e-mail and delete them; the number
    sent. Call inside a transaction."""
    from opengov.accounts.models import NotificationFrequency

    waiting = list(
        DigestItem.objects.select_for_update()
        .filter(recipient=user, created_at__lt=before or timezone.now())
        .order_by("created_at", "pk")
    )
    if not waiting:
        return 0
    DigestItem.objects.filter(pk__in=[item.pk for item in waiting]).delete()
    if not user.is_active or user.is_erased:
        return 0
    if user.notification_frequency == NotificationFrequency.NEVER:
        return 0
    text = render_to_string(
        "core/email/digest.txt", {"items": waiting, "user": user, **_footer_context(user)}
    )
    subject = _("%(site)s: %(count)d notification(s) since the last digest") % {
        "site": settings.OPENGOV_SITE_NAME,
        "count": len(waiting),
    }
    send_email(to=[user.email], subject=subject, body=text, kind="core.digest")
    return len(waiting)
