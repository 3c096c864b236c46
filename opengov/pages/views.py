"""The home page and the site's fixed pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.views.generic import TemplateView

from opengov.accounts.withheld import withhold_names
from opengov.action_plans.models import Member, Milestone
from opengov.action_plans.reports import status_counts
from opengov.action_plans.views.public import current_plan
from opengov.core.history import visible_events

OVERDUE_SHOWN = 10
CHANGES_SHOWN = 10


class HomeView(TemplateView):
    template_name = "pages/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        member = (
            Member.objects.filter(slug=settings.OPENGOV_MEMBER_SLUG).first()
            or Member.objects.order_by("pk").first()
        )
        plan = current_plan(member, self.request.user) if member else None
        today = timezone.localdate()
        overdue = (
            Milestone.objects.filter(commitment__plan=plan)
            .overdue(today=today)
            .select_related("commitment")
            .order_by("due_on", "pk")
            if plan
            else Milestone.objects.none()
        )
        context.update(
            member=member,
            plan=plan,
            today=today,
            status_counts=status_counts(plan) if plan else [],
            overdue=list(overdue[:OVERDUE_SHOWN]),
            overdue_count=overdue.count() if plan else 0,
            changes=withhold_names(
                visible_events(self.request.user).order_by("-sequence")[:CHANGES_SHOWN]
            ),
        )
        return context


class AccessibilityView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyView(TemplateView):
    template_name = "pages/privacy.html"
