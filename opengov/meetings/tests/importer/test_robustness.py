"""`extract` never raises, whatever it is given, and always returns the documented shape."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opengov.meetings.importer import extract

ROLES = {"chair", "attendee", "guest", "note_taker"}
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAGS = ["p", "div", "h1", "h2", "li", "ul", "ol", "table", "tr", "td", "th", "br", "b", "strong",
        "script", "style", "span"]  # fmt: skip
WORDS = [
    "Present:", "Apologies:", "Action:", "Owner:", "Due:", "Item 3:", "Jane Smith", "(Chair)",
    "Cabinet Office", "by 28 November", "agreed", "4. Hub – CO", "•", "|", "\t", "Commitment 4",
    "next week", "Actions", "&nbsp;", "&#x0;", "\n", "\n\n", "—", ",",
]  # fmt: skip


def check_shape(data: dict) -> None:
    assert list(data) == [
        "meeting", "attendees", "apologies", "sections", "commitment_updates", "decisions",
        "action_items", "warnings",
    ]  # fmt: skip
    assert set(data["meeting"]) == {"title", "date"}
    date = data["meeting"]["date"]
    assert date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date)
    for person in data["attendees"]:
        assert list(person) == ["name", "organisation", "role"] and person["role"] in ROLES
        assert isinstance(person["name"], str) and person["name"]
    for person in data["apologies"]:
        assert list(person) == ["name", "organisation"]
    for section in data["sections"]:
        assert list(section) == ["heading", "text", "commitment_number"]
    for update in data["commitment_updates"]:
        assert list(update) == ["number", "title", "text"] and update["number"].isdigit()
    for decision in data["decisions"]:
        assert list(decision) == ["text"]
    for item in data["action_items"]:
        assert list(item) == ["text", "owner", "due"]
        assert item["due"] is None or isinstance(item["due"], str)
    assert all(isinstance(w, str) for w in data["warnings"])
    assert not any(w.startswith("Internal error") for w in data["warnings"]), data["warnings"]


@SETTINGS
@given(st.text(max_size=2000))
def test_any_text(text):
    check_shape(extract(text).to_json())


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["", "a.txt", "a.md", "a.html", "a.docx"]))
def test_any_bytes(data, filename):
    check_shape(extract(data, filename=filename).to_json())


@st.composite
def html_ish(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if kind == 0:
            parts.append(f"<{tag}>")
        elif kind == 1:
            parts.append(f"</{tag}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(WORDS)))
        else:
            parts.append(draw(st.text(max_size=30)))
    return " ".join(parts)


@SETTINGS
@given(html_ish())
def test_any_html_ish(markup):
    check_shape(extract(markup, filename="x.html").to_json())
    check_shape(extract(markup.replace("<", "\n"), filename="x.txt").to_json())


@SETTINGS
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))
def test_minute_like_word_soup(text):
    check_shape(extract(text).to_json())
    check_shape(extract(text, filename="x.md").to_json())


def test_empty_input():
    data = extract(b"").to_json()
    check_shape(data)
    assert data["sections"] == [] and data["warnings"]
