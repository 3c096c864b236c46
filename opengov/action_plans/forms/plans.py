"""The forms that create and edit action plans and their commitments, and publish a plan."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukDateField, VersionField
from opengov.organisations.models import Organisation

from ..choices import PlanStatus
from ..models import Commitment, Member, PolicyArea
from .base import MULTIPLE_HINT, ManageForm, choice_field, organisations_field, required


class PlanEditForm(ManageForm):
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        max_value=32767,
        help_text=_("The plan's number for this member: 3 for the third national action plan."),
        error_messages={
            "required": _("Enter the plan's number"),
            "invalid": _("The plan number must be a whole number, like 3"),
            "min_value": _("The plan number must be 1 or more"),
            "max_value": _("The plan number must be 32767 or less"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages=required(_("Enter the plan's title"))
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    starts_on = GovukDateField(
        label=_("Start date"), required=False, help_text=_("For example, 12 5 2016")
    )
    ends_on = GovukDateField(
        label=_("End date"), required=False, help_text=_("For example, 30 6 2018")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=PlanStatus.choices,
        initial=PlanStatus.DRAFTING,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the plan's status")),
    )
    version = VersionField()


class PlanCreateForm(PlanEditForm):
    member = forms.ModelChoiceField(
        label=_("Member"),
        queryset=Member.objects.all(),
        empty_label=_("Choose a member"),
        error_messages=required(_("Choose the member the plan belongs to")),
    )
    version = None  # type: ignore[assignment]
    field_order = ["member", "number", "title", "description", "starts_on", "ends_on", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = list(Member.objects.values_list("pk", flat=True)[:2])
        if len(members) == 1:
            self.fields["member"].initial = members[0]


class PublishPlanForm(ManageForm):
    """Nothing to type: the page confirms, and shows the service's refusal if there is one."""


# Commitments ----------------------------------------------------------------------------------


COMMITMENT_FIELD_ORDER = [
    "number",
    "title",
    "short_title",
    "description",
    "government",
    "lead_organisations",
    "supporting_organisations",
    "policy_areas",
    "ogp_id",
]


class CommitmentForm(ManageForm):
    number = forms.CharField(
        label=_("Number"),
        max_length=40,
        help_text=_("As the plan writes it, for example 7 or 7.1"),
        error_messages=required(_("Enter the commitment's number")),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    title = forms.CharField(
        label=_("Title"), max_length=500, error_messages=required(_("Enter the commitment's title"))
    )
    short_title = forms.CharField(label=_("Short title (optional)"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        widget=forms.Textarea,
        help_text=_("You can use Markdown."),
    )
    government = forms.ModelChoiceField(
        label=_("Government"),
        queryset=Organisation.objects.governments(),
        required=False,
        empty_label=_("The whole member"),
        help_text=_("Choose a devolved administration only if the commitment is its own."),
    )
    policy_areas = forms.ModelMultipleChoiceField(
        label=_("Policy areas (optional)"),
        queryset=PolicyArea.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=MULTIPLE_HINT,
    )
    ogp_id = forms.CharField(
        label=_("OGP commitment id (optional)"),
        max_length=40,
        required=False,
        help_text=_("The id on the Open Government Partnership's website, for example UK0071"),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        count = Organisation.objects.count()
        self.add_field("lead_organisations", organisations_field(_("Lead organisations"), count))
        self.add_field(
            "supporting_organisations",
            organisations_field(_("Supporting organisations (optional)"), count),
        )
        self.order_fields(COMMITMENT_FIELD_ORDER)
        choice_field(self, "policy_areas").choices = grouped_policy_areas()


def grouped_policy_areas() -> list[tuple[str, Any]]:
    """Policy areas under their group's name, in the select's option groups."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for area in PolicyArea.objects.order_by("group", "name"):
        groups[area.group].append((str(area.pk), area.name))
    ungrouped = groups.pop("", [])
    grouped: list[tuple[str, Any]] = list(groups.items())
    return [*grouped, (str(_("Other policy areas")), ungrouped)] if ungrouped else grouped


class CommitmentEditForm(CommitmentForm):
    version = VersionField()

    @staticmethod
    def initial_for(commitment: Commitment) -> dict[str, Any]:
        return {
            "number": commitment.number,
            "title": commitment.title,
            "short_title": commitment.short_title,
            "description": commitment.description,
            "government": commitment.government_id,
            "ogp_id": commitment.ogp_id,
            "lead_organisations": [o.pk for o in commitment.lead_organisations.all()],
            "supporting_organisations": [o.pk for o in commitment.supporting_organisations.all()],
            "policy_areas": [a.pk for a in commitment.policy_areas.all()],
            "version": commitment.version,
        }
