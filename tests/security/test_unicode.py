"""Unicode edge cases in every text field, through every form and the API: bidirectional overrides,
zero-width and other invisible characters, NUL and other control characters, a 10,000-character
word, emoji, lone surrogates. Each is stored (cleaned by opengov.core.text, the one place the rules
live) or refused with a clear message; never a 500, on SQLite and on PostgreSQL (which stores no
NUL). The forms are found on the pages themselves (site_forms), so a new form is covered too."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opengov.action_plans.models import DueDateRevision, ProgressUpdate
from opengov.api.api import api
from opengov.api.tests.helpers import bearer
from opengov.core.text import clean_line, clean_text, xml_text
from opengov.meetings.models import Meeting, MeetingSeries

from .content_world import World, build_world
from .html_checks import atom_problems, calendar_events
from .site_forms import post_forms
from .site_walk import addresses

pytestmark = pytest.mark.django_db

EMOJI = "🏛️🇬🇧👩🏽‍💻"
# Everything at once: overrides, NUL, zero-width characters, emoji, Word's vertical tab, a PDF's
# form feed, DEL.
NASTY = f"\u202eevil title\u202c a\x00b \u200bzw\u200b {EMOJI} vt\x0bff\x0cend \x7f"
INVISIBLE_ONLY = "\u200b\u2060\ufeff\u200d"
LONG_WORD = "Pneumono" + "x" * 9_992
EDGE_VALUES = {"nasty": NASTY, "invisible": INVISIBLE_ONLY, "long word": LONG_WORD}
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
COPIES_OF_LONG_TEXT = {"core.AuditEvent.object_repr"}


def stored_text() -> list[tuple[str, str, str]]:
    """(model.field, kind, value) for every text value of opengov's models."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("opengov."):
            continue
        for f in model._meta.get_fields():
            if isinstance(f, models.CharField | models.TextField):
                kind = "line" if isinstance(f, models.CharField) else "text"
                for value in model._default_manager.values_list(f.name, flat=True):
                    found.append((f"{model._meta.label}.{f.name}", kind, value or ""))
    return found


