"""Plurality (block vote): each ballot marks up to as many candidates as there are seats; each
mark is one vote; the candidates with the most votes fill the seats. A tie for the last seat is
decided by lot (there are no earlier stages), with the published seed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import SCALE, ContestResult, Stage, TieBreaker


def count(
    ballots: Iterable[Sequence[int]], candidates: Sequence[int], seats: int, seed: int
) -> ContestResult:
    known = set(candidates)
    totals = {c: 0 for c in candidates}
    valid = 0
    for ballot in ballots:
        marks = list(dict.fromkeys(c for c in ballot if c in known))[:seats]
        if not marks:
            continue
        valid += 1
        for c in marks:
            totals[c] += SCALE
    breaker = TieBreaker(seed)
    ranked = sorted(totals, key=lambda c: (-totals[c], c))
    elected, tie_break = ranked[:seats], ""
    if len(ranked) > seats and totals[ranked[seats - 1]] == totals[ranked[seats]]:
        last = totals[ranked[seats - 1]]
        above = [c for c in ranked if totals[c] > last]
        tied = [c for c in ranked if totals[c] == last]
        elected = list(above)
        while len(elected) < seats:
            chosen, tie_break = breaker.pick(tied, [], highest=True)
            elected.append(chosen)
            tied.remove(chosen)
    stage = Stage(1, "plurality", None, dict(totals), elected=list(elected), tie_break=tie_break)
    return ContestResult(
        method="plurality",
        seats=seats,
        valid_ballots=valid,
        quota=None,
        elected=elected,
        stages=[stage],
        first=dict(totals),
        final=dict(totals),
        decided_at={c: 1 for c in candidates},
        lots_drawn=breaker.lots,
    )
