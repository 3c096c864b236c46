"""Lines → blocks (heading, paragraph, bullet, table row, empty) and blocks → sections.

Plain text has no markup, so headings are guessed: short lines without final punctuation standing
alone between blank lines, "Item 3:" lines, short numbered lines standing alone, whole-bold lines
and known labels ("Apologies:", "Actions"). Hard-wrapped prose is joined back into paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_dates
from .labels import ACTION_LABELS, DECISION_LABELS
from .lines import Line
from .people import looks_like_person_line
from .text import BULLET, ITEM, NUMBERED, fuzzy_label

LABELS = {
    label: label
    for label in (
        "present", "attendees", "attendance", "attending", "in attendance", "also present",
        "also attending", "members present", "those present", "participants", "apologies",
        "apologies for absence", "apologies received", "absent", "guests", "observers",
        "actions", "action points", "action items", "actions arising", "decisions",
        "decisions taken", "agreed actions", "summary of actions", "summary of decisions",
        "aob", "any other business", "date of next meeting", "next meeting", "welcome",
        "welcome and introductions", "minutes of the last meeting", "matters arising",
        "new actions", "outstanding actions", "action log", "agenda", "in attendance for item",
    )
}  # fmt: skip
LABELS.update(ACTION_LABELS)
LABELS.update(DECISION_LABELS)


@dataclass
class Block:
    """`kind`: "heading", "para", "bullet", "row" or "empty". `group`: blocks with the same
    group were not separated by a blank line."""

    kind: str
    text: str
    group: int = 0
    cells: tuple[str, ...] = ()
    level: int = 0
    strong: bool = False
    numbered: bool = False
    explicit: bool = False  # a heading the format marked, not one guessed from plain text


@dataclass
class Section:
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


def to_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into blocks, join wrapped prose, then decide which lines are headings."""
    blocks: list[Block] = []
    group = 0
    for line in lines:
        if line.kind == "blank":
            group += 1
            continue
        if line.kind == "row":
            cells = tuple(c for c in line.cells)
            if sum(1 for c in cells if c.strip()) == 1:
                for part in next(c for c in cells if c.strip()).split("\n"):
                    blocks.append(Block("para", part.strip(), group))
                group += 1
            else:
                blocks.append(Block("row", line.text, group, cells=cells))
            continue
        if line.kind == "empty":
            blocks.append(Block("empty", "", group))
            continue
        if line.kind == "heading":
            blocks.append(Block("heading", line.text.strip(), group, level=line.level,
                                explicit=True))  # fmt: skip
            group += 1
            continue
        _add_text_line(blocks, line, group)
    structured = any(line.kind == "heading" or line.strong for line in lines)
    for i, block in enumerate(blocks):
        if block.kind in ("para", "bullet") and _is_heading(blocks, i, guess=not structured):
            block.kind = "heading"
    return blocks


def _add_text_line(blocks: list[Block], line: Line, group: int) -> None:
    text = line.text.strip()
    prev = blocks[-1] if blocks and blocks[-1].group == group else None
    if line.kind == "bullet":
        blocks.append(Block("bullet", text, group, strong=line.strong, numbered=line.numbered))
        return
    if m := BULLET.match(text):
        if m.group(1).strip():
            blocks.append(Block("bullet", m.group(1).strip(), group))
        return
    if prev and prev.kind in ("para", "bullet") and _continues(prev, text, line.indent):
        prev.text = f"{prev.text} {text}"
        return
    numbered = bool(NUMBERED.match(text)) and not ITEM.match(text)
    blocks.append(Block("para", text, group, strong=line.strong, numbered=numbered))


def _continues(prev: Block, text: str, indent: int) -> bool:
    """Is this line the wrapped continuation of the previous block?"""
    if NUMBERED.match(text) or ITEM.match(text) or prev.strong:
        return False
    if re.match(r"^[A-Z][\w /-]{1,25}:(?:\s|$)", text):
        return False
    if _list_entry(prev.text) and _list_entry(text):
        return False  # one "Name, Organisation" a line: a list, not wrapped prose
    if text[:1].islower() and not prev.text.endswith(":"):
        return True
    if prev.kind == "bullet" and indent >= 2 and not text[:1].isupper():
        return True
    return len(prev.text) >= 55 and not re.search(r"[.:;!?)”\"]$", prev.text)


