"""`opengov import-ogp FILE [--dry-run]`: import commitments from OGP's commitments export, all or
nothing, with a progress bar on stderr and a table of what was created, updated or left alone."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError
from tqdm import tqdm

from opengov.action_plans.ogp.importer import ImportSummary, OgpImportError, import_ogp_file
from opengov.core.actors import SYSTEM
from opengov.core.errors import DomainError


class Command(BaseCommand):
    help = "Import commitments from a file in the OGP/IRM commitments export layout."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The CSV file (UTF-8), in OGP's 171-column layout.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count everything, then save nothing."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        # disable=None hides the bar when stderr is not a terminal (CI logs, pipes).
        bar = tqdm(
            desc="Importing",
            unit=" commitments",
            file=sys.stderr,
            disable=True if options["no_progress"] else None,
            leave=False,
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        try:
            with bar:
                summary = import_ogp_file(
                    options["file"], by=SYSTEM, progress=progress, dry_run=options["dry_run"]
                )
        except OgpImportError as error:
            lines = ["The file was not imported; nothing was saved."]
            lines += [str(problem) for problem in error.problems]
            raise CommandError("\n".join(lines), returncode=1) from None
        except (DomainError, OSError) as error:
            raise CommandError(f"The file was not imported: {error}", returncode=1) from None
        except OperationalError as error:  # locked, gone or full: the import was rolled back
            raise CommandError(
                f"The file was not imported: the database could not be written ({error}). "
                "Nothing was saved.",
                returncode=1,
            ) from None
        self.report(summary)

    def report(self, summary: ImportSummary) -> None:
        headings = ["created", "updated", "unchanged", "skipped"]
        self.stdout.write(f"{'':<14}" + "".join(f"{h:>11}" for h in headings))
        for label, counts in (
            ("members", summary.members),
            ("action plans", summary.plans),
            ("commitments", summary.commitments),
        ):
            cells = "".join(f"{getattr(counts, h):>11}" for h in headings)
            self.stdout.write(f"{label:<14}{cells}")
        for warning in summary.warnings:
            self.stderr.write(f"Warning: {warning}")
        if summary.dry_run:
            self.stdout.write("Dry run: nothing was saved.")
