"""The site's URLs with the meetings namespace completed for these tests: the real meetings URLs,
the feeds if they are not included yet, and stand-ins for the pages that get_absolute_url names
until those pages exist. Once everything is wired, this is the site's own URLconf."""

from django.http import HttpResponse
from django.urls import URLResolver, include, path

from config import urls as site
from opengov.meetings import urls as meetings
from opengov.meetings.feed_urls import feed_urlpatterns


def stand_in(request, **kwargs):
    return HttpResponse("stand-in page")


STAND_INS = [
    path("meetings/", stand_in, name="meeting-list"),
    path("meetings/<int:pk>/", stand_in, name="meeting-detail"),
    path("meetings/series/<slug:slug>/", stand_in, name="series-detail"),
    path("meetings/actions/<int:pk>/", stand_in, name="action-detail"),
]


def names(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace is None:
                yield from names(pattern.url_patterns)
        else:
            yield pattern.name


wired = set(names(meetings.urlpatterns))
missing = [p for p in [*feed_urlpatterns, *STAND_INS] if p.name not in wired]

# First in the list, so this "meetings" namespace is the one that reverse() finds.
urlpatterns = [
    path("", include(([*meetings.urlpatterns, *missing], "meetings"))),
    *site.urlpatterns,
]
