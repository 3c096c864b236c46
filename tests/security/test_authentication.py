"""Authentication attacks: guessing passwords (sign-in and password reset throttled per account
and per client address, 429 with Retry-After), telling known from unknown e-mail addresses (the
same answers), replaying or outliving a password-reset link, and abusing API tokens (open
redirects through `next`: test_open_redirects.py).

Everything runs on the real views, forms, database and cache table; e-mail is Django's test outbox.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks_db.models import DBTaskResult

from opengov.accounts.models import RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.accounts.throttle import client_address
from opengov.accounts.tokens import create_api_token, revoke_api_token
from opengov.action_plans.models import ProgressUpdate

SIGN_IN, RESET = reverse("accounts:sign-in"), reverse("accounts:password-reset")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.org")


@pytest.fixture
def rates(settings):
    """Small limits so that a test reaches them: 3 per account, 6 per address."""
    settings.OPENGOV_SIGN_IN_RATE_PER_ACCOUNT = "3/15m"
    settings.OPENGOV_SIGN_IN_RATE_PER_ADDRESS = "6/15m"
    settings.OPENGOV_PASSWORD_RESET_RATE_PER_ACCOUNT = "2/h"
    settings.OPENGOV_PASSWORD_RESET_RATE_PER_ADDRESS = "4/h"
    return settings


def sign_in(client, email, password="wrong password", **extra):
    return client.post(SIGN_IN, {"username": email, "password": password}, **extra)


def reset(client, email, **extra):
    return client.post(RESET, {"email": email}, **extra)


def assert_throttled(response, *, most: int) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= most
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Too many attempts</h1>' in html
    assert re.search(r"You can try again in \d+ minutes?, at \d\d:\d\d\.", html)


# Throttling ------------------------------------------------------------------------------------


def test_sign_in_is_throttled_per_account_with_429_and_retry_after(client, ada, rates):
    for _ in range(3):
        assert sign_in(client, "ada@example.org").status_code == 200
    # Past the limit even the right password is refused, so guessing gains nothing.
    response = sign_in(client, "ADA@example.org ", PASSWORD)
    assert_throttled(response, most=15 * 60)
    assert "_auth_user_id" not in client.session
    # Another account from the same address is not affected.
    other = UserFactory(email="grace@example.org")
    assert sign_in(client, other.email, PASSWORD).status_code == 302


def test_sign_in_is_throttled_per_client_address(client, db, rates):
    for n in range(6):
        assert (
            sign_in(client, f"guess{n}@example.org", REMOTE_ADDR="203.0.113.9").status_code == 200
        )
    assert_throttled(sign_in(client, "fresh@example.org", REMOTE_ADDR="203.0.113.9"), most=900)
    assert sign_in(client, "fresh@example.org", REMOTE_ADDR="203.0.113.10").status_code == 200


def test_sign_in_counts_failures_only(client, ada, rates):
    for _ in range(5):
        assert sign_in(Client(), "ada@example.org", PASSWORD).status_code == 302
    assert sign_in(client, "ada@example.org", "").status_code == 200  # no attempt: not counted
    assert sign_in(client, "ada@example.org", PASSWORD).status_code == 302


def test_password_reset_is_throttled_per_account(client, ada, rates):
    assert reset(client, "ada@example.org").status_code == 302
    assert reset(client, "Ada@Example.org").status_code == 302
    assert_throttled(reset(client, "ada@example.org"), most=3600)
    assert len(mail.outbox) == 2
    assert reset(client, "grace@example.org").status_code == 302


def test_password_reset_is_throttled_per_client_address(client, ada, rates):
    for n in range(4):
        assert (
            reset(client, f"someone{n}@example.org", REMOTE_ADDR="198.51.100.7").status_code == 302
        )
    assert_throttled(reset(client, "ada@example.org", REMOTE_ADDR="198.51.100.7"), most=3600)
    assert mail.outbox == []


def test_the_counters_live_in_a_store_every_worker_shares(client, db, rates):
    """A second cache object, as another gunicorn worker builds it, reads the same counter: the
    throttle cache is a database table (Redis when REDIS_URL is set), never per-process memory."""
    assert isinstance(caches["throttle"], BaseDatabaseCache)
    for n in range(2):
        sign_in(client, "ada@example.org")
    table = connection.ops.quote_name(caches["throttle"]._table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table}")
        assert cursor.fetchone()[0] == 2  # one counter per account, one per address
    caches.close_all()
    del caches["throttle"]  # a fresh backend object, as in another process
    sign_in(client, "ada@example.org")
    assert_throttled(sign_in(client, "ada@example.org", PASSWORD), most=900)


@pytest.mark.django_db(transaction=True)
def test_throttle_cache_counts_every_increment_from_parallel_workers(settings):
    """Eight threads, each with its own database connection, increment one counter at once:
    no increment is lost (Django's own DatabaseCache.incr reads, then writes)."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "SQLite's in-memory test database shares one cache between connections, with table "
            "locks that fail at once instead of waiting (a file database, as deployed, waits)"
        )
    cache = caches["throttle"]
    cache.add("parallel", 0, 60)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                caches["throttle"].incr("parallel")
        except BaseException as error:  # reported below: a thread's failure must fail the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get("parallel") == 40
    cache.clear()


