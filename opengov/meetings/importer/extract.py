"""The extraction pipeline: bytes or text → lines → blocks → title and date, sections,
attendance, commitment updates, actions and decisions. Each stage is guarded: a failure inside
one becomes a warning and the others still run, so any input gives a result, never a traceback."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from .actions import find_actions, is_actions_heading, leading_owner
from .attendees import Attendance, find_attendance
from .blocks import Block, Section, render, split_sections, to_blocks
from .commitments import COMMITMENT_HEADING, find_updates, heading_commitment
from .decisions import find_decisions
from .due import find_due_phrase
from .formats import to_lines
from .meeting import find_meeting
from .result import Extraction
from .result import Section as OutSection

T = TypeVar("T")
SYNTHETIC_ACTIONS_HEADING = "Actions"


def extract(
    data: bytes | str,
    *,
    filename: str = "",
    meeting_date: datetime.date | None = None,
    series: str | None = None,
) -> Extraction:
    """Extract a meeting note's structure. Never raises on any input."""
    result = Extraction()
    try:
        _run(result, data, filename=filename, meeting_date=meeting_date, series=series)
    except Exception as exc:  # the promise is a result with warnings, whatever the input
        result.warnings.append(f"Internal error while reading the note ({type(exc).__name__}).")
    return result


def _guard(result: Extraction, stage: str, fn: Callable[[], T], default: T) -> T:
    try:
        return fn()
    except Exception as exc:  # one stage's bug must not lose the others' work
        result.warnings.append(f"Internal error while finding {stage} ({type(exc).__name__}).")
        return default


def _run(
    result: Extraction,
    data: bytes | str,
    *,
    filename: str,
    meeting_date: datetime.date | None,
    series: str | None,
) -> None:
    lines, warnings = to_lines(data, filename)
    result.warnings.extend(warnings)
    blocks = to_blocks(lines)
    if not any(b.text.strip() for b in blocks):
        if not warnings:
            result.warnings.append("The note is empty: nothing was extracted.")
        result.title = series
        result.date = meeting_date
        return
    info = find_meeting(blocks, meeting_date=meeting_date, series=series)
    result.title, result.date = info.title, info.date
    body = [b for b in blocks if id(b) not in info.title_blocks]
    preamble, sections = split_sections(body)
    attendance = _guard(result, "attendees", lambda: find_attendance(preamble, sections),
                        Attendance())  # fmt: skip
    result.attendees, result.apologies = attendance.attendees, attendance.apologies
    content = [
        Section(s.heading, [b for b in s.blocks if id(b) not in attendance.blocks])
        for s in sections
        if id(s) not in attendance.sections
    ]
    content = _split_trailing_actions(content, result)
    rest = [b for b in preamble if id(b) not in attendance.blocks]
    if not content and rest:
        result.warnings.append(
            "The note has no headings the importer recognises: its text is kept as one section."
        )
        content, rest = [Section(None, rest)], []
    date = result.date
    result.commitment_updates = _guard(result, "commitment updates",
                                       lambda: find_updates(content), [])  # fmt: skip
    commitment_sections = {
        id(s) for s in content if s.heading and COMMITMENT_HEADING.search(s.heading.text)
    }
    scanned = [Section(None, rest), *content] if rest else content
    result.action_items = _guard(
        result, "actions",
        lambda: find_actions(scanned, date, skip_strict=commitment_sections), [],
    )  # fmt: skip
    result.decisions = _guard(result, "decisions", lambda: find_decisions(scanned), [])
    result.sections = [_out_section(s) for s in content]
    _warn_missing(result)


def _out_section(section: Section) -> OutSection:
    heading = section.heading.text if section.heading else None
    named = heading_commitment(heading) if heading else None
    return OutSection(heading, render(section.blocks), named[0] if named else None)


def _split_trailing_actions(sections: list[Section], result: Extraction) -> list[Section]:
    """A run of bullets ending the note, after the last section's prose and with no heading of
    its own, that reads as actions ("OGN to write to MCO by 28 November") becomes an "Actions"
    section."""
    if not sections:
        return sections
    last = sections[-1]
    heading = last.heading.text if last.heading else ""
    if is_actions_heading(heading) or COMMITMENT_HEADING.search(heading):
        return sections
    run: list[Block] = []
    for block in reversed(last.blocks):
        if block.kind != "bullet":
            break
        run.insert(0, block)
    before = last.blocks[: len(last.blocks) - len(run)]
    prose = [b for b in before if b.kind == "para"]
    if not run or not prose or prose[-1].group == run[0].group:
        return sections
    actionish = sum(1 for b in run if leading_owner(b.text) or find_due_phrase(b.text))
    if actionish < max(1, (len(run) + 1) // 2):
        return sections
    result.warnings.append(
        "The bullets that end the note have no heading: they were read as its actions."
    )
    heading_block = Block("heading", SYNTHETIC_ACTIONS_HEADING, run[0].group)
    return [*sections[:-1], Section(last.heading, before), Section(heading_block, run)]


def _warn_missing(result: Extraction) -> None:
    if not result.attendees:
        result.warnings.append("No attendees were found.")
    if result.title is None:
        result.warnings.append("No title was found.")
