"""Taking and restoring backups. A backup is one consistent copy of the whole database plus a
manifest; a restore refuses a file it cannot use (another vendor, a newer schema, damaged) before it
changes anything, replaces the database in one transaction, then verifies the audit chain."""

from __future__ import annotations

import datetime as dt
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core.audit import GENESIS_HASH, ChainReport, verify_chain
from opengov.core.models import AuditChainHead, AuditEvent

from . import postgres, sqlite
from .archive import extract_payload, read_manifest, write_archive
from .errors import BackupError
from .manifest import DatabaseFacts, Manifest, known_migrations, schema_difference

VENDORS = {"sqlite": sqlite.PAYLOAD_NAME, "postgresql": postgres.PAYLOAD_NAME}
# Rows a fresh `migrate` writes: a database holding only these has no data to lose.
SEEDED_BY_MIGRATIONS = {"contenttypes.contenttype", "auth.permission", "action_plans.policyarea"}
Progress = Callable[[str, int, int], None]
StepProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class Verification:
    """The audit chain after a restore, and whether its head is the one the manifest recorded."""

    chain: ChainReport
    head_matches: bool


def _stage(progress: Progress | None, label: str) -> StepProgress | None:
    if progress is None:
        return None
    return lambda done, total: progress(label, done, total)


def _connection() -> Any:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor not in VENDORS:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection


def _opengov_version() -> str:
    try:
        return version("opengov")
    except PackageNotFoundError:
        return ""


def backup_file_name(vendor: str, now: dt.datetime) -> str:
    return f"opengov-{vendor}-{now.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}.tar"


