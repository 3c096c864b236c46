"""The disk full during an import or an export: a clear error, no partial records, no partial file.

The full disk is simulated where the program writes: a file stream whose writes fail with ENOSPC
once a few bytes have gone to disk (an export), an upload handler whose temporary file cannot be
written (a note uploaded), and the database driver's "disk full" error on one of an import's
INSERTs (helpers.failing_queries), after earlier statements of the same import succeeded."""

from __future__ import annotations

import builtins
import csv
import errno
import os
from pathlib import Path

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.core.management import CommandError, call_command
from django.db import connection

from opengov.action_plans.models import ActionPlan, Commitment, Member
from opengov.action_plans.ogp.columns import LAYOUT
from opengov.action_plans.tests.factories import CommitmentFactory
from opengov.action_plans.tests.test_ogp_import import DATA
from opengov.core.models import AuditEvent
from opengov.meetings.models import Meeting, NoteImport
from opengov.meetings.tests.test_import_views import (  # noqa: F401 (fixtures)
    form_data,
    preview_url,
    seed_note,
    signed_in,
    upload,
)
from opengov.meetings.tests.test_imports import (  # noqa: F401 (fixtures)
    SEED,
    SERIES,
    directory,
    nap3,
    row_counts,
    seed_bytes,
)

from .helpers import assert_unavailable_page, failing_queries

DISK_FULL = "database or disk is full"  # SQLite's words; psycopg raises DiskFull (helpers)
REAL_OPEN = builtins.open


class FullDisk:
    """A file stream on a disk with `room` characters left: the write that goes past it puts what
    fits on disk, then fails as the kernel fails it (OSError ENOSPC)."""

    def __init__(self, stream, room: int, seen: list[Path], folder: Path) -> None:
        self.stream, self.room, self.seen, self.folder = stream, room, seen, folder

    def write(self, text: str) -> int:
        if len(text) > self.room:
            self.stream.write(text[: self.room])
            self.stream.flush()
            self.seen.extend(p for p in self.folder.iterdir() if p.stat().st_size)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(text)
        return self.stream.write(text)

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.stream.__exit__(*exc)


@pytest.fixture
def full_disk(monkeypatch, tmp_path):
    """Files opened by opengov.core.files (every export to a file) land on a full disk. Yields
    the partly written files seen on disk when the write failed."""
    seen: list[Path] = []

    def open_on_full_disk(*args, **kwargs):
        return FullDisk(REAL_OPEN(*args, **kwargs), room=1000, seen=seen, folder=tmp_path)

    monkeypatch.setattr("opengov.core.files.open", open_on_full_disk, raising=False)
    return seen


def test_an_export_onto_a_full_disk_leaves_no_file(db, tmp_path, full_disk):
    CommitmentFactory.create_batch(3)
    target = tmp_path / "commitments.csv"
    with pytest.raises(CommandError) as refused:
        call_command("export_ogp", str(target))
    assert str(refused.value) == (
        f"Could not write {target}: the disk is full. "
        "Nothing was written; a file already there is unchanged."
    )
    assert full_disk, "part of the file had reached the disk"
    assert list(tmp_path.iterdir()) == []


def test_an_export_onto_a_full_disk_leaves_the_previous_file_as_it_was(db, tmp_path, full_disk):
    CommitmentFactory.create_batch(3)
    target = tmp_path / "commitments.csv"
    target.write_text("the export of yesterday\n")
    with pytest.raises(CommandError, match="the disk is full"):
        call_command("export_ogp", str(target))
    assert list(tmp_path.iterdir()) == [target]
    assert target.read_text() == "the export of yesterday\n"


def test_an_export_with_room_writes_the_whole_file(db, tmp_path):
    CommitmentFactory.create_batch(3)
    target = tmp_path / "commitments.csv"
    call_command("export_ogp", str(target), stderr=open(os.devnull, "w"))  # noqa: SIM115
    with target.open(newline="", encoding="utf-8") as stream:
        header, *rows = csv.reader(stream)
    assert header == list(LAYOUT) and len(rows) == 3
    assert list(tmp_path.iterdir()) == [target]
    assert oct(target.stat().st_mode & 0o777) == "0o644"


