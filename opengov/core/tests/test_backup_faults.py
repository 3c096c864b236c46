"""Faults half-way through `opengov backup` and `opengov restore`, on the database under test: a
full disk, Ctrl-C or SIGTERM while the file is written leaves no file; an interrupted or failing
restore leaves the old database; SQLite's copy taken while the app writes is one snapshot; and
PostgreSQL's connection settings travel in the environment, not on the command line."""

from __future__ import annotations

import errno
import os
import signal
import sqlite3
import threading
import time

import pytest
from django.db import connection

from opengov.core.audit import verify_chain
from opengov.core.backup import BackupError, archive, postgres, restore_backup
from opengov.core.backup import sqlite as sqlite_backup
from opengov.core.tests import backup_support as support
from opengov.core.tests.backup_support import (
    PAYLOAD,
    change_something,
    members,
    refusal,
    repack,
    run,
    snapshot,
)

database = support.database
some_data = support.some_data


def _disk_full():
    raise OSError(errno.ENOSPC, "No space left on device")


def _ctrl_c():
    raise KeyboardInterrupt


def _sigterm():
    """A real SIGTERM to this process, as `kill` or a scheduler's timeout sends: the command
    turns it into an interruption (without that, it would end the test run)."""
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)


class _FileThatFails:
    """A backup file that takes `room` bytes, then meets `fault` (a full disk, Ctrl-C, SIGTERM):
    the fault simulated at the one place backup files are written."""

    def __init__(self, handle, room: int, fault) -> None:
        self.handle, self.room, self.fault = handle, room, fault
        self.used = 0

    def write(self, data: bytes) -> int:
        if self.used + len(data) > self.room:
            self.fault()
        self.used += len(data)
        return self.handle.write(data)

    def __getattr__(self, name):
        return getattr(self.handle, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.handle.close()


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        (_disk_full, "the disk is full"),
        (_ctrl_c, "Interrupted: no backup file was written."),
        (_sigterm, "Interrupted: no backup file was written."),
    ],
)
def test_a_backup_that_fails_half_way_leaves_no_file_behind(
    some_data, tmp_path, monkeypatch, fault, says
):
    real_open = archive.open_for_writing
    files = []

    def fills_up(path):
        files.append(_FileThatFails(real_open(path), room=4096, fault=fault))
        return files[-1]

    monkeypatch.setattr(archive, "open_for_writing", fills_up)
    folder = tmp_path / "backups"
    folder.mkdir()

    message = refusal("backup", str(folder / "nightly.tar"), "--no-progress")

    assert says in message
    assert files and files[0].used > 0, "the backup failed before it began writing"
    assert list(folder.iterdir()) == []


def test_an_interrupted_restore_leaves_the_old_database(some_data, tmp_path, monkeypatch):
    """Ctrl-C (or a SIGTERM, which the command turns into one) once the database is being
    replaced: on SQLite the backup API rolls its write transaction back; on PostgreSQL pg_restore
    is killed and its single transaction rolled back."""
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    change_something()
    before = snapshot()
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 8)
    steps = []

    def operator_presses_ctrl_c(stage, done, total):
        if stage == "Restoring the database":
            steps.append((done, total))
            if len(steps) == 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        restore_backup(path=path, force=True, progress=operator_presses_ctrl_c)

    done, total = steps[-1]
    assert 0 < done < total, "the restore was not interrupted half-way"
    assert snapshot() == before
    assert verify_chain().ok


