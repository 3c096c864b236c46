"""`opengov backup` and `opengov restore`: whole-database backups (SQLite's online backup API,
PostgreSQL's pg_dump/pg_restore) in a tar file with a manifest. See docs/deploy.md, "Backups"."""

from .errors import BackupError
from .manifest import Manifest
from .operations import (
    Verification,
    check_backup,
    create_backup,
    existing_data,
    restore_backup,
    terminate_as_interrupt,
    verify_restore,
)

__all__ = [
    "BackupError",
    "Manifest",
    "Verification",
    "check_backup",
    "create_backup",
    "existing_data",
    "restore_backup",
    "terminate_as_interrupt",
    "verify_restore",
]
