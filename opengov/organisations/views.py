"""Public pages of organisations, people and networks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.views.generic import DetailView, ListView

from opengov.action_plans.models import Commitment
from opengov.action_plans.views.public import recent_history
from opengov.core.audit import object_key
from opengov.meetings.filters import open_first
from opengov.meetings.models import ActionItem, Meeting

from .models import (
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    Person,
    Project,
    Tenure,
)

# The organisation page shows this many of its actions (open first) and of its latest meetings;
# the action register, filtered by the organisation, lists them all.
ACTIONS_SHOWN = 20
MEETINGS_SHOWN = 20


def meetings_context(organisation: Organisation, user: Any) -> dict[str, Any]:
    """The actions an organisation owns and the meetings it attended, as the user may see them."""
    owned = ActionItem.objects.visible_to(user).filter(owner_organisation=organisation)
    attended = Meeting.objects.visible_to(user).filter(
        attendances__organisation=organisation, attendances__sent_apologies=False
    )
    return {
        "actions": list(
            open_first(owned.select_related("meeting", "owner_organisation", "owner_person"))[
                :ACTIONS_SHOWN
            ]
        ),
        "action_count": owned.count(),
        "meetings_attended": list(
            attended.distinct().order_by("-starts_at", "-pk")[:MEETINGS_SHOWN]
        ),
        "today": timezone.localdate(),
    }


class OrganisationListView(ListView):
    template_name = "organisations/organisation_list.html"
    context_object_name = "organisations"
    paginate_by = settings.OPENGOV_LIST_PAGE_SIZE

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.select_related("parent").order_by("name")


class OrganisationDetailView(DetailView):
    template_name = "organisations/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self) -> QuerySet[Organisation]:
        return Organisation.objects.select_related("parent").prefetch_related("aliases", "children")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        organisation = self.object
        visible = Commitment.objects.visible_to(self.request.user).select_related("plan__member")
        context.update(
            leads=list(
                visible.filter(lead_organisations=organisation).order_by("plan", "position")
            ),
            supports=list(
                visible.filter(supporting_organisations=organisation).order_by("plan", "position")
            ),
            members=list(
                Membership.objects.filter(organisation=organisation)
                .select_related("person")
                .order_by("person__name")
            ),
            networks=list(
                NetworkMembership.objects.filter(organisation=organisation).select_related(
                    "network"
                )
            ),
            history=recent_history(organisation),
            history_key=object_key(organisation),
            **meetings_context(organisation, self.request.user),
        )
        return context


class PersonDetailView(DetailView):
    template_name = "organisations/person_detail.html"
    context_object_name = "person"

    def get_queryset(self) -> QuerySet[Person]:
        return Person.objects.prefetch_related(
            Prefetch("memberships", Membership.objects.select_related("organisation")),
            Prefetch(
                "tenures",
                Tenure.objects.select_related("post__organisation").order_by("-start_on", "-pk"),
                to_attr="tenure_list",
            ),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(history=recent_history(self.object), history_key=object_key(self.object))
        return context


class NetworkDetailView(DetailView):
    template_name = "organisations/network_detail.html"
    context_object_name = "network"

    def get_queryset(self) -> QuerySet[Network]:
        return Network.objects.select_related("coordinator").prefetch_related(
            Prefetch(
                "memberships",
                NetworkMembership.objects.select_related("organisation").order_by(
                    "organisation__name"
                ),
            ),
            Prefetch(
                "projects",
                Project.objects.select_related("funder").order_by("title", "pk"),
                to_attr="project_list",
            ),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(history=recent_history(self.object), history_key=object_key(self.object))
        return context
