"""Who was there and who sent apologies: from attendance sections ("Present", "Attendees",
"Apologies", "In attendance" → guests when a members list exists too), inline labels
("Present: A (X), B (Y)", "Chair: Name", "Apologies were received from A (X) and B."),
attendance tables (a Name | Organisation table, an Attendees | Apologies table, including one
flattened into alternating paragraphs), and a list with no heading near the top of the note
(a run of three or more "Name, Organisation" or name-only lines)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block, Section
from .people import (
    _stronger,
    looks_like_person_line,
    name_count,
    parse_people,
    parse_person,
    role_word,
)
from .result import Person
from .text import fuzzy_label, looks_like_name, looks_like_organisation, norm

APOLOGIES = "apologies"
SECTION_LABELS = {
    "present": "attendee", "attendees": "attendee", "attendance": "attendee",
    "attending": "attendee", "members present": "attendee", "those present": "attendee",
    "participants": "attendee", "members": "attendee", "attendees and apologies": "attendee",
    "in attendance": "guest", "also present": "guest", "also attending": "guest",
    "guests": "guest", "observers": "guest", "in attendance for item": "guest",
    "apologies": APOLOGIES, "apologies for absence": APOLOGIES, "apologies received": APOLOGIES,
    "absent": APOLOGIES, "regrets": APOLOGIES, "apologies received from": APOLOGIES,
    "apologies were received": APOLOGIES, "apologies have been received": APOLOGIES,
    "apologies were given": APOLOGIES, "apologies for absence were received": APOLOGIES,
}  # fmt: skip
INLINE_LABELS = {
    **SECTION_LABELS, "chair": "chair", "chaired by": "chair", "chairs": "chair",
    "co chairs": "chair", "minutes": "note_taker", "minutes taken by": "note_taker",
    "note taker": "note_taker", "notetaker": "note_taker", "minute taker": "note_taker",
    "notes": "note_taker", "secretariat": "attendee", "officials": "guest",
    "officers in attendance": "guest", "officials in attendance": "guest",
    "staff in attendance": "guest", "also in attendance": "guest",
}  # fmt: skip
_INLINE = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z -]{1,30}?)\s*(?::|\s[–—-]\s|\sfrom\s)\s*(?P<rest>\S.*)$"
)
_NONE = re.compile(r"^(?:none|nil|n/?a|no apologies|none received|-)\.?$", re.I)
_HEADER_WORDS = {
    "name", "names", "attendee", "attendees", "present", "organisation", "organization", "org",
    "department", "role", "apologies", "position", "title", "representing", "member", "members",
}  # fmt: skip


@dataclass
class Attendance:
    attendees: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    sections: set[int] = field(default_factory=set)  # ids of attendance sections
    blocks: set[int] = field(default_factory=set)  # ids of blocks read as attendance
    members: bool = False  # a "Present"/attendees list of members was read
    listed_guests: list[Person] = field(default_factory=list)  # guests only by their list

    def add(self, kind: str, people: list[Person]) -> None:
        target = self.apologies if kind == APOLOGIES else self.attendees
        for person in people:
            if kind == "attendee" and person.role == "attendee":
                self.members = True
            if kind not in (APOLOGIES, "attendee") and person.role == "attendee":
                person.role = kind
                if kind == "guest":
                    self.listed_guests.append(person)
            _merge(target, person)

    def settle_guests(self) -> None:
        """ "In attendance" lists guests only beside a list of members; alone, it is the list."""
        if not self.members:
            for person in self.listed_guests:
                if person.role == "guest":
                    person.role = "attendee"


def _merge(people: list[Person], person: Person) -> None:
    key = norm(person.name)
    for existing in people:
        if norm(existing.name) == key:
            existing.organisation = existing.organisation or person.organisation
            if person.role != "attendee":
                existing.role = person.role
            return
    people.append(person)


def section_kind(section: Section) -> str | None:
    """The attendance kind of a section's heading, if it is an attendance heading."""
    if section.heading is None:
        return None
    heading = section.heading.text
    kind = fuzzy_label(heading, SECTION_LABELS)
    if kind:
        return kind
    if re.search(r"attend|present|participant|apolog", heading, re.I):
        lines = [b for b in section.blocks if b.kind in ("para", "bullet")]
        if lines and sum(looks_like_person_line(b.text) for b in lines) >= 0.8 * len(lines):
            return APOLOGIES if "apolog" in heading.lower() else "attendee"
    return None


