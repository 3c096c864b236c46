"""`opengov import-notes FILE [--meeting-date YYYY-MM-DD] [--series NAME] [--dry-run]
[--format json|text]`: import a meeting note (text, Markdown, HTML or .docx) as a meeting, or with
--dry-run show what would be imported. `--evaluate DIR` scores the importer against a folder of
notes and their expected extractions."""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError, transaction

from opengov.core.actors import SystemActor
from opengov.core.errors import DomainError
from opengov.meetings.importer.evaluate import evaluate_dir, format_table
from opengov.meetings.importer_matching import ImportPlan, plan_import
from opengov.meetings.models import Meeting
from opengov.meetings.services.imports import (
    MAX_NOTE_BYTES,
    check_note_file,
    confirm_note_import,
    preview_note,
    read_note,
)

COMMAND_LINE = SystemActor("command line")


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date as YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "Import a meeting note (text, Markdown, HTML or Word .docx) as a meeting."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="The note: .txt, .md, .html or .docx.")
        parser.add_argument("--meeting-date", type=iso_date, help="The meeting's date, YYYY-MM-DD.")
        parser.add_argument("--series", default="", help="The meeting series (created if new).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; save nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--evaluate",
            metavar="DIR",
            help="Score the importer on DIR's notes against their *.expected.json files.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["evaluate"]:
            self.evaluate(Path(options["evaluate"]), options["format"])
            return
        if not options["file"]:
            raise CommandError("Name the note to import (or give --evaluate DIR).", returncode=1)
        path = Path(options["file"])
        data = self.read(path)
        date, series = options["meeting_date"], options["series"]
        if options["dry_run"]:
            self.dry_run(data, path.name, date, series, options["format"])
        else:
            self.run_import(data, path.name, date, series, options["format"])

    def read(self, path: Path) -> bytes:
        try:
            if path.is_dir():
                raise IsADirectoryError(f"{path} is a folder")
            if path.stat().st_size > 5 * MAX_NOTE_BYTES:
                raise CommandError(f"{path} is too large to be a meeting note.", returncode=1)
            return path.read_bytes()
        except OSError as error:
            reason = error.strerror or str(error)
            raise CommandError(f"Cannot read {path}: {reason}", returncode=1) from None

    def dry_run(self, data: bytes, name: str, date: dt.date | None, series: str, fmt: str) -> None:
        try:
            _text, extraction = read_note(data, name, date, series)
        except DomainError as error:
            raise CommandError(error.message, returncode=1) from None
        if fmt == "json":
            self.stdout.write(json.dumps(extraction, indent=2, ensure_ascii=False))
            return
        self.stdout.write(describe_plan(plan_import(extraction, series_name=series)))
        self.stdout.write("Dry run: nothing was saved.")

    def run_import(
        self, data: bytes, name: str, date: dt.date | None, series: str, fmt: str
    ) -> None:
        existing = Meeting.objects.filter(import_key=hashlib.sha256(data).hexdigest()).first()
        if existing is not None:
            self.stdout.write(
                json.dumps({"meeting": existing.pk, "created": False})
                if fmt == "json"
                else f"Already imported as meeting {existing.pk}: {existing}. Nothing new."
            )
            return
        try:
            check_note_file(data, name)
            with transaction.atomic():  # a refused import leaves no preview behind either
                note = preview_note(
                    by=COMMAND_LINE, data=data, filename=name, meeting_date=date, series_name=series
                )
                plan = plan_import(note.extraction, series_name=series)
                meeting = confirm_note_import(
                    by=COMMAND_LINE, note_import=note, extraction=note.extraction
                )
        except DomainError as error:
            message = f"The note was not imported: {error.message}"
            raise CommandError(message, returncode=1) from None
        except OperationalError as error:  # locked, gone or full: the import was rolled back
            message = (
                f"The note was not imported: the database could not be written ({error}). "
                "Nothing was saved."
            )
            raise CommandError(message, returncode=1) from None
        if fmt == "json":
            result = {"meeting": meeting.pk, "created": True, "plan": plan.to_json()}
            self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
            return
        self.stdout.write(describe_created(meeting, plan))

    def evaluate(self, folder: Path, fmt: str) -> None:
        """Precision and recall of the extractor, per field, over a folder of notes beside their
        NAME.expected.json files."""
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder.", returncode=1)
        report = evaluate_dir(folder)
        if fmt == "json":
            self.stdout.write(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(format_table(report))


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def describe_plan(plan: ImportPlan) -> str:
    """What importing would do, for a person to read: each name's match, each record to create."""
    date = f"{plan.date:%-d %B %Y}" if plan.date else "date not found"
    lines = [f"Meeting: {plan.title or '(no title found)'} ({date})"]
    if plan.series_name:
        state = "new series will be created" if plan.new_series else "existing series"
        lines.append(f"Series: {plan.series_name} ({state})")
    lines.append(f"Action plan: {plan.plan.title if plan.plan else 'none current'}")
    for label, apologies in (("Attendees", False), ("Apologies", True)):
        rows = [row for row in plan.attendees if row.sent_apologies == apologies]
        lines += ["", f"{label} ({len(rows)}):"]
        for row in rows:
            text = f"  {row.name} – {row.person.label()}"
            if row.organisation.written:
                text += f"; {row.organisation.written} – {row.organisation.label()}"
            if not apologies and row.role != "attendee":
                text += f" [{row.role}]"
            lines.append(text)
    lines += ["", f"Sections ({len(plan.sections)}):"]
    lines += [f"  {row.heading or '(no heading)'}" for row in plan.sections]
    lines += ["", f"Commitment updates ({len(plan.updates)}):"]
    for update in plan.updates:
        target = (
            f"commitment {update.commitment.number} ({update.status})"
            if update.commitment
            else "no commitment: kept as minutes text"
        )
        lines.append(f"  {update.number}. {update.title or ''} → {target}")
    lines += ["", f"Decisions ({len(plan.decisions)}):"]
    lines += [f"  {text}" for text in plan.decisions]
    lines += ["", f"Action items ({len(plan.actions)}):"]
    for action in plan.actions:
        owner = f"{action.owner.written} – {action.owner.label()}" if action.owner.written else "–"
        lines.append(f"  {action.text}\n    owner: {owner}; due: {action.due or '–'}")
    new_people, new_orgs = plan.new_people(), plan.new_organisations()
    lines += ["", f"New people ({len(new_people)}): {', '.join(new_people) or '–'}"]
    orgs = ", ".join(f"{name} ({kind})" for name, kind in new_orgs) or "–"
    lines.append(f"New organisations ({len(new_orgs)}): {orgs}")
    if plan.warnings:
        lines += ["", "Warnings:", *[f"  {warning}" for warning in plan.warnings]]
    return "\n".join(lines)


def describe_created(meeting: Meeting, plan: ImportPlan) -> str:
    counts = [
        _count(meeting.attendances.filter(sent_apologies=False).count(), "attendee", "attendees"),
        _count(meeting.attendances.filter(sent_apologies=True).count(), "apology", "apologies"),
        _count(meeting.sections.count(), "section", "sections"),
        _count(meeting.decisions.count(), "decision", "decisions"),
        _count(meeting.action_items.count(), "action item", "action items"),
        _count(meeting.progress_updates.count(), "progress update", "progress updates"),
        _count(len(plan.new_people()), "new person", "new people"),
        _count(len(plan.new_organisations()), "new organisation", "new organisations"),
    ]
    lines = [f"Imported meeting {meeting.pk}: {meeting} ({meeting.held_on:%-d %B %Y})"]
    if meeting.series_id:
        lines.append(f"Series: {meeting.series}")
    lines.append("Created: " + ", ".join(counts))
    lines += [f"Warning: {warning}" for warning in plan.warnings]
    return "\n".join(lines)
