"""`opengov backup [PATH]`: one consistent copy of the whole database and its manifest, written
atomically (to var/backups/ unless PATH names a file or a folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from opengov.core.backup import BackupError, create_backup, terminate_as_interrupt
from opengov.core.backup.progress import StageBars


class Command(BaseCommand):
    help = "Back up the whole database (SQLite or PostgreSQL) to one file with a manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            help="The backup file to write, or a folder for a dated file (default: var/backups/).",
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace the file at PATH if there is one."
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["path"]) if options["path"] else None
        try:
            with terminate_as_interrupt(), StageBars(hidden=options["no_progress"]) as bars:
                path, manifest = create_backup(
                    target=target, overwrite=options["overwrite"], progress=bars.update
                )
        except BackupError as error:
            raise CommandError(error.message, returncode=1) from None
        except KeyboardInterrupt:
            raise CommandError(
                _("Interrupted: no backup file was written."), returncode=130
            ) from None
        facts = manifest.facts
        self.stdout.write(
            _("Backup written to %(path)s (%(size)s).")
            % {"path": path, "size": filesizeformat(path.stat().st_size)}
        )
        self.stdout.write(
            _("  database: %(vendor)s, %(migrations)s migrations applied")
            % {"vendor": manifest.vendor, "migrations": len(facts.migrations)}
        )
        self.stdout.write(
            _("  audit trail: %(events)s events, head #%(sequence)s %(hash)s")
            % {
                "events": facts.audit_events,
                "sequence": facts.audit_head_sequence,
                "hash": facts.audit_head_hash,
            }
        )
        self.stdout.write(
            _(
                "Check it with `opengov restore --check %(path)s`. It holds personal data: "
                "store it encrypted."
            )
            % {"path": path}
        )
