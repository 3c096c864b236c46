"""URLs of events and collective actions."""

from django.urls import path

from .views import manage, public

app_name = "collective_actions"

urlpatterns: list = [
    path("events/", public.EventListView.as_view(), name="event-list"),
    path("events/new/", manage.ManageEventCreateView.as_view(), name="event-create"),
    path("events/<int:pk>/", public.EventDetailView.as_view(), name="event-detail"),
    path("events/<int:pk>/edit/", manage.ManageEventEditView.as_view(), name="event-edit"),
    path(
        "events/<int:pk>/delegates/new/",
        manage.ManageDelegateCreateView.as_view(),
        name="delegate-create",
    ),
    path(
        "events/<int:pk>/documents/new/",
        manage.ManageDocumentCreateView.as_view(),
        name="document-create",
    ),
    path(
        "events/<int:pk>/delegates/<int:part>/remove/",
        manage.ManageDelegateRemoveView.as_view(),
        name="delegate-remove",
    ),
    path(
        "events/<int:pk>/documents/<int:part>/remove/",
        manage.ManageDocumentRemoveView.as_view(),
        name="document-remove",
    ),
    path("collective-actions/", public.CollectiveActionListView.as_view(), name="action-list"),
    path("collective-actions/new/", manage.ManageActionCreateView.as_view(), name="action-create"),
    path(
        "collective-actions/<int:pk>/",
        public.CollectiveActionDetailView.as_view(),
        name="action-detail",
    ),
    path(
        "collective-actions/<int:pk>/edit/",
        manage.ManageActionEditView.as_view(),
        name="action-edit",
    ),
    path(
        "collective-actions/<int:pk>/adopt/",
        manage.ManageActionAdoptView.as_view(),
        name="action-adopt",
    ),
    path(
        "collective-actions/<int:pk>/sign-up/",
        manage.SignUpCreateView.as_view(),
        name="signup-create",
    ),
    path(
        "sign-ups/<int:pk>/withdraw/", manage.SignUpWithdrawView.as_view(), name="signup-withdraw"
    ),
]
