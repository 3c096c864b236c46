"""SQLite through its online backup API. A backup reads inside one read transaction, so a copy
taken while the app writes is one consistent snapshot; a restore writes the live database in one
transaction, so an interruption leaves the old database as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .errors import BackupError
from .manifest import DatabaseFacts, read_facts

PAYLOAD_NAME = "database.sqlite3"
MAGIC = b"SQLite format 3\x00"
# Pages copied per step: the progress bar moves between steps. The copy stays consistent however
# small this is, since every step reads the same snapshot.
PAGES_PER_STEP = 1024
BUSY_TIMEOUT_SECONDS = 20
PageProgress = Callable[[int, int], None]


def _step_reporter(progress: PageProgress | None) -> Callable[[int, int, int], None] | None:
    if progress is None:
        return None

    def report(status: int, remaining: int, total: int) -> None:
        progress(total - remaining, total)

    return report


def open_database(name: str) -> sqlite3.Connection:
    """A connection of our own to the database Django's settings name (a path or a `file:` URI,
    as Django opens it)."""
    if not name.startswith("file:") and not Path(name).is_file():
        raise BackupError(_("There is no SQLite database at %(name)s.") % {"name": name})
    return sqlite3.connect(name, uri=True, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)


def copy_database(source_name: str, target: Path, progress: PageProgress | None = None) -> None:
    """Copy the live database to the new file `target`, page by page, from one snapshot."""
    source = open_database(source_name)
    destination = sqlite3.connect(target, isolation_level=None)
    try:
        # Holding a read transaction makes every backup step read the same snapshot, so writers
        # (in WAL mode) carry on and never force the copy to start again.
        source.execute("BEGIN")
        source.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        source.backup(destination, pages=PAGES_PER_STEP, progress=_step_reporter(progress))
        source.execute("COMMIT")
        # The copy is a plain file of its own: no -wal or -shm beside it when it is opened.
        destination.execute("PRAGMA journal_mode=DELETE").fetchone()
    except sqlite3.Error as error:
        raise BackupError(
            _("The database could not be copied: %(error)s.") % {"error": error}
        ) from error
    finally:
        source.close()
        destination.close()


def facts_of(payload: Path) -> DatabaseFacts:
    """The manifest's facts, read from the copy itself."""
    connection = sqlite3.connect(payload)
    try:
        return read_facts(connection.cursor())
    except sqlite3.Error as error:
        raise BackupError(
            _("The database is not set up (%(error)s): run `opengov migrate` first.")
            % {"error": error}
        ) from error
    finally:
        connection.close()


def check_payload(payload: Path) -> None:
    """Refuse a payload that is not a sound SQLite database."""
    with payload.open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise BackupError(_("The backup's database is not an SQLite database."))
    connection = sqlite3.connect(payload)
    try:
        result = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.Error as error:
        result = [str(error)]
    finally:
        connection.close()
    if result != ["ok"]:
        raise BackupError(
            _("The backup's database is damaged: %(problem)s.") % {"problem": "; ".join(result[:3])}
        )


def restore_database(
    payload: Path, live: sqlite3.Connection, progress: PageProgress | None = None
) -> None:
    """Overwrite the live database with the payload, in one write transaction on `live`: if the
    copy stops half-way (an error, Ctrl-C) SQLite rolls it back and the old database stays."""
    source = sqlite3.connect(payload)
    try:
        source.backup(live, pages=PAGES_PER_STEP, progress=_step_reporter(progress))
    except sqlite3.Error as error:
        raise BackupError(
            _("The database could not be restored, and is unchanged: %(error)s.") % {"error": error}
        ) from error
    finally:
        source.close()


def raw_connection(connection: Any) -> sqlite3.Connection:
    """Django's own sqlite3 connection, outside any transaction (the backup API requires it)."""
    connection.ensure_connection()
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    return connection.connection
