"""Public pages of nominations: the rounds, a round (timeline, seats, nominations standing, then
results with their counts and STV stages), a nomination, and a body with its members. Rounds load
through `visible_to(request.user)` (404 otherwise); each page runs a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.views.generic import DetailView, ListView

from opengov.action_plans.views.public import recent_history
from opengov.core.audit import object_key
from opengov.core.paging import page_of

from ..models import Body, BodyMembership, Count, Nomination, NominationRound, ResultLine
from ..results_table import bar_chart, stage_table


def nomination_queryset(user: Any) -> QuerySet[Nomination]:
    return Nomination.objects.visible_to(user).select_related(
        "round", "constituency", "nominee", "nominee_organisation", "nominator"
    )


class RoundListView(ListView):
    template_name = "nominations/round_list.html"
    context_object_name = "rounds"
    paginate_by = settings.OPENGOV_LIST_PAGE_SIZE

    def get_queryset(self) -> QuerySet[NominationRound]:
        return NominationRound.objects.visible_to(self.request.user).select_related("body")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["bodies"] = list(Body.objects.select_related("network")[:20])
        return context


class RoundDetailView(DetailView):
    template_name = "nominations/round_detail.html"
    context_object_name = "round"

    def get_queryset(self) -> QuerySet[NominationRound]:
        lines = ResultLine.objects.select_related(
            "nomination__nominee", "nomination__nominee_organisation"
        )
        return (
            NominationRound.objects.visible_to(self.request.user)
            .select_related("body__network")
            .prefetch_related(
                "constituencies",
                Prefetch(
                    "nominations",
                    Nomination.objects.select_related(
                        "constituency", "nominee", "nominee_organisation", "nominator", "round"
                    ),
                ),
                Prefetch(
                    "counts",
                    Count.objects.select_related("constituency").prefetch_related(
                        Prefetch("lines", lines)
                    ),
                ),
            )
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        round_: NominationRound = self.object
        nominations = list(round_.nominations.all())
        published = round_.results_published_at is not None
        counts = list(round_.counts.all()) if published else []
        names = {n.pk: n.nominee.display_name for n in nominations}
        context.update(
            constituencies=list(round_.constituencies.all()),
            standing=[n for n in nominations if n.is_standing],
            waiting=[n for n in nominations if not n.is_standing and not n.is_withdrawn],
            counts=[
                (count, lines, stage_table(count, names), bar_chart(count, lines))
                for count in counts
                for lines in [list(count.lines.all())]
            ],
            eligible_count=round_.eligible_members.count(),
            turnout=round_.voters.count(),
            now=timezone.now(),
            history=recent_history(round_),
            history_key=object_key(round_),
        )
        return context


class NominationDetailView(DetailView):
    template_name = "nominations/nomination_detail.html"
    context_object_name = "nomination"

    def get_queryset(self) -> QuerySet[Nomination]:
        return nomination_queryset(self.request.user).prefetch_related("seconders__organisation")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            seconders=list(self.object.seconders.all()),
            round=self.object.round,
            history=recent_history(self.object),
            history_key=object_key(self.object),
        )
        return context


class BodyDetailView(DetailView):
    template_name = "nominations/body_detail.html"
    context_object_name = "body"
    slug_field = "slug"
    queryset = Body.objects.select_related("network")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        memberships = BodyMembership.objects.filter(body=self.object).select_related(
            "person", "organisation", "elected_in"
        )
        current = memberships.filter(starts_on__lte=today).exclude(ends_on__lt=today)
        page = page_of(self.request, memberships)
        context.update(
            current=list(current[: settings.OPENGOV_LIST_PAGE_SIZE]),
            page_obj=page,
            rounds=list(
                NominationRound.objects.visible_to(self.request.user).filter(body=self.object)[:20]
            ),
            today=today,
        )
        return context
