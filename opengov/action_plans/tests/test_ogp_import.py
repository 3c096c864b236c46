"""Importing OGP's commitments export: the real file, re-runs, refused files, the command."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from opengov.action_plans.choices import (
    Completion,
    DidItOpenGovernment,
    MemberKind,
    PlanStatus,
    PotentialImpact,
    Specificity,
    YesNo,
)
from opengov.action_plans.models import ActionPlan, Commitment, Member
from opengov.action_plans.ogp import importer
from opengov.action_plans.ogp.columns import LAYOUT
from opengov.action_plans.ogp.importer import OgpImportError, import_ogp_file
from opengov.core.actors import SYSTEM
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent

DATA = Path(__file__).parent / "data" / "ogp-commitments-open-parliament.csv"
SMALL_IDS = ["AL0002", "AL0003", "SCO0001", "SCO0005", "UK0098"]


@functools.cache
def shared_table() -> tuple[list[str], dict[str, list[str]]]:
    with DATA.open(newline="", encoding="utf-8") as stream:
        header, *rows = csv.reader(stream)
    return header, {row[0]: row for row in rows}


def small_rows() -> list[list[str]]:
    """Five real rows, copied: Albania plan 1, Scotland plan 1, the UK's plan 5."""
    _header, rows = shared_table()
    return [list(rows[ogp_id]) for ogp_id in SMALL_IDS]


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode(encoding)


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path.write_bytes(csv_bytes(header, rows))
    return path


def set_cell(rows: list[list[str]], index: int, column: str, value: str) -> None:
    rows[index][LAYOUT.index(column)] = value


def assert_nothing_written() -> None:
    assert Member.objects.count() == 0
    assert ActionPlan.objects.count() == 0
    assert Commitment.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_layout_is_the_shared_files_header():
    header, rows = shared_table()
    assert list(LAYOUT) == header
    assert len(LAYOUT) == 171
    assert len(rows) == 558


