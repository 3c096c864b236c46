"""The manifest every backup file carries: which database it holds, at which migrations, and the
audit chain's head, so a restore can refuse a file it cannot use before it changes anything."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from opengov.core.audit import GENESIS_HASH
from opengov.core.models import AuditChainHead, AuditEvent

from .errors import BackupError

FORMAT = "opengov-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MAX_MANIFEST_BYTES = 1024 * 1024
SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class DatabaseFacts:
    """What the manifest records about the database, read in the same snapshot as the copy."""

    migrations: tuple[str, ...]
    audit_events: int
    audit_head_sequence: int
    audit_head_hash: str


@dataclass(frozen=True)
class Manifest:
    vendor: str
    created_at: str
    opengov_version: str
    facts: DatabaseFacts
    payload_name: str
    payload_size: int
    payload_sha256: str
    format_version: int = FORMAT_VERSION

    def to_json(self) -> bytes:
        document = {
            "format": FORMAT,
            "format_version": self.format_version,
            "created_at": self.created_at,
            "opengov_version": self.opengov_version,
            "database": {"vendor": self.vendor, "migrations": list(self.facts.migrations)},
            "audit": {
                "events": self.facts.audit_events,
                "head_sequence": self.facts.audit_head_sequence,
                "head_hash": self.facts.audit_head_hash,
            },
            "payload": {
                "name": self.payload_name,
                "size": self.payload_size,
                "sha256": self.payload_sha256,
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        """Parse and check a manifest; anything missing or malformed is a BackupError."""
        try:
            document = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(
                _("Its manifest is not valid JSON (%(error)s).") % {"error": error}
            ) from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise BackupError(_("Its manifest does not describe an opengov backup."))
        version = document.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise BackupError(_("Its manifest has no format version."))
        if version > FORMAT_VERSION:
            raise BackupError(
                _(
                    "It was written in backup format %(found)s; this version of opengov reads "
                    "format %(known)s and older. Upgrade opengov to restore it."
                )
                % {"found": version, "known": FORMAT_VERSION}
            )
        try:
            return cls._from_document(document, version)
        except (KeyError, TypeError, ValueError) as error:
            raise BackupError(
                _("Its manifest is incomplete or malformed (%(error)s).") % {"error": error}
            ) from None

    @classmethod
    def _from_document(cls, document: dict[str, Any], version: int) -> Manifest:
        database, audit, payload = document["database"], document["audit"], document["payload"]
        migrations = database["migrations"]
        if not isinstance(migrations, list) or not all(isinstance(m, str) for m in migrations):
            raise ValueError("database.migrations")
        facts = DatabaseFacts(
            migrations=tuple(migrations),
            audit_events=_count(audit["events"], "audit.events"),
            audit_head_sequence=_count(audit["head_sequence"], "audit.head_sequence"),
            audit_head_hash=_sha256(audit["head_hash"], "audit.head_hash"),
        )
        name = payload["name"]
        if not isinstance(name, str) or not name or "/" in name or name == MANIFEST_NAME:
            raise ValueError("payload.name")
        dt.datetime.fromisoformat(str(document["created_at"]))
        return cls(
            vendor=str(database["vendor"]),
            created_at=str(document["created_at"]),
            opengov_version=str(document.get("opengov_version", "")),
            facts=facts,
            payload_name=name,
            payload_size=_count(payload["size"], "payload.size"),
            payload_sha256=_sha256(payload["sha256"], "payload.sha256"),
            format_version=version,
        )


def _count(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(name)
    return value


def _sha256(value: Any, name: str) -> str:
    if not isinstance(value, str) or not SHA256.fullmatch(value):
        raise ValueError(name)
    return value


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def read_facts(cursor: Any) -> DatabaseFacts:
    """Read the manifest's facts through any DB-API cursor (Django's, or sqlite3's on a copy)."""
    cursor.execute("SELECT app, name FROM django_migrations")
    migrations = tuple(sorted(f"{app}.{name}" for app, name in cursor.fetchall()))
    cursor.execute(f"SELECT COUNT(*) FROM {_quote(AuditEvent._meta.db_table)}")  # noqa: S608
    events = int(cursor.fetchone()[0])
    cursor.execute(
        f"SELECT last_sequence, last_hash FROM {_quote(AuditChainHead._meta.db_table)} "  # noqa: S608
        "WHERE id = 1"
    )
    head = cursor.fetchone()
    sequence, head_hash = (int(head[0]), str(head[1])) if head else (0, GENESIS_HASH)
    return DatabaseFacts(migrations, events, sequence, head_hash)


def known_migrations() -> set[str]:
    """Every migration this version of opengov ships, as "app.name"."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def schema_difference(backup: Iterable[str], known: Iterable[str]) -> tuple[list[str], list[str]]:
    """(unknown, missing): migrations applied in the backup that this code does not have (it
    comes from a newer version), and migrations this code has that the backup predates."""
    backup_set, known_set = set(backup), set(known)
    return sorted(backup_set - known_set), sorted(known_set - backup_set)