def test_client_address_is_remote_addr_unless_a_proxy_header_is_configured(rf, settings):
    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.77")
    settings.OPENGOV_CLIENT_IP_HEADER = ""
    assert client_address(request) == "192.0.2.1"  # a client cannot pick its address by header
    settings.OPENGOV_CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_address(request) == "192.0.2.77"  # the entry the trusted proxy appended
    ipv6 = rf.get("/", REMOTE_ADDR="2001:db8:1:2:3:4:5:6")
    assert client_address(ipv6) == "2001:db8:1:2::"


def test_a_forged_forwarded_for_header_does_not_escape_the_throttle(client, db, rates):
    for n in range(6):
        sign_in(client, f"guess{n}@example.org", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert sign_in(client, "x@example.org", HTTP_X_FORWARDED_FOR="10.0.1.1").status_code == 429


# The same answers for known and unknown addresses ----------------------------------------------


class CountingHasher(MD5PasswordHasher):
    """The test settings' hasher, counting its work: the slow step of checking a password."""

    algorithm = "md5"
    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


def normalised(response, email: str) -> str:
    """The page without its CSRF token, the address typed and the time to wait (which depends on
    the address typed, not on whether an account has it)."""
    html = CSRF_INPUT.sub("", response.content.decode()).replace(email, "EMAIL")
    return re.sub(r"try again in \d+ minutes?, at \d\d:\d\d", "try again", html)


@pytest.mark.parametrize("known", ["ada@example.org", "closed@example.org"])
def test_sign_in_failure_answers_alike_for_known_and_unknown_addresses(
    client, ada, settings, monkeypatch, known
):
    # The counters' clock stands still: a counter's window that ended between reading it and
    # counting the failure would start a fresh counter, with fewer queries, whatever the address.
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))
    UserFactory(email="closed@example.org", is_active=False)  # right password, closed account
    password = "wrong password" if known == "ada@example.org" else PASSWORD
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    answers = []
    tries = [(known, password, "192.0.2.1"), ("nobody@example.org", "wrong password", "192.0.2.2")]
    for email, secret, address in tries:
        CountingHasher.calls = 0
        with CaptureQueriesContext(connection) as queries:
            response = sign_in(Client(), email, secret, REMOTE_ADDR=address)
        answers.append(
            (response.status_code, normalised(response, email), CountingHasher.calls, len(queries))
        )
    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and answers[0][2] == 1  # one hash each: the same time spent


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, ada, rates):
    rates.OPENGOV_PASSWORD_RESET_RATE_PER_ADDRESS = "100/h"
    UserFactory(email="closed@example.org", is_active=False)
    answers = []
    for email in ["ada@example.org", "nobody@example.org", "closed@example.org"]:
        response = reset(Client(), email)
        page = Client().get(response["Location"])
        answers.append((response.status_code, response["Location"], normalised(page, email)))
    assert answers[0] == answers[1] == answers[2]
    assert [m.to for m in mail.outbox] == [["ada@example.org"]]
    throttled = [
        reset(Client(), e) for e in ["ada@example.org", "nobody@example.org"] for _ in "12"
    ]
    assert [r.status_code for r in throttled] == [302, 429, 302, 429]  # per account, alike
    assert normalised(throttled[1], "x") == normalised(throttled[3], "x")


