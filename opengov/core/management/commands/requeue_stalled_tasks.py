"""`opengov requeue-stalled-tasks`: give a worker again the idempotent tasks (e-mail delivery)
that a worker claimed and never finished, because it was killed (opengov.core.tasks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opengov.core.tasks import STALLED_AFTER, requeue_stalled_tasks


class Command(BaseCommand):
    help = "Re-queue tasks left running by a task worker that was killed (e-mail delivery)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=int(STALLED_AFTER.total_seconds() // 60),
            help="Only tasks claimed at least this long ago (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        minutes = max(0, options["older_than_minutes"])
        count = requeue_stalled_tasks(older_than=dt.timedelta(minutes=minutes))
        self.stdout.write(f"Re-queued {count} stalled task(s).")
