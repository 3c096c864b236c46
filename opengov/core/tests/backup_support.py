"""Shared by the backup tests: the database under test with a little data, a snapshot of every
table, the commands' output or refusal, and backup files taken apart and put back together."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from opengov.accounts.services import create_user
from opengov.core.actors import SYSTEM
from opengov.core.backup import BackupError, postgres
from opengov.organisations.models import Organisation, OrganisationKind
from opengov.organisations.services import create_organisation, create_person

PAYLOAD = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


@pytest.fixture
def database(transactional_db):
    """The database under test, with committed data; on PostgreSQL, pg_dump and pg_restore."""
    if connection.vendor == "postgresql":
        try:
            postgres.find_program("pg_dump")
            postgres.find_program("pg_restore")
        except BackupError as error:
            pytest.skip(f"PostgreSQL's client programs are not installed: {error.message}")


@pytest.fixture
def some_data(database):
    """A little data through the services: organisations, a person, a user, their audit events."""
    create_organisation(
        by=SYSTEM, name="Cabinet Office", kind=OrganisationKind.GOVERNMENT_DEPARTMENT
    )
    create_organisation(by=SYSTEM, name="Involve", kind=OrganisationKind.CIVIL_SOCIETY)
    create_person(by=SYSTEM, name="Tim Hughes")
    return create_user(by=SYSTEM, email="secretariat@example.org", name="Secretariat")


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table in the database (model tables, many-to-many tables, the audit
    tables, django_migrations), and every sequence's position, in a stable order."""
    quote = connection.ops.quote_name
    data: dict[str, list[tuple]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            data[table] = sorted((tuple(row) for row in cursor.fetchall()), key=repr)
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
        else:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences")
        data["(sequences)"] = sorted(cursor.fetchall())
    return data


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refusal(*args: str) -> str:
    with pytest.raises(CommandError) as error:
        call_command(*args, stdout=StringIO(), stderr=StringIO())
    return str(error.value)


def members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def repack(path: Path, target: Path, *, manifest=None, payload=None, drop=()) -> Path:
    """A copy of the backup at `path` with its manifest edited by `manifest(dict)`, its payload
    replaced, or members dropped: the files a restore must refuse."""
    contents = members(path)
    for name in drop:
        del contents[name]
    if "manifest.json" in contents:
        document = json.loads(contents["manifest.json"])
        if payload is not None:
            name = document["payload"]["name"]
            contents[name] = payload
            document["payload"]["size"] = len(payload)
            document["payload"]["sha256"] = hashlib.sha256(payload).hexdigest()
        if manifest is not None:
            manifest(document)
        contents["manifest.json"] = json.dumps(document).encode()
    with tarfile.open(target, "w") as tar:
        for name, data in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def change_something() -> Organisation:
    """A change after the backup, through a service: a new organisation and its audit event."""
    return create_organisation(
        by=SYSTEM,
        name="Department for Restored Records",
        kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
    )
