"""`Line`: one line of a converted document, with what its format said about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """`kind` is "text", "heading", "bullet", "row" (a table row: `cells`), "blank" (a gap
    between paragraphs) or "empty" (an explicitly empty paragraph or cell, as in flattened
    tables). `strong`: the whole line was bold. `numbered`: an ordered-list item."""

    text: str
    kind: str = "text"
    cells: tuple[str, ...] = ()
    level: int = 0
    indent: int = 0
    strong: bool = False
    numbered: bool = False
