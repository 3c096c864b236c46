"""The home page and the site's fixed pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.views.generic import TemplateView

from opengov.accounts.withheld import withhold_names
from opengov.action_plans.models import Member, Milestone
from opengov.action_plans.reports import status_counts
from opengov.action_plans.views.public import current_plan
from opengov.collective_actions.choices import ActionStatus
from opengov.collective_actions.models import CollectiveAction
from opengov.consultations.models import Consultation
from opengov.core.history import newest_for
from opengov.ideas.models import CallForIdeas
from opengov.nominations.models import NominationRound

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
            changes=withhold_names(newest_for(self.request.user, CHANGES_SHOWN)),
        )
        return context


class AccessibilityView(TemplateView):
    template_name = "pages/accessibility.html"


class PrivacyView(TemplateView):
    template_name = "pages/privacy.html"


TAKE_PART_SHOWN = 5


class TakePartView(TemplateView):
    """Every way to take part, with what is open now: calls for ideas, consultations, collective
    actions gathering sign-ups and nomination rounds taking nominations or votes (a few of each,
    soonest to close first), and the feedback form. One query per kind, whatever the data."""

    template_name = "pages/take_part.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user, now = self.request.user, timezone.now()
        today = timezone.localdate()
        calls = CallForIdeas.objects.visible_to(user).filter(
            published_at__isnull=False, opens_on__lte=today, closes_on__gte=today
        )
        consultations = Consultation.objects.visible_to(user).open_at(now)
        actions = CollectiveAction.objects.visible_to(user).filter(status=ActionStatus.GATHERING)
        rounds = NominationRound.objects.visible_to(user).filter(
            Q(nominations_open_at__lte=now, nominations_close_at__gt=now)
            | Q(voting_opens_at__lte=now, voting_closes_at__gt=now),
            opened_at__isnull=False,
        )
        context = super().get_context_data(**kwargs)
        context.update(
            calls=list(calls.order_by("closes_on", "pk")[:TAKE_PART_SHOWN]),
            consultations=list(consultations.order_by("closes_at", "pk")[:TAKE_PART_SHOWN]),
            actions=list(
                actions.select_related("event").order_by("sign_up_deadline", "pk")[:TAKE_PART_SHOWN]
            ),
            rounds=list(rounds.order_by("voting_closes_at", "pk")[:TAKE_PART_SHOWN]),
        )
        return context
