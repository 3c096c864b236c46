"""The forms of the managing pages of posts, tenures and projects. Each form's `service_kwargs()`
is what its one service takes; the services decide every business rule (the overlap of tenures
among them), the forms only check what was typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukDateField, VersionField
from opengov.core.manage_forms import MAX_CHECKBOXES, MULTIPLE_HINT, ManageForm, required
from opengov.core.submissions import SubmissionTokenField

from .models import Appointment, Organisation, Person, Post, Project, ProjectStatus, Tenure

DATE_HINT = _("For example, 14 7 2016")


class WebAddressField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": _("Enter a web address starting with http:// or https://")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(assume_scheme="https", max_length=500, required=False, **kwargs)


def _organisations() -> Any:
    return Organisation.objects.order_by("name")


class PostForm(ManageForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        help_text=_('For example, "Minister for the Cabinet Office".'),
        error_messages=required(_("Enter the post's title")),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation (optional)"),
        queryset=_organisations(),
        required=False,
        empty_label=_("Not part of an organisation"),
    )
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    is_single_holder = forms.BooleanField(
        label=_("Held by one person at a time"),
        required=False,
        initial=True,
        help_text=_("The tenures of such a post may not overlap."),
    )


class PostEditForm(PostForm):
    version = VersionField()

    @staticmethod
    def initial_for(post: Post) -> dict[str, Any]:
        return {
            "title": post.title,
            "organisation": post.organisation_id,
            "description": post.description,
            "is_single_holder": post.is_single_holder,
            "version": post.version,
        }


class TenureFields(ManageForm):
    end_on = GovukDateField(
        label=_("To (optional)"),
        help_text=_("The last day they held the post. Leave empty while they hold it."),
        required=False,
    )
    appointment = forms.ChoiceField(
        label=_("How they came to hold it"),
        choices=Appointment.choices,
        initial=Appointment.APPOINTED,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose how they came to hold the post")),
    )
    source_url = WebAddressField(
        label=_("Source (optional)"),
        help_text=_("A public record of the appointment, such as a GOV.UK announcement."),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class TenureForm(TenureFields):
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.exclude(name="").order_by("name"),
        empty_label=_("Choose a person"),
        error_messages=required(_("Choose the person")),
    )
    start_on = GovukDateField(
        label=_("From"),
        help_text=DATE_HINT,
        error_messages=required(_("Enter the date they started to hold the post")),
    )
    end_previous = forms.BooleanField(
        label=_("End the previous holder's tenure the day before"),
        required=False,
        help_text=_("For a transition: whoever held the post until now stops holding it."),
    )
    submission_token = SubmissionTokenField()
    field_order = ["person", "start_on", "end_on", "appointment", "end_previous"]


class TenureCorrectForm(TenureFields):
    start_on = GovukDateField(
        label=_("From"),
        help_text=DATE_HINT,
        error_messages=required(_("Enter the date they started to hold the post")),
    )
    version = VersionField()
    field_order = ["start_on", "end_on", "appointment", "source_url", "note"]

    @staticmethod
    def initial_for(tenure: Tenure) -> dict[str, Any]:
        names = ["start_on", "end_on", "appointment", "source_url", "note", "version"]
        return {name: getattr(tenure, name) for name in names}


class TenureEndForm(ManageForm):
    end_on = GovukDateField(
        label=_("Last day in the post"),
        help_text=DATE_HINT,
        error_messages=required(_("Enter the last day they held the post")),
    )
    version = VersionField()


PROJECT_FIELD_ORDER = [
    "title",
    "funder",
    "funder_name",
    "purpose",
    "partners",
    "start_on",
    "end_on",
]


class ProjectForm(ManageForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages=required(_("Enter the project's title"))
    )
    funder = forms.ModelChoiceField(
        label=_("Funder (optional)"),
        queryset=_organisations(),
        required=False,
        empty_label=_("Not in the directory, or not recorded"),
    )
    funder_name = forms.CharField(
        label=_("Funder's name, if not in the directory (optional)"),
        max_length=300,
        required=False,
    )
    purpose = forms.CharField(
        label=_("Purpose (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    start_on = GovukDateField(label=_("From (optional)"), help_text=DATE_HINT, required=False)
    end_on = GovukDateField(label=_("To (optional)"), help_text=DATE_HINT, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ProjectStatus.choices,
        initial=ProjectStatus.PLANNED,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the project's status")),
    )
    url = WebAddressField(label=_("Link (optional)"))
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = _organisations()
        few = organisations.count() < MAX_CHECKBOXES
        field = forms.ModelMultipleChoiceField(
            label=_("Partner organisations (optional)"),
            queryset=organisations,
            required=False,
            widget=forms.CheckboxSelectMultiple if few else forms.SelectMultiple({"size": 12}),
            help_text="" if few else MULTIPLE_HINT,
        )
        self.add_field("partners", field)
        self.order_fields(PROJECT_FIELD_ORDER)


class ProjectEditForm(ProjectForm):
    version = VersionField()
    submission_token = None  # type: ignore[assignment]

    @staticmethod
    def initial_for(project: Project) -> dict[str, Any]:
        names = ["title", "funder_name", "purpose", "start_on", "end_on", "status", "url"]
        return {
            **{name: getattr(project, name) for name in names},
            "funder": project.funder_id,
            "partners": [o.pk for o in project.partners.all()],
            "version": project.version,
        }