def ogp_file(tmp_path: Path, rows: int = 30) -> Path:
    """The first rows of OGP's real commitments export."""
    with DATA.open(newline="", encoding="utf-8") as stream:
        lines = [line for _, line in zip(range(rows + 1), csv.reader(stream), strict=False)]
    path = tmp_path / "ogp.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(lines)
    return path


def test_an_ogp_import_onto_a_full_disk_saves_nothing(db, tmp_path):
    path = ogp_file(tmp_path)
    inserts: list[str] = []

    def tenth_commitment(sql: str) -> bool:
        if sql.startswith("INSERT"):
            inserts.append(sql)
            return len(inserts) == 10
        return False

    with (
        failing_queries(DISK_FULL, tenth_commitment, disk_full=True) as failed,
        pytest.raises(CommandError) as refused,
    ):
        call_command("import_ogp", str(path), "--no-progress")
    assert failed
    message = str(refused.value)
    assert message.startswith("The file was not imported: the database could not be written (")
    assert message.endswith("). Nothing was saved.")
    assert (Member.objects.count(), ActionPlan.objects.count(), Commitment.objects.count()) == (
        0,
        0,
        0,
    )
    assert AuditEvent.objects.count() == 0


def test_a_note_import_confirmed_onto_a_full_disk_saves_nothing(signed_in, seed_note):  # noqa: F811
    data = form_data(seed_note)
    data.update({"meeting-date_day": "10", "meeting-date_month": "11", "meeting-date_year": "2016"})
    before = row_counts()
    with failing_queries(
        DISK_FULL, lambda sql: sql.startswith('INSERT INTO "meetings_actionitem"'), disk_full=True
    ) as failed:
        response = signed_in.post(preview_url(seed_note), data)
    assert failed, "the import got as far as its action items"
    assert_unavailable_page(response)
    assert row_counts() == before
    assert NoteImport.objects.get().status == NoteImport.Status.PREVIEW
    # With room again, the same confirmation imports the whole note.
    assert signed_in.post(preview_url(seed_note), data).status_code == 302
    assert Meeting.objects.get().action_items.exists()


class FullDiskUploadHandler(TemporaryFileUploadHandler):
    """An upload streamed to a temporary file on a full disk: the write fails with ENOSPC."""

    def receive_data_chunk(self, raw_data, start):
        super().receive_data_chunk(raw_data[:100], start)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_note_uploaded_onto_a_full_disk_answers_503_and_saves_nothing(
    signed_in,  # noqa: F811
    settings,
    tmp_path,
):
    settings.FILE_UPLOAD_HANDLERS = [f"{__name__}.FullDiskUploadHandler"]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    """Django keeps the partly written temporary file until the request is freed, then its
    NamedTemporaryFile deletes it; nothing of it reaches the database."""
    response = upload(signed_in, seed_bytes(), SEED.name, series=SERIES)
    assert_unavailable_page(response)
    assert not NoteImport.objects.exists()


def test_an_ogp_import_onto_an_sqlite_database_that_cannot_grow_saves_nothing(production_db):
    """A real SQLITE_FULL: the database may not grow past the pages it has (max_page_count)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own limit")
    pages = connection.cursor().execute("PRAGMA page_count").fetchone()[0]
    options = connection.settings_dict["OPTIONS"]
    saved = options["init_command"]
    options["init_command"] = f"{saved} PRAGMA max_page_count={pages + 40};"
    connection.close()
    written: list[str] = []

    def count_written(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.startswith("INSERT"):
            written.append(sql)
        return result

    path = ogp_file(production_db.parent, rows=300)
    try:
        with (
            connection.execute_wrapper(count_written),
            pytest.raises(CommandError, match=r"\(database or disk is full\)\. Nothing was saved"),
        ):
            call_command("import_ogp", str(path), "--no-progress")
    finally:
        options["init_command"] = saved
        connection.close()
    assert len(written) > 100, "much was written before the database was full"
    assert (Member.objects.count(), Commitment.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        0,
    )
