"""Counting a contest's ballots: pure functions of the ballots, the candidates, the seats and a
seed, with no database. `plurality.count` and `stv.count` return a `ContestResult`.

Votes are integers in hundred-thousandths (SCALE): the Scottish STV rules count transfer values
to five decimal places, any remainder ignored, and integers keep that exact.

Ties (both methods) are broken by the rule the Scottish STV rules give (SSI 2007/42, schedule 1,
rules 48(4) and 50(2)): the candidates' totals at the earliest stage at which they differed decide;
where they never differed, by lot. The lot is `random.Random(seed)` choosing among the tied
candidates in the order of their ids; the seed is published with the results so anyone can redraw
it and get the same answer."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

SCALE = 100_000


@dataclass
class Stage:
    number: int
    action: str  # "first" | "surplus" | "exclusion" | "last" | "plurality"
    candidate: int | None
    totals: dict[int, int]
    non_transferable: int = 0
    elected: list[int] = field(default_factory=list)
    excluded: list[int] = field(default_factory=list)
    tie_break: str = ""  # "" | "earlier stage" | "lot"

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": self.number,
            "action": self.action,
            "candidate": self.candidate,
            "totals": {str(k): v for k, v in self.totals.items()},
            "non_transferable": self.non_transferable,
            "elected": self.elected,
            "excluded": self.excluded,
            "tie_break": self.tie_break,
        }


@dataclass
class ContestResult:
    method: str
    seats: int
    valid_ballots: int
    quota: int | None  # in SCALE units, STV only
    elected: list[int]  # in order of election
    stages: list[Stage]
    first: dict[int, int]  # first-preference (or plurality) votes, in SCALE units
    final: dict[int, int]  # votes at the last stage, in SCALE units
    decided_at: dict[int, int]  # stage at which each candidate was elected or excluded
    lots_drawn: int = 0


class TieBreaker:
    """Chooses among tied candidates by earlier stages, then by lot (see the module)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - a lot anyone can redraw, not a secret
        self.lots = 0

    def pick(
        self, tied: list[int], history: list[dict[int, int]], *, highest: bool
    ) -> tuple[int, str]:
        """The one candidate to elect or transfer first (highest=True) or to exclude."""
        remaining = sorted(tied)
        if len(remaining) == 1:
            return remaining[0], ""
        for totals in history:
            values = {c: totals.get(c, 0) for c in remaining}
            best = max(values.values()) if highest else min(values.values())
            if len(set(values.values())) > 1:
                remaining = [c for c in remaining if values[c] == best]
                if len(remaining) == 1:
                    return remaining[0], "earlier stage"
        self.lots += 1
        return remaining[self.rng.randrange(len(remaining))], "lot"

    def order(
        self, candidates: list[int], totals: dict[int, int], history: list[dict[int, int]]
    ) -> tuple[list[int], str]:
        """Candidates from the most votes to the fewest, ties broken as `pick` does."""
        ordered: list[int] = []
        note = ""
        left = list(candidates)
        while left:
            top = max(totals[c] for c in left)
            tied = [c for c in left if totals[c] == top]
            chosen, how = self.pick(tied, history, highest=True)
            note = how or note
            ordered.append(chosen)
            left.remove(chosen)
        return ordered, note
