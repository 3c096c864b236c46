"""The meeting's title and date, from the lines at the top of a note.

A note's first lines often carry a publication date ("Meeting notes 28th November 2016") as well
as the meeting's ("… | 10 Nov 2016 | Meeting note", "On 10 November, … met"). A date stated as the
meeting's wins: a "Date:" line, "held on", "met", a "| date |" segment; then a date in a title
line; a date near "published"/"posted" counts least. A given `meeting_date` always wins. The title
is the first title line with words beyond "minutes"/"meeting notes" and a date; with none, the
first title line without its date; with none, the `series` name."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from .blocks import LABELS, Block
from .dates import FoundDate, find_dates
from .text import ITEM, fuzzy_label, norm

_GENERIC = {
    "meeting", "meetings", "notes", "note", "minutes", "minute", "of", "the", "a", "record",
    "summary", "draft", "final", "agenda", "and", "action", "actions", "unconfirmed", "confirmed",
    "approved", "official", "sensitive", "held", "on", "at", "in", "by", "for", "to", "date",
}  # fmt: skip
_METADATA = re.compile(
    r"^(?:(?:meeting\s+)?date|time|venue|location|where|when|place|room|dial[- ]in|teams|zoom|"
    r"held at|chair(?:ed by)?|minutes(?: taken)? by|note[- ]?taker|prepared by|author|status|"
    r"classification|published|written by)\s*[:\-–]\s*|^(?:written\s+)?by\s+(?=[A-Z])",
    re.I,
)
_MEETING_CONTEXT = re.compile(
    r"(held|took place|meeting (?:of|on|held)|\bmet\b|\bon\s*$|^\s*on\b|minutes of)", re.I
)
_PUBLICATION = re.compile(r"publish|posted|updated|circulated|written|prepared|issued", re.I)
_NEXT = re.compile(r"next meeting|future meeting|following meeting", re.I)


@dataclass
class MeetingInfo:
    title: str | None = None
    date: datetime.date | None = None
    title_blocks: set[int] = field(default_factory=set)  # ids of blocks that were the title area
    warnings: list[str] = field(default_factory=list)


def find_meeting(
    blocks: list[Block],
    *,
    meeting_date: datetime.date | None = None,
    series: str | None = None,
) -> MeetingInfo:
    """Title, date and the blocks that made up the note's title area."""
    zone = _title_zone(blocks)
    info = MeetingInfo(title_blocks={id(b) for b in zone})
    info.title = _title(zone) or series
    if meeting_date is not None:
        info.date = meeting_date
        return info
    info.date = _date(blocks, zone)
    if info.date is None and any(find_dates(b.text) for b in zone):
        info.warnings.append("The meeting's date has no year: give it with --meeting-date.")
    elif info.date is None:
        info.warnings.append("No meeting date was found: give it with --meeting-date.")
    return info


def _title_zone(blocks: list[Block]) -> list[Block]:
    """The leading headings and short lines: titles, dates, by-lines, venue."""
    zone: list[Block] = []
    for block in blocks[:8]:
        text = block.text
        if (
            block.kind in ("row", "bullet", "empty")
            or fuzzy_label(text, LABELS)
            or ITEM.match(text)
        ):
            break
        if block.numbered or (text.lower().startswith("present") and ":" in text):
            break
        chair_line = text.lower().startswith(("chair", "minutes taken"))
        metadata = _METADATA.match(text) and not chair_line
        dated_line = len(text) <= 140 and ("|" in text or _dated(text))
        first_line = not zone and len(text) <= 120 and not re.search(r"[.!?]$", text)
        if metadata or block.kind == "heading" or dated_line or first_line:
            zone.append(block)
        else:
            break
    return zone


def _dated(text: str) -> bool:
    return bool(find_dates(text))