@pytest.mark.django_db
def test_import_ogp_file_imports_the_shared_file_and_a_rerun_changes_nothing():
    summary = import_ogp_file(DATA, by=SYSTEM)

    assert (summary.members.created, summary.plans.created, summary.commitments.created) == (
        75,
        214,
        558,
    )
    assert any("Chile action plan 1" in warning for warning in summary.warnings)
    assert not ActionPlan.objects.filter(published_at__isnull=True).exists()
    imported = AuditEvent.objects.filter(verb="action_plans.commitment.imported")
    assert imported.count() == 558

    scotland = Member.objects.get(code="GBSC")
    assert (scotland.name, scotland.kind, scotland.ogp_kind, scotland.region) == (
        "Scotland, United Kingdom",
        MemberKind.LOCAL,
        "Legacy Local",
        "Europe",
    )
    assert Member.objects.get(code="XKX").kind == MemberKind.NATIONAL  # "Other"

    albania = Commitment.objects.select_related("plan__member").get(ogp_id="AL0002")
    plan = albania.plan
    assert (plan.member.name, plan.number, plan.ogp_id) == ("Albania", 1, "AP_ALB01")
    assert (plan.submitted_year, plan.end_year, plan.status) == (2012, 2014, PlanStatus.ENDED)
    assert plan.title == "Albania action plan 1"
    assert (albania.number, albania.title, albania.lead_text) == (
        "2",
        "e-Acts",
        "Council of Ministers",
    )
    assert albania.theme == "e-Governance: 2012 and Onward"
    assert (albania.starts_on, albania.ends_on) == (None, None)
    assert (albania.verifiable, albania.specificity, albania.potential_impact) == (
        YesNo.YES,
        Specificity.MEDIUM,
        PotentialImpact.MODERATE,
    )
    assert (albania.completion_midterm, albania.completion_end_of_term) == (
        Completion.SUBSTANTIAL,
        Completion.NO_DATA,
    )
    assert albania.starred == YesNo.NO  # no end-of-term verdict: the progress report's "0"
    assert {area.name for area in albania.policy_areas.all()} == {
        "Democratizing Decision-Making",
        "Regulatory Governance",
        "Open Parliaments",
    }
    original = dict(zip(LAYOUT, shared_table()[1]["AL0002"], strict=True))
    assert albania.ogp_source["Compound"] == original["Compound"] == "0"
    assert albania.ogp_source["Starred (Current Formula) End of Term"] == "ND"
    assert albania.ogp_source["id"] == original["id"]
    assert "Verifiable" not in albania.ogp_source  # "Yes" is how opengov writes it too

    uk = Commitment.objects.get(ogp_id="UK0098")
    assert (uk.starts_on, uk.ends_on) == (dt.date(2022, 4, 1), dt.date(2024, 3, 31))
    assert uk.ogp_source["Start Date"] == "4/1/2022"
    assert (uk.lead_text, uk.theme) == ("", "")  # OGP's "NA"
    assert (uk.completion_end_of_term, uk.did_it_open_government, uk.starred) == (
        Completion.NOT_REVIEWED,
        DidItOpenGovernment.NOT_REVIEWED,
        YesNo.NO_DATA,  # no end-of-term verdict ("NR"): the progress report's "ND"
    )
    scottish = Commitment.objects.get(ogp_id="SCO0005")
    assert (scottish.did_it_open_government, scottish.starred) == (
        DidItOpenGovernment.DID_NOT_CHANGE,
        YesNo.NO,
    )

    estonia = Commitment.objects.get(ogp_id="EE0043")
    assert estonia.number == "2.2999999999999998"
    assert Commitment.objects.get(ogp_id="RO0018").number == "B.1.A"
    lithuania = Commitment.objects.get(ogp_id="LT0033")
    assert (lithuania.verifiable, lithuania.ogp_source["Verifiable"]) == (YesNo.YES, "1")
    romania = Commitment.objects.get(ogp_id="RO0018")
    assert len(romania.title) == 500 and romania.title.endswith("…")
    assert len(romania.ogp_source["Commitment Title"]) == 603
    assert romania.ogp_source["Start Date"] == "April 2012" and romania.starts_on is None
    # Croatia's plan 2 writes day/month ("31/12/2014"), so its "1/6/2014" is 1 June.
    croatia = Commitment.objects.filter(plan__ogp_id="AP_HRV02")
    starts = {c.ogp_source.get("Start Date"): c.starts_on for c in croatia}
    assert starts["1/6/2014"] == dt.date(2014, 6, 1)

    events = AuditEvent.objects.count()
    again = import_ogp_file(DATA, by=SYSTEM)
    assert (again.members.unchanged, again.plans.unchanged, again.commitments.unchanged) == (
        75,
        214,
        558,
    )
    assert again.members.created + again.members.updated == 0
    assert again.plans.created + again.plans.updated == 0
    assert again.commitments.created + again.commitments.updated == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_import_ogp_file_updates_only_what_changed(tmp_path):
    rows = small_rows()
    import_ogp_file(write(tmp_path / "first.csv", list(LAYOUT), rows), by=SYSTEM)
    events = AuditEvent.objects.count()
    set_cell(rows, 0, "Completion (End Of Term)", "Complete")
    set_cell(rows, 0, "Open Data", "1")
    set_cell(rows, 0, "Compound", "1")

    summary = import_ogp_file(write(tmp_path / "second.csv", list(LAYOUT), rows), by=SYSTEM)

    assert (summary.commitments.updated, summary.commitments.unchanged) == (1, 4)
    assert (summary.members.unchanged, summary.plans.unchanged) == (3, 3)
    event = AuditEvent.objects.get(sequence=events + 1)
    assert AuditEvent.objects.count() == events + 1
    assert event.verb == "action_plans.commitment.imported"
    assert set(event.changes) == {"completion_end_of_term", "policy_areas", "ogp_source.Compound"}
    assert event.changes["completion_end_of_term"] == ["no_data", "complete"]
    albania = Commitment.objects.get(ogp_id="AL0002")
    assert albania.version == 2
    assert "Open Data" in {area.name for area in albania.policy_areas.all()}


@pytest.mark.django_db
def test_import_ogp_file_dry_run_writes_nothing(tmp_path):
    summary = import_ogp_file(
        write(tmp_path / "f.csv", list(LAYOUT), small_rows()), by=SYSTEM, dry_run=True
    )
    assert (summary.members.created, summary.plans.created, summary.commitments.created) == (
        3,
        3,
        5,
    )
    assert summary.dry_run
    assert_nothing_written()


