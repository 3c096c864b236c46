"""URLs of organisations, people and networks."""

from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisations/", views.OrganisationListView.as_view(), name="organisation-list"),
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path("people/<slug:slug>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("networks/<slug:slug>/", views.NetworkDetailView.as_view(), name="network-detail"),
]
