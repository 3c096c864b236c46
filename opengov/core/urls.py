"""URLs of the audit trail (mounted at /history/)."""

from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.HistoryView.as_view(), name="history"),
    path("<int:sequence>/", views.EventDetailView.as_view(), name="event-detail"),
]
