"""The forms of events and collective actions. Each form's `service_kwargs()` is what its one
service takes; the service decides every business rule, the form only checks what was typed."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.action_plans.models import Commitment
from opengov.core.forms import GovukDateField, VersionField
from opengov.core.manage_forms import ManageForm, choice_field, required
from opengov.organisations.models import Organisation, Person

from .choices import SignatoryKind
from .models import CollectiveAction, Event

AS_EXPERT = "expert"


class EventForm(ManageForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages=required(_("Enter the event's title"))
    )
    starts_on = GovukDateField(
        label=_("First day"),
        help_text=_("For example, 7 12 2016"),
        error_messages=required(_("Enter the date the event starts")),
    )
    ends_on = GovukDateField(label=_("Last day (optional)"), required=False)
    place = forms.CharField(label=_("Place (optional)"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use Markdown."),
    )


class EventEditForm(EventForm):
    version = VersionField()

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        fields = ("title", "starts_on", "ends_on", "place", "description", "version")
        return {name: getattr(event, name) for name in fields}


class DelegateForm(ManageForm):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.exclude(name="").order_by("name"),
        error_messages=required(_("Choose the person attending")),
        help_text=_("Their post is shown from the posts they held on the event's first day."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation (optional)"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("None"),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=300,
        required=False,
        help_text=_('For example, "likely on Wednesday and Thursday".'),
    )


class DocumentForm(ManageForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages=required(_("Enter the document's title"))
    )
    url = forms.CharField(
        label=_("Web address"),
        max_length=500,
        help_text=_("Starting with https:// or http://"),
        error_messages=required(_("Enter the document's web address")),
    )


class CollectiveActionForm(ManageForm):
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.order_by("-starts_on", "-pk"),
        error_messages=required(_("Choose the event the collective action belongs to")),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        error_messages=required(_("Enter the collective action's title")),
    )
    theme = forms.CharField(
        label=_("Theme (optional)"),
        max_length=120,
        required=False,
        help_text=_("For example, open contracting"),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use Markdown."),
    )
    sign_up_deadline = GovukDateField(label=_("Sign-up deadline (optional)"), required=False)
    quorum = forms.IntegerField(
        label=_("Quorum"),
        min_value=1,
        max_value=1000,
        initial=3,
        help_text=_("How many distinct signatories make it considered."),
        error_messages=required(_("Enter the quorum")),
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    counted_kinds = forms.MultipleChoiceField(
        label=_("Which signatories count towards the quorum"),
        choices=SignatoryKind.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=CollectiveAction().counted_kinds(),
        error_messages=required(_("Choose at least one kind of signatory that counts")),
    )


class CollectiveActionEditForm(CollectiveActionForm):
    version = VersionField()

    @staticmethod
    def initial_for(action: CollectiveAction) -> dict[str, Any]:
        names = ("event", "title", "theme", "description", "sign_up_deadline", "quorum")
        return {
            **{name: getattr(action, name) for name in names},
            "counted_kinds": action.counted_kinds(),
            "version": action.version,
        }


class SignUpForm(ManageForm):
    """Sign up for one of the organisations the user holds a role for, or as an expert."""

    signatory = forms.ChoiceField(
        label=_("Who is signing up"),
        widget=forms.RadioSelect,
        error_messages=required(_("Choose who is signing up")),
    )
    statement = forms.CharField(
        label=_("Statement (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you will do, in a few words. It is shown with your sign-up."),
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], as_expert: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(o.pk), str(o)) for o in organisations]
        if as_expert:
            choices.append((AS_EXPERT, str(_("Myself, as an expert"))))
        cast(forms.ChoiceField, self.fields["signatory"]).choices = choices
        self._organisations = {str(o.pk): o for o in organisations}

    def service_kwargs(self) -> dict[str, Any]:
        chosen = self.cleaned_data["signatory"]
        return {
            "organisation": self._organisations.get(chosen),
            "statement": self.cleaned_data["statement"],
        }


class WithdrawForm(ManageForm):
    pass


class RemoveForm(ManageForm):
    """The confirmation of a removal: the page shows what goes, the button removes it."""


class AdoptForm(ManageForm):
    commitment = forms.ModelChoiceField(
        label=_("The commitment that adopts it"),
        queryset=Commitment.objects.none(),
        error_messages=required(_("Choose the commitment that adopts it")),
    )
    version = VersionField()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = choice_field(self, "commitment")
        field.queryset = (
            Commitment.objects.visible_to(user)
            .select_related("plan")
            .order_by("-plan__starts_on", "plan_id", "position", "pk")
        )
        field.label_from_instance = lambda c: f"{c.plan}: {c}"  # type: ignore[method-assign,assignment]
