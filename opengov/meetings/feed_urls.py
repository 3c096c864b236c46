"""URLs of the meetings feeds, included by the meetings URLs (namespace "meetings")."""

from django.urls import path

from . import feeds

feed_urlpatterns = [
    path("meetings.ics", feeds.meetings_ics, name="meetings-ics"),
    path("meetings/series/<slug:slug>.ics", feeds.series_ics, name="series-ics"),
    path("meetings/minutes.atom", feeds.MinutesFeed(), name="minutes-atom"),
]