def _title(zone: list[Block]) -> str | None:
    """Leading undated headings joined ("CABINET OFFICE – OPEN GOVERNMENT DELIVERY BOARD"), else
    the first line with words beyond the generic ones, else the first line without its date."""
    candidates = [b for b in zone if not _METADATA.match(b.text)]
    headings: list[str] = []
    for block in candidates:
        if block.kind != "heading" or _dated(block.text):
            break
        headings.extend(_substantive(block.text))
    if headings:
        return " – ".join(headings[:3])
    fallback: str | None = None
    for block in candidates:
        if found := _substantive(block.text):
            return " | ".join(found)
        kept = [s for s in (_without_dates(s) for s in _segments(block.text)) if s]
        fallback = fallback or (kept[0] if kept else None)
    return fallback


def _segments(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"\s+\|\s+|\s+[–—]\s+(?=\S*\d)", text) if s.strip()]


def _substantive(text: str) -> list[str]:
    """A line's segments that say more than "minutes", "meeting notes" and a date; a generic
    "Note of meeting:" prefix is dropped, and so is what follows the date once a segment has
    named the meeting ("Board | 6 May 2019 | Venue": the venue is not the title)."""
    out: list[str] = []
    for segment in _segments(text):
        if out and _dated(segment):
            break
        segment = _without_dates(segment)
        head, sep, tail = segment.partition(": ")
        if sep and not set(norm(head).split()) - _GENERIC:
            segment = tail.strip()
        if segment and set(norm(segment).split()) - _GENERIC:
            out.append(segment)
    return out


def _without_dates(text: str) -> str:
    """The text with its dates taken out; a line that goes on after a date ("Minutes of the
    meeting held on 12 March 2019, 70 Whitehall") keeps only what comes before it."""
    found = find_dates(text)
    if found and re.search(r"[A-Za-z]", text[: found[0].start]):
        text = text[: found[0].start]
    for date in sorted(found, key=lambda d: -d.start):
        text = text[: date.start] + text[date.start + len(date.text) :]
    text = re.sub(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", "", text, flags=re.I)
    text = re.sub(
        r"\b\d{1,2}[.:]\d{2}\s*(?:am|pm)?\b|\b\d{1,2}\s*(?:am|pm)\b", "", text, flags=re.I
    )
    text = re.sub(r"\s+(?:held\s+)?(?:on|of|dated)\s*$", "", text.strip(), flags=re.I)
    return text.strip(" ,;:–—-|()").strip()


def _date(blocks: list[Block], zone: list[Block]) -> datetime.date | None:
    """The best-supported meeting date in the note's top part."""
    candidates: list[tuple[int, int, FoundDate]] = []
    head = _head(blocks)
    for index, block in enumerate(head):
        if _NEXT.search(block.text):
            continue
        for found in find_dates(block.text):
            candidates.append((_score(block, found, in_zone=block in zone), index, found))
    if not candidates:
        return None
    with_year = [c for c in candidates if c[2].year is not None]
    best = max(candidates, key=lambda c: (c[0], c[2].year is not None, -c[1]))
    found = best[2]
    if found.year is not None:
        return found.on()
    if with_year:
        year = max(with_year, key=lambda c: c[0])[2].year
        return datetime.date(year, found.month, found.day) if year else None
    return None


def _head(blocks: list[Block]) -> list[Block]:
    """The blocks before the first section heading that is not about attendance, at most 40."""
    head: list[Block] = []
    for block in blocks[:60]:
        heading = block.kind == "heading" and not fuzzy_label(block.text, LABELS)
        if heading and len(head) > 2 and not _dated(block.text):
            break
        head.append(block)
    return head[:40]


def _score(block: Block, found: FoundDate, *, in_zone: bool) -> int:
    text = block.text
    before = text[max(0, found.start - 50) : found.start]
    after = text[found.start + len(found.text) : found.start + len(found.text) + 80]
    if re.match(r"^\s*(?:meeting\s+)?date\s*[:\-–]", text, re.I):
        return 100
    if _PUBLICATION.search(before) or re.search(r"\bpublished\b", after, re.I):
        return 10
    if (
        _MEETING_CONTEXT.search(before)
        or (re.search(r"\bmet\b|meeting", after[:60], re.I) and before.strip().lower() == "on")
        or re.search(r"\|\s*$", before)
        or re.match(r"\s*\|", after)
    ):
        return 90
    return 50 if in_zone else 30
