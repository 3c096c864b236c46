"""`opengov export-ogp [FILE]`: write every commitment in OGP's commitments export layout, as
UTF-8 CSV, to FILE or to standard output."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengov.action_plans.models import Commitment
from opengov.action_plans.ogp.exporter import write_ogp_csv
from opengov.core.files import atomic_write, describe_os_error


class Command(BaseCommand):
    help = "Export commitments in the OGP/IRM commitments export layout (CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default="-", help="The CSV file to write (default: standard output)."
        )
        parser.add_argument(
            "--published", action="store_true", help="Only commitments of published plans."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        commitments = Commitment.objects.all()
        if options["published"]:
            commitments = commitments.published()
        if options["file"] == "-":
            write_ogp_csv(self.stdout, commitments)
            return
        try:
            # All or nothing: a full disk leaves no half-written file (opengov.core.files).
            with atomic_write(options["file"]) as stream:
                count = write_ogp_csv(stream, commitments)
        except OSError as error:
            raise CommandError(
                f"Could not write {options['file']}: {describe_os_error(error)}. "
                "Nothing was written; a file already there is unchanged.",
                returncode=1,
            ) from None
        self.stderr.write(f"Wrote {count} commitments to {options['file']}.")
