"""The notes import services: preview_note and confirm_note_import on the seed note (the 10
November 2016 meeting of the OGN and the Cabinet Office), matching, idempotence, atomicity and
permissions. The fixtures here are shared by the view and command tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import ProgressUpdate
from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.core.actors import SYSTEM
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.meetings import importer_matching
from opengov.meetings.choices import MeetingStatus
from opengov.meetings.demo import SEED_SOURCE_URL, load_seed_meeting
from opengov.meetings.importer_matching import (
    clean_extraction,
    guess_kind,
    plan_import,
    update_status,
)
from opengov.meetings.models import Meeting, MeetingSeries, NoteImport
from opengov.meetings.services import imports
from opengov.meetings.services.imports import confirm_note_import, preview_note
from opengov.organisations.models import Membership, Organisation
from opengov.organisations.services import create_organisation, create_person

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "ogn-meeting-note-2016-11-10.txt"
SERIES = "OGN and Cabinet Office"
NOTE_DATE = dt.date(2016, 11, 10)

# The note's organisations, as a deployment would hold them; "OpenUK" is left out on purpose so
# that importing creates it.
ORGANISATIONS = [
    ("Cabinet Office", "government_department", ["CO"]),
    ("Crown Commercial Service", "agency", ["CCS"]),
    ("Involve", "civil_society", []),
    ("The Better With Data Society", "civil_society", []),
    ("The ONE Campaign", "civil_society", []),
    ("Transparency International", "civil_society", ["TI"]),
    ("CRAE", "civil_society", []),
    ("Demsoc", "civil_society", []),
    ("OGP", "international_body", ["OGP Support Unit"]),
    ("Publish What You Fund", "civil_society", []),
    ("360Giving", "civil_society", []),
    ("Elcena Jeffers Foundation", "civil_society", []),
    ("SCVO", "civil_society", []),
    ("Publish What You Pay UK", "civil_society", []),
    ("NI Open Government Network", "civil_society", []),
]
KNOWN_PEOPLE = ["Tim Hughes", "Thom Townsend"]
DOMAIN_MODELS = [
    "meetings.Meeting",
    "meetings.MeetingSeries",
    "meetings.Attendance",
    "meetings.MinutesSection",
    "meetings.Decision",
    "meetings.ActionItem",
    "meetings.ActionItemReview",
    "action_plans.ProgressUpdate",
    "organisations.Organisation",
    "organisations.OrganisationAlias",
    "organisations.Person",
    "organisations.Membership",
    "core.AuditEvent",
]


def seed_bytes() -> bytes:
    return SEED.read_bytes()


def row_counts() -> dict[str, int]:
    return {name: apps.get_model(name).objects.count() for name in DOMAIN_MODELS}


@pytest.fixture
def directory(db):
    """The note's organisations (with aliases) and two of its people, made through services."""
    for name, kind, aliases in ORGANISATIONS:
        create_organisation(by=SYSTEM, name=name, kind=kind, aliases=aliases)
    for name in KNOWN_PEOPLE:
        create_person(by=SYSTEM, name=name)


@pytest.fixture
def nap3(db):
    """A NAP3-like plan: published, being implemented, 12 May 2016 to 30 June 2018, 13
    commitments numbered 1 to 13."""
    plan = ActionPlanFactory(
        number=3,
        title="UK Open Government National Action Plan 2016–18",
        starts_on=dt.date(2016, 5, 12),
        ends_on=dt.date(2018, 6, 30),
        status=PlanStatus.IMPLEMENTING,
    )
    for number in range(1, 14):
        CommitmentFactory(plan=plan, number=str(number), title=f"NAP3 commitment {number}")
    return plan


@pytest.fixture
def seed_preview(secretariat, directory, nap3):
    return preview_note(
        by=secretariat,
        data=seed_bytes(),
        filename=SEED.name,
        meeting_date=NOTE_DATE,
        series_name=SERIES,
    )


def confirm(by, note: NoteImport, **kwargs) -> Meeting:
    return confirm_note_import(by=by, note_import=note, extraction=note.extraction, **kwargs)


# Preview ----------------------------------------------------------------------------------------


def test_preview_note_keeps_text_extraction_and_hash(seed_preview, secretariat):
    note = seed_preview
    assert note.status == NoteImport.Status.PREVIEW
    assert len(note.content_hash) == 64
    assert "Tim Hughes, Involve" in note.source_text
    assert note.extraction["meeting"]["date"] == "2016-11-10"
    assert len(note.extraction["attendees"]) == 21
    assert note.created_by == secretariat
    assert note.series_name == SERIES


