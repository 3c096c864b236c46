"""The meeting page shows, next to each attendee, the post they held on the meeting's date, with
one query for all of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opengov.meetings.tests.factories import AttendanceFactory, MeetingFactory
from opengov.organisations.tests.factories import PersonFactory
from opengov.organisations.tests.post_factories import PostFactory, TenureFactory

pytestmark = pytest.mark.django_db

D = dt.date


def test_meeting_page_shows_the_post_held_on_the_meetings_date(client):
    meeting = MeetingFactory()  # 10 November 2016
    gummer = PersonFactory(name="Ben Gummer")
    hancock = PersonFactory(name="Matt Hancock")
    minister = PostFactory(title="Minister for the Cabinet Office")
    TenureFactory(post=minister, person=hancock, start_on=D(2015, 5, 11), end_on=D(2016, 7, 13))
    TenureFactory(post=minister, person=gummer, start_on=D(2016, 7, 14))
    TenureFactory(
        post=PostFactory(title="Paymaster General"), person=gummer, start_on=D(2017, 1, 1)
    )
    AttendanceFactory(meeting=meeting, person=gummer)
    AttendanceFactory(meeting=meeting, person=hancock)
    body = client.get(meeting.get_absolute_url()).content.decode()
    assert f'Ben Gummer</a>, <a class="govuk-link" href="{minister.get_absolute_url()}">' in body
    assert "Matt Hancock</a>, <a" not in body  # his tenure had ended by then
    assert "Paymaster General" not in body  # not yet held on the day


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_meeting_page_query_count_does_not_grow_with_attendees_posts(client):
    meeting = MeetingFactory()

    def grow(n: int) -> None:
        for _ in range(n):
            attendance = AttendanceFactory(meeting=meeting)
            TenureFactory(person=attendance.person, start_on=D(2016, 1, 1))
            TenureFactory(person=attendance.person, start_on=D(2015, 1, 1), end_on=D(2015, 2, 1))

    grow(3)
    small = count_queries(client, meeting.get_absolute_url())
    grow(30)
    assert count_queries(client, meeting.get_absolute_url()) == small
