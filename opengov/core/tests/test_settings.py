"""Settings come from the environment: SQLite by default, PostgreSQL by URL, a generated secret
key, and production settings that pass Django's deployment checks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from config.settings import base

ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE must not leak into a deployment check.
    leave_out = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leave_out}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def check_deploy(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    production = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-value-1234567890",
        "DJANGO_ALLOWED_HOSTS": "opengov.example.org",
        "OPENGOV_VAR_DIR": str(tmp_path),
    }
    return run_manage("check", "--deploy", "--fail-level", "WARNING", **{**production, **env})


def test_production_settings_pass_check_deploy(tmp_path):
    result = check_deploy(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_keeps_debug_off_whatever_the_environment_says(tmp_path):
    result = check_deploy(tmp_path, DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("env", "warning"),
    [
        ({"DJANGO_SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"DJANGO_HSTS_SECONDS": "0"}, "security.W004"),
        ({"DJANGO_SECRET_KEY": "too-short"}, "security.W009"),
    ],
)
def test_check_deploy_fails_when_a_protection_is_loosened(tmp_path, env, warning):
    """The clean check above is not vacuous: each knob the environment can turn is checked."""
    result = check_deploy(tmp_path, **env)
    assert result.returncode != 0
    assert warning in result.stderr


def test_secret_key_is_generated_once_into_var(tmp_path, monkeypatch):
    monkeypatch.delenv("DJANGO_SECRET_KEY", raising=False)
    monkeypatch.setattr(base, "VAR_DIR", tmp_path)
    first = base.secret_key_from_env_or_file()
    assert len(first) >= 50
    assert (tmp_path / "secret_key").read_text() == first
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert base.secret_key_from_env_or_file() == first


def test_secret_key_from_environment_wins(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "from-the-environment")
    assert base.secret_key_from_env_or_file() == "from-the-environment"


def test_sqlite_is_the_default_with_wal_and_immediate_transactions(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("SQLITE_PATH", str(tmp_path / "db.sqlite3"))
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_a_migrated_sqlite_database_is_in_wal_mode(tmp_path):
    db = tmp_path / "db.sqlite3"
    result = run_manage(
        "migrate",
        "--no-input",
        DJANGO_SETTINGS_MODULE="config.settings.development",
        SQLITE_PATH=str(db),
        OPENGOV_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_database_url_selects_postgresql(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://user:secret@db.internal:5432/opengov")
    config = base.database_from_env()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["HOST"] == "db.internal"
    assert config["NAME"] == "opengov"


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("no", False), (None, False)]
)
def test_env_bool(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("OPENGOV_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("OPENGOV_TEST_FLAG", value)
    assert base.env_bool("OPENGOV_TEST_FLAG") is expected
