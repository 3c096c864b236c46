"""`opengov audit verify` recomputes the audit trail's hash chain; `opengov audit show N` prints
one event as JSON, with everything a reader needs to recompute its hash."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from opengov.core.audit import canonical_payload, compute_hash, verify_chain
from opengov.core.models import AuditEvent


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain, or show one audit event."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", metavar="{verify,show}")
        subcommands.required = True
        verify = subcommands.add_parser(
            "verify", help="Recompute every event's hash; exit 1 at the first broken link."
        )
        verify.add_argument(
            "--no-progress", action="store_true", help="Do not show a progress bar."
        )
        show = subcommands.add_parser("show", help="Print one event, by its sequence, as JSON.")
        show.add_argument("sequence", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "show":
            self.show(options["sequence"])
        else:
            self.verify(show_progress=not options["no_progress"])

    def verify(self, *, show_progress: bool) -> None:
        total = AuditEvent.objects.count()
        # disable=None hides the bar when stderr is not a terminal (CI logs, pipes).
        with tqdm(
            total=total,
            desc="Verifying",
            unit=" events",
            file=sys.stderr,
            disable=None if show_progress else True,
            leave=False,
        ) as bar:
            report = verify_chain(progress=bar.update)
        if report.problem is not None:
            self.stderr.write(
                f"Audit trail BROKEN at event #{report.problem.sequence}: {report.problem.reason}"
            )
            # Exit without a traceback or Django's "CommandError:" prefix.
            raise SystemExit(1)
        self.stdout.write(f"Audit trail verified: {report.checked} events, chain intact.")

    def show(self, sequence: int) -> None:
        event = AuditEvent.objects.filter(sequence=sequence).first()
        if event is None:
            raise CommandError(f"There is no audit event #{sequence}.")
        payload = canonical_payload(event)
        data = json.loads(payload)
        data.update(
            {
                "object_key": event.object_key,
                # sha256 of exactly this text (UTF-8) is the event's hash.
                "canonical_payload": payload,
                "hash": event.hash,
                "hash_matches": compute_hash(event) == event.hash,
            }
        )
        self.stdout.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
