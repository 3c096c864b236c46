"""What the reliability tests share: running functions at the same moment in real threads, a
database failure raised the way the driver raises it, and SQLite in a file as in production.

Why a file: the test suite's SQLite database is in memory, in shared-cache mode, where a second
writer fails at once with "database table is locked" instead of waiting on the busy timeout. In
production SQLite is a file in WAL mode, where writers queue (`transaction_mode="IMMEDIATE"`,
`busy_timeout`). `sqlite_file_copy` copies the test database into a file and points the default
connection, in every thread, at it, with the production options; PostgreSQL needs no such thing."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections

from opengov.core.error_pages import RETRY_AFTER_SECONDS

UNAVAILABLE = "Sorry, the service is unavailable"


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def run_in_threads(*functions: Callable[[], Any], timeout: float = 60) -> list[Outcome]:
    """Call every function at the same moment, each in its own thread and so with its own
    database connection, which the thread closes when it ends. Returns what each returned or
    raised, in order. Later supports and sign-ups use it the same way."""
    barrier = threading.Barrier(len(functions))
    outcomes = [Outcome() for _ in functions]

    def run(index: int, function: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout)
            outcomes[index].value = function()
        except BaseException as error:
            outcomes[index].error = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, function), daemon=True)
        for index, function in enumerate(functions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish in time"
    return outcomes


def driver_error(message: str, *, disk_full: bool = False) -> None:
    """Raise the database driver's OperationalError through Django's error wrapping, exactly as a
    failing query raises it (django.db.OperationalError, caused by the driver's own error).
    SQLite says a full disk in its message; psycopg has a class for it."""
    if connection.vendor == "sqlite":
        error: Exception = sqlite3.OperationalError(message)
    else:
        import psycopg

        error = (psycopg.errors.DiskFull if disk_full else psycopg.OperationalError)(message)
    with connection.wrap_database_errors:
        raise error


@contextmanager
def failing_queries(
    message: str, when: Callable[[str], bool], *, disk_full: bool = False
) -> Iterator[list[str]]:
    """Every query of this thread for which `when(sql)` is true fails with the driver's
    OperationalError(message), as a locked, lost or full database fails it. Yields the SQL of the
    queries that failed."""
    failed: list[str] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if when(sql):
            failed.append(sql)
            driver_error(message, disk_full=disk_full)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield failed


def production_options(*, busy_timeout_ms: int) -> dict[str, Any]:
    return {
        "transaction_mode": "IMMEDIATE",
        "timeout": busy_timeout_ms / 1000,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA foreign_keys=ON; PRAGMA busy_timeout={busy_timeout_ms};"
        ),
    }


@contextmanager
def sqlite_file_copy(path: Path, *, busy_timeout_ms: int = 20_000) -> Iterator[Path]:
    """Run the block on a file copy of the (committed) test database, for every thread. The
    in-memory database is kept open meanwhile, untouched, and is the default again afterwards."""
    assert connection.vendor == "sqlite"
    connection.ensure_connection()
    memory = connection.connection
    target = sqlite3.connect(path)
    memory.backup(target)
    target.close()
    settings = connection.settings_dict
    saved = settings["NAME"], settings.get("OPTIONS", {})
    connection.connection = None  # not closed: closing it would destroy the in-memory database
    settings["NAME"], settings["OPTIONS"] = (
        str(path),
        production_options(busy_timeout_ms=busy_timeout_ms),
    )
    try:
        yield path
    finally:
        connection.close()
        settings["NAME"], settings["OPTIONS"] = saved
        connection.connection = memory


def assert_unavailable_page(response: Any, *, saved: str = "it has not been saved") -> None:
    """The 503 page: Retry-After, never cached, nothing of the failure's own words."""
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert f'<h1 class="govuk-heading-l">{UNAVAILABLE}</h1>' in html
    assert saved in html
    for leak in ("Traceback", "OperationalError", "locked", "connection", "SELECT", "INSERT"):
        assert leak not in html
