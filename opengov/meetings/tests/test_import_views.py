"""The notes import pages: upload, preview with matches, correction, confirmation, and the ways a
bad upload is refused (never a server error)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from opengov.core.forms import GovukDateField
from opengov.meetings.import_forms import NotePreviewForms
from opengov.meetings.importer_matching import plan_import
from opengov.meetings.models import Attendance, Meeting, NoteImport
from opengov.meetings.tests.test_imports import (  # noqa: F401 (fixtures)
    NOTE_DATE,
    SEED,
    SERIES,
    directory,
    nap3,
    seed_bytes,
)

UPLOAD = reverse("meetings:note-import")


def preview_url(note: NoteImport) -> str:
    return reverse("meetings:note-preview", kwargs={"pk": note.pk})


def upload(client, data: bytes, name: str = "note.txt", **fields):
    payload = {"file": SimpleUploadedFile(name, data, content_type="text/plain"), **fields}
    return client.post(UPLOAD, payload)


def form_data(note: NoteImport) -> dict[str, str]:
    """What the preview page posts when nothing is changed: every field's initial value."""
    plan = plan_import(note.extraction, series_name=note.series_name)
    bundle = NotePreviewForms(plan, note)
    data: dict[str, str] = {}
    all_forms: list[forms.Form] = [bundle.meeting]
    for formset in bundle.formsets.values():
        management = formset.management_form
        data.update(
            {management[n].html_name: str(management[n].value()) for n in management.fields}
        )
        all_forms += formset.forms
    for form in all_forms:
        for field in form:
            value = field.value()
            if isinstance(field.field, GovukDateField):
                if value:
                    parts = {"day": value.day, "month": value.month, "year": value.year}
                    data.update({f"{field.html_name}_{k}": str(v) for k, v in parts.items()})
            elif isinstance(field.field, forms.BooleanField):
                if value:
                    data[field.html_name] = "on"
            elif value is not None:
                data[field.html_name] = str(value)
    return data


def attendee_prefix(data: dict[str, str], name: str) -> str:
    key = next(k for k, v in data.items() if k.startswith("attendee-") and v == name)
    return key.rsplit("-", 1)[0]


@pytest.fixture
def signed_in(client, secretariat, directory, nap3):  # noqa: F811
    client.force_login(secretariat)
    return client


@pytest.fixture
def seed_note(signed_in) -> NoteImport:
    response = upload(signed_in, seed_bytes(), SEED.name, series=SERIES)
    assert response.status_code == 302
    return NoteImport.objects.get()


# Who may ---------------------------------------------------------------------------------------


def test_anonymous_is_asked_to_sign_in(client, db):
    response = client.get(UPLOAD)
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


@pytest.mark.parametrize("role", ["participant", "civil_society_member", "government_contact"])
def test_others_cannot_import_notes(client, user_for_role, role):
    client.force_login(user_for_role(role))
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, b"A note\n").status_code == 403
    assert not NoteImport.objects.exists()


def test_others_cannot_see_a_preview(client, participant, seed_note):
    client.force_login(participant)
    assert client.get(preview_url(seed_note)).status_code == 403
    assert client.post(preview_url(seed_note), {}).status_code == 403


def test_administrator_can_open_the_upload_page(client, administrator):
    client.force_login(administrator)
    response = client.get(UPLOAD)
    assert response.status_code == 200
    assert b'type="file"' in response.content
    assert b'enctype="multipart/form-data"' in response.content


# Upload and preview -----------------------------------------------------------------------------


def test_upload_shows_a_preview_with_matches(signed_in, seed_note):
    assert seed_note.meeting_date is None
    response = signed_in.get(preview_url(seed_note))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Attendee 1: Tim Hughes" in page
    assert "matches Tim Hughes" in page
    assert "new person will be created" in page
    assert "matches Cabinet Office" in page
    assert "new organisation" in page  # OpenUK is not in the directory
    assert "Matches commitment 4. NAP3 commitment 4" in page
    assert "in the New Year" in page
    assert "Confirm and import" in page
    assert 'name="attendee-TOTAL_FORMS" value="24"' in page  # 21 found, 3 empty
    assert 'name="action-TOTAL_FORMS" value="6"' in page  # 4 found, 2 empty


def test_preview_shows_an_alias_match(signed_in):
    note = (
        b"Catch-up 10 November 2016\n\nPresent\nJeremy Foster, CO\nAnna Bee, CCS\n\n"
        b"Notes\n\nAll good.\n"
    )
    upload(signed_in, note)
    page = signed_in.get(preview_url(NoteImport.objects.get())).content.decode()
    assert "matches Cabinet Office (alias CO)" in page
    assert "matches Crown Commercial Service (alias CCS)" in page


