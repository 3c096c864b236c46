"""URLs of nominations and elections."""

from django.urls import path

from .views import manage, public

app_name = "nominations"

urlpatterns: list = [
    path("nominations/", public.RoundListView.as_view(), name="round-list"),
    path("nominations/<int:pk>/", public.RoundDetailView.as_view(), name="round-detail"),
    path("nominations/<int:pk>/edit/", manage.ManageRoundEditView.as_view(), name="round-edit"),
    path("nominations/<int:pk>/open/", manage.ManageRoundOpenView.as_view(), name="round-open"),
    path(
        "nominations/<int:pk>/publish-results/",
        manage.ManageResultsPublishView.as_view(),
        name="results-publish",
    ),
    path("nominations/<int:pk>/nominate/", manage.NominateView.as_view(), name="nominate"),
    path("nominations/<int:pk>/vote/", manage.VoteView.as_view(), name="vote"),
    path(
        "nominations/nominees/<int:pk>/",
        public.NominationDetailView.as_view(),
        name="nomination-detail",
    ),
    path(
        "nominations/nominees/<int:pk>/second/",
        manage.NominationSecondView.as_view(),
        name="nomination-second",
    ),
    path(
        "nominations/nominees/<int:pk>/answer/",
        manage.NominationAnswerView.as_view(),
        name="nomination-answer",
    ),
    path(
        "nominations/nominees/<int:pk>/withdraw/",
        manage.NominationWithdrawView.as_view(),
        name="nomination-withdraw",
    ),
    path("bodies/new/", manage.ManageBodyCreateView.as_view(), name="body-create"),
    path("bodies/<slug:slug>/", public.BodyDetailView.as_view(), name="body-detail"),
    path(
        "bodies/<slug:slug>/rounds/new/",
        manage.ManageRoundCreateView.as_view(),
        name="round-create",
    ),
]