@pytest.mark.django_db
def test_import_ogp_file_reports_progress(tmp_path):
    calls = []
    import_ogp_file(
        write(tmp_path / "f.csv", list(LAYOUT), small_rows()),
        by=SYSTEM,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


@pytest.mark.django_db
def test_participant_cannot_import(tmp_path, django_user_model):
    user = django_user_model.objects.create_user(email="someone@example.org")
    with pytest.raises(PermissionDeniedError):
        import_ogp_file(write(tmp_path / "f.csv", list(LAYOUT), small_rows()), by=user)
    assert_nothing_written()


@pytest.mark.django_db
def test_import_ogp_file_writes_nothing_when_a_later_row_fails(tmp_path, monkeypatch):
    record = importer._record
    calls = []

    def failing_record(by, commitment, changes):
        calls.append(commitment.ogp_id)
        if len(calls) == 3:
            raise DomainError("refused")
        record(by, commitment, changes)

    monkeypatch.setattr(importer, "_record", failing_record)
    with pytest.raises(OgpImportError) as refused:
        import_ogp_file(write(tmp_path / "f.csv", list(LAYOUT), small_rows()), by=SYSTEM)
    assert (refused.value.row, str(refused.value)) == (4, "Row 4: refused")
    assert_nothing_written()


@pytest.mark.django_db
def test_import_ogp_file_removes_only_the_formula_guard(tmp_path):
    rows = small_rows()
    set_cell(rows, 0, "Lead Institution", "'=1+2")
    set_cell(rows, 1, "Lead Institution", "'hello")
    set_cell(rows, 2, "Lead Institution", "'-1")
    import_ogp_file(write(tmp_path / "f.csv", list(LAYOUT), rows), by=SYSTEM)
    leads = dict(Commitment.objects.values_list("ogp_id", "lead_text"))
    assert (leads["AL0002"], leads["AL0003"], leads["SCO0001"]) == ("=1+2", "'hello", "'-1")


@pytest.mark.django_db
def test_import_ogp_file_ignores_spaces_around_identifiers(tmp_path):
    rows = small_rows()
    set_cell(rows, 1, "Code", " ALB ")
    set_cell(rows, 1, "Commitment Unique Identifier", "AL0003 ")
    summary = import_ogp_file(write(tmp_path / "f.csv", list(LAYOUT), rows), by=SYSTEM)
    assert summary.members.created == 3
    commitment = Commitment.objects.select_related("plan__member").get(ogp_id="AL0003")
    assert commitment.plan.member.code == "ALB"
    assert commitment.ogp_source["Code"] == " ALB "  # as written, for the export


@pytest.mark.django_db
def test_import_ogp_file_links_a_member_and_commitment_entered_before(tmp_path):
    member = Member.objects.create(name="United Kingdom", slug="united-kingdom", kind="national")
    plan = ActionPlan.objects.create(member=member, number=5, title="UK NAP5")
    commitment = Commitment.objects.create(plan=plan, number="1", title="Open contracting")

    summary = import_ogp_file(write(tmp_path / "f.csv", list(LAYOUT), small_rows()), by=SYSTEM)

    commitment.refresh_from_db()
    plan.refresh_from_db()
    assert commitment.ogp_id == "UK0098"
    assert Member.objects.get(pk=member.pk).code == "GBR"
    assert plan.title == "UK NAP5" and plan.is_published and plan.ogp_id == "AP_GBR05"
    assert (summary.members.updated, summary.plans.updated, summary.commitments.updated) == (
        1,
        1,
        1,
    )
    assert any("linked to UK0098" in warning for warning in summary.warnings)


def refusal_cases() -> list[tuple[str, bytes, int, str | None]]:
    header, rows = list(LAYOUT), small_rows()
    cases = []

    without = [c for c in header if c != "Action Plan Number"]
    keep = [header.index(c) for c in without]
    cases.append(
        (
            "missing column",
            csv_bytes(without, [[r[i] for i in keep] for r in rows]),
            1,
            "Action Plan Number",
        )
    )

    def changed(index: int, column: str, value: str) -> bytes:
        copy = [list(r) for r in rows]
        set_cell(copy, index, column, value)
        return csv_bytes(header, copy)

    cases += [
        ("bad plan number", changed(1, "Action Plan Number", "two"), 3, "Action Plan Number"),
        (
            "duplicate id",
            changed(2, "Commitment Unique Identifier", "AL0002"),
            4,
            "Commitment Unique Identifier",
        ),
        ("unknown IRM value", changed(0, "Verifiable", "Maybe"), 2, "Verifiable"),
        (
            "unknown completion",
            changed(3, "Completion (End Of Term)", "Done"),
            5,
            "Completion (End Of Term)",
        ),
        ("unknown policy-area value", changed(4, "Open Data", "yes"), 6, "Open Data"),
        (
            "unknown starred value",
            changed(4, "Starred (Current Formula) End of Term", "2"),
            6,
            "Starred (Current Formula) End of Term",
        ),
        ("empty country", changed(1, "Country/Locality", ""), 3, "Country/Locality"),
        (
            "empty identifier",
            changed(1, "Commitment Unique Identifier", " "),
            3,
            "Commitment Unique Identifier",
        ),
        ("member disagrees", changed(1, "Region", "Americas"), 3, "Region"),
        ("plan disagrees", changed(1, "Action Plan ID", "AP_ALB09"), 3, "Action Plan ID"),
        ("code too long", changed(0, "Code", "ALBANIA-ALBANIA"), 2, "Code"),
    ]
    short = [list(r) for r in rows]
    short[2] = short[2][:10]
    cases.append(("short row", csv_bytes(header, short), 4, LAYOUT[10]))
    cases.append(("empty file", b"", 1, None))
    cases.append(("not CSV", b'{"commitments": []}\n', 1, "Commitment Unique Identifier"))

    ascii_rows = [[cell.encode("ascii", "replace").decode() for cell in r] for r in rows]
    ascii_rows[1][LAYOUT.index("Commitment Title")] = "Réforme"
    cases.append(
        ("wrong encoding", csv_bytes(header, ascii_rows, "latin-1"), 3, "Commitment Title")
    )
    return cases


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "row", "column"), [c[1:] for c in refusal_cases()], ids=[c[0] for c in refusal_cases()]
)
def test_import_ogp_file_refuses_a_malformed_file(tmp_path, data, row, column):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(OgpImportError) as refused:
        import_ogp_file(path, by=SYSTEM)
    assert (refused.value.row, refused.value.column) == (row, column)
    assert str(refused.value).startswith(f"Row {row}")
    if column:
        assert f"“{column}”" in str(refused.value)
    assert_nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "words"),
    [
        (bytes(range(256)) * 8, "not UTF-8"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00commitments.csv", "binary data"),
    ],
    ids=["binary junk", "zip file"],
)
def test_import_ogp_file_refuses_binary_junk(data, words):
    with pytest.raises(OgpImportError, match=words) as refused:
        import_ogp_file(io.BytesIO(data), by=SYSTEM)
    assert refused.value.row >= 1
    assert_nothing_written()


