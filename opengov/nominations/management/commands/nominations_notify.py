"""`opengov nominations_notify`: tell the eligible members' people of each nomination round whose
nominations or voting opened by the clock since the last run, once each. Run it every few
minutes (cron, a systemd timer), like the task worker's housekeeping (docs/deploy.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from opengov.nominations.services import tell_windows_opened


class Command(BaseCommand):
    help = "Tell eligible members when nominations or voting open (run every few minutes)."

    def handle(self, *args: Any, **options: Any) -> None:
        told = tell_windows_opened()
        self.stdout.write(
            f"Told the members of {told.nominations_open} round(s) that nominations are open "
            f"and of {told.voting_open} round(s) that voting is open."
        )
