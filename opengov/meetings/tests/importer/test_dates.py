"""Due phrases resolved against the meeting's date; never an invented date."""

from __future__ import annotations

import datetime

import pytest

from opengov.meetings.importer.dates import find_dates, resolve_due
from opengov.meetings.importer.due import due_for, find_due_phrase

MEETING = datetime.date(2016, 11, 10)  # a Thursday


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("by 28 November", datetime.date(2016, 11, 28)),
        ("28/11", datetime.date(2016, 11, 28)),
        ("by 3 March", datetime.date(2017, 3, 3)),
        ("28th November 2017", datetime.date(2017, 11, 28)),
        ("November 28, 2016", datetime.date(2016, 11, 28)),
        ("2017-01-15", datetime.date(2017, 1, 15)),
        ("30/05/2014", datetime.date(2014, 5, 30)),
        ("by end of January", datetime.date(2017, 1, 31)),
        ("end of the month", datetime.date(2016, 11, 30)),
        ("end of next month", datetime.date(2016, 12, 31)),
        ("by December", datetime.date(2016, 12, 31)),
        ("next week", datetime.date(2016, 11, 17)),
        ("within two weeks", datetime.date(2016, 11, 24)),
        ("by Friday", datetime.date(2016, 11, 11)),
        ("w/c 5 December", datetime.date(2016, 12, 5)),
    ],
)
def test_resolve_due_to_a_date(phrase, expected):
    assert resolve_due(phrase, MEETING) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "in the New Year",
        "ASAP",
        "at the next meeting",
        "before the Summit",
        "by Christmas",
        "in early 2017",
        "Spring 2018",
        "ongoing",
        "when the strategy is published",
    ],
)
def test_phrases_without_a_date_stay_phrases(phrase):
    assert resolve_due(phrase, MEETING) == phrase


def test_without_a_meeting_date_a_day_and_month_stays_a_phrase():
    assert resolve_due("by 28 November", None) == "by 28 November"
    assert resolve_due("next week", None) == "next week"
    assert resolve_due("28 November 2016", None) == datetime.date(2016, 11, 28)


def test_may_and_march_as_verbs_are_not_months():
    assert find_dates("the 4 may be late") == []
    assert [d.month for d in find_dates("due 4 May")] == [5]


def test_impossible_dates_are_not_dates():
    assert find_dates("31/02") == []
    assert resolve_due("by 31 February", MEETING) == "by 31 February"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("OGN to write to MCO by 28 November", "by 28 November"),
        ("Cabinet Office to arrange a meeting in the New Year to discuss", "in the New Year"),
        ("Jane to circulate the note ASAP", "ASAP"),
        ("Beth to report at the next meeting.", "at the next meeting"),
        ("Send comments. Due: 3 March", "3 March"),
        ("Jo to share the toolkit by end of October.", "by end of October"),
        ("OGN to trigger its nomination process.", None),
        ("Tonu presented on 24 November the draft", "on 24 November"),
    ],
)
def test_find_due_phrase(text, phrase):
    assert find_due_phrase(text) == phrase


def test_due_for_empty_markers_is_none():
    assert due_for("n/a", MEETING) is None
    assert due_for(None, MEETING) is None
    assert due_for("TBC", MEETING) == "TBC"
