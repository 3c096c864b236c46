"""Fixtures of the reliability tests: a database configured as in production, in every thread."""

from __future__ import annotations

import pytest
from django.db import connection

from .helpers import sqlite_file_copy


@pytest.fixture
def production_db(transactional_db, tmp_path):
    """Committed data, seen by every thread's own connection: PostgreSQL as it is, SQLite as a
    WAL file with the production options (see helpers.py for why not in memory). Yields the
    SQLite file's path, or None on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield None
        return
    with sqlite_file_copy(tmp_path / "opengov.sqlite3") as path:
        yield path