def test_preview_note_writes_no_meeting_and_no_audit_event(secretariat, directory, nap3):
    before = row_counts()
    preview_note(by=secretariat, data=seed_bytes(), filename=SEED.name)
    assert row_counts() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"x" * (2 * 1024 * 1024 + 1), "smaller than 2 MB"),
        (bytes(range(256)) * 40, "binary"),
        (b"%PDF-1.7\n" + b"\x00\x01" * 100, "PDF"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, ".doc"),
        (b"PK\x03\x04" + b"\x00" * 100, "zip archive"),
    ],
)
def test_preview_note_refuses_what_is_not_a_note(secretariat, data, message):
    with pytest.raises(DomainError, match=message) as raised:
        preview_note(by=secretariat, data=data, filename="note.txt")
    assert raised.value.field == "file"
    assert not NoteImport.objects.exists()


def test_preview_note_reads_windows_1252_text(secretariat, directory, nap3):
    data = "Meeting 10 November 2016\n\nPresent\nTim Hughes, Involve\nJosé Núñez\n".encode("cp1252")
    note = preview_note(by=secretariat, data=data, filename="note.txt")
    assert "Núñez" in note.source_text


def test_preview_note_drops_nul_characters(secretariat):
    data = (
        b"Meeting note\n\nPresent\nTim\x00 Hughes, Involve\n\nWe talked about the plan at length.\n"
    )
    note = preview_note(by=secretariat, data=data, filename="note.txt")
    assert "\x00" not in note.source_text and "\\u0000" not in json.dumps(note.extraction)


@pytest.mark.parametrize("role", ["participant", "civil_society_member", "lead", "anonymous"])
def test_others_cannot_preview_a_note(db, user_for_role, role):
    with pytest.raises(PermissionDeniedError):
        preview_note(by=user_for_role(role), data=seed_bytes(), filename=SEED.name)
    assert not NoteImport.objects.exists()


def test_administrator_can_preview_a_note(administrator):
    assert preview_note(by=administrator, data=seed_bytes(), filename=SEED.name).pk


# Matching ---------------------------------------------------------------------------------------


def test_plan_import_matches_people_organisations_aliases_and_commitments(seed_preview, nap3):
    plan = plan_import(seed_preview.extraction, series_name=SERIES)
    by_name = {row.name: row for row in plan.attendees}
    assert by_name["Tim Hughes"].person.person.name == "Tim Hughes"
    assert by_name["Kaela Scott"].person.is_new
    assert by_name["Thom Townsend"].organisation.label() == "matches Cabinet Office"
    assert by_name["Paul Taylor"].organisation.is_new
    assert by_name["Paul Taylor"].organisation.label() == "new organisation"
    assert plan.new_organisations() == [("OpenUK", "civil_society")]
    assert plan.plan == nap3
    assert plan.new_series
    assert [u.commitment.number for u in plan.updates] == ["4", "5", "6", "7", "11"]
    assert [u.status for u in plan.updates] == ["on_track"] * 4 + ["postponed"]
    owners = [a.owner for a in plan.actions]
    assert owners[1].organisation.name == "Cabinet Office"
    assert owners[0].organisation is None and owners[0].label() == "kept as written"
    json = plan.to_json()
    assert json["attendees"][0]["person_match"]["id"] is not None
    assert json["commitment_updates"][0]["commitment"]["number"] == "4"


def test_matching_ignores_case_spacing_punctuation_and_finds_aliases(directory):
    extraction = {
        "attendees": [
            {"name": "tim  HUGHES", "organisation": "involve.", "role": "chair"},
            {"name": "A Person", "organisation": "CO", "role": "attendee"},
            {"name": "B Person", "organisation": "ccs", "role": "attendee"},
        ],
        "action_items": [{"text": "Do it", "owner": "TI", "due": None}],
    }
    plan = plan_import(extraction, series_name=None)
    tim, a, b = plan.attendees
    assert tim.person.person.name == "Tim Hughes" and tim.organisation.label() == "matches Involve"
    assert a.organisation.label() == "matches Cabinet Office (alias CO)"
    assert b.organisation.label() == "matches Crown Commercial Service (alias CCS)"
    assert plan.actions[0].owner.organisation.name == "Transparency International"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Department for Education", "government_department"),
        ("Home Office", "government_department"),
        ("Ministry of Justice", "government_department"),
        ("Bristol City Council", "local_government"),
        ("Scottish Government", "devolved_administration"),
        ("Government of Ruritania", "national_government"),
        ("Crown Commercial Service", "agency"),
        ("OpenUK", "civil_society"),
    ],
)
def test_guess_kind_of_a_new_organisation(name, kind):
    assert guess_kind(name) == kind


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The plans have been postponed due to the delayed strategy.", "postponed"),
        ("Publication is delayed until spring.", "delayed"),
        ("The register is now complete.", "complete"),
        ("The data has been completed and published.", "complete"),
        ("CCS aim to complete by 14 November.", "on_track"),
        ("Work is not delayed.", "on_track"),
        ("Broadly things are on track.", "on_track"),
    ],
)
def test_update_status_follows_the_notes_words(text, status):
    assert update_status(text) == status