def default_folder() -> Path:
    """var/backups/, readable by its owner only: a backup holds personal data."""
    folder = Path(settings.VAR_DIR) / "backups"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def create_backup(
    *,
    target: Path | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> tuple[Path, Manifest]:
    """Write a backup of the whole database to `target` (a file, or a folder to put a dated file
    in; by default var/backups/). Nothing appears under the target's name unless the backup is
    complete: it is written beside it, fsynced, then renamed. An existing file is kept unless
    `overwrite`. Reads only: records no audit event."""
    connection = _connection()
    vendor = connection.vendor
    now = timezone.now()
    if target is None:
        target = default_folder() / backup_file_name(vendor, now)
    elif target.is_dir():
        target = target / backup_file_name(vendor, now)
    target = target.absolute()
    if target.exists() and not overwrite:
        raise BackupError(
            _("%(path)s already exists; choose another name, or pass --overwrite.")
            % {"path": target}
        )
    if not target.parent.is_dir():
        raise BackupError(_("There is no folder %(path)s.") % {"path": target.parent})
    created_at = now.astimezone(dt.UTC).isoformat()
    try:
        with tempfile.TemporaryDirectory(
            dir=target.parent, prefix=f".{target.name}.", suffix=".partial"
        ) as work:
            payload = Path(work) / VENDORS[vendor]
            facts = _copy(connection, payload, _stage(progress, _("Copying the database")))

            def manifest_for(size: int, sha256: str) -> Manifest:
                return Manifest(
                    vendor=vendor,
                    created_at=created_at,
                    opengov_version=_opengov_version(),
                    facts=facts,
                    payload_name=VENDORS[vendor],
                    payload_size=size,
                    payload_sha256=sha256,
                )

            manifest = write_archive(
                target=target,
                partial=Path(work) / "backup.tar",
                payload=payload,
                payload_name=VENDORS[vendor],
                manifest_for=manifest_for,
                progress=_stage(progress, _("Writing the backup file")),
            )
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            reason = _("the disk is full")
        raise BackupError(
            _("The backup could not be written (%(reason)s); no file was left at %(path)s.")
            % {"reason": reason, "path": target}
        ) from error
    return target, manifest


def _copy(connection: Any, payload: Path, progress: StepProgress | None) -> DatabaseFacts:
    if connection.vendor == "sqlite":
        sqlite.copy_database(str(connection.settings_dict["NAME"]), payload, progress)
        return sqlite.facts_of(payload)
    return postgres.dump_database(connection, payload, progress)


def check_backup(path: Path) -> tuple[Manifest, list[str]]:
    """The backup's manifest, and the migrations it predates; a BackupError if this database
    cannot take it (another vendor, a newer schema, not a backup). Reads the manifest only."""
    connection = _connection()
    manifest = read_manifest(path)
    if manifest.vendor != connection.vendor:
        raise BackupError(
            _(
                "%(path)s is a backup of a %(theirs)s database, and this opengov uses %(ours)s: "
                "it cannot be restored here. Nothing was changed."
            )
            % {"path": path, "theirs": manifest.vendor, "ours": connection.vendor}
        )
    unknown, missing = schema_difference(manifest.facts.migrations, known_migrations())
    if unknown:
        raise BackupError(
            _(
                "%(path)s comes from a newer version of opengov: its database has migrations "
                "this version does not know (%(migrations)s). Upgrade opengov, then restore it. "
                "Nothing was changed."
            )
            % {"path": path, "migrations": ", ".join(unknown[:5])}
        )
    return manifest, missing


def existing_data() -> list[str]:
    """What the database already holds (the names of the kinds of record it has rows of), apart
    from what a fresh `migrate` writes. Empty for a new or freshly migrated database."""
    connection = connections[DEFAULT_DB_ALIAS]
    tables = set(connection.introspection.table_names())
    held = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            if model._meta.label_lower in SEEDED_BY_MIGRATIONS or table not in tables:
                continue
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone() is not None:
                held.append(str(model._meta.verbose_name_plural))
    return held


def _check_payload(connection: Any, payload: Path) -> None:
    if connection.vendor == "sqlite":
        sqlite.check_payload(payload)
    else:
        postgres.list_archive(payload, os.environ)


def restore_backup(
    *,
    path: Path,
    force: bool = False,
    confirm: Callable[[list[str], Manifest], bool] | None = None,
    check_only: bool = False,
    progress: Progress | None = None,
) -> tuple[Manifest, list[str]]:
    """Replace the whole database with the backup at `path`; return its manifest and the
    migrations it predates (`opengov migrate` applies them). Run `verify_restore` next.

    Refused with nothing changed: a file that is not a complete, undamaged opengov backup, one
    of the other database vendor, one whose schema is newer than this code's, and, unless `force`
    or `confirm(what the database holds, manifest)` agrees, a database that already holds data.
    The replacement is one transaction: interrupted half-way, the old database stays as it was.
    `check_only` checks the file (manifest, checksum, the database inside) and changes nothing."""
    connection = _connection()
    manifest, missing = check_backup(path)
    held = [] if check_only or force else existing_data()
    if held and confirm is None:
        raise _refused(held)
    try:
        with tempfile.TemporaryDirectory(prefix="opengov-restore-") as work:
            payload = extract_payload(
                path, manifest, Path(work), _stage(progress, _("Checking the backup file"))
            )
            _check_payload(connection, payload)
            if check_only:
                return manifest, missing
            if held and not (confirm is not None and confirm(held, manifest)):
                raise _refused(held)
            step = _stage(progress, _("Restoring the database"))
            if connection.vendor == "sqlite":
                sqlite.restore_database(payload, sqlite.raw_connection(connection), step)
            else:
                postgres.restore_database(connection, payload, step)
    except OSError as error:
        # Unpacking into TMPDIR (a full disk) or starting pg_restore: before any change.
        raise BackupError(
            _("The backup could not be restored (%(reason)s). Nothing was changed.")
            % {"reason": error.strerror or error}
        ) from error
    return manifest, missing


def verify_restore(manifest: Manifest, progress: Progress | None = None) -> Verification:
    """Recompute the restored audit chain and compare its head with the manifest's."""
    chain = verify_chain(progress=_events_progress(progress))
    head = AuditChainHead.objects.filter(pk=1).first()
    found = (
        AuditEvent.objects.count(),
        head.last_sequence if head else 0,
        head.last_hash if head else GENESIS_HASH,
    )
    facts = manifest.facts
    expected = (facts.audit_events, facts.audit_head_sequence, facts.audit_head_hash)
    return Verification(chain, head_matches=found == expected)


def _refused(held: list[str]) -> BackupError:
    return BackupError(
        _(
            "The database already holds data (%(held)s). Restoring replaces all of it: run "
            "again with --force to do so. Nothing was changed."
        )
        % {"held": ", ".join(held[:5]) + (", …" if len(held) > 5 else "")}
    )


def _events_progress(progress: Progress | None) -> Callable[[int], None] | None:
    if progress is None:
        return None
    total = AuditEvent.objects.count()
    state = {"done": 0}

    def advance(count: int) -> None:
        state["done"] += count
        progress(_("Verifying the audit trail"), state["done"], total)

    return advance


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt while a backup or restore runs, so that being stopped
    (by a scheduler's timeout, `kill`) cleans up like Ctrl-C: the partial file is removed, a
    running pg_restore is killed and its transaction rolled back."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
