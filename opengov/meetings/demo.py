"""The demo's meeting: the note of the 10 November 2016 meeting of the UK Open Government Network
and the Cabinet Office (fixtures/), imported through the notes importer as the secretariat would,
into the series "OGN and Cabinet Office"."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from .models import Meeting
from .services.imports import confirm_note_import, preview_note

SEED_NOTE = Path(__file__).parent / "fixtures" / "ogn-meeting-note-2016-11-10.txt"
SEED_DATE = dt.date(2016, 11, 10)
SEED_SERIES = "OGN and Cabinet Office"
SEED_SOURCE_URL = (
    "https://opengovernment.org.uk/2016/11/28/"
    "where-weve-got-to-the-ogp-summit-whats-next-10-nov-2016-meeting-note/"
)


def load_seed_meeting(*, by: Any) -> Meeting | None:
    """Import the seed note, acting as `by`; returns the new meeting, or None when it was imported
    before (then nothing is written). Load the organisations, people and plan first, so its names
    and commitment numbers match them."""
    data = SEED_NOTE.read_bytes()
    if Meeting.objects.filter(import_key=hashlib.sha256(data).hexdigest()).exists():
        return None
    note = preview_note(
        by=by,
        data=data,
        filename=SEED_NOTE.name,
        meeting_date=SEED_DATE,
        series_name=SEED_SERIES,
    )
    return confirm_note_import(
        by=by, note_import=note, extraction=note.extraction, source_url=SEED_SOURCE_URL
    )
