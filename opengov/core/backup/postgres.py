"""PostgreSQL through pg_dump (custom format, from a snapshot the manifest is read in) and
pg_restore (--clean --if-exists, in one transaction). Connection settings travel in the
environment (PGHOST, PGPASSWORD, …), never on the command line, where other users can read them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import BackupError
from .manifest import DatabaseFacts, read_facts

PAYLOAD_NAME = "database.pgdump"
MAGIC = b"PGDMP"
DEBIAN_BINARIES = Path("/usr/lib/postgresql")
# Django's OPTIONS that libpq also reads from the environment.
ENVIRONMENT_FOR_OPTION = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "application_name": "PGAPPNAME",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
    "gssencmode": "PGGSSENCMODE",
    "channel_binding": "PGCHANNELBINDING",
}
DUMPED_TABLE = re.compile(r'dumping contents of table "')
RESTORED_TABLE = re.compile(r'processing data for table "')
TOC_TABLE = re.compile(
    r"^\d+; \d+ \d+ (?:TABLE(?! DATA )|VIEW|MATERIALIZED VIEW) (\S+) (\S+) ", re.MULTILINE
)
TOC_TABLE_DATA = re.compile(r"^\d+; \d+ \d+ TABLE DATA ", re.MULTILINE)
CountProgress = Callable[[int, int], None]


def find_program(name: str) -> str:
    """pg_dump or pg_restore: on PATH, else the newest in Debian's /usr/lib/postgresql/N/bin."""
    if found := shutil.which(name):
        return found
    candidates = [
        path for path in DEBIAN_BINARIES.glob(f"*/bin/{name}") if os.access(path, os.X_OK)
    ]
    candidates.sort(
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0
    )
    if candidates:
        return str(candidates[-1])
    raise BackupError(
        _(
            "%(program)s was not found. Install PostgreSQL's client programs (the same major "
            "version as the server, or newer) and put them on PATH."
        )
        % {"program": name}
    )


def libpq_environment(settings_dict: Mapping[str, Any], base: Mapping[str, str]) -> dict[str, str]:
    """`base` (the process environment) with the database's connection settings as libpq's
    variables, so that pg_dump and pg_restore reach the same database as Django."""
    env = dict(base)
    for key, variable in (
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, value in (settings_dict.get("OPTIONS") or {}).items():
        if option in ENVIRONMENT_FOR_OPTION and value not in (None, ""):
            env[ENVIRONMENT_FOR_OPTION[option]] = str(value)
    return env


def dump_command(target: Path, snapshot: str) -> list[str]:
    return [
        find_program("pg_dump"),
        "--format=custom",
        f"--snapshot={snapshot}",
        f"--file={target}",
        "--no-password",
        "--verbose",
    ]


def restore_command(payload: Path) -> list[str]:
    # An empty --dbname makes pg_restore restore into a database (rather than print SQL), the one
    # PGDATABASE names.
    return [
        find_program("pg_restore"),
        "--dbname=",
        "--clean",
        "--if-exists",
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-acl",
        "--no-password",
        "--verbose",
        str(payload),
    ]


def _failure(argv: Sequence[str], code: int, said: Iterable[str]) -> BackupError:
    lines = [line.strip() for line in said if line.strip()]
    errors = [line for line in lines if "error" in line.lower() or "fatal" in line.lower()]
    return BackupError(
        _("%(program)s failed (exit status %(code)s): %(said)s")
        % {
            "program": Path(argv[0]).name,
            "code": code,
            "said": " ".join((errors or lines)[-5:]) or _("no message"),
        }
    )


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str],
    counted: re.Pattern[str],
    total: int,
    progress: CountProgress | None = None,
) -> None:
    """Run pg_dump or pg_restore, counting its verbose lines that match `counted` as progress. A
    failure is a BackupError with what it said. If this process is interrupted, the program is
    killed first (pg_restore's transaction then rolls back)."""
    process = subprocess.Popen(  # noqa: S603 - a fixed program; no shell, no secrets in argv
        list(argv),
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    said: deque[str] = deque(maxlen=50)
    done = 0
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if counted.search(line):
                done += 1
                if progress is not None:
                    progress(done, max(total, done))
            else:
                said.append(line)
        code = process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise
    if code != 0:
        raise _failure(argv, code, said)


def dump_database(
    connection: Any, target: Path, progress: CountProgress | None = None
) -> DatabaseFacts:
    """pg_dump the database into `target` from a snapshot exported by a repeatable-read
    transaction, in which the manifest's facts are read too: both describe the same moment."""
    if connection.in_atomic_block:
        raise BackupError(_("A backup cannot run inside a transaction."))
    env = libpq_environment(connection.settings_dict, os.environ)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        facts = read_facts(cursor)
        cursor.execute(
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname <> 'pg_catalog' "
            "AND schemaname <> 'information_schema'"
        )
        tables = int(cursor.fetchone()[0])
        run(
            dump_command(target, snapshot),
            env=env,
            counted=DUMPED_TABLE,
            total=tables,
            progress=progress,
        )
    return facts


def list_archive(payload: Path, env: Mapping[str, str]) -> str:
    """pg_restore's table of contents of the dump; a BackupError if it cannot read it."""
    with payload.open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise BackupError(_("The backup's database is not a PostgreSQL custom-format dump."))
    argv = [find_program("pg_restore"), "--list", str(payload)]
    result = subprocess.run(  # noqa: S603 - a fixed program; no shell
        argv, env=dict(env), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise _failure(argv, result.returncode, result.stderr.splitlines())
    return result.stdout


def restore_database(connection: Any, payload: Path, progress: CountProgress | None = None) -> None:
    """Replace the database's tables with the dump's, in one transaction: if pg_restore fails or
    is killed half-way, PostgreSQL rolls everything back and the old database stays."""
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a transaction."))
    env = libpq_environment(connection.settings_dict, os.environ)
    contents = list_archive(payload, env)
    dumped = {name for _schema, name in TOC_TABLE.findall(contents)}
    extra = sorted(set(connection.introspection.table_names()) - dumped)
    if extra:
        raise BackupError(
            _(
                "The database has tables the backup does not (%(tables)s), which a restore "
                "would leave behind: it was probably migrated further than the backup. Restore "
                "into an empty database, then run `opengov migrate`. Nothing was changed."
            )
            % {"tables": ", ".join(extra[:5]) + (", …" if len(extra) > 5 else "")}
        )
    # pg_restore drops and recreates the tables: this process must hold no connection to them.
    connection.close()
    total = len(TOC_TABLE_DATA.findall(contents))
    run(restore_command(payload), env=env, counted=RESTORED_TABLE, total=total, progress=progress)
