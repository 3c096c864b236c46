"""The one error backups and restores raise: the file or the database cannot be used as asked, and
nothing was changed."""

from __future__ import annotations

from opengov.core.errors import DomainError


class BackupError(DomainError):
    """A backup or restore was refused or failed; the database and the target file are unchanged."""
