"""`opengov restore PATH`: replace the whole database with a backup, after checking the file, then
verify the audit chain. `--check` checks the file only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from opengov.core.backup import (
    BackupError,
    Manifest,
    restore_backup,
    terminate_as_interrupt,
    verify_restore,
)
from opengov.core.backup.progress import StageBars


class Command(BaseCommand):
    help = "Restore the whole database from a backup file made by `opengov backup`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The backup file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace a database that already holds data without asking.",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Never ask: refuse to replace data unless --force is given.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Check the file (manifest, checksum, the database in it) and change nothing.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bars.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        interactive = options["interactive"] and sys.stdin.isatty()
        bars = StageBars(hidden=options["no_progress"])
        try:
            with terminate_as_interrupt(), bars:
                manifest, missing = restore_backup(
                    path=path,
                    force=options["force"],
                    confirm=self.confirm if interactive else None,
                    check_only=options["check"],
                    progress=bars.update,
                )
        except BackupError as error:
            raise CommandError(error.message, returncode=1) from None
        except KeyboardInterrupt:
            raise CommandError(
                _("Interrupted: the database was not changed."), returncode=130
            ) from None
        facts = manifest.facts
        if options["check"]:
            self.stdout.write(
                _(
                    "%(path)s is a sound backup of a %(vendor)s database, taken at %(created)s "
                    "(%(events)s audit events); it can be restored here."
                )
                % {
                    "path": path,
                    "vendor": manifest.vendor,
                    "created": manifest.created_at,
                    "events": facts.audit_events,
                }
            )
            return
        self.stdout.write(
            _("Restored the backup taken at %(created)s.") % {"created": manifest.created_at}
        )
        with bars:
            verification = verify_restore(manifest, progress=bars.update)
        chain = verification.chain
        if chain.problem is not None:
            raise CommandError(
                _("Audit trail BROKEN at event #%(sequence)s: %(reason)s")
                % {"sequence": chain.problem.sequence, "reason": chain.problem.reason},
                returncode=1,
            )
        if not verification.head_matches:
            raise CommandError(
                _(
                    "The restored audit trail (%(events)s events) does not end where the "
                    "backup's manifest says (#%(sequence)s %(hash)s)."
                )
                % {
                    "events": chain.checked,
                    "sequence": facts.audit_head_sequence,
                    "hash": facts.audit_head_hash,
                },
                returncode=1,
            )
        self.stdout.write(
            _("Audit trail verified: %(count)s events, chain intact, head as in the backup.")
            % {"count": chain.checked}
        )
        if missing:
            self.stdout.write(
                _(
                    "The backup predates %(count)s migrations of this version of opengov: run "
                    "`opengov migrate` now."
                )
                % {"count": len(missing)}
            )

    def confirm(self, held: list[str], manifest: Manifest) -> bool:
        self.stdout.write(
            _(
                "The database holds data (%(held)s). Restoring replaces ALL of it with the "
                "backup taken at %(created)s."
            )
            % {"held": ", ".join(held[:5]), "created": manifest.created_at}
        )
        answer = input(_("Type 'yes' to replace it: "))
        return answer.strip().lower() == "yes"
