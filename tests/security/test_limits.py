"""Limits: the API's page size is capped (OPENGOV_API_MAX_PAGE_SIZE); a request body over
DATA_UPLOAD_MAX_MEMORY_SIZE is refused with a clear 400, never a 500, and writes nothing; the notes
import takes at most 2 MB, read through a handler that skips the rest, and checks what a file is
by its content (a renamed binary, a zip that is not a Word document, a Word document that unpacks
to far more than it weighs); and an uploaded file is never kept, so never served back.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.test import Client
from django.urls import reverse

from opengov.accounts.tokens import create_api_token
from opengov.action_plans.models import ProgressUpdate
from opengov.core.models import AuditEvent
from opengov.meetings.models import NoteImport
from opengov.organisations.models import Organisation, OrganisationKind, match_key

from .route_samples import API_PREFIX, ROUTES, build_world

UPLOAD = reverse("meetings:note-import")
NOTE = b"Meeting of the steering group, 10 November 2016\n\nAttendees: Jane Smith (Involve)\n"
TOO_BIG = 6 * 1024 * 1024  # over DATA_UPLOAD_MAX_MEMORY_SIZE (5 MB)


def api_lists() -> list[str]:
    return [
        "/" + r.pattern
        for r in ROUTES
        if r.pattern.startswith(API_PREFIX) and not r.params and r.name.startswith("api:list_")
    ]


def add_organisations(count: int) -> None:
    Organisation.objects.bulk_create(
        Organisation(
            name=f"Body {n:04}",
            slug=f"body-{n:04}",
            kind=OrganisationKind.CIVIL_SOCIETY,
            match_name=match_key(f"Body {n:04}"),
        )
        for n in range(count)
    )


# API page size --------------------------------------------------------------------------------


def test_api_page_size_is_capped_at_the_configured_maximum(db, settings):
    add_organisations(205)
    client = Client()
    first = client.get("/api/v1/organisations", {"limit": 10**9}).json()
    assert len(first["items"]) == settings.OPENGOV_API_MAX_PAGE_SIZE == 200
    rest = client.get("/api/v1/organisations", {"limit": 10**9, "cursor": first["next"]}).json()
    slugs = [o["slug"] for o in first["items"] + rest["items"]]
    assert len(slugs) == len(set(slugs)) == Organisation.objects.count()
    default = client.get("/api/v1/organisations").json()
    assert len(default["items"]) == settings.OPENGOV_API_PAGE_SIZE


def test_every_api_list_obeys_the_maximum(commitment, lead_organisation, lead, settings):
    build_world(commitment, lead_organisation, lead)
    add_organisations(5)
    settings.OPENGOV_API_MAX_PAGE_SIZE = 3
    client = Client()
    lists = api_lists()
    assert len(lists) >= 10
    for url in lists:
        body = client.get(url, {"limit": 1000}).json()
        assert len(body["items"]) <= 3, url
    capped = client.get("/api/v1/organisations", {"limit": 1000}).json()
    assert len(capped["items"]) == 3 and capped["next"]


# Request bodies -------------------------------------------------------------------------------


def assert_clear_refusal(response) -> None:
    assert response.status_code in (400, 413)
    html = response.content.decode()
    assert 'class="govuk-heading-l"' in html
    assert "Traceback" not in html and "RequestDataTooBig" not in html


def test_an_oversized_form_is_refused_clearly_and_changes_nothing(client, commitment, lead):
    events = AuditEvent.objects.count()
    anonymous = Client(raise_request_exception=False)
    sign_in = {"username": "ada@example.org", "password": "x" * TOO_BIG}
    assert_clear_refusal(anonymous.post(reverse("accounts:sign-in"), sign_in))
    client.force_login(lead)
    update = {"status": "on_track", "text": "x" * TOO_BIG}
    url = reverse("action_plans:update-create", args=[commitment.pk])
    assert_clear_refusal(client.post(url, update))
    many_fields = {f"field{n}": "x" for n in range(1500)}  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    assert_clear_refusal(client.post(url, many_fields))
    assert not ProgressUpdate.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_oversized_api_body_is_refused_with_json_and_changes_nothing(commitment, lead):
    _token, raw = create_api_token(by=lead, name="Script")
    events = AuditEvent.objects.count()
    body = json.dumps({"status": "on_track", "text": "x" * TOO_BIG})
    response = Client().post(
        f"/api/v1/commitments/{commitment.pk}/updates",
        body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code in (400, 413)
    assert response.json()["detail"]
    assert not ProgressUpdate.objects.exists()
    assert AuditEvent.objects.count() == events


# The notes import ----------------------------------------------------------------------------


@pytest.fixture
def secretariat_client(secretariat):
    """A signed-in secretariat whose every POST must carry the CSRF token, as a browser's."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretariat)
    client.get(UPLOAD)
    return client


