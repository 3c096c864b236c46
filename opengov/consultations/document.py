"""The document of a consultation as paragraphs: splitting its Markdown into blocks, carrying each
paragraph's stable key from one version to the next, and the differences between two versions.

How keys are matched (`match_keys`): the new version's blocks are aligned with the previous
version's by difflib's longest-matching-sequence on their whitespace-normalised text. A block
aligned with an identical one keeps its key. Within a run of replaced blocks, each new block takes
the key of the most similar old block of that run whose word-level similarity is at least
SIMILAR (0.5): an edited paragraph keeps its comments, a rewritten one does not. Finally, a block
identical to an old block left unmatched (a paragraph moved elsewhere) takes its key. Every other
block gets a new key."""

from __future__ import annotations

import difflib
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

SIMILAR = 0.5
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_TOKENS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")


def split_blocks(text: str) -> list[str]:
    """The Markdown's blocks, separated by blank lines: a paragraph, a heading, a list or a
    quote each make one block. Line ends inside a block are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = (block.strip("\n").rstrip() for block in _BLANK_LINES.split(text))
    return [block for block in blocks if block.strip()]


def new_key() -> str:
    return uuid.uuid4().hex[:16]


def _normal(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return _normal(text).lower().split()


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def match_keys(old: Sequence[tuple[str, str]], new: Sequence[str]) -> list[str]:
    """The key of each new block, given the previous version's (key, text) pairs."""
    keys: list[str | None] = [None] * len(new)
    used: set[int] = set()
    old_norm = [_normal(text) for _key, text in old]
    new_norm = [_normal(text) for text in new]
    matcher = difflib.SequenceMatcher(None, old_norm, new_norm, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for offset in range(i2 - i1):
                keys[j1 + offset] = old[i1 + offset][0]
                used.add(i1 + offset)
        elif tag == "replace":
            for j in range(j1, j2):
                scored = [
                    (similarity(old[i][1], new[j]), i) for i in range(i1, i2) if i not in used
                ]
                best = max(scored, default=(0.0, -1))
                if best[0] >= SIMILAR:
                    keys[j] = old[best[1]][0]
                    used.add(best[1])
    unmatched_old = {old_norm[i]: i for i in range(len(old)) if i not in used}
    for j, key in enumerate(keys):
        if key is None and new_norm[j] in unmatched_old:
            i = unmatched_old.pop(new_norm[j])
            keys[j] = old[i][0]
            used.add(i)
    return [key or new_key() for key in keys]


# Differences ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of text in a changed paragraph: "same", "added" or "removed"."""

    kind: str
    text: str


@dataclass(frozen=True)
class Change:
    """One paragraph in the comparison: "same", "added", "removed" or "changed" (with pieces)."""

    kind: str
    old_text: str = ""
    new_text: str = ""
    key: str = ""
    pieces: list[Piece] = field(default_factory=list)


def word_pieces(old: str, new: str) -> list[Piece]:
    """The word-level changes from `old` to `new`, runs of the same kind merged."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    pieces: list[Piece] = []

    def add(kind: str, text: str) -> None:
        if not text:
            return
        if pieces and pieces[-1].kind == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + text)
        else:
            pieces.append(Piece(kind, text))

    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", "".join(a[i1:i2]))
        else:
            add("removed", "".join(a[i1:i2]))
            add("added", "".join(b[j1:j2]))
    return pieces


def compare(old: Sequence[tuple[str, str]], new: Sequence[tuple[str, str]]) -> list[Change]:
    """The paragraphs of two versions, given as (key, text), aligned by key: a key in both is
    the same paragraph (unchanged or changed), one only in the old version was removed, one only
    in the new version was added."""
    matcher = difflib.SequenceMatcher(
        None, [k for k, _t in old], [k for k, _t in new], autojunk=False
    )
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (key, before), (_key, after) in zip(old[i1:i2], new[j1:j2], strict=True):
                if before == after:
                    changes.append(Change("same", before, after, key))
                else:
                    changes.append(
                        Change("changed", before, after, key, word_pieces(before, after))
                    )
            continue
        changes.extend(Change("removed", old_text=text, key=key) for key, text in old[i1:i2])
        changes.extend(Change("added", new_text=text, key=key) for key, text in new[j1:j2])
    return changes
