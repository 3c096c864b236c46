"""The command line: `--dry-run --format json` prints the documented shape; `--evaluate`."""

from __future__ import annotations

import json
from pathlib import Path

from opengov.meetings.importer.cli import main

CORPUS = Path(__file__).parent / "corpus"


def test_dry_run_json(capsys):
    assert main([str(CORPUS / "ogn-2016-11-10.txt"), "--dry-run", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["meeting"]["date"] == "2016-11-10"
    assert len(data["attendees"]) == 21


def test_meeting_date_option_wins(capsys):
    main([str(CORPUS / "ogn-2016-11-10.txt"), "--dry-run", "--format", "json",
          "--meeting-date", "2016-11-09"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["meeting"]["date"] == "2016-11-09"
    assert data["action_items"][0]["due"] == "2016-11-28"


def test_text_summary_and_missing_file(capsys, tmp_path):
    assert main([str(CORPUS / "empty.txt"), "--dry-run"]) == 0
    assert "Warning: The note is empty" in capsys.readouterr().out
    assert main([str(tmp_path / "nope.txt"), "--dry-run"]) == 2
    assert "Cannot read" in capsys.readouterr().out


def test_evaluate_prints_the_table(capsys):
    assert main(["--evaluate", str(CORPUS)]) == 0
    assert "TOTAL (micro)" in capsys.readouterr().out
