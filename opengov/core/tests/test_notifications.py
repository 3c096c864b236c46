"""Notifications: at once, in a daily digest, or not at all, as each person chose; to a bare
address at once; never to a deleted account; the digest command sends one e-mail per person and
forgets what it sent; the settings page changes the choice and says so."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from opengov.accounts.models import NotificationFrequency
from opengov.accounts.privacy import delete_account
from opengov.accounts.services import set_notification_frequency
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.core.errors import DomainError
from opengov.core.models import DigestItem, OutgoingEmail
from opengov.core.notifications import absolute_url, notify, send_digests

pytestmark = pytest.mark.django_db


def _notify(user, n: int = 1) -> None:
    notify(
        to=user,
        subject=f"Your idea {n} was answered",
        body=f"The Cabinet Office answered idea {n}.",
        kind="ideas.idea.answered",
        url=f"/ideas/{n}/",
    )


@override_settings(OPENGOV_SITE_URL="https://opengov.example.org/")
def test_a_user_who_wants_each_notification_gets_an_email_with_the_link_and_settings():
    user = UserFactory(email="ana@example.org")
    _notify(user)
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["ana@example.org"]
    assert sent.subject == "Your idea 1 was answered"
    assert "The Cabinet Office answered idea 1." in sent.body
    assert "https://opengov.example.org/ideas/1/" in sent.body
    assert "https://opengov.example.org/accounts/notifications/" in sent.body
    assert not DigestItem.objects.exists()


def test_a_bare_address_gets_an_email_without_account_settings():
    notify(to=" sender@example.org ", subject="Your feedback", body="Answered.", kind="feedback")
    assert [m.to for m in mail.outbox] == [["sender@example.org"]]
    assert "/accounts/notifications/" not in mail.outbox[0].body
    notify(to="  ", subject="Nobody", body="x", kind="feedback")
    assert len(mail.outbox) == 1


def test_a_daily_digest_keeps_items_and_sends_one_email_per_person():
    ana = UserFactory(email="ana@example.org", notification_frequency=NotificationFrequency.DAILY)
    bo = UserFactory(email="bo@example.org", notification_frequency=NotificationFrequency.DAILY)
    for n in (1, 2, 3):
        _notify(ana, n)
    _notify(bo, 4)
    assert mail.outbox == []
    assert DigestItem.objects.count() == 4

    run = send_digests()

    assert (run.users, run.items) == (2, 4)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "bo@example.org"]
    body = next(m.body for m in mail.outbox if m.to == ["ana@example.org"])
    assert body.index("idea 1") < body.index("idea 2") < body.index("idea 3")
    assert "idea 4" not in body
    assert not DigestItem.objects.exists()
    assert send_digests().users == 0  # nothing is sent twice
    assert len(mail.outbox) == 2


def test_the_digest_leaves_items_made_after_the_cut_off_for_the_next_run():
    ana = UserFactory(notification_frequency=NotificationFrequency.DAILY)
    _notify(ana, 1)
    later = DigestItem.objects.create(
        recipient=ana, kind="k", subject="later", body="b", created_at=timezone.now()
    )
    send_digests(before=later.created_at - dt.timedelta(microseconds=1))
    assert list(DigestItem.objects.all()) == [later]


def test_never_sends_nothing_and_keeps_nothing():
    user = UserFactory(notification_frequency=NotificationFrequency.NEVER)
    _notify(user)
    assert mail.outbox == [] and not DigestItem.objects.exists()


def test_deleted_and_inactive_accounts_get_nothing():
    gone = UserFactory(notification_frequency=NotificationFrequency.DAILY)
    _notify(gone)
    delete_account(by=gone, user=gone, password=PASSWORD)
    assert not DigestItem.objects.filter(recipient=gone).exists()
    gone.refresh_from_db()
    _notify(gone)
    inactive = UserFactory(is_active=False)
    _notify(inactive)
    assert mail.outbox == [] and not DigestItem.objects.exists()


def test_a_notification_inside_a_rolled_back_write_is_never_sent(settings):
    """With the task queue in the database, as in production, the e-mail and its delivery task
    are rows of the caller's transaction: rolled back with it, nothing is ever sent."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = UserFactory()
    daily = UserFactory(notification_frequency=NotificationFrequency.DAILY)
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(user)
        _notify(daily)
        assert DBTaskResult.objects.count() == 1  # queued inside the transaction
        raise RuntimeError("the write failed half-way")
    assert not DigestItem.objects.exists()
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert mail.outbox == []


def test_switching_from_the_digest_to_each_notification_sends_what_waited():
    user = UserFactory(notification_frequency=NotificationFrequency.DAILY)
    _notify(user, 1)
    _notify(user, 2)
    set_notification_frequency(by=user, frequency=NotificationFrequency.IMMEDIATELY)
    assert len(mail.outbox) == 1 and "idea 2" in mail.outbox[0].body
    assert not DigestItem.objects.exists()
    _notify(user, 3)
    assert len(mail.outbox) == 2


def test_switching_to_never_drops_what_waited():
    user = UserFactory(notification_frequency=NotificationFrequency.DAILY)
    _notify(user)
    set_notification_frequency(by=user, frequency=NotificationFrequency.NEVER)
    assert mail.outbox == [] and not DigestItem.objects.exists()


def test_an_unknown_frequency_is_refused_and_changes_nothing():
    user = UserFactory()
    with pytest.raises(DomainError) as refused:
        set_notification_frequency(by=user, frequency="hourly")
    assert refused.value.field == "frequency"
    user.refresh_from_db()
    assert user.notification_frequency == NotificationFrequency.IMMEDIATELY


def test_absolute_url_keeps_full_addresses_and_joins_paths():
    with override_settings(OPENGOV_SITE_URL="https://x.example/"):
        assert absolute_url("/ideas/1/") == "https://x.example/ideas/1/"
        assert absolute_url("https://other.example/a") == "https://other.example/a"
        assert absolute_url("") == ""


def test_the_digest_command_reports_what_it_sent(capsys):
    user = UserFactory(notification_frequency=NotificationFrequency.DAILY)
    _notify(user)
    call_command("send_digests", verbosity=0)
    assert "Sent 1 digest(s) with 1 notification(s)." in capsys.readouterr().out


def test_the_settings_page_shows_the_choice_and_saves_a_new_one(client: Client):
    user = UserFactory()
    client.force_login(user)
    page = client.get("/accounts/notifications/")
    assert page.status_code == 200
    checked = re.findall(r'<input[^>]*type="radio"[^>]*>', page.content.decode())
    assert [("checked" in radio, 'value="immediately"' in radio) for radio in checked] == [
        (True, True),
        (False, False),
        (False, False),
    ]
    saved = client.post("/accounts/notifications/", {"frequency": "daily"}, follow=True)
    assert "Your notification settings are saved." in saved.content.decode()
    user.refresh_from_db()
    assert user.notification_frequency == NotificationFrequency.DAILY


def test_the_settings_page_refuses_a_bad_choice_with_a_message(client: Client):
    user = UserFactory()
    client.force_login(user)
    refused = client.post("/accounts/notifications/", {"frequency": "hourly"})
    assert refused.status_code == 200
    assert "Choose one of the options shown" in refused.content.decode()
    user.refresh_from_db()
    assert user.notification_frequency == NotificationFrequency.IMMEDIATELY


def test_the_settings_page_needs_a_sign_in(client: Client):
    response = client.get("/accounts/notifications/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
