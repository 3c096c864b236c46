"""Numbered commitment updates: "4. Innovation Hub – CO are returning to this…" under a heading
about commitments, the NAP or the action plan becomes commitment 4, titled "Innovation Hub",
with the rest as a draft progress update (the separator may be –, —, - or :). A section whose
heading names one commitment ("Item 4: Commitment 4 – Innovation hub") is an update too, and the
section carries that commitment's number. An item that says so ("Commitment 5 – Open
contracting: …") is an update in any section."""

from __future__ import annotations

import re

from .blocks import Block, Section, render
from .result import CommitmentUpdate

COMMITMENT_HEADING = re.compile(
    r"commitment|\bNAP\s*\d*\b|national action plan|action plan|milestone", re.I
)
_ITEM = re.compile(
    r"^\s*(?:commitment\s+(?:no\.?\s*|number\s+)?)?(?P<number>\d{1,2})(?![\d/])"
    r"\s*(?:[.):]\s*|\s+[-–—]\s*|\s+(?=[A-Z]))(?P<rest>\S.*)$",
    re.I | re.S,
)
_NAMED = re.compile(
    r"\bcommitment\s+(?:no\.?\s*|number\s+|#)?(?P<number>\d{1,2})\b(?P<rest>.*)$", re.I | re.S
)
_EXPLICIT = re.compile(
    r"^\s*commitment\s+(?:no\.?\s*|number\s+|#)?\d{1,2}\s*(?:[–—:]|-\s|\.\s)", re.I
)
_SEPARATOR = re.compile(r"\s*[–—]\s*|\s+-\s+|:\s+")


def heading_commitment(heading: str) -> tuple[str, str | None] | None:
    """(number, title) when a heading names exactly one commitment."""
    numbers = re.findall(r"\bcommitments?\s+(?:no\.?\s*|number\s+|#)?(\d{1,2})\b", heading, re.I)
    if len(set(numbers)) != 1:
        return None
    m = _NAMED.search(heading)
    if m is None:
        return None
    rest = m.group("rest").strip()
    rest = re.sub(r"^(?:[.):]|[-–—])\s*", "", rest).strip()
    rest = re.sub(r"^\((.*)\)$", r"\1", rest).strip()
    return m.group("number"), rest or None


def split_item(text: str) -> CommitmentUpdate | None:
    """ "4. Innovation Hub – CO are…" → number, title, text; None when not a numbered item."""
    m = _ITEM.match(text)
    if not m:
        return None
    number, rest = m.group("number"), m.group("rest").strip()
    if paren := re.match(r"^\(([^()]{2,80})\)\s*[:.–—-]?\s*(.*)$", rest, re.S):
        return CommitmentUpdate(number, paren.group(1).strip(), paren.group(2).strip())
    sep = _SEPARATOR.search(rest)
    if sep and 0 < sep.start() <= 80 and len(rest[: sep.start()].split()) <= 10:
        return CommitmentUpdate(number, rest[: sep.start()].strip(), rest[sep.end() :].strip())
    if len(rest.split()) <= 10 and not rest.endswith("."):
        return CommitmentUpdate(number, rest, "")
    return CommitmentUpdate(number, None, rest)


def find_updates(sections: list[Section]) -> list[CommitmentUpdate]:
    """Updates from commitment sections, in document order; sets `commitment` on sections."""
    updates: list[CommitmentUpdate] = []
    for section in sections:
        heading = section.heading.text if section.heading else ""
        named = heading_commitment(heading)
        if named:
            updates.append(CommitmentUpdate(named[0], named[1], render(section.blocks)))
            continue
        if COMMITMENT_HEADING.search(heading):
            updates.extend(_numbered_items(section.blocks))
        else:
            updates.extend(_numbered_items(section.blocks, explicit=True))
    return updates


def _numbered_items(blocks: list[Block], *, explicit: bool = False) -> list[CommitmentUpdate]:
    """Numbered items of a commitments section; `explicit`: in any other section, only the
    items that say "Commitment 5 – Open contracting: …"."""
    updates: list[CommitmentUpdate] = []
    current: CommitmentUpdate | None = None
    for block in blocks:
        item = None
        if explicit and not (block.kind in ("para", "bullet") and _EXPLICIT.match(block.text)):
            current = None
        elif block.kind in ("para", "bullet"):
            item = split_item(block.text)
        elif block.kind == "row":
            cells = [c.strip() for c in block.cells if c.strip()]
            if cells and re.fullmatch(r"\d{1,2}\.?", cells[0]):
                title = cells[1] if len(cells) > 2 else None
                item = CommitmentUpdate(
                    cells[0].rstrip("."), title, " ".join(cells[2:] or cells[1:2])
                )
            elif cells:
                item = split_item(" – ".join(cells))
        if item is not None:
            updates.append(item)
            current = item
        elif current is not None and block.kind in ("para", "bullet") and not current.text:
            current.text = block.text
        elif current is not None and block.kind == "bullet" and block.text:
            current.text = f"{current.text}\n• {block.text}".strip()
    return updates
