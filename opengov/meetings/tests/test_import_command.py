"""`opengov import-notes`: the dry run's JSON and text, importing (and importing again), the
evaluation table, and clear errors with exit status 1 instead of tracebacks."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from opengov import cli
from opengov.meetings.importer import extract
from opengov.meetings.models import Meeting, NoteImport
from opengov.meetings.tests.test_imports import (  # noqa: F401 (fixtures)
    SEED,
    directory,
    nap3,
    row_counts,
)

CORPUS = Path(__file__).parent / "importer" / "corpus"
EXPECTED = CORPUS / "ogn-2016-11-10.expected.json"
SHAPE = {
    "meeting": {"title", "date"},
    "attendees": {"name", "organisation", "role"},
    "apologies": {"name", "organisation"},
    "sections": {"heading", "text", "commitment_number"},
    "commitment_updates": {"number", "title", "text"},
    "decisions": {"text"},
    "action_items": {"text", "owner", "due"},
}


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_notes", *args, stdout=out)
    return out.getvalue()


def without_unexpected_keys(actual: object, expected: object) -> object:
    """`actual` cut down to the keys `expected` has (expected files may leave out section text,
    update titles and text, and warnings)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: without_unexpected_keys(actual.get(k), v) for k, v in expected.items()}
    if isinstance(expected, list) and isinstance(actual, list) and len(actual) == len(expected):
        return [without_unexpected_keys(a, e) for a, e in zip(actual, expected, strict=True)]
    return actual


def test_dry_run_json_prints_the_extraction_of_the_seed_note(db):
    before = row_counts()
    output = run(str(SEED), "--dry-run", "--format", "json")
    data = json.loads(output)
    assert output.strip() == json.dumps(
        extract(SEED.read_bytes(), filename=SEED.name).to_json(), indent=2, ensure_ascii=False
    )
    assert list(data) == [*SHAPE, "warnings"]
    for key, fields in SHAPE.items():
        rows = [data[key]] if key == "meeting" else data[key]
        assert all(set(row) == fields for row in rows), key
    assert "’" in output  # ensure_ascii=False: the note's typography is kept
    assert row_counts() == before and not NoteImport.objects.exists()


def test_dry_run_json_matches_the_expected_extraction(db):
    if not EXPECTED.exists():
        pytest.skip("the expected extraction of the seed note is not in the corpus")
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    options = expected.pop("options", None) or {}
    args = [str(SEED), "--dry-run", "--format", "json"]
    if options.get("meeting_date"):
        args += ["--meeting-date", options["meeting_date"]]
    if options.get("series"):
        args += ["--series", options["series"]]
    actual = json.loads(run(*args))
    expected.pop("warnings", None)
    assert without_unexpected_keys(actual, expected) == expected


@pytest.mark.usefixtures("directory", "nap3")
def test_dry_run_text_shows_matches_and_saves_nothing():
    before = row_counts()
    output = run(str(SEED), "--dry-run", "--series", "OGN and Cabinet Office")
    assert "Tim Hughes – matches Tim Hughes; Involve – matches Involve" in output
    assert "Kaela Scott – new person will be created" in output
    assert "OpenUK – new organisation" in output
    assert "Series: OGN and Cabinet Office (new series will be created)" in output
    assert "4. Innovation Hub → commitment 4 (on_track)" in output
    assert "11. Better use of data assets → commitment 11 (postponed)" in output
    assert "owner: Cabinet Office – matches Cabinet Office; due: in the New Year" in output
    assert "New organisations (1): OpenUK (civil_society)" in output
    assert output.rstrip().endswith("Dry run: nothing was saved.")
    assert row_counts() == before


@pytest.mark.usefixtures("directory", "nap3")
def test_import_creates_the_meeting_then_creates_nothing_the_second_time():
    output = run(str(SEED), "--series", "OGN and Cabinet Office", "--meeting-date", "2016-11-10")
    meeting = Meeting.objects.get()
    assert f"Imported meeting {meeting.pk}" in output
    assert "21 attendees" in output and "4 action items" in output
    assert "5 progress updates" in output and "1 new organisation" in output
    assert meeting.progress_updates.first().author_name == "command line (imported from notes)"
    before = row_counts()
    again = run(str(SEED))
    assert f"Already imported as meeting {meeting.pk}" in again
    assert row_counts() == before


@pytest.mark.usefixtures("directory", "nap3")
def test_import_json_reports_the_meeting():
    data = json.loads(run(str(SEED), "--format", "json"))
    assert data["meeting"] == Meeting.objects.get().pk and data["created"] is True
    assert data["plan"]["new_organisations"] == [{"name": "OpenUK", "kind": "civil_society"}]


def test_a_refused_import_is_exit_status_1_and_writes_nothing(db, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(CommandError, match="binary") as raised:
        run(str(junk))
    assert raised.value.returncode == 1
    assert not NoteImport.objects.exists() and not Meeting.objects.exists()


def test_a_note_without_a_date_is_refused_with_a_clear_error(db, tmp_path):
    note = tmp_path / "note.md"
    note.write_text("# Catch-up\n\nWe talked.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Enter the date of the meeting"):
        run(str(note))
    assert not NoteImport.objects.exists()


def test_evaluate_prints_the_table(db):
    output = run("--evaluate", str(CORPUS))
    assert output.splitlines()[0].split() == [
        "field",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "f1",
    ]
    assert "attendees" in output and "TOTAL (micro)" in output


def test_evaluate_json(db):
    data = json.loads(run("--evaluate", str(CORPUS), "--format", "json"))
    assert isinstance(data, dict) and data


# Through the `opengov` script: exit statuses and no tracebacks --------------------------------


def opengov(capsys, *args: str) -> tuple[int, str, str]:
    try:
        cli.main(["import-notes", *args])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    else:
        code = 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_unreadable_file_is_exit_status_1_without_a_traceback(db, capsys, tmp_path):
    code, _out, err = opengov(capsys, str(tmp_path / "missing.txt"), "--dry-run")
    assert code == 1
    assert "Cannot read" in err and "missing.txt" in err
    assert "Traceback" not in err


def test_a_folder_is_exit_status_1(db, capsys, tmp_path):
    code, _out, err = opengov(capsys, str(tmp_path), "--dry-run")
    assert code == 1 and "is a folder" in err


def test_no_file_is_exit_status_1(db, capsys):
    code, _out, err = opengov(capsys)
    assert code == 1 and "Name the note" in err


def test_a_bad_meeting_date_is_a_usage_error(db, capsys):
    code, _out, err = opengov(capsys, str(SEED), "--meeting-date", "10/11/2016")
    assert code == 2 and "YYYY-MM-DD" in err


def test_evaluate_exits_0(db, capsys):
    code, out, _err = opengov(capsys, "--evaluate", str(CORPUS))
    assert code == 0 and "TOTAL (micro)" in out


def test_dry_run_of_binary_junk_gives_warnings_not_a_traceback(db, capsys):
    code, out, err = opengov(
        capsys, str(CORPUS / "binary-junk.txt"), "--dry-run", "--format", "json"
    )
    assert code == 0 and "Traceback" not in err
    assert json.loads(out)["warnings"]
