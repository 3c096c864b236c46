"""Single Transferable Vote by the Scottish local-government rules: The Scottish Local Government
Elections Order 2007 (SSI 2007/42), schedule 1, rules 45 to 52 — the weighted inclusive Gregory
method with the Droop quota.

- Quota (rule 46): the valid ballots divided by one more than the seats, any fraction ignored,
  plus one.
- Stage 1: each ballot counts for its first preference. A candidate whose votes reach the quota is
  elected.
- Surplus (rule 48): while an elected candidate has more than the quota, the largest surplus is
  transferred first. Every ballot the candidate holds passes to its next preference among the
  continuing candidates at the value (its value × surplus ÷ the candidate's total), to five
  decimal places, any remainder ignored. A ballot with no further preference is non-transferable.
- Exclusion (rule 50): with no surplus to transfer, the candidate with the fewest votes is
  excluded and all their ballots pass on at the value at which they were received.
- Ties (rules 48(4), 50(2)): the totals at the earliest stage at which the tied candidates
  differed decide; where they never differed, by lot (see counting/__init__.py).
- End (rule 52): when the continuing candidates are as many as the seats left, they are elected.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from . import SCALE, ContestResult, Stage, TieBreaker


@dataclass
class _Paper:
    preferences: list[int]
    value: int


def quota_for(valid_ballots: int, seats: int) -> int:
    return (valid_ballots // (seats + 1) + 1) * SCALE


class _Count:
    def __init__(
        self, ballots: Iterable[Sequence[int]], candidates: Sequence[int], seats: int, seed: int
    ) -> None:
        known = set(candidates)
        self.seats = seats
        self.candidates = sorted(candidates)
        self.papers = [
            _Paper(list(dict.fromkeys(c for c in b if c in known)), SCALE) for b in ballots
        ]
        self.papers = [p for p in self.papers if p.preferences]
        self.quota = quota_for(len(self.papers), seats)
        self.piles: dict[int, list[_Paper]] = {c: [] for c in self.candidates}
        self.totals = {c: 0 for c in self.candidates}
        self.elected: list[int] = []
        self.excluded: set[int] = set()
        self.pending: list[int] = []  # elected, surplus not yet transferred
        self.non_transferable = 0
        self.history: list[dict[int, int]] = []
        self.stages: list[Stage] = []
        self.decided_at: dict[int, int] = {}
        self.breaker = TieBreaker(seed)

    def continuing(self) -> list[int]:
        return [c for c in self.candidates if c not in self.excluded and c not in self.elected]

    def _place(self, paper: _Paper) -> None:
        """Give the paper to its next continuing preference, or set it aside."""
        live = set(self.continuing())
        while paper.preferences and paper.preferences[0] not in live:
            paper.preferences.pop(0)
        if not paper.preferences or paper.value == 0:
            self.non_transferable += paper.value
            return
        target = paper.preferences[0]
        self.piles[target].append(paper)
        self.totals[target] += paper.value

    def _close_stage(
        self, action: str, candidate: int | None, excluded: list[int], note: str
    ) -> None:
        number = len(self.stages) + 1
        reached = [c for c in self.continuing() if self.totals[c] >= self.quota]
        room = self.seats - len(self.elected)
        if len(reached) > room:  # only then does the order among them decide who is elected
            order, how = self.breaker.order(reached, self.totals, self.history)
        else:
            order, how = sorted(reached, key=lambda c: (-self.totals[c], c)), ""
        newly = order[:room]
        for c in newly:
            self.elected.append(c)
            self.decided_at[c] = number
            if self.totals[c] > self.quota:
                self.pending.append(c)
        snapshot = dict(self.totals)
        self.history.append(snapshot)
        self.stages.append(
            Stage(number, action, candidate, snapshot, self.non_transferable, newly, excluded,
                  note or how)
        )  # fmt: skip

    def run(self) -> ContestResult:
        for paper in self.papers:
            self._place(paper)
        self._close_stage("first", None, [], "")
        first = dict(self.totals)
        while len(self.elected) < self.seats:
            continuing = self.continuing()
            if len(continuing) <= self.seats - len(self.elected):
                self._elect_remaining(continuing)
                break
            if self.pending:
                self._transfer_surplus()
            else:
                self._exclude_lowest(continuing)
        return ContestResult(
            method="stv",
            seats=self.seats,
            valid_ballots=len(self.papers),
            quota=self.quota,
            elected=self.elected,
            stages=self.stages,
            first=first,
            final=dict(self.totals),
            decided_at=self.decided_at,
            lots_drawn=self.breaker.lots,
        )

    def _transfer_surplus(self) -> None:
        largest = max(self.totals[c] for c in self.pending)
        tied = [c for c in self.pending if self.totals[c] == largest]
        chosen, how = self.breaker.pick(tied, self.history, highest=True)
        self.pending.remove(chosen)
        total, surplus = self.totals[chosen], self.totals[chosen] - self.quota
        papers, self.piles[chosen] = self.piles[chosen], []
        self.totals[chosen] = self.quota
        for paper in papers:
            paper.value = paper.value * surplus // total
            self._place(paper)
        # What truncation to five places leaves over is lost, as the rules say.
        placed = sum(self.totals.values()) + self.non_transferable
        self.non_transferable += len(self.papers) * SCALE - placed
        self._close_stage("surplus", chosen, [], how)

    def _exclude_lowest(self, continuing: list[int]) -> None:
        lowest = min(self.totals[c] for c in continuing)
        tied = [c for c in continuing if self.totals[c] == lowest]
        chosen, how = self.breaker.pick(tied, self.history, highest=False)
        self.excluded.add(chosen)
        self.decided_at[chosen] = len(self.stages) + 1
        papers, self.piles[chosen] = self.piles[chosen], []
        self.totals[chosen] = 0
        for paper in papers:
            self._place(paper)
        self._close_stage("exclusion", chosen, [chosen], how)

    def _elect_remaining(self, continuing: list[int]) -> None:
        number = len(self.stages) + 1
        order = sorted(continuing, key=lambda c: (-self.totals[c], c))
        for c in order:
            self.elected.append(c)
            self.decided_at[c] = number
        snapshot = dict(self.totals)
        self.history.append(snapshot)
        self.stages.append(
            Stage(number, "last", None, snapshot, self.non_transferable, order, [], "")
        )


def count(
    ballots: Iterable[Sequence[int]], candidates: Sequence[int], seats: int, seed: int
) -> ContestResult:
    """Count the ballots (each a list of candidate ids, most preferred first) for `seats`."""
    return _Count(ballots, candidates, seats, seed).run()
