"""The meetings feeds: iCalendar that calendar clients accept (read back with the icalendar
library), and an Atom feed of published minutes (read back as XML). Public meetings only."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar.parser.property import unescape_backslash

from opengov.meetings.tests.factories import (
    MeetingFactory,
    MeetingSeriesFactory,
    MinutesSectionFactory,
    held_on,
)

pytestmark = pytest.mark.urls("opengov.meetings.tests.feed_test_urls")

ATOM = "{http://www.w3.org/2005/Atom}"
TRICKY = "Budget, data; and\nmore \\ besides"


def ics_url() -> str:
    return reverse("meetings:meetings-ics")


def series_url(slug: str) -> str:
    return reverse("meetings:series-ics", kwargs={"slug": slug})


def read_calendar(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_uid(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def uid(meeting) -> str:
    return f"meeting-{meeting.pk}@testserver"


@pytest.fixture
def meetings(db):
    series = MeetingSeriesFactory(name="OGN, and Cabinet Office; monthly", slug="ogn-co")
    summer = MeetingFactory(
        title=TRICKY,
        series=series,
        place="70 Whitehall, London; Room 1",
        summary="Line one\nLine two, with; specials",
        starts_at=held_on(dt.date(timezone.localdate().year, 7, 14), 14),
    )
    upcoming = MeetingFactory(
        title="Next one",
        series=series,
        status="planned",
        starts_at=timezone.now() + dt.timedelta(days=30),
    )
    upcoming.ends_at = upcoming.starts_at + dt.timedelta(hours=2, minutes=30)
    upcoming.save()
    other = MeetingFactory(
        title="Other series",
        series=MeetingSeriesFactory(slug="other"),
        online_url="https://meet.example/ogn?room=1,2",
        starts_at=timezone.now() - dt.timedelta(days=10),
    )
    old = MeetingFactory(
        title="Long ago", series=series, starts_at=timezone.now() - dt.timedelta(days=3 * 365)
    )
    private = MeetingFactory(
        title="Secretariat only",
        series=series,
        is_public=False,
        starts_at=timezone.now() - dt.timedelta(days=5),
    )
    return locals()


# iCalendar ---------------------------------------------------------------------------------


def test_calendar_has_its_identity(client, meetings, settings):
    calendar = read_calendar(client, ics_url())
    assert str(calendar["prodid"]) == "-//opengov//meetings//EN"
    assert str(calendar["version"]) == "2.0"
    name = unescape_backslash(str(calendar["x-wr-calname"]))
    assert name == f"Meetings – {settings.OPENGOV_SITE_NAME}"


def test_calendar_has_public_meetings_of_the_window_only(client, meetings):
    events = events_by_uid(read_calendar(client, ics_url()))
    expected = [meetings[name] for name in ("summer", "upcoming", "other")]
    assert set(events) == {uid(meeting) for meeting in expected}


def test_signed_in_secretariat_still_gets_public_meetings_only(client, meetings, secretariat):
    client.force_login(secretariat)
    events = events_by_uid(read_calendar(client, ics_url()))
    assert uid(meetings["private"]) not in events
    assert b"Secretariat only" not in client.get(ics_url()).content


def test_event_uid_is_stable(client, meetings):
    first = read_calendar(client, ics_url()).to_ical()
    summer = meetings["summer"]
    summer.title = "Renamed"
    summer.save()
    events = events_by_uid(read_calendar(client, ics_url()))
    assert str(events[uid(summer)]["summary"]) == "Renamed"
    assert uid(summer).encode() in first


def test_event_times_are_in_utc(client, meetings):
    events = events_by_uid(read_calendar(client, ics_url()))
    summer, upcoming = meetings["summer"], meetings["upcoming"]
    event = events[uid(summer)]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start.utcoffset() == dt.timedelta(0)
    assert start == summer.starts_at
    assert start.hour == 13  # 14:00 in London in summer
    assert end - start == dt.timedelta(hours=1)
    later = events[uid(upcoming)]
    assert later.decoded("dtend") == upcoming.ends_at.replace(microsecond=0)  # iCalendar: seconds
    raw = client.get(ics_url()).content.decode()
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z" in raw
    for name in ("dtstamp", "last-modified"):
        assert event.decoded(name).utcoffset() == dt.timedelta(0)


def test_event_text_is_escaped_and_round_trips(client, meetings):
    raw = client.get(ics_url()).content.decode().replace("\r\n ", "")  # unfold lines
    assert "SUMMARY:Budget\\, data\\; and\\nmore \\\\ besides" in raw
    assert "LOCATION:70 Whitehall\\, London\\; Room 1" in raw
    event = events_by_uid(icalendar.Calendar.from_ical(raw))[uid(meetings["summer"])]
    assert str(event["summary"]) == TRICKY
    assert str(event["location"]) == "70 Whitehall, London; Room 1"
    page = f"http://testserver{meetings['summer'].get_absolute_url()}"
    assert str(event["description"]) == f"Line one\nLine two, with; specials\n\n{page}"
    assert str(event["url"]) == page
    assert str(event["status"]) == "CONFIRMED"


def test_online_meeting_is_located_at_its_link(client, meetings):
    event = events_by_uid(read_calendar(client, ics_url()))[uid(meetings["other"])]
    assert str(event["location"]) == "https://meet.example/ogn?room=1,2"
    assert "Online: https://meet.example/ogn?room=1,2" in str(event["description"])


def test_series_calendar_has_only_that_series(client, meetings):
    calendar = read_calendar(client, series_url("ogn-co"))
    expected = [meetings[name] for name in ("summer", "upcoming", "old")]
    assert set(events_by_uid(calendar)) == {uid(meeting) for meeting in expected}
    raw = calendar.to_ical().decode()
    assert "X-WR-CALNAME:OGN\\, and Cabinet Office\\; monthly" in raw
    # icalendar leaves X- properties as written; RFC 5545 makes them TEXT, escaped as such.
    name = unescape_backslash(str(calendar["x-wr-calname"]))
    assert name == "OGN, and Cabinet Office; monthly"


def test_unknown_series_is_404(client, db):
    assert client.get(series_url("no-such-series")).status_code == 404


def test_calendar_only_answers_get(client, meetings):
    assert client.post(ics_url()).status_code == 405
    assert client.head(ics_url()).status_code == 200


@pytest.mark.parametrize("url", [ics_url, lambda: series_url("ogn-co")])
def test_calendar_query_count_does_not_grow(client, db, url):
    series = MeetingSeriesFactory(slug="ogn-co")

    def count(n: int) -> int:
        for _ in range(n):
            MeetingFactory(series=series, starts_at=timezone.now())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url()).status_code == 200
        return len(queries)

    assert count(3) == count(30)


# Atom --------------------------------------------------------------------------------------


def atom_url() -> str:
    return reverse("meetings:minutes-atom")


def published(title: str, days_ago: int, **kwargs):
    return MeetingFactory(
        title=title,
        status="minutes_published",
        minutes_published_at=timezone.now() - dt.timedelta(days=days_ago),
        **kwargs,
    )


def read_atom(client) -> ET.Element:
    response = client.get(atom_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)


def entries(feed: ET.Element) -> list[dict[str, str]]:
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "published": entry.findtext(f"{ATOM}published"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def minutes(db):
    starts_at = held_on(dt.date(2016, 11, 10))
    newest = published("Tea & <biscuits>", 1, starts_at=starts_at, summary="**Open** data")
    older = published("Older minutes", 5, starts_at=starts_at)
    MinutesSectionFactory(meeting=older, position=2, heading="Second", text="Later text")
    MinutesSectionFactory(meeting=older, position=1, heading="First", text="<script>x</script>")
    published("Private minutes", 2, is_public=False)
    MeetingFactory(title="Not yet published", status="held")
    return {"newest": newest, "older": older}


def test_minutes_feed_lists_published_public_minutes_newest_first(client, minutes):
    feed = read_atom(client)
    assert feed.tag == f"{ATOM}feed"
    listed = entries(feed)
    assert [entry["title"] for entry in listed] == [
        "Tea & <biscuits>, 10 November 2016",
        "Older minutes, 10 November 2016",
    ]
    newest = minutes["newest"]
    assert listed[0]["link"] == f"http://testserver{newest.get_absolute_url()}"
    published_at = dt.datetime.fromisoformat(listed[0]["published"])
    assert published_at == newest.minutes_published_at


def test_minutes_entry_describes_the_meeting_in_safe_html(client, minutes):
    newest, older = entries(read_atom(client))
    assert "<strong>Open</strong> data" in newest["summary"]
    assert "First" in older["summary"] and "Later text" not in older["summary"]
    assert "<script" not in older["summary"]


def test_minutes_feed_has_at_most_50_entries(client, db):
    for n in range(52):
        published(f"Minutes {n}", n + 1)
    listed = entries(read_atom(client))
    assert len(listed) == 50
    assert listed[0]["title"].startswith("Minutes 0,")


def test_minutes_feed_query_count_does_not_grow(client, db):
    def count(n: int) -> int:
        for _ in range(n):
            MinutesSectionFactory(meeting=published("Minutes", 1))
        with CaptureQueriesContext(connection) as queries:
            read_atom(client)
        return len(queries)

    assert count(3) == count(30)
