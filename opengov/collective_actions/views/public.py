"""Public pages of events and collective actions. Each loads through `visible_to(user)` and runs
a fixed number of queries, however many rows it shows; lists are paginated."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView

from opengov.action_plans.models import Commitment
from opengov.action_plans.views.public import recent_history
from opengov.core.audit import object_key
from opengov.core.forms import GovukFormMixin
from opengov.core.paging import page_of
from opengov.organisations.models import Organisation
from opengov.organisations.posts import posts_held

from ..choices import ActionStatus, SignatoryKind
from ..forms import SignUpForm
from ..models import CollectiveAction, Delegate, Event, SignUp
from ..rules import may_sign_as_expert, speaks_for


class ActionFilterForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *ActionStatus.choices], required=False
    )
    theme = forms.CharField(label=_("Theme"), max_length=120, required=False)

    def apply(self, actions: QuerySet[CollectiveAction]) -> QuerySet[CollectiveAction]:
        if not self.is_valid():
            return actions
        if status := self.cleaned_data.get("status"):
            actions = actions.filter(status=status)
        if theme := " ".join((self.cleaned_data.get("theme") or "").split()):
            actions = actions.filter(theme__iexact=theme)
        return actions


class EventListView(TemplateView):
    template_name = "collective_actions/event_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        events = Event.objects.visible_to(self.request.user).order_by("-starts_on", "-pk")
        return {**super().get_context_data(**kwargs), "page_obj": page_of(self.request, events)}


def delegation_with_posts(event: Event, delegates: list[Delegate]) -> list[tuple[Delegate, list]]:
    """Each delegate with the posts they held on the event's first day (one query)."""
    held = posts_held((d.person_id, event.starts_on) for d in delegates)
    return [(d, [t.post for t in held[(d.person_id, event.starts_on)]]) for d in delegates]


class EventDetailView(DetailView):
    template_name = "collective_actions/event_detail.html"
    context_object_name = "event"

    def get_queryset(self) -> QuerySet[Event]:
        user = self.request.user
        return Event.objects.visible_to(user).prefetch_related(
            Prefetch("delegates", Delegate.objects.select_related("person", "organisation")),
            "documents",
            Prefetch(
                "collective_actions",
                CollectiveAction.objects.visible_to(user).order_by("title", "pk"),
            ),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        event = self.object
        context.update(
            delegation=delegation_with_posts(event, list(event.delegates.all())),
            documents=list(event.documents.all()),
            actions=list(event.collective_actions.all()),
            history=recent_history(event),
            history_key=object_key(event),
        )
        return context


class CollectiveActionListView(TemplateView):
    template_name = "collective_actions/action_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filters = ActionFilterForm(self.request.GET or None)
        actions = filters.apply(CollectiveAction.objects.visible_to(self.request.user))
        rows = actions.select_related("event").order_by("-event__starts_on", "title", "pk")
        return {
            **super().get_context_data(**kwargs),
            "filters": filters,
            "page_obj": page_of(self.request, rows),
        }


def action_page_queryset(user: Any) -> QuerySet[CollectiveAction]:
    """An action with its event, its sign-ups and the commitment that adopted it, if the user
    may see that commitment (a draft plan's is seen by plan managers alone)."""
    sign_ups = SignUp.objects.visible_to(user).select_related("organisation", "person")
    return (
        CollectiveAction.objects.visible_to(user)
        .select_related("event")
        .prefetch_related(
            Prefetch("sign_ups", sign_ups.order_by("signed_on", "pk")),
            Prefetch(
                "adopted_commitment",
                Commitment.objects.visible_to(user).select_related("plan"),
                "visible_commitment",
            ),
        )
    )


def by_kind(sign_ups: list[SignUp]) -> list[tuple[str, list[SignUp]]]:
    """Sign-ups under their kind, in the order of the kinds."""
    return [
        (str(label), [s for s in sign_ups if s.kind == kind])
        for kind, label in SignatoryKind.choices
        if any(s.kind == kind for s in sign_ups)
    ]


class CollectiveActionDetailView(DetailView):
    template_name = "collective_actions/action_detail.html"
    context_object_name = "action"

    def get_queryset(self) -> QuerySet[CollectiveAction]:
        return action_page_queryset(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        action, user = self.object, self.request.user
        sign_ups = list(action.sign_ups.all())
        context.update(
            groups=by_kind(sign_ups),
            sign_ups=sign_ups,
            withdrawable={
                s.pk for s in sign_ups if user.has_perm("collective_actions.withdraw_signup", s)
            },
            history=recent_history(action),
            history_key=object_key(action),
        )
        if user.has_perm("collective_actions.sign_up", action):
            organisations = self._unsigned_organisations(sign_ups)
            as_expert = may_sign_as_expert(user) and not any(
                s.person is not None and s.person.user_id == user.pk for s in sign_ups
            )
            if organisations or as_expert:
                context["sign_up_form"] = SignUpForm(
                    organisations=organisations, as_expert=as_expert
                )
        return context

    def _unsigned_organisations(self, sign_ups: list[SignUp]) -> list[Organisation]:
        signed = {s.organisation_id for s in sign_ups}
        wanted = speaks_for(self.request.user) - signed
        return list(Organisation.objects.filter(pk__in=wanted).order_by("name")) if wanted else []
