"""The managing pages of events and collective actions, and the sign-up and withdrawal forms:
GOV.UK forms that each call one service through core's ManageFormView (sign in, load through
`visible_to`, check the named rule, bind, call, redirect with a message)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from opengov.core.manage_views import ManageFormView
from opengov.organisations.models import Organisation

from .. import services
from ..forms import (
    AdoptForm,
    CollectiveActionEditForm,
    CollectiveActionForm,
    DelegateForm,
    DocumentForm,
    EventEditForm,
    EventForm,
    RemoveForm,
    SignUpForm,
    WithdrawForm,
)
from ..models import CollectiveAction, Delegate, Event, EventDocument, SignUp
from ..rules import may_sign_as_expert, speaks_for

MANAGE = "collective_actions/manage/"


class ManageEventCreateView(ManageFormView):
    permission = "collective_actions.add_event"
    form_class = EventForm
    template_name = MANAGE + "event_form.html"
    success_message = _("Event recorded")

    def perform(self, form: EventForm, obj: None) -> Model:
        return services.create_event(by=self.request.user, **form.service_kwargs())


class EventFormView(ManageFormView):
    model = Event
    permission = "collective_actions.change_event"

    def context(self, event: Event) -> dict[str, Any]:
        return {"object": event, "event": event}


class ManageEventEditView(EventFormView):
    form_class = EventEditForm
    template_name = MANAGE + "event_form.html"
    success_message = _("Event saved")

    def form_kwargs(self, event: Event) -> dict[str, Any]:
        return {"initial": EventEditForm.initial_for(event)}

    def perform(self, form: EventEditForm, event: Event) -> Model:
        return services.update_event(by=self.request.user, event=event, **form.service_kwargs())


class ManageDelegateCreateView(EventFormView):
    form_class = DelegateForm
    template_name = MANAGE + "delegate_form.html"
    success_message = _("Delegate added")

    def perform(self, form: DelegateForm, event: Event) -> Model:
        services.add_delegate(by=self.request.user, event=event, **form.service_kwargs())
        return event


class ManageDocumentCreateView(EventFormView):
    form_class = DocumentForm
    template_name = MANAGE + "document_form.html"
    success_message = _("Document added")

    def perform(self, form: DocumentForm, event: Event) -> Model:
        services.add_event_document(by=self.request.user, event=event, **form.service_kwargs())
        return event


class EventPartRemoveView(ManageFormView):
    """The confirmation page of removing one part of an event (a delegate, a document): GET
    shows what will be removed, POST removes it and returns to the event's page. The part is
    found within its event (loaded through `visible_to`), so a mismatched address is a 404."""

    permission = "collective_actions.change_event"
    form_class = RemoveForm
    part_model: type[Delegate] | type[EventDocument]
    part_related: tuple[str, ...] = ()

    def get_object(self) -> Any:
        event = get_object_or_404(Event.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        rows = self.part_model.objects.select_related(*self.part_related)
        part: Any = get_object_or_404(rows, pk=self.kwargs["part"], event=event)
        part.event = event
        return part

    def check_permission(self, part: Any) -> None:
        super().check_permission(part.event)

    def success_url(self, event: Event) -> str:
        return event.get_absolute_url()


class ManageDelegateRemoveView(EventPartRemoveView):
    part_model = Delegate
    part_related = ("person", "organisation")
    template_name = MANAGE + "delegate_remove.html"
    success_message = _("Delegate removed")

    def context(self, delegate: Delegate) -> dict[str, Any]:
        return {"object": delegate, "delegate": delegate, "event": delegate.event}

    def perform(self, form: RemoveForm, delegate: Delegate) -> Model:
        services.remove_delegate(by=self.request.user, delegate=delegate)
        return delegate.event


class ManageDocumentRemoveView(EventPartRemoveView):
    part_model = EventDocument
    template_name = MANAGE + "document_remove.html"
    success_message = _("Document removed")

    def context(self, document: EventDocument) -> dict[str, Any]:
        return {"object": document, "document": document, "event": document.event}

    def perform(self, form: RemoveForm, document: EventDocument) -> Model:
        services.remove_event_document(by=self.request.user, document=document)
        return document.event


class ManageActionCreateView(ManageFormView):
    permission = "collective_actions.add_collectiveaction"
    form_class = CollectiveActionForm
    template_name = MANAGE + "action_form.html"
    success_message = _("Collective action opened for sign-ups")

    def form_kwargs(self, obj: None) -> dict[str, Any]:
        event = self.request.GET.get("event", "")
        found = Event.objects.filter(pk=event).first() if event.isdigit() else None
        return {"initial": {"event": found}} if found else {}

    def perform(self, form: CollectiveActionForm, obj: None) -> Model:
        return services.create_collective_action(by=self.request.user, **form.service_kwargs())


class ActionFormView(ManageFormView):
    model = CollectiveAction
    related = ("event",)

    def context(self, action: CollectiveAction) -> dict[str, Any]:
        return {"object": action, "action": action}


class ManageActionEditView(ActionFormView):
    permission = "collective_actions.change_collectiveaction"
    form_class = CollectiveActionEditForm
    template_name = MANAGE + "action_form.html"
    success_message = _("Collective action saved")

    def form_kwargs(self, action: CollectiveAction) -> dict[str, Any]:
        return {"initial": CollectiveActionEditForm.initial_for(action)}

    def perform(self, form: CollectiveActionEditForm, action: CollectiveAction) -> Model:
        return services.update_collective_action(
            by=self.request.user, action=action, **form.service_kwargs()
        )


class ManageActionAdoptView(ActionFormView):
    permission = "collective_actions.adopt_collectiveaction"
    form_class = AdoptForm
    template_name = MANAGE + "action_adopt.html"
    success_message = _("Collective action adopted")

    def form_kwargs(self, action: CollectiveAction) -> dict[str, Any]:
        return {"user": self.request.user, "initial": {"version": action.version}}

    def perform(self, form: AdoptForm, action: CollectiveAction) -> Model:
        return services.adopt_collective_action(
            by=self.request.user, action=action, **form.service_kwargs()
        )


class SignUpCreateView(ActionFormView):
    """Sign up for an organisation the user holds a role for, or as an expert."""

    permission = "collective_actions.sign_up"
    form_class = SignUpForm
    template_name = MANAGE + "sign_up_form.html"
    success_message = _("You have signed up")

    def form_kwargs(self, action: CollectiveAction) -> dict[str, Any]:

        user = self.request.user
        organisations = list(Organisation.objects.filter(pk__in=speaks_for(user)).order_by("name"))
        return {"organisations": organisations, "as_expert": may_sign_as_expert(user)}

    def perform(self, form: SignUpForm, action: CollectiveAction) -> Model:
        services.sign_up(by=self.request.user, action=action, **form.service_kwargs())
        return action


class SignUpWithdrawView(ManageFormView):
    model = SignUp
    related = ("action", "organisation", "person")
    permission = "collective_actions.withdraw_signup"
    form_class = WithdrawForm
    template_name = MANAGE + "sign_up_withdraw.html"
    success_message = _("The sign-up has been withdrawn")

    def context(self, sign_up: SignUp) -> dict[str, Any]:
        return {"object": sign_up, "sign_up": sign_up, "action": sign_up.action}

    def perform(self, form: WithdrawForm, sign_up: SignUp) -> Model:
        return services.withdraw_sign_up(by=self.request.user, sign_up=sign_up)
