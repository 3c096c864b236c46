"""javascript:, data: and vbscript: addresses in link and evidence fields. Every link field (each
URLField of the models, and the evidence lists) is found from the models; each must be refused by
its service and by its form with a clear message (only http and https), and nothing written; and
an address of another kind already in the database (older data, an import) must never become a
link on any page."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opengov.action_plans import services as plans
from opengov.action_plans.models import ProgressUpdate
from opengov.api.tests.helpers import bearer
from opengov.core.errors import DomainError
from opengov.core.text import is_web_url
from opengov.meetings.services import meetings as meeting_services
from opengov.organisations import services as directory
from opengov.organisations.models import OrganisationKind

from .content_world import World, build_world
from .html_checks import html_problems, scan_html
from .matrix_apps import PARTS
from .site_forms import post_forms
from .site_walk import FOLLOWED, addresses

pytestmark = pytest.mark.django_db

BAD_ADDRESSES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript://example.org/%0Aalert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/report.pdf",
    "//evil.example/report",
    "https:alert(1)",
    "http://",
]
FORM_ADDRESSES = ["javascript:alert(1)", "data:text/html,x", "vbscript:msgbox(1)"]
GOOD_ADDRESSES = ["https://example.org/report?year=2016#part-2", "http://example.org"]
# The evidence lists ([{"url", "title"}]) are link fields too.
EVIDENCE_FIELDS = {"action_plans.ProgressUpdate.evidence", "action_plans.Assessment.evidence"}


def link_fields() -> set[str]:
    """Every URLField of opengov's models, and the evidence lists."""
    found = set(EVIDENCE_FIELDS)
    for model in apps.get_models():
        if model.__module__.startswith("opengov."):
            for f in model._meta.get_fields():
                if isinstance(f, models.URLField):
                    found.add(f"{model._meta.label}.{f.name}")
    return found


# Each link field, written through its service: (the field the DomainError names, the writer).
Writer = Callable[[World, str], Any]


def _meeting(world: World, **kwargs: Any) -> Any:
    start = timezone.now() - dt.timedelta(days=1)
    return meeting_services.create_meeting(by=world.admin, title="Forum", starts_at=start, **kwargs)


def _update_meeting(world: World, field: str, url: str) -> Any:
    meeting = world.meeting
    meeting.refresh_from_db()
    return meeting_services.update_meeting(
        by=world.admin, meeting=meeting, expected_version=meeting.version, **{field: url}
    )


_n = itertools.count(1)


def _evidence(url: str) -> list[dict[str, str]]:
    return [{"url": url, "title": "The report"}]


WRITERS: dict[str, list[tuple[str, Writer]]] = {
    "organisations.Organisation.website": [
        (
            "website",
            lambda w, url: directory.create_organisation(
                by=w.admin,
                name=f"Example Trust {next(_n)}",
                kind=OrganisationKind.CIVIL_SOCIETY,
                website=url,
            ),
        )
    ],
    "action_plans.Commitment.ogp_url": [
        (
            "ogp_url",
            lambda w, url: plans.create_commitment(
                by=w.admin, plan=w.plan, number=f"9{next(_n)}", title="Open data", ogp_url=url
            ),
        )
    ],
    "action_plans.Milestone.source_url": [
        (
            "source_url",
            lambda w, url: plans.add_milestone(
                by=w.admin, commitment=w.commitment, text="Publish", source_url=url
            ),
        )
    ],
    "meetings.Meeting.online_url": [
        ("online_url", lambda w, url: _meeting(w, online_url=url)),
        ("online_url", lambda w, url: _update_meeting(w, "online_url", url)),
    ],
    "meetings.Meeting.source_url": [
        ("source_url", lambda w, url: _meeting(w, source_url=url)),
        ("source_url", lambda w, url: _update_meeting(w, "source_url", url)),
    ],
    "action_plans.ProgressUpdate.evidence": [
        (
            "evidence",
            lambda w, url: plans.post_progress_update(
                by=w.admin,
                commitment=w.commitment,
                status="on_track",
                text="Done",
                evidence=_evidence(url),
            ),
        )
    ],
    "action_plans.Assessment.evidence": [
        (
            "evidence",
            lambda w, url: plans.record_assessment(
                by=w.cso_member,
                commitment=w.commitment,
                kind="civil_society",
                organisation=w.cso,
                period_start=dt.date(2016, 7, 1),
                period_end=dt.date(2017, 6, 30),
                status="delayed",
                text="Not as reported",
                evidence=_evidence(url),
                contests=w.update,
            ),
        )
    ],
}

for _part in PARTS:
    WRITERS.update(getattr(_part, "URL_WRITERS", {}))


@pytest.fixture
def world(db) -> World:
    return build_world("Plain text")


def test_every_link_field_has_its_writer_here():
    assert set(WRITERS) == link_fields()