def test_correcting_an_attendee_then_confirming_shows_the_correction(signed_in, seed_note):
    data = form_data(seed_note)
    prefix = attendee_prefix(data, "Gavin Freeguard")
    data[f"{prefix}-organisation"] = "Institute for Fiscal Studies"
    data["meeting-date_day"], data["meeting-date_month"], data["meeting-date_year"] = (
        "10",
        "11",
        "2016",
    )
    response = signed_in.post(preview_url(seed_note), data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    attendance = Attendance.objects.get(meeting=meeting, person__name="Gavin Freeguard")
    assert attendance.organisation.name == "Institute for Fiscal Studies"
    assert attendance.organisation.kind == "civil_society"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Institute for Fiscal Studies" in page
    assert "Meeting imported from the note" in page
    assert meeting.held_on == NOTE_DATE and meeting.series.name == SERIES


def test_leaving_out_and_adding_rows(signed_in, seed_note):
    data = form_data(seed_note)
    data[f"{attendee_prefix(data, 'Colin Horswell')}-leave_out"] = "on"
    data["attendee-21-name"], data["attendee-21-organisation"] = "Ann Other", "Home Office"
    data["attendee-21-role"], data["attendee-21-organisation_kind"] = "guest", ""
    data["attendee-22-name"], data["attendee-22-sent_apologies"] = "Sam Absent", "on"
    data["action-4-text"], data["action-4-owner"] = "Send the slides", "Involve"
    data["action-4-due"] = "2016-12-01"
    data.update({"meeting-date_day": "10", "meeting-date_month": "11", "meeting-date_year": "2016"})
    assert signed_in.post(preview_url(seed_note), data).status_code == 302
    meeting = Meeting.objects.get()
    people = set(meeting.attendances.values_list("person__name", flat=True))
    assert "Colin Horswell" not in people and {"Ann Other", "Sam Absent"} <= people
    other = meeting.attendances.get(person__name="Ann Other")
    assert other.role == "guest" and other.organisation.kind == "government_department"
    assert meeting.attendances.get(person__name="Sam Absent").sent_apologies
    added = meeting.action_items.get(text="Send the slides")
    assert added.owner_organisation.name == "Involve" and added.due_on == dt.date(2016, 12, 1)


def test_check_the_matches_again_keeps_corrections(signed_in, seed_note):
    data = form_data(seed_note)
    data[f"{attendee_prefix(data, 'Paul Taylor')}-organisation"] = "CO"
    data.update({"meeting-date_day": "10", "meeting-date_month": "11", "meeting-date_year": "2016"})
    data["check"] = "1"
    response = signed_in.post(preview_url(seed_note), data)
    assert response.status_code == 302 and response["Location"] == preview_url(seed_note)
    assert not Meeting.objects.exists()
    page = signed_in.get(preview_url(seed_note)).content.decode()
    assert "matches Cabinet Office (alias CO)" in page


def test_a_missing_date_is_shown_as_an_error(signed_in, seed_note):
    data = form_data(seed_note)
    data["meeting-title"] = ""
    for part in ("day", "month", "year"):
        data.pop(f"meeting-date_{part}")
    response = signed_in.post(preview_url(seed_note), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the title" in page and "Enter a date" in page
    assert "<title>Error:" in page
    assert not Meeting.objects.exists()


def test_a_confirmed_preview_leads_to_its_meeting(signed_in, seed_note):
    data = form_data(seed_note)
    data.update({"meeting-date_day": "10", "meeting-date_month": "11", "meeting-date_year": "2016"})
    signed_in.post(preview_url(seed_note), data)
    meeting = Meeting.objects.get()
    response = signed_in.get(preview_url(seed_note))
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert signed_in.post(preview_url(seed_note), data)["Location"] == meeting.get_absolute_url()
    assert Meeting.objects.count() == 1


def test_an_unknown_preview_is_not_found(signed_in):
    assert signed_in.get(reverse("meetings:note-preview", kwargs={"pk": 999})).status_code == 404


# Bad uploads ------------------------------------------------------------------------------------


def test_no_file_is_a_clear_error(signed_in):
    response = signed_in.post(UPLOAD, {})
    assert response.status_code == 200
    assert "Select a meeting note" in response.content.decode()
    assert not NoteImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "note.txt", "The selected file is empty"),
        (b"a" * (2 * 1024 * 1024 + 1), "note.txt", "The selected file must be smaller than 2 MB"),
        (bytes(range(256)) * 100, "note.txt", "binary"),
        (b"%PDF-1.4 " + bytes(range(256)) * 10, "note.docx", "PDF"),
        (b"PK\x03\x04 not really a zip", "note.docx", "zip archive"),
    ],
)
def test_a_bad_upload_is_a_clear_error(signed_in, data, name, message):
    response = upload(signed_in, data, name)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert not NoteImport.objects.exists()


def test_a_note_with_no_structure_gives_a_preview_with_warnings(signed_in):
    response = upload(signed_in, b"\n\n   \n", "blank.md")
    assert response.status_code == 302
    page = signed_in.get(response["Location"]).content.decode()
    assert "Check these" in page and "empty" in page


def test_a_bad_date_on_upload_is_a_clear_error(signed_in):
    response = upload(
        signed_in,
        b"A note\n",
        **{"meeting_date_day": "31", "meeting_date_month": "2", "meeting_date_year": "2016"},
    )
    assert response.status_code == 200
    assert "Enter a real date" in response.content.decode()


def test_a_word_document_is_previewed_and_imported(signed_in):
    docx = Path(__file__).parent / "importer" / "corpus" / "ogn-steering-2017-02.docx"
    response = upload(signed_in, docx.read_bytes(), docx.name)
    assert response.status_code == 302
    note = NoteImport.objects.get()
    page = signed_in.get(response["Location"]).content.decode()
    assert "Attendee 1: Simon Burall" in page and "matches Involve" in page
    assert signed_in.post(preview_url(note), form_data(note)).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.held_on == dt.date(2017, 2, 7)
    assert meeting.attendances.get(person__name="Simon Burall").role == "chair"
    assert meeting.attendances.get(person__name="Tim Hughes").role == "note_taker"
