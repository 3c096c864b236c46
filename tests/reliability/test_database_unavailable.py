"""The database locked or gone: a 503 page (JSON under /api/) with Retry-After, the cause in the
log and not on the page, and nothing half-written.

The lock and the outage are real where a test can make them so: another connection holds
SQLite's write lock, or a PostgreSQL row lock past `lock_timeout`; the connection points at a
folder or a port where there is no database. A failure half-way through a write is simulated at
the driver boundary (helpers.failing_queries: the driver's OperationalError, raised through
Django's wrapping exactly as a failing query raises it), after earlier statements succeeded."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3

import psycopg
import pytest
from django.db import InterfaceError, OperationalError, ProgrammingError, connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import path, reverse

import config.urls
from opengov.accounts.tokens import create_api_token
from opengov.action_plans.models import Commitment, ProgressUpdate
from opengov.core.error_pages import RETRY_AFTER_SECONDS, is_service_unavailable
from opengov.core.models import AuditEvent

from .helpers import UNAVAILABLE, assert_unavailable_page, failing_queries, production_options


def remember_me(request):
    request.session["seen"] = True  # saved by SessionMiddleware after the view
    return HttpResponse("ok")


urlpatterns = [path("remember/", remember_me), *config.urls.urlpatterns]
handler500 = config.urls.handler500


def update_data(text: str = "Published the draft strategy.") -> dict[str, str]:
    today = dt.date.today()
    return {
        "status": "delayed",
        "text": text,
        "reported_on_day": str(today.day),
        "reported_on_month": str(today.month),
        "reported_on_year": str(today.year),
    }


def nothing_written(commitment: Commitment, events_before: int) -> None:
    assert not ProgressUpdate.objects.filter(commitment=commitment).exists()
    assert Commitment.objects.get(pk=commitment.pk).status == commitment.status
    assert AuditEvent.objects.count() == events_before


@pytest.fixture
def signed_in_lead(production_db, lead):
    client = Client()
    client.force_login(lead)
    return client


def test_a_write_that_cannot_get_its_lock_answers_503_and_writes_nothing(
    production_db, signed_in_lead, commitment, caplog
):
    """SQLite: another process holds the write lock longer than the busy timeout. PostgreSQL:
    another transaction holds the commitment's row longer than `lock_timeout`."""
    url = reverse("action_plans:update-create", args=[commitment.pk])
    events_before = AuditEvent.objects.count()
    settings_dict = connection.settings_dict
    saved_options = settings_dict["OPTIONS"]
    if connection.vendor == "sqlite":
        settings_dict["OPTIONS"] = production_options(busy_timeout_ms=200)
        holder = sqlite3.connect(production_db, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        settings_dict["OPTIONS"] = {**saved_options, "options": "-c lock_timeout=200"}
        import psycopg

        holder = psycopg.connect(
            dbname=settings_dict["NAME"],
            user=settings_dict["USER"],
            password=settings_dict["PASSWORD"],
            host=settings_dict["HOST"],
            port=settings_dict["PORT"],
        )
        holder.execute(
            "SELECT id FROM action_plans_commitment WHERE id = %s FOR UPDATE", [commitment.pk]
        )
    connection.close()
    try:
        response = signed_in_lead.post(url, update_data())
    finally:
        holder.rollback()
        holder.close()
        settings_dict["OPTIONS"] = saved_options
        connection.close()

    assert_unavailable_page(response)
    nothing_written(commitment, events_before)
    logged = [r for r in caplog.records if r.name == "opengov.core.error_pages"]
    assert logged and logged[0].levelname == "ERROR"
    assert f"POST {url}" in logged[0].getMessage()
    # Once the lock is released the same form goes through.
    assert signed_in_lead.post(url, update_data()).status_code == 302
    assert ProgressUpdate.objects.filter(commitment=commitment).count() == 1


def test_a_database_that_is_gone_answers_503_on_pages_and_the_api(production_db, tmp_path):
    """SQLite: its file's folder is gone. PostgreSQL: nothing listens on its port."""
    settings_dict = connection.settings_dict
    key = "NAME" if connection.vendor == "sqlite" else "PORT"
    saved = settings_dict[key]
    settings_dict[key] = str(tmp_path / "gone" / "opengov.sqlite3") if key == "NAME" else "1"
    connection.close()
    try:
        page = Client().get(reverse("action_plans:plan-list"))
        api = Client().get("/api/v1/plans")
    finally:
        settings_dict[key] = saved
        connection.close()
    assert_unavailable_page(page)
    assert api.status_code == 503
    assert api["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert api.json() == {"detail": f"{UNAVAILABLE}. Try again in a few minutes."}


def test_a_failure_half_way_through_a_write_rolls_it_all_back(
    production_db, signed_in_lead, commitment
):
    """The update and the commitment's new status are written, then the audit event fails."""
    url = reverse("action_plans:update-create", args=[commitment.pk])
    events_before = AuditEvent.objects.count()
    message = (
        "database is locked"
        if connection.vendor == "sqlite"
        else "server closed the connection unexpectedly"
    )
    with (
        CaptureQueriesContext(connection) as queries,
        failing_queries(
            message, lambda sql: sql.startswith('INSERT INTO "core_auditevent"')
        ) as failed,
    ):
        response = signed_in_lead.post(url, update_data())
    assert failed, "the audit event's INSERT was reached"
    written = [q["sql"] for q in queries.captured_queries]
    assert any(sql.startswith('INSERT INTO "action_plans_progressupdate"') for sql in written)
    assert any(sql.startswith('UPDATE "action_plans_commitment"') for sql in written)
    assert_unavailable_page(response)
    nothing_written(commitment, events_before)


def test_an_api_write_answers_json_503_and_writes_nothing(production_db, lead, commitment):
    _token, raw = create_api_token(by=lead, name="test")
    events_before = AuditEvent.objects.count()
    with failing_queries(
        "database is locked",
        lambda sql: "action_plans_progressupdate" in sql and sql.startswith("INSERT"),
    ):
        response = Client().post(
            f"/api/v1/commitments/{commitment.pk}/updates",
            {"status": "delayed", "text": "Waiting for the strategy."},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {"detail": f"{UNAVAILABLE}. Try again in a few minutes."}
    nothing_written(commitment, events_before)


@pytest.mark.urls(__name__)
def test_a_failure_after_the_view_answers_503_too(production_db):
    """Saving the session happens in SessionMiddleware, after the view: the 500 handler, which
    Django calls for it, recognises the outage. The view's work may be done, so the page says to
    check rather than that nothing was saved."""
    client = Client(raise_request_exception=False)
    with failing_queries(
        "database is locked",
        lambda sql: "django_session" in sql and sql.startswith(("INSERT", "UPDATE")),
    ) as failed:
        response = client.get("/remember/")
    assert failed
    assert_unavailable_page(response, saved="check whether it was saved")


def from_driver(django_class: type[Exception], cause: Exception) -> Exception:
    """The error Django raises for the driver's `cause` (see DatabaseErrorWrapper)."""
    error = django_class(*cause.args)
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (from_driver(OperationalError, sqlite3.OperationalError("database is locked")), True),
        (from_driver(OperationalError, sqlite3.OperationalError("database or disk is full")), True),
        (
            from_driver(OperationalError, sqlite3.OperationalError("unable to open database file")),
            True,
        ),
        (from_driver(OperationalError, sqlite3.OperationalError("no such table: nothing")), False),
        (from_driver(ProgrammingError, sqlite3.ProgrammingError("bad parameter")), False),
        (from_driver(OperationalError, psycopg.OperationalError("connection refused")), True),
        (from_driver(OperationalError, psycopg.errors.LockNotAvailable("lock timeout")), True),
        (from_driver(OperationalError, psycopg.errors.DiskFull("could not extend file")), True),
        (from_driver(InterfaceError, psycopg.InterfaceError("connection already closed")), True),
        (from_driver(ProgrammingError, psycopg.errors.UndefinedTable("no relation")), False),
        (OSError(errno.ENOSPC, "No space left on device"), True),
        (OSError(errno.ENOENT, "No such file or directory"), False),
        (ValueError("bug"), False),
    ],
)
def test_only_passing_failures_count_as_unavailable(error, unavailable):
    """A bug (a missing table, bad SQL) stays a 500: a 503 would tell clients to retry it."""
    assert is_service_unavailable(error) is unavailable
