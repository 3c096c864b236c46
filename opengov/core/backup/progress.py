"""Progress bars for `opengov backup` and `opengov restore`: one tqdm bar per stage, on stderr,
hidden when stderr is not a terminal (CI logs, cron mail) or with --no-progress."""

from __future__ import annotations

import sys
from types import TracebackType

from tqdm import tqdm


class StageBars:
    def __init__(self, *, hidden: bool) -> None:
        self.hidden = hidden
        self.stage: str | None = None
        self.bar: tqdm | None = None

    def update(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage or self.bar is None:
            self.close()
            self.stage = stage
            # disable=None: shown only when stderr is a terminal.
            self.bar = tqdm(
                desc=stage, total=total, file=sys.stderr, disable=self.hidden or None, leave=False
            )
        self.bar.total = total
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def __enter__(self) -> StageBars:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