def test_a_postgresql_restore_failing_half_way_leaves_the_old_database(some_data, tmp_path):
    """A dump cut short with a matching checksum (as a faulty disk or copy could produce):
    pg_restore drops and recreates the tables, loads some, then fails on the missing data; its
    single transaction rolls everything back."""
    if connection.vendor != "postgresql":
        pytest.skip("pg_restore runs on PostgreSQL only")
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    dump = members(path)[PAYLOAD["postgresql"]]
    # The table of contents comes first, table data last: cutting the end loses the last table's.
    broken = repack(path, tmp_path / "broken.tar", payload=dump[:-16])
    change_something()
    before = snapshot()
    loaded = []

    with pytest.raises(BackupError) as error:
        restore_backup(
            path=broken,
            force=True,
            progress=lambda stage, done, total: loaded.append(stage),
        )

    assert "pg_restore failed" in error.value.message
    assert "end of file" in error.value.message
    assert "Restoring the database" in loaded, "pg_restore failed before it began"
    assert snapshot() == before
    assert verify_chain().ok


def test_sqlite_backup_taken_while_the_app_writes_is_one_snapshot(tmp_path, monkeypatch):
    """A real SQLite file in WAL mode, as deployed, and a writer thread that keeps adding one row
    to each of two tables per transaction while the copy runs one page per step."""
    live = tmp_path / "live.sqlite3"
    setup = sqlite3.connect(live, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE commitment (id INTEGER PRIMARY KEY, text TEXT)")
    setup.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, text TEXT)")
    for _ in range(500):
        setup.execute("BEGIN")
        setup.execute("INSERT INTO commitment (text) VALUES (?)", ["c" * 500])
        setup.execute("INSERT INTO event (text) VALUES (?)", ["e" * 500])
        setup.execute("COMMIT")
    stop, started = threading.Event(), threading.Event()
    written = []

    def app_writes():
        writer = sqlite3.connect(live, isolation_level=None, timeout=20)
        while not stop.is_set():
            writer.execute("BEGIN IMMEDIATE")
            writer.execute("INSERT INTO commitment (text) VALUES (?)", ["c" * 500])
            writer.execute("INSERT INTO event (text) VALUES (?)", ["e" * 500])
            writer.execute("COMMIT")
            written.append(1)
            started.set()
        writer.close()

    writes_at_step = []
    monkeypatch.setattr(sqlite_backup, "PAGES_PER_STEP", 1)
    thread = threading.Thread(target=app_writes)
    thread.start()
    try:
        assert started.wait(timeout=30)
        before_copy = len(written)
        sqlite_backup.copy_database(
            str(live),
            tmp_path / "copy.sqlite3",
            lambda done, total: writes_at_step.append(len(written)),
        )
    finally:
        stop.set()
        thread.join()

    assert writes_at_step[-1] > writes_at_step[0], "the app did not write during the copy"
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    commitments = copy.execute("SELECT COUNT(*) FROM commitment").fetchone()[0]
    events = copy.execute("SELECT COUNT(*) FROM event").fetchone()[0]
    assert commitments == events
    # The snapshot is the moment the copy began: nothing written after its first step is in it.
    assert 500 + before_copy <= commitments <= 500 + writes_at_step[0] + 1
    assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()
    setup.close()


def test_postgresql_connection_settings_go_in_the_environment_not_the_command_line(tmp_path):
    settings_dict = {
        "NAME": "opengov",
        "USER": "opengov",
        "PASSWORD": "s3cret-password",
        "HOST": "db.internal",
        "PORT": "5433",
        "OPTIONS": {"sslmode": "require"},
    }
    env = postgres.libpq_environment(settings_dict, {"PATH": "/usr/bin"})
    assert env == {
        "PATH": "/usr/bin",
        "PGDATABASE": "opengov",
        "PGUSER": "opengov",
        "PGPASSWORD": "s3cret-password",
        "PGHOST": "db.internal",
        "PGPORT": "5433",
        "PGSSLMODE": "require",
    }
    try:
        argv = postgres.dump_command(tmp_path / "x", "00000003-1") + postgres.restore_command(
            tmp_path / "x"
        )
    except BackupError:
        pytest.skip("PostgreSQL's client programs are not installed")
    command_line = " ".join(argv)
    for secret in ("s3cret-password", "db.internal", "5433", "sslmode", "require"):
        assert secret not in command_line
