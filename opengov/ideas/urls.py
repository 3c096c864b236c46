"""URLs of calls for ideas, ideas and their comments."""

from django.urls import path

from .views import manage, public

app_name = "ideas"

urlpatterns: list = [
    path("ideas/", public.CallListView.as_view(), name="call-list"),
    path("ideas/calls/new/", manage.ManageCallCreateView.as_view(), name="call-create"),
    path("ideas/calls/<int:pk>/", public.CallDetailView.as_view(), name="call-detail"),
    path("ideas/calls/<int:pk>/edit/", manage.ManageCallEditView.as_view(), name="call-edit"),
    path(
        "ideas/calls/<int:pk>/publish/", manage.ManageCallPublishView.as_view(), name="call-publish"
    ),
    path("ideas/calls/<int:pk>/send/", manage.IdeaSubmitView.as_view(), name="idea-submit"),
    path(
        "ideas/calls/<int:pk>/moderation/",
        manage.ModerationQueueView.as_view(),
        name="call-moderation",
    ),
    path("ideas/calls/<int:pk>/ranking/", public.CallRankingView.as_view(), name="call-ranking"),
    path("ideas/calls/<int:pk>/responses/", public.CallReportView.as_view(), name="call-report"),
    path(
        "ideas/calls/<int:pk>/responses.csv",
        public.CallReportCsvView.as_view(),
        name="call-report-csv",
    ),
    path(
        "ideas/calls/<int:pk>/responses.pdf",
        public.CallReportPdfView.as_view(),
        name="call-report-pdf",
    ),
    path(
        "ideas/calls/<int:pk>/templates/new/",
        manage.ManageTemplateCreateView.as_view(),
        name="template-create",
    ),
    path(
        "ideas/calls/<int:pk>/answer/",
        manage.ManageTemplateAnswerView.as_view(),
        name="call-answer-many",
    ),
    path("ideas/<int:pk>/", public.IdeaDetailView.as_view(), name="idea-detail"),
    path("ideas/<int:pk>/support/", manage.IdeaSupportView.as_view(), name="idea-support"),
    path(
        "ideas/<int:pk>/support/withdraw/",
        manage.IdeaSupportWithdrawView.as_view(),
        name="idea-support-withdraw",
    ),
    path("ideas/<int:pk>/refuse/", manage.ManageIdeaRefuseView.as_view(), name="idea-refuse"),
    path("ideas/<int:pk>/comment/", manage.IdeaCommentView.as_view(), name="idea-comment"),
    path("ideas/<int:pk>/moderate/", manage.ManageIdeaModerateView.as_view(), name="idea-moderate"),
    path("ideas/<int:pk>/answer/", manage.ManageIdeaAnswerView.as_view(), name="idea-answer"),
    path("ideas/<int:pk>/score/", manage.ManageIdeaScoreView.as_view(), name="idea-score"),
    path(
        "ideas/comments/<int:pk>/report/", manage.CommentReportView.as_view(), name="comment-report"
    ),
    path(
        "ideas/comments/<int:pk>/hide/", manage.ManageCommentHideView.as_view(), name="comment-hide"
    ),
]
