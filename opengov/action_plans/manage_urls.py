"""URLs of the managing pages; opengov/action_plans/urls.py adds them to the app's urlpatterns."""

from django.urls import path

from .views import manage

manage_urlpatterns: list = [
    path("plans/new/", manage.ManagePlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/edit/", manage.ManagePlanEditView.as_view(), name="plan-edit"),
    path("plans/<int:pk>/publish/", manage.ManagePlanPublishView.as_view(), name="plan-publish"),
    path(
        "plans/<int:pk>/commitments/new/",
        manage.ManageCommitmentCreateView.as_view(),
        name="commitment-create",
    ),
    path(
        "commitments/<int:pk>/edit/",
        manage.ManageCommitmentEditView.as_view(),
        name="commitment-edit",
    ),
    path(
        "commitments/<int:pk>/milestones/new/",
        manage.ManageMilestoneCreateView.as_view(),
        name="milestone-create",
    ),
    path(
        "milestones/<int:pk>/edit/", manage.ManageMilestoneEditView.as_view(), name="milestone-edit"
    ),
    path(
        "commitments/<int:pk>/updates/new/",
        manage.ManageUpdateCreateView.as_view(),
        name="update-create",
    ),
    path(
        "milestones/<int:pk>/revise/",
        manage.ManageMilestoneReviseView.as_view(),
        name="milestone-revise",
    ),
    path(
        "milestones/<int:pk>/complete/",
        manage.ManageMilestoneCompleteView.as_view(),
        name="milestone-complete",
    ),
    path(
        "commitments/<int:pk>/assessments/new/",
        manage.ManageAssessmentCreateView.as_view(),
        name="assessment-create",
    ),
]
