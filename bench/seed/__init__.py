"""Scale data: `opengov bench seed --scale S` fills a fresh database with deterministic,
realistic synthetic data. S=1 is one OGP member's real size; S=100 is all of OGP.

`generate` builds every object in memory from a seeded random.Random, touching no database;
`load` writes them with bulk inserts and appends the audit events they imply to the hash chain."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from .generate import BASE_COUNTS, SeedData, counts_for, generate
from .load import SeedRefused, load

__all__ = [
    "BASE_COUNTS",
    "SeedData",
    "SeedRefused",
    "SeedResult",
    "counts_for",
    "generate",
    "load",
    "seed",
]


@dataclass(frozen=True)
class SeedResult:
    counts: dict[str, int]
    generate_seconds: float
    load_seconds: float

    @property
    def seconds(self) -> float:
        return self.generate_seconds + self.load_seconds


def seed(
    *,
    scale: float,
    seed: int = 1,
    force: bool = False,
    progress: bool | None = None,
    now: dt.datetime | None = None,
) -> SeedResult:
    """Generate the data for `scale` from `seed` and load it. Refuses (SeedRefused) a database that
    already has members unless `force`. `progress`: True shows bars, False hides them, None shows
    them only when stderr is a terminal."""
    from django.utils import timezone

    from opengov.action_plans.models import PolicyArea

    from .load import check_empty, collector_paused

    check_empty(force=force)
    with collector_paused():
        started = time.perf_counter()
        data = generate(
            scale=scale,
            seed=seed,
            now=now or timezone.now(),
            policy_areas=list(PolicyArea.objects.order_by("slug")),
        )
        generated = time.perf_counter()
        counts = load(data, force=force, progress=progress)
        loaded = time.perf_counter()
    return SeedResult(counts, generated - started, loaded - generated)
