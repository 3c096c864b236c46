"""URLs of organisations, people and networks."""

from django.urls import path

from . import views, views_posts

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
    # Posts and who held them; a network's projects.
    path("posts/", views_posts.PostListView.as_view(), name="post-list"),
    path("posts/new/", views_posts.ManagePostCreateView.as_view(), name="post-create"),
    path("posts/<slug:slug>/", views_posts.PostDetailView.as_view(), name="post-detail"),
    path("posts/<slug:slug>/edit/", views_posts.ManagePostEditView.as_view(), name="post-edit"),
    path(
        "posts/<slug:slug>/holders/new/",
        views_posts.ManageTenureCreateView.as_view(),
        name="tenure-create",
    ),
    path(
        "tenures/<int:pk>/correct/",
        views_posts.ManageTenureCorrectView.as_view(),
        name="tenure-correct",
    ),
    path("tenures/<int:pk>/end/", views_posts.ManageTenureEndView.as_view(), name="tenure-end"),
    path(
        "networks/<slug:slug>/projects/new/",
        views_posts.ManageProjectCreateView.as_view(),
        name="project-create",
    ),
    path("projects/", views_posts.ProjectListView.as_view(), name="project-list"),
    path("projects/<slug:slug>/", views_posts.ProjectDetailView.as_view(), name="project-detail"),
    path(
        "projects/<slug:slug>/edit/",
        views_posts.ManageProjectEditView.as_view(),
        name="project-edit",
    ),
]
