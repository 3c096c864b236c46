"""URLs of feedback."""

from django.urls import path

from .views import manage, public

app_name = "feedback"

urlpatterns: list = [
    path("feedback/", public.FeedbackListView.as_view(), name="feedback-list"),
    path("feedback/new/", public.FeedbackCreateView.as_view(), name="feedback-create"),
    path("feedback/sent/", public.FeedbackSentView.as_view(), name="feedback-sent"),
    path("feedback/inbox/", manage.FeedbackInboxView.as_view(), name="feedback-inbox"),
    path("feedback/<int:pk>/", public.FeedbackDetailView.as_view(), name="feedback-detail"),
    path(
        "feedback/<int:pk>/answer/",
        manage.ManageFeedbackAnswerView.as_view(),
        name="feedback-answer",
    ),
    path(
        "feedback/<int:pk>/publish/",
        manage.ManageFeedbackPublishView.as_view(),
        name="feedback-publish",
    ),
    path("feedback/<int:pk>/hide/", manage.ManageFeedbackHideView.as_view(), name="feedback-hide"),
]