def upload(client, data: bytes, name: str = "note.txt"):
    file = io.BytesIO(data)
    file.name = name
    token = client.cookies["csrftoken"].value
    return client.post(UPLOAD, {"file": file, "csrfmiddlewaretoken": token})


def test_a_note_is_read_with_the_csrf_token(secretariat_client):
    response = upload(secretariat_client, NOTE)
    assert response.status_code == 302
    assert NoteImport.objects.count() == 1


def test_a_note_without_the_csrf_token_is_refused(secretariat_client):
    file = io.BytesIO(NOTE)
    file.name = "note.txt"
    assert secretariat_client.post(UPLOAD, {"file": file}).status_code == 403
    assert not NoteImport.objects.exists()


def test_a_note_over_2_mb_is_skipped_unread_and_refused_clearly(secretariat_client):
    response = upload(secretariat_client, b"word " * (700 * 1024))  # 3.5 MB of text
    assert response.status_code == 200
    assert "The selected file must be smaller than 2 MB" in response.content.decode()
    assert "file" not in response.wsgi_request.FILES  # skipped as it came, never kept whole
    assert not NoteImport.objects.exists()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


BINARIES = {
    "PNG": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "note.txt", "PNG file"),
    "PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "note.md", "PDF file"),
    "ELF": (b"\x7fELF\x02\x01\x01" + bytes(range(32)) * 64, "note.html", "binary file"),
    "random bytes": (bytes(range(256)) * 16, "note.txt", "binary file"),
    "zip": (zip_bytes({"a.txt": b"hello"}), "note.docx", "zip archive, not a Word"),
}


@pytest.mark.parametrize("kind", BINARIES)
def test_a_renamed_binary_is_refused_with_a_clear_message(secretariat_client, kind):
    data, name, message = BINARIES[kind]
    response = upload(secretariat_client, data, name)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html
    assert not NoteImport.objects.exists()


def test_a_word_document_that_unpacks_to_too_much_is_refused(secretariat_client):
    """A "zip bomb": 30 MB of document that deflates to a few tens of kilobytes."""
    document = b"<w:document>" + b" " * (30 * 1024 * 1024) + b"</w:document>"
    bomb = zip_bytes({"word/document.xml": document, "[Content_Types].xml": b"<Types/>"})
    assert len(bomb) < 200 * 1024
    response = upload(secretariat_client, bomb, "note.docx")
    assert response.status_code == 200
    assert "unpacks to more than 25 MB" in response.content.decode()
    assert not NoteImport.objects.exists()


def test_an_uploaded_file_is_never_kept_so_never_served(secretariat_client):
    page = b"<html><body><h1>Steering group</h1><script>alert(1)</script></body></html>"
    response = upload(secretariat_client, page, "note.html")
    assert response.status_code == 302
    file_fields = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]
    assert file_fields == []  # no model keeps an uploaded file
    assert default_storage.listdir("") == ([], [])
    preview = secretariat_client.get(response["Location"])
    assert preview["Content-Type"].startswith("text/html")
    assert preview["X-Content-Type-Options"] == "nosniff"
    assert "Content-Disposition" not in preview
    assert b"<script>alert(1)</script>" not in preview.content
    assert secretariat_client.get("/media/note.html").status_code == 404