def unclean(values: list[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """The stored values that break the rules: a control character anywhere, a bidirectional
    control or a line end in a one-line field (an event's copy of an object's str() aside: a
    milestone's or an action's is the start of its long text)."""
    return [
        (name, value[:60])
        for name, kind, value in values
        if CONTROLS.search(value)
        or (
            kind == "line"
            and name not in COPIES_OF_LONG_TEXT
            and (BIDI_CONTROLS.search(value) or "\n" in value)
        )
    ]


# The cleaning rules themselves ---------------------------------------------------------------


def test_clean_line_removes_what_hides_or_reverses_text():
    assert clean_line("\u202eevil\u202c title") == "evil title"
    assert clean_line("\u2066isolated\u2069") == "isolated"
    assert clean_line("a\x00b\x7f") == "ab"
    assert clean_line(" \u200b\ufeff Title \u2060\u200b ") == "  Title  "  # the field strips
    assert clean_line(INVISIBLE_ONLY) == ""
    assert clean_line("\u200bTitle\u00ad") == "Title"
    assert clean_line("two\nlines\r\nhere") == "two lines  here"
    assert clean_line(EMOJI) == EMOJI  # the zero-width joiner inside an emoji stays
    assert clean_line("می\u200cخواهم") == "می\u200cخواهم"  # so does Persian's non-joiner


def test_clean_text_keeps_paragraphs_and_right_to_left_marks():
    assert clean_text("one\x0btwo\x0cthree\u2028four") == "one\ntwo\nthree\nfour"
    assert clean_text("a\tb\r\nc") == "a\tb\r\nc"
    assert clean_text("\u202bمرحبا\u202c") == "\u202bمرحبا\u202c"
    assert clean_text("x\x00y\x1bz\x85w") == "xyz\nw"


def test_xml_text_removes_only_what_xml_cannot_carry():
    assert xml_text("a\x0bb\x0cc\x00d\x1fe\tf\ng") == "abcde\tf\ng"
    assert xml_text("€ 🏛️ \u202e") == "€ 🏛️ \u202e"


@settings(max_examples=200)
@given(st.text())
def test_cleaning_is_idempotent_and_leaves_no_control_characters(value):
    line, text = clean_line(value), clean_text(value)
    assert clean_line(line) == line and clean_text(text) == text
    assert not CONTROLS.search(line) and not CONTROLS.search(text)
    assert not BIDI_CONTROLS.search(line) and "\n" not in line
    assert "\x00" not in xml_text(value) and xml_text(xml_text(value)) == xml_text(value)


@settings(max_examples=100)
@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"]), min_size=1))
def test_ordinary_text_is_left_as_typed(value):
    assert clean_text(value) == value
    assert clean_line(value) == value


# Every form of every page -----------------------------------------------------------------------


@pytest.fixture
def world(db) -> World:
    return build_world("Plain text")


def _outcome(response: Any) -> int | str:
    """302 (stored), "refused" (the form again, with its error summary), or the status."""
    if response.status_code == 200 and b"govuk-error-summary" in response.content:
        return "refused"
    return 500 if response.status_code >= 500 else response.status_code


def _fresh_form(client: Client, address: str, index: int) -> Any:
    forms = post_forms(client.get(address).content.decode())
    return forms[index] if index < len(forms) else None


def test_every_form_stores_or_refuses_edge_text_and_never_fails(world, client):
    """Every form of every page (the rest of it filled as a person would) gets: the nasty text in
    all its text fields; only invisible characters in all of them; the long word in its long-text
    fields, then in its one-line fields. Each answer is a redirect (stored) or the form again
    with its errors, never a 500. Afterwards nothing stored breaks the rules, the emoji and the
    long word were stored, and every page still shows."""
    client.force_login(world.admin)
    anonymous, outcomes = Client(), {}
    attacks = [
        ("nasty", NASTY, ("input", "textarea")),
        ("invisible", INVISIBLE_ONLY, ("input", "textarea")),
        ("long word in long text", LONG_WORD, ("textarea",)),
        ("long word in one line", LONG_WORD, ("input",)),
    ]
    for name, address in addresses(world):
        user_client = client
        page = client.get(address)
        if page.status_code != 200:
            user_client, page = anonymous, anonymous.get(address)
        if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
            continue
        for index, form in enumerate(post_forms(page.content.decode())):
            for label, value, kinds in attacks:
                fields = form.text_fields(kinds)
                if not fields:
                    continue
                fresh = _fresh_form(user_client, address, index) or form
                data = {**fresh.data(), **dict.fromkeys(fields, value)}
                response = user_client.post(fresh.action or address, data)
                outcomes[f"{name} #{index} {label}"] = _outcome(response)
    assert {key: status for key, status in outcomes.items() if status == 500} == {}
    assert sum(status == 302 for status in outcomes.values()) >= 15, outcomes
    assert sum(status == "refused" for status in outcomes.values()) >= 15, outcomes
    values = stored_text()
    assert unclean(values) == []
    assert any(EMOJI in value for _, _, value in values)
    assert any(LONG_WORD in value for _, kind, value in values if kind == "text")
    for name, address in addresses(world):  # the edge text shows on every page, or is gone
        response = client.get(address, follow=True)
        assert response.status_code < 500, (name, address)


def test_a_title_of_invisible_characters_is_refused_as_empty(world, client):
    client.force_login(world.admin)
    address = reverse("meetings:series-create")
    response = client.post(address, {"name": INVISIBLE_ONLY, "description": ""})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert not MeetingSeries.objects.filter(name__contains="\u200b").exists()


# The API ------------------------------------------------------------------------------------


def _post_update(client: Client, world: World, body: str, headers: dict[str, str]) -> Any:
    address = f"/api/v1/commitments/{world.commitment.pk}/updates"
    return client.post(address, body, content_type="application/json", **headers)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    text=st.one_of(
        st.sampled_from([NASTY, INVISIBLE_ONLY, LONG_WORD, EMOJI, "a\ud800b", "\udfff"]),
        st.text(alphabet=st.sampled_from(list("ab \x00\x0b\u202e\u200b\u2028🏛\ud800"))),
        st.text(),
    ),
)
def test_api_writes_store_cleaned_text_or_refuse_it(world, client, text):
    """JSON may carry anything, lone surrogates included: the update is stored with its text
    cleaned (opengov.core.text.clean_text), or refused with 400/422; never a 500."""
    if "api_headers" not in world.objects:
        world.objects["api_headers"] = bearer(world.admin)
    headers = world.objects["api_headers"]
    before = ProgressUpdate.objects.count()
    body = json.dumps(
        {"status": "on_track", "text": text, "evidence": [{"url": "https://e.org", "title": text}]}
    )
    response = _post_update(client, world, body, headers)
    assert response.status_code in {201, 400, 422}, response.content
    if response.status_code == 201:
        update = ProgressUpdate.objects.get(pk=response.json()["id"])
        assert update.text == clean_text(text).strip()
        assert update.evidence[0]["title"] == clean_line(text).strip()
    else:
        assert ProgressUpdate.objects.count() == before
        assert response.json()["detail"]


def test_lone_surrogates_are_refused_by_name(world, client):
    body = '{"status": "on_track", "text": "a\\ud800b"}'
    response = _post_update(client, world, body, bearer(world.admin))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "text"


def test_api_reason_with_nul_is_stored_without_it(world, client):
    milestone = world.milestone
    milestone.refresh_from_db()
    body = {"new_due_on": "2018-01-31", "reason": "Delayed\x00 by \u202ethe move", "version": 0}
    body["version"] = milestone.version
    response = client.post(
        f"/api/v1/milestones/{milestone.pk}/revisions",
        json.dumps(body),
        content_type="application/json",
        **bearer(world.admin),
    )
    assert response.status_code == 201, response.content
    assert DueDateRevision.objects.latest("pk").reason == "Delayed by \u202ethe move"


def _list_operations() -> list[tuple[str, list[str]]]:
    """Every GET operation of the API without path parameters, with its query parameters, read
    from the OpenAPI document (so a new endpoint or filter is covered)."""
    schema = api.get_openapi_schema()
    found = []
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation is None or "{" in path:
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
        found.append((path, names))
    return found


QUERY_EDGES = ["\u202e", "\u200b", EMOJI, LONG_WORD, "\ud800".encode("utf-8", "surrogatepass")]


def test_api_query_parameters_never_fail(world, client):
    operations = _list_operations()
    assert len(operations) >= 8 and any(names for _, names in operations)
    for path, names in operations:
        for name in names:
            for value in QUERY_EDGES:
                response = client.get(path, {name: value})
                assert response.status_code < 500, (path, name, value[:20])
            response = client.get(path, {name: "a\x00b"})
            assert response.status_code == 400, (path, name)
            assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/members/%00",
        "/api/v1/organisations/a%00b",
        "/api/v1/people/%00",
        "/api/v1/networks/%00",
        "/api/v1/meetings?series=%00",
        "/api/v1/action-items?owner=%00",
        "/api/v1/commitments?lead=%00",
        "/api/v1/history?object=%00",
    ],
)
def test_nul_in_an_api_address_is_a_clear_400(client, db, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_nul_in_a_page_address_is_a_400(world, client):
    for name, address in list(addresses(world))[:40]:
        if name.startswith("api:"):
            continue
        assert client.get(address, {"page": "1\x00"}).status_code == 400, name
    assert client.get("/organisations/%00/").status_code in {400, 404}


# Feeds and older data ------------------------------------------------------------------------


def test_feeds_survive_control_characters_in_older_data(world, client):
    """Text stored before these rules (or by an import) may hold Word's vertical tab or a PDF's
    form feed, which XML cannot carry: the feeds leave them out instead of failing."""
    dirty = "Minutes\x0b with\x0c breaks\x01"
    Meeting.objects.filter(pk=world.meeting.pk).update(title=dirty, summary=dirty, place=dirty)
    MeetingSeries.objects.filter(pk=world.series.pk).update(description=dirty)
    response = client.get(reverse("meetings:minutes-atom"))
    assert response.status_code == 200
    problems, titles = atom_problems(response.content)
    assert problems == [] and titles[0].startswith("Minutes with breaks")
    series_ics = reverse("meetings:series-ics", kwargs={"slug": world.series.slug})
    for address in (reverse("meetings:meetings-ics"), series_ics):
        response = client.get(address)
        assert response.status_code == 200
        summaries = {str(event["SUMMARY"]) for event in calendar_events(response.content)}
        assert "Minutes with breaks" in summaries