def find_attendance(preamble: list[Block], sections: list[Section]) -> Attendance:
    """Everyone listed, in the order the note lists them (a person listed twice is merged)."""
    result = Attendance()
    kinds = [section_kind(s) for s in sections]
    skip_next = False
    _inline_all(result, preamble)
    for i, (section, kind) in enumerate(zip(sections, kinds, strict=True)):
        if skip_next:
            skip_next = False
            continue
        if kind is None:
            _inline_all(result, section.blocks)
            continue
        result.sections.add(id(section))
        content = [b for b in section.blocks if b.kind != "empty"]
        nxt_kind = kinds[i + 1] if i + 1 < len(sections) else None
        if not content and nxt_kind is not None and nxt_kind != kind:
            _flattened(result, [kind, nxt_kind], sections[i + 1].blocks)
            result.sections.add(id(sections[i + 1]))
            skip_next = True
            continue
        _read_blocks(result, kind, section.blocks)
    _tables(result, preamble, sections)
    if not result.attendees:
        _headingless(result, preamble)
    _chaired(result, [*preamble, *(b for s in sections for b in s.blocks)])
    result.settle_guests()
    return result


_CHAIRED = re.compile(
    r"\b([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,3}) (?:chaired|was in the chair|took the chair)"
)


def _chaired(result: Attendance, blocks: list[Block]) -> None:
    """ "Ruth Marks chaired the meeting" makes Ruth Marks the chair, if she is listed."""
    for block in blocks:
        for m in _CHAIRED.finditer(block.text):
            for person in result.attendees:
                if norm(person.name).endswith(norm(m.group(1))) and person.role == "attendee":
                    person.role = "chair"