def _list_entry(text: str) -> bool:
    """A short attendance-list entry ("Rachel Byrne, Department for Digital, Culture…")."""
    return len(text) <= 100 and looks_like_person_line(text)


def looks_like_heading(text: str) -> bool:
    """Short, starts with a capital or a number, no final sentence punctuation."""
    words = text.split()
    return (
        0 < len(text) <= 90
        and len(words) <= 14
        and (text[0].isupper() or text[0].isdigit() or text[0] in "‘'\"“")
        and not re.search(r"[.,;!?]$", text)
        and not re.search(r"@|https?:|www\.", text)
        and not (":" in text[:-1] and not _numbered_label(text) and len(text.split(":", 1)[1]) > 2)
    )


def _numbered_label(text: str) -> bool:
    """ "Item 3: Budget", "2. Item 4: …", "Session 2: Budget", "3. Action plan: updates": a
    colon that belongs in a heading."""
    before, after = text.split(":", 1)
    if ITEM.match(text) or (len(before.split()) <= 4 and bool(re.search(r"\d", before))):
        return True
    numbered = NUMBERED.match(text)
    return bool(numbered and re.match(r"\d", numbered.group(1))) and len(after.split()) <= 5


def _is_heading(blocks: list[Block], i: int, *, guess: bool = True) -> bool:
    """Is this paragraph a heading? `guess`: the format marked no headings (plain text), so
    short lines standing alone count; otherwise only labels, "Item N:" and bold lines do."""
    block = blocks[i]
    text = block.text
    same_group = [b for b in blocks if b.group == block.group]
    alone = len(same_group) == 1
    first = same_group[0] is block
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if block.kind == "bullet":
        return False
    if ITEM.match(text) and len(text) <= 120:
        return True
    if not looks_like_heading(text) or _is_date_line(text):
        return False
    if not block.strong and looks_like_person_line(text) and fuzzy_label(text, LABELS) is None:
        return False
    if fuzzy_label(text, LABELS) is not None or block.strong:
        return alone or first
    if not guess:
        return False
    if block.numbered:
        followed_by_text = (
            nxt is not None and nxt.group == block.group and not nxt.numbered and nxt.kind == "para"
        )
        return alone or (first and followed_by_text)
    if text.endswith(":") and len(text.split()) > 6:
        return False
    if alone:
        return True
    if not first or nxt is None:
        return False
    return text.endswith(":") or (
        nxt.kind in ("para", "bullet") and len(nxt.text) >= 40
        and len(nxt.text) > 1.5 * len(text) and bool(re.search(r"[.!?:]$", nxt.text))
    )  # fmt: skip


def _is_date_line(text: str) -> bool:
    found = find_dates(text)
    return bool(found) and sum(len(d.text) for d in found) >= 0.5 * len(text)


def split_sections(blocks: list[Block]) -> tuple[list[Block], list[Section]]:
    """Blocks before the first heading (the preamble), then one Section per heading."""
    preamble: list[Block] = []
    sections: list[Section] = []
    for block in blocks:
        if block.kind == "heading":
            sections.append(Section(block))
        elif sections:
            sections[-1].blocks.append(block)
        else:
            preamble.append(block)
    return preamble, sections


def render(blocks: list[Block]) -> str:
    """Blocks as plain text: paragraphs apart, bullets as "• " lines, rows with " | "."""
    out: list[str] = []
    prev: Block | None = None
    for block in blocks:
        if block.kind == "empty" or not block.text:
            continue
        line = f"• {block.text}" if block.kind == "bullet" else block.text
        tight = prev is not None and prev.kind == block.kind and block.kind in ("bullet", "row")
        tight = tight or (prev is not None and prev.group == block.group)
        out.append(("\n" if tight else "\n\n") + line if out else line)
        prev = block
    return "".join(out)
