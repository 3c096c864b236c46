"""The forms of the managing pages. Each form's `service_kwargs()` is what its one service takes;
the service decides every business rule, the form only checks what was typed."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, cast

from django import forms
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.accounts.predicates import civil_society_organisation_ids
from opengov.core.forms import (
    GOVUK_WIDGET_CLASSES,
    DomainErrorFormMixin,
    GovukDateField,
    GovukFormMixin,
    VersionField,
    widget_kind,
)
from opengov.organisations.models import Organisation, OrganisationKind

from .choices import AssessmentKind, Completion, PlanStatus, ProgressStatus
from .models import Commitment, Member, Milestone, PolicyArea, ProgressUpdate

# GOV.UK checkboxes up to this many organisations; past it a select that takes several choices.
MAX_CHECKBOXES = 30
EVIDENCE_SLOTS = 5
MULTIPLE_HINT = _("To choose more than one, hold down Ctrl (or Cmd on a Mac) as you click.")


class ManageForm(DomainErrorFormMixin, GovukFormMixin, forms.Form):
    def add_field(self, name: str, field: forms.Field) -> None:
        """Add a field after __init__, with the GOV.UK class GovukFormMixin gives the others."""
        base_class, _error_class = GOVUK_WIDGET_CLASSES.get(widget_kind(field.widget), ("", ""))
        if base_class:
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{base_class} {existing}".strip()
        self.fields[name] = field

    def service_kwargs(self) -> dict[str, Any]:
        """The cleaned data as the service's keyword arguments (`version` → `expected_version`)."""
        data = dict(self.cleaned_data)
        if "version" in data:
            data["expected_version"] = data.pop("version")
        return data


def required(message: Any) -> dict[str, Any]:
    return {"required": message}


def choice_field(form: forms.Form, name: str) -> forms.ModelChoiceField:
    """A model choice field of the form, to set its queryset for this object."""
    return cast(forms.ModelChoiceField, form.fields[name])


def organisations_field(label: Any, count: int, **kwargs: Any) -> forms.ModelMultipleChoiceField:
    few = count < MAX_CHECKBOXES
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple if few else forms.SelectMultiple(attrs={"size": 10}),
        help_text=kwargs.pop("help_text", "" if few else MULTIPLE_HINT),
        **kwargs,
    )


class EvidenceURLField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {
        "invalid": _("Enter a web address starting with http:// or https://"),
    }


class EvidenceMixin(ManageForm):
    """Up to five evidence links, each a web address and an optional title: plain inputs that
    need no JavaScript. The service takes them as one list."""

    def add_evidence_fields(self) -> None:
        for n in range(1, EVIDENCE_SLOTS + 1):
            url = EvidenceURLField(
                label=_("Evidence link %(n)s: web address (optional)") % {"n": n},
                required=False,
                assume_scheme="https",
                max_length=2000,
                help_text=_("For example, https://www.example.org/report") if n == 1 else "",
            )
            title = forms.CharField(
                label=_("Evidence link %(n)s: title (optional)") % {"n": n},
                required=False,
                max_length=300,
            )
            self.add_field(f"evidence_url_{n}", url)
            self.add_field(f"evidence_title_{n}", title)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for n in range(1, EVIDENCE_SLOTS + 1):
            url = f"evidence_url_{n}"
            if (
                cleaned.get(f"evidence_title_{n}")
                and not cleaned.get(url)
                and url not in self.errors
            ):
                self.add_error(url, _("Enter the web address for this title"))
        return cleaned

    def evidence(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {"url": data[f"evidence_url_{n}"], "title": data.get(f"evidence_title_{n}", "")}
            for n in range(1, EVIDENCE_SLOTS + 1)
            if data.get(f"evidence_url_{n}")
        ]

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        for n in range(1, EVIDENCE_SLOTS + 1):
            data.pop(f"evidence_url_{n}", None)
            data.pop(f"evidence_title_{n}", None)
        data["evidence"] = self.evidence()
        return data


# Plans ----------------------------------------------------------------------------------------


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


# Milestones -----------------------------------------------------------------------------------


