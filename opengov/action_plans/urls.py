"""URLs of action plans: public pages, then the managing pages."""

from django.urls import path

from .views import public

app_name = "action_plans"

urlpatterns = [
    path("plans/", public.PlanListView.as_view(), name="plan-list"),
    path("plans/<int:pk>/", public.PlanDetailView.as_view(), name="plan-detail"),
    path("members/<slug:slug>/", public.MemberDetailView.as_view(), name="member-detail"),
    path("commitments/<int:pk>/", public.CommitmentDetailView.as_view(), name="commitment-detail"),
    path("milestones/<int:pk>/", public.MilestoneDetailView.as_view(), name="milestone-detail"),
    path("updates/<int:pk>/", public.UpdateDetailView.as_view(), name="update-detail"),
]

try:
    from .manage_urls import manage_urlpatterns
except ImportError:  # the managing pages are optional while they are being built
    manage_urlpatterns = []
urlpatterns += manage_urlpatterns