def _inline_all(result: Attendance, blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind == "para" and id(block) not in result.blocks:
            _inline(result, block)


def _read_blocks(result: Attendance, kind: str, blocks: list[Block]) -> None:
    rows = [b for b in blocks if b.kind == "row"]
    if rows:
        _rows(result, kind, rows)
    lines = [b for b in blocks if b.kind in ("para", "bullet", "heading")]
    inline = len(lines) == 1
    for block in lines:
        result.blocks.add(id(block))
        if _inline(result, block, default=kind):
            continue
        if not _NONE.match(block.text.strip()):
            run_on = block.text.count(",") >= 3 and name_count(block.text) >= 2
            result.add(kind, parse_people(block.text, inline=inline or run_on))


def _inline(result: Attendance, block: Block, default: str | None = None) -> bool:
    """ "Present: A, B", "Chair: Name", "Cabinet Office: A, B" (organisation first)."""
    m = _INLINE.match(block.text)
    if not m:
        return False
    label, rest = m.group("label"), m.group("rest").strip()
    kind = fuzzy_label(label, INLINE_LABELS, threshold=90)
    if kind is None:
        if default is None or not looks_like_organisation(label) or looks_like_name(label):
            return False
        people = parse_people(rest, inline=True)
        for person in people:
            person.organisation = person.organisation or label.strip()
        result.add(default, people)
    elif not _NONE.match(rest):
        role = kind if kind in ("chair", "note_taker") else "attendee"
        people = parse_people(rest, role, inline=True)
        result.add(kind if kind not in ("chair", "note_taker") else "attendee", people)
    result.blocks.add(id(block))
    return True


def _flattened(result: Attendance, kinds: list[str], blocks: list[Block]) -> None:
    """A two-column table flattened into paragraphs: cells alternate column by column, until a
    labelled line ("Also in attendance: …", "Minutes taken by: …") ends the table."""
    cells = [b for b in blocks if b.kind in ("para", "bullet", "empty", "heading")]
    for index, block in enumerate(cells):
        if _labelled(block.text):
            _inline_all(result, cells[index:])
            return
        result.blocks.add(id(block))
        if block.kind != "empty" and not _NONE.match(block.text.strip()):
            result.add(kinds[index % 2], parse_people(block.text))


def _labelled(text: str) -> bool:
    m = _INLINE.match(text)
    return m is not None and fuzzy_label(m.group("label"), INLINE_LABELS, threshold=90) is not None


def _rows(result: Attendance, kind: str, rows: list[Block]) -> None:
    header = [norm(c) for c in rows[0].cells]
    columns: dict[str, int] = {}
    if all(c in _HEADER_WORDS or not c for c in header) and any(header):
        for index, cell in enumerate(header):
            if cell in ("apologies",):
                columns.setdefault(APOLOGIES, index)
            elif cell in ("attendees", "attendee", "present", "members"):
                columns.setdefault("attendees", index)
            elif cell in ("name", "names", "member"):
                columns.setdefault("name", index)
            elif cell in ("organisation", "organization", "org", "department", "representing"):
                columns.setdefault("organisation", index)
            elif cell in ("role", "position", "title"):
                columns.setdefault("role", index)
        rows = rows[1:]
    for row in rows:
        result.blocks.add(id(row))
        cells = list(row.cells)
        if APOLOGIES in columns or ("attendees" in columns and "name" not in columns):
            for column, column_kind in (("attendees", kind), (APOLOGIES, APOLOGIES)):
                if column in columns and columns[column] < len(cells):
                    for line in cells[columns[column]].split("\n"):
                        result.add(column_kind, parse_people(line))
            continue
        _person_row(result, kind, cells, columns)


def _person_row(result: Attendance, kind: str, cells: list[str], columns: dict[str, int]) -> None:
    def cell(name: str, default: int) -> str:
        index = columns.get(name, default if not columns else -1)
        return cells[index].strip() if 0 <= index < len(cells) else ""

    name, organisation, role = cell("name", 0), cell("organisation", 1), cell("role", 2)
    if not columns and looks_like_name(organisation) and looks_like_name(name):
        result.add(kind, parse_people(f"{name}, {organisation}"))
        return
    person = parse_person(f"{name}, {organisation}" if organisation else name)
    if person is None:
        return
    if role and (marked := role_word(role)):
        person.role = _stronger(person.role if person.role != "attendee" else None, marked)
    result.add(kind, [person])


def _tables(result: Attendance, preamble: list[Block], sections: list[Section]) -> None:
    """Attendance tables outside attendance sections, known by their header row."""
    for blocks in [preamble, *(s.blocks for s in sections if id(s) not in result.sections)]:
        rows = [b for b in blocks if b.kind == "row" and id(b) not in result.blocks]
        if not rows:
            continue
        header = {norm(c) for c in rows[0].cells}
        names = header & {"name", "attendee", "attendees", "present"}
        if names and header & {"organisation", "organization", "apologies", "department", "role"}:
            _rows(result, "attendee", rows)


def _headingless(result: Attendance, preamble: list[Block]) -> None:
    """A run of three or more person lines at the top of a note, with no heading over it."""
    run: list[Block] = []
    best: list[Block] = []
    for block in [*preamble, None]:
        if (
            block is not None
            and block.kind in ("para", "bullet")
            and looks_like_person_line(block.text)
        ):
            run.append(block)
            continue
        if len(run) > len(best):
            best = run
        run = []
    if len(best) >= 3:
        for block in best:
            result.blocks.add(id(block))
            result.add("attendee", parse_people(block.text))
