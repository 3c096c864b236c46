"""Importing a meeting note: `preview_note` reads an upload and keeps what the importer extracted
for a person to check; `confirm_note_import` turns the checked extraction into a meeting, in one
transaction, through the meetings, organisations and action-plans services.

Rules, in one place:
- Only holders of "meetings.import_note" (the secretariat, administrators) import notes. A preview
  is a private working copy, not a change to the record, so it appends no audit event; every
  record that confirming creates does, through the service that creates it.
- An upload is at most 2 MB and must be text, HTML, Markdown or a Word (.docx) document: it is
  checked by its content, whatever its name says.
- The meeting is "held" (its minutes are published separately). Notes give a date, not a time:
  it starts at 10:00 in the deployment's time zone (TIME_ZONE), which keeps it on its day in
  every nearby time zone.
- Organisations and people missing from the directory are created; attendance carries the
  organisation the person came for; no membership is created from a note.
- Each numbered commitment update becomes a progress update on that commitment of the plan current
  at the meeting, reported on the meeting's date and linked to the meeting. Its status is the one
  the person confirming chose, else the note's words decide (see `update_status`): postponed,
  delayed, complete, or on track. The secretariat does not report progress itself, so these
  updates are posted by a system actor named after the importer ("Jane Smith (imported from
  notes)"): the audit trail and the update's author still say who imported them.
- The meeting's import key is the note's content hash: importing the same note again returns the
  meeting already made and writes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import unicodedata
import zipfile
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.models import Commitment
from opengov.action_plans.services import post_progress_update
from opengov.core import audit
from opengov.core.actors import SystemActor, as_user
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.organisations.models import Organisation, OrganisationKind, Person, match_key
from opengov.organisations.services import create_organisation, create_person

from ..choices import AttendanceRole, MeetingStatus
from ..importer_matching import (
    ImportPlan,
    clean_extraction,
    commitment_key,
    parse_iso_date,
    plan_import,
)
from ..models import Meeting, MeetingSeries, NoteImport
from .actions import add_action_item
from .meetings import (
    add_minutes_section,
    create_meeting,
    create_series,
    record_attendance,
    record_decision,
)

__all__ = [
    "MAX_NOTE_BYTES",
    "check_note_file",
    "confirm_note_import",
    "preview_note",
    "read_note",
    "revise_note_preview",
    "start_time",
]

logger = logging.getLogger(__name__)

MAX_NOTE_BYTES = 2 * 1024 * 1024
MEETING_TIME = dt.time(10, 0)
# Formats recognised by their first bytes, which the importer cannot read.
REFUSED_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\xd0\xcf\x11\xe0", "Word 97-2003 (.doc)"),
    (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
)


def start_time(date: dt.date) -> dt.datetime:
    """10:00 on the meeting's date, in the deployment's time zone (notes give no time)."""
    return timezone.make_aware(
        dt.datetime.combine(date, MEETING_TIME), timezone.get_default_timezone()
    )


def preview_note(
    *,
    by: Any,
    data: bytes,
    filename: str,
    meeting_date: dt.date | None = None,
    series_name: str = "",
) -> NoteImport:
    """Read a note and keep what the importer extracted, for a person to check and confirm.
    Refuses (DomainError, field "file") an empty file, one over 2 MB, or one that is not text,
    HTML, Markdown or .docx by its content. Writes one NoteImport, no audit event."""
    require("meetings.import_note", by)
    check_note_file(data, filename)
    series_name = " ".join((series_name or "").split())
    if len(series_name) > 200:
        raise DomainError(_("The series' name must be 200 characters or fewer."), "series")
    text, extraction = read_note(data, filename, meeting_date, series_name)
    return NoteImport.objects.create(
        filename=(filename or "note")[:255],
        content_hash=hashlib.sha256(data).hexdigest(),
        source_text=text,
        meeting_date=meeting_date,
        series_name=series_name,
        extraction=extraction,
        created_by=as_user(by),
    )


def revise_note_preview(
    *, by: Any, note_import: NoteImport, extraction: dict[str, Any], series_name: str
) -> NoteImport:
    """Keep a person's corrections to a preview, so its matches can be shown again before they
    confirm. Like the preview, a private working copy: no audit event."""
    require("meetings.import_note", by)
    if note_import.status == NoteImport.Status.CONFIRMED:
        raise DomainError(_("This note has already been imported."))
    series_name = " ".join(series_name.split())
    if len(series_name) > 200:
        raise DomainError(_("The series' name must be 200 characters or fewer."), "series")
    data = clean_extraction(extraction)
    NoteImport.objects.filter(pk=note_import.pk).update(extraction=data, series_name=series_name)
    note_import.extraction, note_import.series_name = data, series_name
    return note_import


def confirm_note_import(
    *,
    by: Any,
    note_import: NoteImport,
    extraction: dict[str, Any],
    series_name: str | None = None,
    source_url: str = "",
) -> Meeting:
    """Create the meeting a checked extraction describes (see the module's rules), all or
    nothing. `series_name` replaces the series given at upload when not None; `source_url` is the
    published note, kept on the meeting and as the evidence of its progress updates. Importing a
    note already imported returns that meeting and writes nothing but this import's link to it."""
    require("meetings.import_note", by)
    data = clean_extraction(extraction)
    date = parse_iso_date(data["meeting"]["date"]) or note_import.meeting_date
    if date is None:
        raise DomainError(_("Enter the date of the meeting."), field="date")
    if date > timezone.localdate():
        raise DomainError(_("The meeting's date must be today or in the past."), field="date")
    series = note_import.series_name if series_name is None else " ".join(series_name.split())
    key = note_import.content_hash
    with transaction.atomic():
        # Imports of the same note wait for one another, so only one creates the meeting.
        list(NoteImport.objects.select_for_update().filter(content_hash=key))
        existing = Meeting.objects.filter(import_key=key).first() if key else None
        if existing is not None:
            _mark_confirmed(note_import, existing, None)
            return existing
        plan = plan_import(data, series_name=series)
        meeting = _create_meeting(by, plan, date, series, source_url, key)
        _record_attendance(by, meeting, plan)
        _record_minutes(by, meeting, plan)
        _post_updates(by, meeting, plan, key, source_url)
        audit.record(
            actor=by,
            verb="meetings.meeting.imported",
            obj=meeting,
            changes={"import_key": [None, key], "filename": [None, note_import.filename]},
            is_public=meeting.is_public,
        )
        _mark_confirmed(note_import, meeting, data)
    return meeting


def _mark_confirmed(note_import: NoteImport, meeting: Meeting, data: dict[str, Any] | None) -> None:
    fields: dict[str, Any] = {"status": NoteImport.Status.CONFIRMED, "meeting": meeting}
    if data is not None:
        fields["extraction"] = data
    NoteImport.objects.filter(pk=note_import.pk).update(**fields)
    for name, value in fields.items():
        setattr(note_import, name, value)


def _create_meeting(
    by: Any, plan: ImportPlan, date: dt.date, series_name: str, source_url: str, key: str
) -> Meeting:
    series: MeetingSeries | None = plan.series
    if series is None and series_name:
        series = create_series(by=by, name=series_name)
    title = plan.title or _("Meeting of %(date)s") % {"date": f"{date:%-d %B %Y}"}
    return create_meeting(
        by=by,
        title=title[:300],
        starts_at=start_time(date),
        series=series,
        status=MeetingStatus.HELD,
        source_url=source_url,
        import_key=key,
    )


def _record_attendance(by: Any, meeting: Meeting, plan: ImportPlan) -> None:
    organisations: dict[str, Organisation] = {}
    people: dict[str, Person] = {}
    for row in plan.attendees:
        match = row.organisation
        organisation = match.organisation
        if match.is_new:
            key = match_key(match.written)
            if key not in organisations:
                kind = match.kind if match.kind in OrganisationKind.values else "civil_society"
                organisations[key] = create_organisation(by=by, name=match.written, kind=kind)
            organisation = organisations[key]
        person = row.person.person
        if person is None:
            key = match_key(row.name)
            if key not in people:
                people[key] = create_person(by=by, name=row.name)
            person = people[key]
        record_attendance(
            by=by,
            meeting=meeting,
            person=person,
            organisation=organisation,
            role=AttendanceRole.ATTENDEE if row.sent_apologies else row.role,
            sent_apologies=row.sent_apologies,
        )


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def _record_minutes(by: Any, meeting: Meeting, plan: ImportPlan) -> None:
    """Sections (linked to the commitment they are about, and to the commitments whose updates
    they contain), then the updates no commitment took as their own sections, then decisions and
    action items."""
    matched = [(u, u.commitment) for u in plan.updates if u.commitment is not None]
    texts: list[str] = []
    for row in plan.sections:
        squashed = _squash(row.text)
        linked: list[Commitment] = [row.commitment] if row.commitment else []
        linked += [c for u, c in matched if _squash(u.text)[:80] in squashed and c not in linked]
        if row.heading or row.text:
            add_minutes_section(
                by=by, meeting=meeting, heading=row.heading or "", text=row.text, commitments=linked
            )
            texts.append(squashed)
    for update in plan.updates:
        if update.commitment is None and not any(_squash(update.text) in t for t in texts):
            heading = f"{update.number}. {update.title}" if update.title else update.number
            add_minutes_section(by=by, meeting=meeting, heading=heading, text=update.text)
    for text in plan.decisions:
        record_decision(by=by, meeting=meeting, text=text)
    for action in plan.actions:
        add_action_item(
            by=by,
            meeting=meeting,
            text=action.text,
            owner_organisation=action.owner.organisation,
            owner_person=action.owner.person,
            owner_text=action.owner.written,
            due_on=action.due_on,
            due_phrase=action.due_phrase,
        )


def _post_updates(by: Any, meeting: Meeting, plan: ImportPlan, key: str, source_url: str) -> int:
    actor = SystemActor(_("%(name)s (imported from notes)") % {"name": audit.actor_label_for(by)})
    evidence = [{"url": source_url, "title": meeting.title}] if source_url else None
    used: set[str] = set()
    posted = 0
    for update in plan.updates:
        if update.commitment is None:
            continue
        import_key = f"note-{key[:16]}-{commitment_key(update.number)}"[:64]
        n = 2
        while import_key in used:
            import_key, n = f"note-{key[:16]}-{commitment_key(update.number)}-{n}"[:64], n + 1
        used.add(import_key)
        post_progress_update(
            by=actor,
            commitment=update.commitment,
            status=update.status,
            text=update.text,
            reported_on=meeting.held_on,
            evidence=evidence,
            meeting=meeting,
            import_key=import_key,
            # Minutes report a commitment's progress for its lead organisation.
            organisation=update.commitment.lead_organisations.order_by("name").first(),
        )
        posted += 1
    return posted


def read_note(
    data: bytes, filename: str, meeting_date: dt.date | None, series_name: str
) -> tuple[str, dict[str, Any]]:
    """The note's text as the importer read it, and its extraction in the documented shape."""
    from ..importer import extract
    from ..importer.formats import to_lines

    try:
        extraction = extract(
            data, filename=filename, meeting_date=meeting_date, series=series_name or None
        ).to_json()
        lines, _warnings = to_lines(data, filename)
    except Exception as error:  # the importer never raises by design; if it does, say so plainly
        logger.exception("The importer failed on %s", filename)
        raise DomainError(
            _("The note could not be read. Check that it is a meeting note and try again."),
            field="file",
        ) from error
    text = "\n".join(line.text for line in lines).strip()
    return _without_nul(text), _without_nul(extraction)


def _without_nul(value: Any) -> Any:
    """NUL characters removed (PostgreSQL stores none, in text or in JSON)."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_nul(v) for k, v in value.items()}
    return value


def check_note_file(data: bytes, filename: str = "") -> None:
    """Refuse (DomainError on "file") an upload the importer is not for: empty, over 2 MB, or not
    text, HTML, Markdown or a Word .docx document by its content (its name is not trusted)."""
    if not data:
        raise DomainError(_("The selected file is empty."), field="file")
    if len(data) > MAX_NOTE_BYTES:
        raise DomainError(_("The selected file must be smaller than 2 MB."), field="file")
    if data.startswith(b"PK\x03\x04"):
        if not _zip_is_docx(data):
            raise DomainError(
                _("The selected file is a zip archive, not a Word (.docx) document."), "file"
            )
        return
    refused = next((name for sig, name in REFUSED_SIGNATURES if data.startswith(sig)), None)
    if refused is None and _looks_binary(data):
        refused = _("binary")
    if refused is not None:
        raise DomainError(
            _(
                "The selected file is a %(kind)s file. Upload the note as text, Markdown, HTML or "
                "a Word (.docx) document."
            )
            % {"kind": refused},
            field="file",
        )


def _looks_binary(data: bytes) -> bool:
    """Control characters (other than tabs and line ends) in more than 2% of the start."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "replace")
    else:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A cut multi-byte character at the end is not binary; text in another 8-bit
            # encoding has no control characters either way.
            text = head[: error.start].decode("utf-8") + head[error.start :].decode("latin-1")
    bad = sum(1 for ch in text if not _is_printable(ch))
    return bool(text) and bad / len(text) > 0.02


def _is_printable(ch: str) -> bool:
    if ch in "\t\n\r\f":
        return True
    return unicodedata.category(ch) not in ("Cc", "Cs", "Co") or 0x80 <= ord(ch) <= 0x9F


def _zip_is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
