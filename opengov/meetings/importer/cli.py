"""The importer's command line, shared by `python -m opengov.meetings.importer` and the
`opengov import-notes` management command (which passes its options to `run`):

    import-notes FILE --dry-run [--format json|text] [--meeting-date YYYY-MM-DD] [--series NAME]
    import-notes --evaluate DIR [--format json|text]

`--dry-run` prints what would be imported and writes nothing; this module never touches the
database. `--evaluate` compares the extractor with a corpus of expected JSON files."""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path
from typing import TextIO

from . import extract
from .evaluate import evaluate_dir, format_table


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help="the note: .txt, .md, .html or .docx")
    parser.add_argument("--dry-run", action="store_true", help="print the extraction only")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--meeting-date", type=_date, help="the meeting's date, YYYY-MM-DD")
    parser.add_argument("--series", help="the meeting series (the title when the note has none)")
    parser.add_argument("--evaluate", metavar="DIR", help="measure against a corpus folder")


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from exc


def run(options: argparse.Namespace, out: TextIO) -> int:
    """Carry out the parsed options; the exit status (0 success, 2 bad usage)."""
    if options.evaluate:
        report = evaluate_dir(options.evaluate)
        if options.format == "json":
            out.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
        else:
            out.write(format_table(report) + "\n")
        return 0
    if not options.file:
        out.write("Give a note to read, or --evaluate DIR.\n")
        return 2
    path = Path(options.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.write(f"Cannot read {path}: {exc.strerror or exc}\n")
        return 2
    result = extract(data, filename=path.name, meeting_date=options.meeting_date,
                     series=options.series).to_json()  # fmt: skip
    if options.format == "json":
        out.write(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    else:
        out.write(summary(result) + "\n")
    if not options.dry_run:
        out.write("Nothing was saved: this command previews (--dry-run); confirm in the web "
                  "preview to create the meeting.\n")  # fmt: skip
    return 0


def summary(result: dict) -> str:
    """A short human-readable account of an extraction."""
    meeting = result["meeting"]
    lines = [f"Title: {meeting['title'] or '—'}", f"Date: {meeting['date'] or '—'}"]
    lines.append(f"Attendees ({len(result['attendees'])}):")
    lines += [f"  {a['name']}" + (f", {a['organisation']}" if a["organisation"] else "")
              + (f" [{a['role']}]" if a["role"] != "attendee" else "")
              for a in result["attendees"]]  # fmt: skip
    lines.append(f"Apologies ({len(result['apologies'])}): "
                 + "; ".join(a["name"] for a in result["apologies"]))  # fmt: skip
    lines.append("Sections: " + " | ".join(str(s["heading"]) for s in result["sections"]))
    lines += [f"Commitment {u['number']}: {u['title'] or ''}" for u in result["commitment_updates"]]
    lines += [f"Decision: {d['text']}" for d in result["decisions"]]
    lines += [f"Action: {a['text']} (owner: {a['owner'] or '—'}; due: {a['due'] or '—'})"
              for a in result["action_items"]]  # fmt: skip
    lines += [f"Warning: {w}" for w in result["warnings"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="import-notes", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv), sys.stdout)
