"""Feeds of meetings for anyone to subscribe to: iCalendar (every public meeting, or one series)
and an Atom feed of published minutes. Feeds are anonymous: they show public meetings only, to
everyone, whoever is signed in, because their addresses are shared and cached. Text goes in through
`xml_text`: older data may hold control characters that XML and iCalendar cannot carry (Django
refuses to write them, which would break the whole feed); the libraries escape the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from opengov.core.markdown import render_markdown
from opengov.core.text import xml_text

from .choices import MeetingStatus
from .models import Meeting, MeetingSeries, MinutesSection

PRODID = "-//opengov//meetings//EN"
ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"
ICS_LIMIT = 500
ICS_PAST_WINDOW = dt.timedelta(days=2 * 365)
DEFAULT_LENGTH = dt.timedelta(hours=1)
REFRESH = "PT1H"
MINUTES_LIMIT = 50
MEETINGS_PAGE = "meetings:meeting-list"


def _public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(AnonymousUser()).order_by("-starts_at", "-pk")


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def _event(meeting: Meeting, request: HttpRequest, host: str) -> icalendar.Event:
    """One meeting as a VEVENT. Its UID never changes, so clients update it in place; DTSTAMP is
    its last change, as RFC 5545 asks of a calendar published without a METHOD."""
    url = request.build_absolute_uri(meeting.get_absolute_url())
    description = "\n\n".join(
        part
        for part in (
            xml_text(meeting.summary).strip(),
            meeting.online_url and f"Online: {xml_text(meeting.online_url)}",
        )
        if part
    )
    event = icalendar.Event()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", _utc(meeting.updated_at))
    event.add("last-modified", _utc(meeting.updated_at))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH))
    event.add("summary", xml_text(meeting.title))
    if meeting.place or meeting.online_url:
        event.add("location", xml_text(meeting.place or meeting.online_url))
    event.add("url", url)
    event.add("description", f"{description}\n\n{url}" if description else url)
    # Every status (planned, held, minutes published) is a meeting that happens or happened.
    event.add("status", "CONFIRMED")
    return event


def _calendar(
    request: HttpRequest, name: str, meetings: Iterable[Meeting], description: str = ""
) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Passed as vText so that the library escapes them: it does not know the X- names' types.
    calendar.add("name", icalendar.vText(xml_text(name)))
    calendar.add("x-wr-calname", icalendar.vText(xml_text(name)))
    if description:
        calendar.add("x-wr-caldesc", icalendar.vText(xml_text(description)))
    calendar.add("x-published-ttl", REFRESH)
    host = split_domain_port(request.get_host())[0] or "localhost"
    for meeting in meetings:
        calendar.add_component(_event(meeting, request, host))
    return HttpResponse(calendar.to_ical(), content_type=ICS_CONTENT_TYPE)


@require_safe
def meetings_ics(request: HttpRequest) -> HttpResponse:
    """Every public meeting that starts two years ago or later (so every upcoming one), newest
    first, at most 500 of them."""
    since = timezone.now() - ICS_PAST_WINDOW
    meetings = _public_meetings().filter(starts_at__gte=since)[:ICS_LIMIT]
    name = f"Meetings – {settings.OPENGOV_SITE_NAME}"
    return _calendar(request, name, meetings)


@require_safe
def series_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """Every public meeting of one series, newest first, at most 500 of them; 404 for a series
    that does not exist."""
    series = get_object_or_404(MeetingSeries, slug=slug)
    meetings = _public_meetings().filter(series=series)[:ICS_LIMIT]
    return _calendar(request, series.name, meetings, description=series.description)


class MinutesFeed(Feed):
    """The 50 most recently published minutes of public meetings, newest first."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return f"Meeting minutes – {settings.OPENGOV_SITE_NAME}"

    def subtitle(self) -> str:
        return "Minutes of public meetings, as they are published."

    def link(self) -> str:
        return reverse(MEETINGS_PAGE)

    def author_name(self) -> str:
        return str(settings.OPENGOV_SITE_NAME)

    def items(self) -> list[Meeting]:
        first_sections = MinutesSection.objects.order_by("position", "pk")
        meetings = (
            _public_meetings()
            .filter(status=MeetingStatus.MINUTES_PUBLISHED, minutes_published_at__isnull=False)
            .select_related("series")
            .prefetch_related(Prefetch("sections", first_sections))
            .order_by("-minutes_published_at", "-pk")
        )
        return list(meetings[:MINUTES_LIMIT])

    def item_title(self, item: Meeting) -> str:
        held = dateformat.format(timezone.localtime(item.starts_at), "j F Y")
        return xml_text(f"{item.title}, {held}")

    def item_link(self, item: Meeting) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Meeting) -> dt.datetime | None:
        return item.minutes_published_at

    def item_updateddate(self, item: Meeting) -> dt.datetime:
        return item.updated_at

    def item_description(self, item: Meeting) -> str:
        """The summary, or else the first section of the minutes, as sanitised HTML."""
        if item.summary.strip():
            return xml_text(render_markdown(item.summary))
        section = next(iter(item.sections.all()), None)
        if section is None:
            return ""
        heading = f"## {section.heading}\n\n" if section.heading else ""
        return xml_text(render_markdown(heading + section.text))

    def item_categories(self, item: Meeting) -> list[str]:
        return [xml_text(item.series.name)] if item.series else []