def test_plan_current_at_the_meeting_is_the_one_whose_period_contains_it(db, nap3):
    ActionPlanFactory(
        member=nap3.member,
        number=4,
        starts_on=dt.date(2018, 7, 1),
        ends_on=dt.date(2020, 6, 30),
        status=PlanStatus.IMPLEMENTING,
    )
    assert importer_matching.plan_current_on(NOTE_DATE) == nap3
    assert importer_matching.plan_current_on(None).number == 4


def test_a_number_not_in_the_plan_is_warned_about_and_kept_as_minutes(secretariat, nap3):
    extraction = {
        "meeting": {"title": "Catch-up", "date": "2016-11-10"},
        "commitment_updates": [{"number": "42", "title": "Unknown", "text": "All fine."}],
    }
    plan = plan_import(extraction, series_name=None)
    assert plan.updates[0].commitment is None
    assert any("no commitment 42" in w for w in plan.warnings)
    note = preview_note(by=secretariat, data=b"Catch-up\n\nAll fine.\n", filename="n.txt")
    meeting = confirm_note_import(by=secretariat, note_import=note, extraction=extraction)
    assert not ProgressUpdate.objects.exists()
    section = meeting.sections.get()
    assert section.heading == "42. Unknown" and section.text == "All fine."


def test_clean_extraction_refuses_a_bad_role_naming_the_row():
    with pytest.raises(DomainError, match="Attendee 2: choose the person's role"):
        clean_extraction(
            {"attendees": [{"name": "A", "role": "chair"}, {"name": "B", "role": "boss"}]}
        )


# Confirming the seed note ------------------------------------------------------------------------


def test_confirm_note_import_creates_the_seed_meeting(seed_preview, secretariat, nap3):
    meeting = confirm(secretariat, seed_preview)
    assert meeting.title == "Where we’ve got to; the OGP Summit; & what’s next"
    assert meeting.status == MeetingStatus.HELD
    assert timezone.localtime(meeting.starts_at).time() == dt.time(10, 0)
    assert meeting.held_on == NOTE_DATE
    assert meeting.series.name == SERIES
    assert meeting.import_key == seed_preview.content_hash

    attendances = list(meeting.attendances.select_related("person", "organisation"))
    assert len(attendances) == 21
    orgs = {a.person.name: a.organisation.name if a.organisation else None for a in attendances}
    assert orgs["Tim Hughes"] == "Involve"
    assert orgs["William Gerry"] == "Cabinet Office"
    assert orgs["Gavin Freeguard"] is None
    assert orgs["Paul Taylor"] == "OpenUK"
    assert Organisation.objects.get(name="OpenUK").kind == "civil_society"
    assert not Membership.objects.exists()  # attendance carries the organisation, not a membership

    items = list(meeting.action_items.order_by("position"))
    assert len(items) == 4
    assert [i.owner_text for i in items] == ["OGN", "Cabinet Office", "Cabinet Office", "OGN"]
    assert [i.owner_organisation and i.owner_organisation.name for i in items] == [
        None,
        "Cabinet Office",
        "Cabinet Office",
        None,
    ]
    assert [i.due_on for i in items] == [dt.date(2016, 11, 28), None, None, None]
    assert [i.due_phrase for i in items] == ["", "in the New Year", "", ""]

    updates = ProgressUpdate.objects.filter(meeting=meeting).select_related("commitment")
    assert sorted(int(u.commitment.number) for u in updates) == [4, 5, 6, 7, 11]
    assert all(u.commitment.plan_id == nap3.pk for u in updates)
    assert {u.commitment.number: u.status for u in updates} == {
        "4": "on_track",
        "5": "on_track",
        "6": "on_track",
        "7": "on_track",
        "11": "postponed",
    }
    assert all(u.reported_on == NOTE_DATE for u in updates)
    assert {u.import_key for u in updates} == {
        f"note-{seed_preview.content_hash[:16]}-{n}" for n in (4, 5, 6, 7, 11)
    }
    assert {u.author_name for u in updates} == {f"{secretariat.name} (imported from notes)"}

    nap_section = meeting.sections.get(heading="Update on NAP3 commitments")
    linked = sorted(int(c.number) for c in nap_section.commitments.all())
    assert linked == [4, 5, 6, 7, 11]

    seed_preview.refresh_from_db()
    assert seed_preview.status == NoteImport.Status.CONFIRMED
    assert seed_preview.meeting == meeting