@pytest.mark.django_db
def test_import_ogp_file_lists_several_problems():
    rows = small_rows()
    set_cell(rows, 0, "Verifiable", "Maybe")
    set_cell(rows, 3, "Specificity", "Very")
    with pytest.raises(OgpImportError) as refused:
        import_ogp_file(io.BytesIO(csv_bytes(list(LAYOUT), rows)), by=SYSTEM)
    assert [(p.row, p.column) for p in refused.value.problems] == [
        (2, "Verifiable"),
        (5, "Specificity"),
    ]
    assert "(and 1 more problem)" in str(refused.value)


@pytest.mark.django_db
def test_import_ogp_command_prints_a_summary(tmp_path):
    path = write(tmp_path / "f.csv", list(LAYOUT), small_rows())
    out, err = io.StringIO(), io.StringIO()
    call_command("import_ogp", str(path), "--no-progress", stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["created", "updated", "unchanged", "skipped"]
    assert lines[1].split() == ["members", "3", "0", "0", "0"]
    assert lines[2].split() == ["action", "plans", "3", "0", "0", "0"]
    assert lines[3].split() == ["commitments", "5", "0", "0", "0"]
    assert Commitment.objects.count() == 5

    out = io.StringIO()
    call_command("import_ogp", str(path), "--dry-run", "--no-progress", stdout=out)
    assert out.getvalue().splitlines()[3].split() == ["commitments", "0", "0", "5", "0"]
    assert "Dry run: nothing was saved." in out.getvalue()


@pytest.mark.django_db
def test_import_ogp_command_refuses_a_malformed_file(tmp_path):
    rows = small_rows()
    set_cell(rows, 1, "Action Plan Number", "two")
    path = write(tmp_path / "bad.csv", list(LAYOUT), rows)
    with pytest.raises(CommandError, match="Row 3, column “Action Plan Number”") as refused:
        call_command("import_ogp", str(path), "--no-progress")
    assert refused.value.returncode == 1
    assert_nothing_written()


def test_import_ogp_command_exits_1_without_a_traceback(tmp_path):
    rows = small_rows()
    set_cell(rows, 0, "Verifiable", "Maybe")
    path = write(tmp_path / "bad.csv", list(LAYOUT), rows)
    manage = Path(__file__).resolve().parents[3] / "manage.py"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    done = subprocess.run(
        [sys.executable, str(manage), "import_ogp", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Row 2, column “Verifiable”: “Maybe” is not a known value" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
