"""Databases for the load driver: a fresh SQLite file per scale, or a fresh PostgreSQL database per
scale on the server named by DATABASE_URL, or on a throwaway PostgreSQL 15 started here for the
run (as .ci/run does: 127.0.0.1 only, a private socket, durability off, removed afterwards)."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from driver_common import free_port, log

PG_MAJOR = 15


@dataclass
class Database:
    """One fresh database: the environment the app needs to reach it, and what it is."""

    engine: str  # "sqlite" or "postgresql"
    env: dict[str, str]
    description: dict[str, str | None] = field(default_factory=dict)


def fresh_sqlite(work_dir: Path, scale: int) -> Database:
    path = work_dir / f"sqlite-s{scale}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return Database(
        "sqlite",
        {"SQLITE_PATH": str(path)},
        {"engine": "sqlite", "version": sqlite3.sqlite_version, "path": str(path)},
    )


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def fresh_postgres(url: str, scale: int) -> Database:
    """CREATE DATABASE opengov_bench_s<scale> (dropped first if it exists) on DATABASE_URL's
    server, whose own database is used only to connect: it is never changed."""
    import psycopg

    name = f"opengov_bench_s{scale}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'")
        version = connection.execute("SHOW server_version").fetchone()
    target = _with_database(url, name)
    safe = urlsplit(target)
    shown = urlunsplit(
        (safe.scheme, f"{safe.hostname}:{safe.port}", safe.path, safe.query, safe.fragment)
    )
    return Database(
        "postgresql",
        {"DATABASE_URL": target},
        {"engine": "postgresql", "version": version[0] if version else None, "url": shown},
    )


def drop_postgres(url: str, scale: int) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "opengov_bench_s{scale}" WITH (FORCE)')


class ThrowawayPostgres:
    """A PostgreSQL 15 server for this run only: started by `start()`, removed by `stop()`."""

    def __init__(self) -> None:
        self.tmp: Path | None = None
        self.bin: Path | None = None
        self.url = ""
        self.os_user: str | None = None

    def _find_bin(self) -> Path:
        candidate = Path(f"/usr/lib/postgresql/{PG_MAJOR}/bin")
        if (candidate / "initdb").exists():
            return candidate
        initdb = shutil.which("initdb")
        if not initdb:
            raise SystemExit(
                f"bench: --postgres needs PostgreSQL {PG_MAJOR}: "
                f"apt-get install postgresql-{PG_MAJOR}"
            )
        return Path(os.path.realpath(initdb)).parent

    def _as_pg(self, *args: str) -> list[str]:
        if self.os_user:
            return ["runuser", "-u", self.os_user, "--", *args]
        return list(args)

    def start(self) -> str:
        self.bin = self._find_bin()
        version = subprocess.run(
            [str(self.bin / "initdb"), "--version"], capture_output=True, text=True, check=True
        ).stdout
        if f" {PG_MAJOR}." not in version:
            raise SystemExit(f"bench: need PostgreSQL {PG_MAJOR}, found {version.strip()}")
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            self.os_user = "postgres"
            known = subprocess.run(["id", self.os_user], capture_output=True, check=False)
            if known.returncode != 0:
                subprocess.run(
                    ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
                     "/nonexistent", "--shell", "/usr/sbin/nologin", self.os_user],
                    check=True,
                )  # fmt: skip
        self.tmp = Path(tempfile.mkdtemp(prefix="opengov-bench-pg."))
        data, socket_dir = self.tmp / "data", self.tmp / "socket"
        socket_dir.mkdir()
        self.tmp.chmod(0o755)
        if self.os_user:
            shutil.chown(self.tmp, self.os_user)
            shutil.chown(socket_dir, self.os_user)
        port = free_port()
        locales = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
        known = {line.strip().lower().replace("-", "") for line in locales.stdout.splitlines()}
        locale = "C.UTF-8" if "c.utf8" in known else "C"
        subprocess.run(
            self._as_pg(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres",
                        "--encoding=UTF8", f"--locale={locale}", "--auth-local=trust",
                        "--auth-host=scram-sha-256"),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(
                "# opengov bench: a throwaway server on 127.0.0.1; durability off, as in CI.\n"
                f"listen_addresses = '127.0.0.1'\nport = {port}\n"
                f"unix_socket_directories = '{socket_dir}'\nmax_connections = 100\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "shared_buffers = 256MB\n"
            )
        subprocess.run(
            self._as_pg(str(self.bin / "pg_ctl"), "-D", str(data), "-l",
                        str(self.tmp / "server.log"), "-w", "-t", "60", "start"),
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        password = secrets.token_hex(16)
        sql = f"CREATE ROLE opengov LOGIN CREATEDB PASSWORD '{password}';"
        subprocess.run(
            [str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(socket_dir),
             "-p", str(port), "-U", "postgres", "-d", "postgres", "-c", sql],
            check=True,
        )  # fmt: skip
        self.url = f"postgres://opengov:{password}@127.0.0.1:{port}/postgres"
        log(f"throwaway PostgreSQL {PG_MAJOR} on 127.0.0.1:{port}")
        return self.url

    def stop(self) -> None:
        if self.tmp is None or self.bin is None:
            return
        data = self.tmp / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                self._as_pg(str(self.bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                            "-t", "60", "stop"),
                check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None