class MilestoneEditForm(ManageForm):
    text = forms.CharField(
        label=_("Milestone"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required(_("Enter the milestone")),
    )
    version = VersionField()


class MilestoneCreateForm(MilestoneEditForm):
    due_on = GovukDateField(
        label=_("Due date (optional)"), required=False, help_text=_("For example, 31 3 2017")
    )
    version = None  # type: ignore[assignment]


class ReviseDueDateForm(ManageForm):
    new_due_on = GovukDateField(
        label=_("New due date"),
        help_text=_("For example, 31 10 2017"),
        error_messages=required(_("Enter the new due date")),
    )
    reason = forms.CharField(
        label=_("Why is the due date moving?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("This is published next to the milestone, with the old and new dates."),
        error_messages={
            "required": _("Enter the reason the due date is moving"),
            "max_length": _("The reason must be 2000 characters or fewer"),
        },
    )
    version = VersionField()


class CompleteMilestoneForm(ManageForm):
    completed_on = GovukDateField(
        label=_("Date completed"),
        initial=timezone.localdate,
        help_text=_("For example, 10 11 2016"),
        error_messages=required(_("Enter the date the milestone was completed")),
    )
    version = VersionField()


# Progress and assessments ---------------------------------------------------------------------


class ProgressUpdateForm(EvidenceMixin):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ProgressStatus.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the commitment's status")),
    )
    text = forms.CharField(
        label=_("Update"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What has happened since the last update. You can use Markdown."),
        error_messages=required(_("Enter the update")),
    )
    reported_on = GovukDateField(
        label=_("Reported on"),
        initial=timezone.localdate,
        help_text=_("For example, 10 11 2016"),
        error_messages=required(_("Enter the date of the update")),
    )
    milestone = forms.ModelChoiceField(
        label=_("Milestone (optional)"),
        queryset=Milestone.objects.none(),
        required=False,
        empty_label=_("The commitment as a whole"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Reporting organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "milestone").queryset = commitment.milestones.all()
        organisation = choice_field(self, "organisation")
        speaking_for = Q(led_commitments=commitment) | Q(supported_commitments=commitment)
        organisation.queryset = Organisation.objects.filter(speaking_for).distinct()
        organisation.initial = commitment.lead_organisations.values_list("pk", flat=True).first()
        self.add_evidence_fields()


class AssessmentForm(EvidenceMixin):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        error_messages=required(_("Choose the organisation making the assessment")),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ProgressStatus.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the commitment's status")),
    )
    completion = forms.ChoiceField(
        label=_("Completion (optional)"),
        choices=[("", _("Not assessed")), *Completion.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Assessment"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("You can use Markdown."),
        error_messages=required(_("Enter the assessment")),
    )
    period_start = GovukDateField(
        label=_("Period from"), error_messages=required(_("Enter the start of the period"))
    )
    period_end = GovukDateField(
        label=_("Period to"), error_messages=required(_("Enter the end of the period"))
    )
    contests = forms.ModelChoiceField(
        label=_("Contests the update (optional)"),
        queryset=ProgressUpdate.objects.none(),
        required=False,
        empty_label=_("None"),
        help_text=_(
            "If you dispute the status government reported, choose its update and give "
            "at least one evidence link."
        ),
    )

    def __init__(
        self, *args: Any, commitment: Commitment, kind: str, user: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        organisation = choice_field(self, "organisation")
        organisation.queryset = assessing_organisations(commitment, kind, user)
        only = list(organisation.queryset.values_list("pk", flat=True)[:2])
        if len(only) == 1:
            organisation.initial = only[0]
        if kind == AssessmentKind.CIVIL_SOCIETY:
            choice_field(self, "contests").queryset = commitment.updates.all()
        else:
            del self.fields["contests"]  # only civil society contests what government reported
        self.add_evidence_fields()

    def service_kwargs(self) -> dict[str, Any]:
        return {**super().service_kwargs(), "kind": self.kind}


def assessing_organisations(commitment: Commitment, kind: str, user: Any) -> QuerySet[Organisation]:
    """Civil society speaks for the organisations its grants are scoped to; government for the
    commitment's lead organisations (or any governmental body when it has none)."""
    if kind == AssessmentKind.CIVIL_SOCIETY:
        return Organisation.objects.filter(pk__in=civil_society_organisation_ids(user))
    leads = Organisation.objects.filter(led_commitments=commitment)
    if leads.exists():
        return leads
    return Organisation.objects.filter(kind__in=OrganisationKind.governmental())