def _snapshot(world: World) -> dict[str, Any]:
    """What the link fields' writers could change: every row of their models."""
    snapshot = {}
    for name in WRITERS:
        model = apps.get_model(name.rsplit(".", 1)[0])
        snapshot[name] = sorted(map(str, model._default_manager.values_list()))
    return snapshot


def test_services_refuse_every_address_but_a_web_address(world):
    """Each writer of each link field, with each address that is not a web address: refused, on
    the field, saying what is wanted, and nothing written; a web address is accepted."""
    wrong = []
    for name, writers in WRITERS.items():
        for field, write in writers:
            for url in BAD_ADDRESSES:
                before = _snapshot(world)
                try:
                    write(world, url)
                except DomainError as refused:
                    said = "http://" in refused.message and "https://" in refused.message
                    if refused.field != field or not said or _snapshot(world) != before:
                        wrong.append((name, url, refused.field, refused.message))
                else:
                    wrong.append((name, url, "accepted"))
            for url in GOOD_ADDRESSES:
                write(world, url)
    assert wrong == []


def test_is_web_url():
    assert all(is_web_url(url) for url in GOOD_ADDRESSES)
    assert not any(is_web_url(url) for url in BAD_ADDRESSES)
    assert not is_web_url("http://[::1") and not is_web_url(None)


def test_forms_refuse_other_addresses_with_a_clear_message(world, client):
    """Every web-address input of every form (found on the pages: type="url" or a name saying
    url) is sent javascript:, data: and vbscript: addresses (the numbered evidence slots after the
    first, a javascript: one), the rest of the form filled in as a person would: the form comes
    back with the message, and nothing is written."""
    client.force_login(world.admin)
    tried = []
    for name, address in addresses(world):
        page = client.get(address)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        for index, form in enumerate(post_forms(page.content.decode())):
            inputs = [f.name for f in form.fields if f.kind == "url" or "url" in f.name]
            for field_name in dict.fromkeys(inputs):
                for url in FORM_ADDRESSES[: 1 if field_name[-1:].isdigit() else None]:
                    fresh = post_forms(client.get(address).content.decode())[index]
                    before = _snapshot(world)
                    response = client.post(
                        fresh.action or address, {**fresh.data(), field_name: url}
                    )
                    assert response.status_code == 200, (name, field_name, url)
                    assert b"govuk-error-summary" in response.content
                    assert "http:// or https://" in response.content.decode(), (name, field_name)
                    assert _snapshot(world) == before, (name, field_name, url)
                    tried.append((name, field_name))
    assert {name for name, _ in tried} >= {
        "action_plans:update-create",
        "action_plans:assessment-create",
        "meetings:meeting-create",
        "meetings:meeting-edit",
    }


def test_the_api_refuses_other_evidence_addresses(world, client):
    headers = bearer(world.admin)
    address = f"/api/v1/commitments/{world.commitment.pk}/updates"
    before = ProgressUpdate.objects.count()
    for url in BAD_ADDRESSES:
        body = {"status": "on_track", "text": "Done", "evidence": [{"url": url}]}
        response = client.post(
            address, json.dumps(body), content_type="application/json", **headers
        )
        assert response.status_code in {400, 422}, url
        if response.status_code == 400:
            assert response.json()["field"] == "evidence"
            assert "http://" in response.json()["detail"]
    assert ProgressUpdate.objects.count() == before


def _write_old_data(world: World, urls: list[str]) -> None:
    """Every link field of every row set directly, as older data or an import could: the fields
    take the addresses in turn."""
    for name, url in zip(sorted(link_fields()), itertools.cycle(urls), strict=False):
        model = apps.get_model(name.rsplit(".", 1)[0])
        field = name.rsplit(".", 1)[1]
        value = _evidence(url) if name in EVIDENCE_FIELDS else url
        model._default_manager.update(**{field: value})


def test_the_organisation_page_shows_another_kind_of_address_as_text(world, client):
    _write_old_data(world, ["javascript:alert(document.cookie)"])
    page = client.get(world.gov.get_absolute_url())
    problems, text = scan_html(page.content.decode())
    assert problems == []
    assert "javascript:alert(document.cookie)" in text


def test_no_page_makes_a_link_of_another_kind_of_address(world, client):
    client.force_login(world.admin)
    _write_old_data(
        world, ["javascript:alert(document.cookie)", "data:text/html,<b>x</b>", "vbscript:x"]
    )
    found = {}
    for name, address in addresses(world):
        for who, user_client in (("", client), (" (anonymous)", Client())):
            response = user_client.get(address, follow=name in FOLLOWED)
            if "html" in response.get("Content-Type", ""):
                found[f"{name} {address}{who}"] = html_problems(response.content.decode())
    assert {page: problems for page, problems in found.items() if problems} == {}


def test_pages_still_link_web_addresses(world, client):
    _write_old_data(world, ["https://example.org/report"])
    for page in (
        world.gov.get_absolute_url(),
        reverse("meetings:meeting-detail", args=[world.meeting.pk]),
    ):
        assert 'href="https://example.org/report"' in client.get(page).content.decode(), page
