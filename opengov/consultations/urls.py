"""URLs of consultations."""

from django.urls import path

from .views import manage, public

app_name = "consultations"

urlpatterns: list = [
    path("consultations/", public.ConsultationListView.as_view(), name="consultation-list"),
    path(
        "consultations/new/",
        manage.ManageConsultationCreateView.as_view(),
        name="consultation-create",
    ),
    path(
        "consultations/<int:pk>/",
        public.ConsultationDetailView.as_view(),
        name="consultation-detail",
    ),
    path(
        "consultations/<int:pk>/edit/",
        manage.ManageConsultationEditView.as_view(),
        name="consultation-edit",
    ),
    path(
        "consultations/<int:pk>/publish/",
        manage.ManageConsultationPublishView.as_view(),
        name="consultation-publish",
    ),
    path(
        "consultations/<int:pk>/conclude/",
        manage.ManageConsultationConcludeView.as_view(),
        name="consultation-conclude",
    ),
    path("consultations/<int:pk>/versions/", public.VersionListView.as_view(), name="version-list"),
    path(
        "consultations/<int:pk>/versions/new/",
        manage.ManageVersionCreateView.as_view(),
        name="version-create",
    ),
    path(
        "consultations/<int:pk>/versions/<int:number>/",
        public.VersionDetailView.as_view(),
        name="version-detail",
    ),
    path(
        "consultations/<int:pk>/versions/<int:number>/changes/",
        public.VersionChangesView.as_view(),
        name="version-changes",
    ),
    path(
        "consultations/paragraphs/<int:pk>/comment/",
        manage.CommentCreateView.as_view(),
        name="comment-create",
    ),
    path(
        "consultations/paragraphs/<int:pk>/answer/",
        manage.ParagraphAnswerView.as_view(),
        name="paragraph-answer",
    ),
    path(
        "consultations/paragraphs/<int:pk>/comments/",
        public.ParagraphCommentsView.as_view(),
        name="paragraph-comments",
    ),
    path(
        "consultations/paragraph-comments/<int:pk>/reply/",
        manage.CommentReplyView.as_view(),
        name="comment-reply",
    ),
    path(
        "consultations/paragraph-comments/<int:pk>/answer/",
        manage.CommentAnswerView.as_view(),
        name="comment-answer",
    ),
    path(
        "consultations/paragraph-comments/<int:pk>/report/",
        manage.CommentReportView.as_view(),
        name="comment-report",
    ),
    path(
        "consultations/paragraph-comments/<int:pk>/hide/",
        manage.CommentHideView.as_view(),
        name="comment-hide",
    ),
]
