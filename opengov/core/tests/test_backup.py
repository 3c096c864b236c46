"""`opengov backup` and `opengov restore` on the database under test (SQLite always; PostgreSQL
when DATABASE_URL names it, with the real pg_dump and pg_restore): a round trip that compares every
table row by row and verifies the audit chain, the file and its manifest, and every refusal (data
without --force, the other vendor, a newer schema, a damaged file) changing nothing. Faults half-way
are in test_backup_faults.py.

The tests are transactional: pg_dump and pg_restore use connections of their own, which see only
committed data."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import sys
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from opengov.accounts.models import ApiToken, Role, RoleGrant, User
from opengov.accounts.tokens import create_api_token, revoke_api_token
from opengov.action_plans.choices import AssessmentKind, ProgressStatus
from opengov.action_plans.models import Commitment, Milestone, PolicyArea
from opengov.action_plans.services import (
    record_assessment,
    revise_milestone_due_date,
    update_commitment,
)
from opengov.cli import main
from opengov.core.actors import SYSTEM
from opengov.core.audit import verify_chain
from opengov.core.backup.manifest import schema_difference
from opengov.core.db_triggers import remove_audit_triggers
from opengov.core.models import AuditChainHead, AuditEvent
from opengov.core.tests import backup_support as support
from opengov.core.tests.backup_support import (
    PAYLOAD,
    change_something,
    members,
    refusal,
    repack,
    run,
    snapshot,
)
from opengov.demo.loader import load_demo
from opengov.meetings.models import Attendance, Meeting
from opengov.meetings.services import record_decision, remove_attendance
from opengov.organisations.models import OrganisationKind
from opengov.organisations.services import create_organisation

database = support.database
some_data = support.some_data


@pytest.fixture
def filled(database):
    """The demo (NAP3, its people and meeting, one user per role) loaded through the services,
    plus what the demo leaves out: a due-date revision, an assessment, supporting organisations
    and policy areas, a decision, an API token, a session, a group with a permission."""
    load_demo(with_users=True)
    commitment = Commitment.objects.get(plan__number=3, number="1")
    milestone = Milestone.objects.filter(due_on__isnull=False).order_by("pk").first()
    revise_milestone_due_date(
        by=SYSTEM,
        milestone=milestone,
        new_due_on=milestone.due_on + dt.timedelta(days=90),
        reason="Postponed due to the delayed Digital Strategy",
        expected_version=milestone.version,
    )
    member = RoleGrant.objects.get(role=Role.CIVIL_SOCIETY_MEMBER, user__email="cso@example.org")
    record_assessment(
        by=member.user,
        commitment=commitment,
        kind=AssessmentKind.CIVIL_SOCIETY,
        organisation=member.organisation,
        period_start=dt.date(2016, 7, 1),
        period_end=dt.date(2016, 12, 31),
        status=ProgressStatus.DELAYED,
        text="Slower than the plan says.",
    )
    update_commitment(
        by=SYSTEM,
        commitment=commitment,
        expected_version=commitment.version,
        supporting_organisations=[member.organisation],
        policy_areas=list(PolicyArea.objects.order_by("pk")[:2]),
    )
    record_decision(by=SYSTEM, meeting=Meeting.objects.get(), text="Publish the minutes.")
    user = User.objects.order_by("pk").first()
    create_api_token(by=user, name="nightly export")
    Client().force_login(user)
    group = Group.objects.create(name="Editors")
    group.permissions.add(Permission.objects.order_by("pk").first())
    user.groups.add(group)
    return user


def test_backup_then_restore_brings_back_every_row_of_every_table(filled, tmp_path):
    at_backup = snapshot()
    model_tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    assert model_tables <= at_backup.keys()
    filled_tables = {table for table, rows in at_backup.items() if rows}
    assert {"core_auditevent", "core_auditchainhead", "django_migrations"} <= filled_tables
    assert len(filled_tables) >= 35
    path = tmp_path / "nightly.tar"
    events = AuditEvent.objects.count()

    out = run("backup", str(path), "--no-progress")
    assert f"Backup written to {path}" in out
    assert f"audit trail: {events} events, head #{events}" in out

    # After the backup: new records and events, edits, a revoked token, a removed attendance, a
    # deleted user (and everything that cascades from them).
    change_something()
    commitment = Commitment.objects.get(plan__number=3, number="2")
    update_commitment(
        by=SYSTEM,
        commitment=commitment,
        expected_version=commitment.version,
        title="A title written after the backup",
    )
    revoke_api_token(by=filled, token=ApiToken.objects.get())
    remove_attendance(by=SYSTEM, attendance=Attendance.objects.order_by("pk").first())
    User.objects.exclude(pk=filled.pk).order_by("pk").first().delete()
    changed = snapshot()
    differing = {table for table in at_backup if changed[table] != at_backup[table]}
    assert {
        "core_auditevent",
        "organisations_organisation",
        "action_plans_commitment",
        "accounts_apitoken",
        "meetings_attendance",
        "accounts_user",
    } <= differing

    out = run("restore", str(path), "--force", "--no-progress")

    assert f"Audit trail verified: {events} events, chain intact, head as in the backup." in out
    restored = snapshot()
    assert restored.keys() == at_backup.keys()
    for table, rows in at_backup.items():
        assert restored[table] == rows, f"{table} differs after the restore"
    assert run("audit", "verify", "--no-progress").strip() == (
        f"Audit trail verified: {events} events, chain intact."
    )
    # The restored database takes new writes: its ids and its chain carry on from the backup.
    organisation = create_organisation(
        by=SYSTEM,
        name="Department for Restored Records",
        kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
    )
    assert AuditEvent.objects.get(sequence=events + 1).object_id == str(organisation.pk)
    assert verify_chain().ok


def test_a_backup_file_holds_the_database_and_a_manifest_describing_it(filled, tmp_path):
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")

    contents = members(path)
    payload_name = PAYLOAD[connection.vendor]
    assert sorted(contents) == sorted([payload_name, "manifest.json"])
    manifest = json.loads(contents["manifest.json"])
    head = AuditChainHead.objects.get()
    applied = MigrationRecorder(connection).applied_migrations()
    assert manifest["format"] == "opengov-backup" and manifest["format_version"] == 1
    assert manifest["database"] == {
        "vendor": connection.vendor,
        "migrations": sorted(f"{app}.{name}" for app, name in applied),
    }
    assert manifest["audit"] == {
        "events": AuditEvent.objects.count(),
        "head_sequence": head.last_sequence,
        "head_hash": head.last_hash,
    }
    payload = contents[payload_name]
    assert manifest["payload"] == {
        "name": payload_name,
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    created = dt.datetime.fromisoformat(manifest["created_at"])
    assert abs(dt.datetime.now(dt.UTC) - created) < dt.timedelta(minutes=5)
    assert payload.startswith(b"SQLite format 3\x00" if connection.vendor == "sqlite" else b"PGDMP")
    # It holds personal data and password hashes: only its owner may read it.
    assert path.stat().st_mode & 0o777 == 0o600


def test_backup_into_a_folder_writes_a_dated_file_and_never_overwrites(some_data, tmp_path):
    out = run("backup", str(tmp_path), "--no-progress")

    [path] = tmp_path.iterdir()
    assert path.name.startswith(f"opengov-{connection.vendor}-") and path.suffix == ".tar"
    assert str(path) in out
    before = path.read_bytes()
    message = refusal("backup", str(path), "--no-progress")
    assert "already exists" in message and "--overwrite" in message
    assert path.read_bytes() == before
    run("backup", str(path), "--overwrite", "--no-progress")
    assert members(path)["manifest.json"] != members_of(before)["manifest.json"]


def members_of(data: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers()}


def test_restore_refuses_to_replace_data_without_force_and_changes_nothing(some_data, tmp_path):
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    change_something()
    before = snapshot()

    message = refusal("restore", str(path), "--no-progress")

    assert "already holds data" in message and "--force" in message
    assert "Nothing was changed" in message
    assert snapshot() == before


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "restored"), [("no", False), ("yes", True)])
def test_restore_asks_before_replacing_data_when_run_at_a_terminal(
    some_data, tmp_path, monkeypatch, answer, restored
):
    """The person at the terminal is simulated: stdin is a terminal, `input` gives their answer."""
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    at_backup = snapshot()
    change_something()
    before = snapshot()
    questions = []
    monkeypatch.setattr(sys, "stdin", _Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: questions.append(prompt) or answer)

    if restored:
        out = run("restore", str(path), "--no-progress")
        assert "Restoring replaces ALL of it" in out
        assert snapshot() == at_backup
    else:
        assert "--force" in refusal("restore", str(path), "--no-progress")
        assert snapshot() == before
    assert questions == ["Type 'yes' to replace it: "]


def test_restore_into_an_empty_database_needs_no_force(some_data, tmp_path):
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    at_backup = snapshot()
    remove_audit_triggers(connection)  # flush deletes audit events row by row on SQLite
    call_command("flush", "--no-input", verbosity=0)
    assert not User.objects.exists() and not AuditEvent.objects.exists()

    out = run("restore", str(path), "--no-input", "--no-progress")

    assert "Audit trail verified" in out
    assert snapshot() == at_backup


def test_restore_refuses_a_backup_of_the_other_vendor(some_data, tmp_path):
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    foreign = repack(
        path, tmp_path / "other.tar", manifest=lambda m: m["database"].update(vendor=other)
    )
    before = snapshot()

    message = refusal("restore", str(foreign), "--force", "--no-progress")

    assert f"is a backup of a {other} database, and this opengov uses {connection.vendor}" in (
        message
    )
    assert snapshot() == before


def test_restore_refuses_a_backup_from_a_newer_schema(some_data, tmp_path):
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    newer = repack(
        path,
        tmp_path / "newer.tar",
        manifest=lambda m: m["database"]["migrations"].append("core.0999_from_the_future"),
    )
    before = snapshot()

    message = refusal("restore", str(newer), "--force", "--no-progress")

    assert "comes from a newer version of opengov" in message
    assert "core.0999_from_the_future" in message
    assert snapshot() == before


def _flip_a_payload_byte(path: Path, tmp_path: Path) -> Path:
    data = bytearray(path.read_bytes())
    with tarfile.open(path) as tar:
        member = tar.getmember(PAYLOAD[connection.vendor])
    data[member.offset_data + member.size // 2] ^= 0xFF
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(bytes(data))
    return damaged


def _cut_short(path: Path, tmp_path: Path) -> Path:
    damaged = tmp_path / "damaged.tar"
    damaged.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return damaged


def _not_a_backup(path: Path, tmp_path: Path) -> Path:
    damaged = tmp_path / "notes.txt"
    damaged.write_text("Minutes of the 10 November 2016 meeting\n" * 200)
    return damaged


def _empty(path: Path, tmp_path: Path) -> Path:
    damaged = tmp_path / "empty.tar"
    damaged.write_bytes(b"")
    return damaged


def _no_manifest(path: Path, tmp_path: Path) -> Path:
    return repack(path, tmp_path / "damaged.tar", drop=["manifest.json"])


def _garbled_manifest(path: Path, tmp_path: Path) -> Path:
    damaged = repack(path, tmp_path / "damaged.tar", drop=["manifest.json"])
    with tarfile.open(damaged, "a") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = 9
        tar.addfile(info, io.BytesIO(b"{not json"))
    return damaged


def _junk_database_with_a_matching_checksum(path: Path, tmp_path: Path) -> Path:
    return repack(path, tmp_path / "damaged.tar", payload=b"\x00garbage" * 4096)


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (_flip_a_payload_byte, "does not match the checksum in its manifest"),
        (_cut_short, "damaged"),
        (_not_a_backup, "is not an opengov backup file"),
        (_empty, "is not an opengov backup file"),
        (_no_manifest, "has no manifest"),
        (_garbled_manifest, "manifest is not valid JSON"),
        (_junk_database_with_a_matching_checksum, "The backup's database is not"),
    ],
)
def test_restore_refuses_a_damaged_file_and_changes_nothing(some_data, tmp_path, damage, says):
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    damaged = damage(path, tmp_path)
    change_something()
    before = snapshot()

    message = refusal("restore", str(damaged), "--force", "--no-progress")

    assert says in message
    assert snapshot() == before
    assert verify_chain().ok


def test_restore_check_checks_the_file_and_changes_nothing(some_data, tmp_path):
    path = tmp_path / "nightly.tar"
    run("backup", str(path), "--no-progress")
    change_something()
    before = snapshot()

    out = run("restore", "--check", str(path), "--no-progress")

    assert f"{path} is a sound backup of a {connection.vendor} database" in out
    assert snapshot() == before
    damaged = _flip_a_payload_byte(path, tmp_path)
    assert "checksum" in refusal("restore", "--check", str(damaged), "--no-progress")


def test_schema_difference_names_migrations_unknown_here_and_missing_from_the_backup():
    unknown, missing = schema_difference(
        ["core.0001_initial", "core.0003_future"], ["core.0001_initial", "core.0002_protect"]
    )
    assert (unknown, missing) == (["core.0003_future"], ["core.0002_protect"])


def test_opengov_help_lists_backup_and_restore(capsys):
    main(["--help"])
    out = capsys.readouterr().out
    assert "backup    " in out and "Back up the whole database" in out
    assert "restore   " in out and "Restore the whole database from a backup file" in out