def test_a_password_reset_answer_does_not_wait_for_the_mail_server(client, ada, settings):
    """With the task backend deployments use, the request only queues the e-mail: the answer for
    a known address costs two small inserts more than for an unknown one, not a mail delivery."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queued = DBTaskResult.objects.count()
    assert reset(client, "nobody@example.org").status_code == 302
    assert DBTaskResult.objects.count() == queued
    assert reset(client, "ada@example.org").status_code == 302
    assert DBTaskResult.objects.count() == queued + 1
    assert mail.outbox == []


# Password-reset links -----------------------------------------------------------------------


def reset_link(email: str) -> str:
    body = mail.outbox[-1].body
    return re.search(r"https?://testserver(/accounts/password-reset/\S+/)", body).group(1)


def choose_password(client, link: str, password: str = "a brand new passphrase"):
    form = client.get(link, follow=True)
    target = form.redirect_chain[-1][0] if form.redirect_chain else link
    return client.post(target, {"new_password1": password, "new_password2": password})


def test_a_password_reset_link_works_once(client, ada):
    other_session = Client()
    other_session.force_login(ada)
    reset(client, "ada@example.org")
    link = reset_link("ada@example.org")
    assert choose_password(client, link).url == reverse("accounts:password-reset-complete")
    ada.refresh_from_db()
    assert ada.check_password("a brand new passphrase")
    # The same link again: refused, and the password stays the one chosen.
    again = Client().get(link, follow=True)
    assert "This link has expired" in again.content.decode()
    assert choose_password(Client(), link, "another passphrase 2").status_code == 200
    ada.refresh_from_db()
    assert ada.check_password("a brand new passphrase")
    # Sessions opened with the old password have ended.
    assert "_auth_user_id" not in other_session.get("/").wsgi_request.session


class PastTokens(PasswordResetTokenGenerator):
    def __init__(self, ago: dt.timedelta) -> None:
        super().__init__()
        self.ago = ago

    def _now(self):
        return dt.datetime.now() - self.ago


@pytest.mark.parametrize(("hours", "works"), [(2.9, True), (3.1, False)])
def test_a_password_reset_link_expires_after_password_reset_timeout(client, ada, hours, works):
    """A link made `hours` ago, with the site's key and PASSWORD_RESET_TIMEOUT of three hours."""
    token = PastTokens(dt.timedelta(hours=hours)).make_token(ada)
    uid = urlsafe_base64_encode(force_bytes(ada.pk))
    link = reverse("accounts:password-reset-confirm", args=[uid, token])
    choose_password(client, link)
    ada.refresh_from_db()
    assert ada.check_password("a brand new passphrase") is works


def test_a_reset_token_does_not_open_another_account(client, ada):
    grace = UserFactory(email="grace@example.org")
    token = PasswordResetTokenGenerator().make_token(ada)
    link = reverse(
        "accounts:password-reset-confirm",
        args=[urlsafe_base64_encode(force_bytes(grace.pk)), token],
    )
    choose_password(client, link)
    grace.refresh_from_db()
    assert grace.check_password(PASSWORD)


# API tokens ------------------------------------------------------------------------------------


def api_post_update(raw: str, commitment):
    return Client().post(
        f"/api/v1/commitments/{commitment.pk}/updates",
        data=json.dumps({"status": "on_track", "text": "On track."}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )


def test_an_api_token_can_do_what_its_owner_may_and_no_more(
    commitment, lead, other_lead, participant
):
    assert api_post_update(create_api_token(by=lead, name="t")[1], commitment).status_code == 201
    for user in (other_lead, participant):
        assert (
            api_post_update(create_api_token(by=user, name="t")[1], commitment).status_code == 403
        )
    assert ProgressUpdate.objects.count() == 1


def test_an_api_token_loses_what_its_owner_loses(commitment, lead):
    _token, raw = create_api_token(by=lead, name="t")
    RoleGrant.objects.filter(user=lead).delete()
    assert api_post_update(raw, commitment).status_code == 403
    lead.is_active = False
    lead.save()
    assert api_post_update(raw, commitment).status_code == 401
    assert not ProgressUpdate.objects.exists()


def test_a_revoked_api_token_stops_at_once_and_others_go_on(commitment, lead):
    token, raw = create_api_token(by=lead, name="old")
    _other, other_raw = create_api_token(by=lead, name="new")
    revoke_api_token(by=lead, token=token)
    assert api_post_update(raw, commitment).status_code == 401
    read = Client().get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert read.status_code == 401
    assert api_post_update(other_raw, commitment).status_code == 201


def test_what_is_stored_of_an_api_token_does_not_open_the_api(commitment, lead):
    token, raw = create_api_token(by=lead, name="t")
    for stolen in (token.token_hash, token.prefix, raw.upper(), raw[:-1]):
        assert api_post_update(stolen, commitment).status_code == 401
    query = Client().post(f"/api/v1/commitments/{commitment.pk}/updates?token={raw}", {})
    assert query.status_code == 401


def test_an_api_token_does_not_open_the_site_s_pages(client, commitment, lead):
    _token, raw = create_api_token(by=lead, name="t")
    page = reverse("action_plans:update-create", args=[commitment.pk])
    response = client.get(page, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 302 and response.url.startswith(SIGN_IN)
