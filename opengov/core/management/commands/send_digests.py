"""`opengov send_digests`: send each user who chose a daily digest the notifications waiting for
them, as one e-mail, and delete those items. Run it once a day (docs/deploy.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from opengov.core.models import DigestItem
from opengov.core.notifications import send_digests


class Command(BaseCommand):
    help = "Send the daily digests of notifications (run once a day)."

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = DigestItem.objects.values("recipient_id").distinct().count()
        with tqdm(
            total=waiting, unit="user", disable=options["verbosity"] == 0 or not waiting
        ) as bar:
            run = send_digests(progress=bar.update)
        self.stdout.write(f"Sent {run.users} digest(s) with {run.items} notification(s).")
