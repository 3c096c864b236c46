"""URLs of meetings, the action register and feeds."""

from django.urls import path

from .feed_urls import feed_urlpatterns
from .import_urls import import_urlpatterns
from .views import manage, public

app_name = "meetings"

urlpatterns: list = [
    path("meetings/", public.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/new/", manage.ManageMeetingCreateView.as_view(), name="meeting-create"),
    path("meetings/series/new/", manage.ManageSeriesCreateView.as_view(), name="series-create"),
    path("meetings/series/<slug:slug>/", public.SeriesDetailView.as_view(), name="series-detail"),
    path("meetings/<int:pk>/", public.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/edit/", manage.ManageMeetingEditView.as_view(), name="meeting-edit"),
    path(
        "meetings/<int:pk>/publish/",
        manage.ManageMeetingPublishView.as_view(),
        name="meeting-publish",
    ),
    path(
        "meetings/<int:pk>/attendance/",
        manage.ManageAttendanceEditView.as_view(),
        name="attendance-edit",
    ),
    path(
        "meetings/attendance/<int:pk>/remove/",
        manage.ManageAttendanceRemoveView.as_view(),
        name="attendance-remove",
    ),
    path(
        "meetings/<int:pk>/sections/new/",
        manage.ManageSectionCreateView.as_view(),
        name="section-create",
    ),
    path(
        "meetings/sections/<int:pk>/edit/",
        manage.ManageSectionEditView.as_view(),
        name="section-edit",
    ),
    path(
        "meetings/<int:pk>/decisions/new/",
        manage.ManageDecisionCreateView.as_view(),
        name="decision-create",
    ),
    path(
        "meetings/<int:pk>/actions/new/",
        manage.ManageActionCreateView.as_view(),
        name="action-create",
    ),
    path("actions/", public.ActionRegisterView.as_view(), name="action-register"),
    path("actions/<int:pk>/", public.ActionDetailView.as_view(), name="action-detail"),
    path("actions/<int:pk>/status/", manage.ManageActionStatusView.as_view(), name="action-status"),
    *import_urlpatterns,
    *feed_urlpatterns,
]