def test_confirm_note_import_audits_as_the_importer(seed_preview, secretariat):
    meeting = confirm(secretariat, seed_preview)
    events = AuditEvent.objects.filter(verb="meetings.meeting.imported")
    assert events.get().actor == secretariat and events.get().object_id == str(meeting.pk)
    posted = AuditEvent.objects.filter(verb="action_plans.progressupdate.posted")
    assert posted.count() == 5
    assert {e.actor_label for e in posted} == {f"{secretariat.name} (imported from notes)"}
    created = AuditEvent.objects.filter(verb="organisations.person.created", actor=secretariat)
    assert created.count() == 19  # 21 attendees, 2 already known


def test_importing_the_same_note_twice_creates_nothing_new(seed_preview, secretariat):
    meeting = confirm(secretariat, seed_preview)
    before = row_counts()
    assert confirm(secretariat, seed_preview) == meeting
    again = preview_note(
        by=secretariat, data=seed_bytes(), filename="copy.txt", series_name="Another series"
    )
    assert confirm(secretariat, again) == meeting
    assert row_counts() == before
    again.refresh_from_db()
    assert again.status == NoteImport.Status.CONFIRMED and again.meeting == meeting


def test_an_invalid_row_writes_nothing(seed_preview, secretariat):
    extraction = dict(seed_preview.extraction)
    extraction["attendees"] = [*extraction["attendees"], {"name": "X Y", "role": "boss"}]
    before = row_counts()
    with pytest.raises(DomainError, match="Attendee 22"):
        confirm_note_import(by=secretariat, note_import=seed_preview, extraction=extraction)
    assert row_counts() == before
    seed_preview.refresh_from_db()
    assert seed_preview.status == NoteImport.Status.PREVIEW


def test_a_failure_half_way_writes_nothing(seed_preview, secretariat, monkeypatch):
    def refuse(**kwargs):
        raise DomainError("The action was refused.")

    monkeypatch.setattr(imports, "add_action_item", refuse)
    before = row_counts()
    with pytest.raises(DomainError, match="refused"):
        confirm(secretariat, seed_preview)
    assert row_counts() == before
    assert not MeetingSeries.objects.exists()


def test_confirm_needs_a_date(secretariat, directory):
    note = preview_note(by=secretariat, data=b"A note\n\nSome text.\n", filename="n.txt")
    extraction = {**note.extraction, "meeting": {"title": "A note", "date": None}}
    with pytest.raises(DomainError, match="date") as raised:
        confirm_note_import(by=secretariat, note_import=note, extraction=extraction)
    assert raised.value.field == "date"


def test_confirm_refuses_a_meeting_in_the_future(secretariat, directory):
    note = preview_note(by=secretariat, data=b"A note\n\nSome text.\n", filename="n.txt")
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    extraction = {**note.extraction, "meeting": {"title": "A note", "date": future}}
    with pytest.raises(DomainError, match="today or in the past"):
        confirm_note_import(by=secretariat, note_import=note, extraction=extraction)


def test_corrections_choose_kind_status_and_leave_out(seed_preview, secretariat):
    extraction = dict(seed_preview.extraction)
    extraction["attendees"] = [
        {**row, "organisation_kind": "business"} if row["organisation"] == "OpenUK" else row
        for row in extraction["attendees"]
    ]
    extraction["commitment_updates"] = [
        {**row, "status": "delayed"} if row["number"] == "6" else row
        for row in extraction["commitment_updates"]
    ]
    meeting = confirm_note_import(by=secretariat, note_import=seed_preview, extraction=extraction)
    assert Organisation.objects.get(name="OpenUK").kind == "business"
    assert meeting.progress_updates.get(commitment__number="6").status == "delayed"


def test_an_owner_named_by_an_alias_is_matched(seed_preview, secretariat):
    create_organisation(
        by=SYSTEM, name="UK Open Government Network", kind="civil_society", aliases=["OGN"]
    )
    meeting = confirm(secretariat, seed_preview)
    first = meeting.action_items.order_by("position").first()
    assert first.owner_organisation.name == "UK Open Government Network"
    assert first.owner_text == "OGN"


@pytest.mark.parametrize("role", ["participant", "government_contact", "other_lead"])
def test_others_cannot_confirm_a_note(seed_preview, user_for_role, role):
    with pytest.raises(PermissionDeniedError):
        confirm(user_for_role(role), seed_preview)
    assert not Meeting.objects.exists()


# The demo ------------------------------------------------------------------------------------


def test_load_seed_meeting_is_idempotent(directory, nap3):
    meeting = load_seed_meeting(by=SYSTEM)
    assert meeting is not None
    assert meeting.source_url == SEED_SOURCE_URL
    assert meeting.series.name == SERIES
    update = meeting.progress_updates.first()
    assert update.evidence == [{"url": SEED_SOURCE_URL, "title": meeting.title}]
    assert update.author_name == "opengov (system) (imported from notes)"
    before = row_counts()
    assert load_seed_meeting(by=SYSTEM) is None
    assert row_counts() == before
