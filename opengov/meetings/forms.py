"""The forms of the meetings' managing pages. Each form's `service_kwargs()` is what its one
service takes; the service decides every business rule, the form only checks what was typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import ActionPlan, Commitment
from opengov.core.errors import DomainError
from opengov.core.forms import GovukDateField, VersionField
from opengov.core.manage_forms import (
    MAX_CHECKBOXES,
    MULTIPLE_HINT,
    ManageForm,
    choice_field,
    required,
)
from opengov.core.submissions import SubmissionTokenField
from opengov.core.templatetags.govuk import govuk_date
from opengov.organisations.models import Organisation, Person

from .choices import ActionStatus, AttendanceRole, MeetingStatus
from .models import ActionItem, Meeting, MeetingSeries, MinutesSection

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I.%M%p", "%I%p"]


class MeetingsForm(ManageForm):
    """A service names the field at fault as the model does (`starts_at`); `error_fields` maps
    such names to the form's own fields, so the message shows next to what the user typed."""

    error_fields: dict[str, str] = {}

    def add_domain_error(self, error: Any) -> None:
        field = getattr(error, "field", None) or ""
        mapped = self.error_fields.get(field, field) or None
        super().add_domain_error(DomainError(error.message, mapped))


class WebAddressField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]
    default_error_messages = {"invalid": _("Enter a web address starting with http:// or https://")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(assume_scheme="https", max_length=500, required=False, **kwargs)


def time_field(label: Any, required_message: Any = None, **kwargs: Any) -> forms.TimeField:
    messages = {"invalid": _("Enter a time, like 10:00 or 14:30")}
    if required_message:
        messages["required"] = required_message
    return forms.TimeField(
        label=label,
        input_formats=TIME_FORMATS,
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages=messages,
        **kwargs,
    )


def organisation_choice(label: Any, empty_label: Any) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=empty_label,
    )


def person_choice(label: Any, **kwargs: Any) -> forms.ModelChoiceField:
    """People by name; a former participant (their account deleted, their name erased) is kept
    for what they did but chosen for nothing new."""
    people = Person.objects.exclude(name="").order_by("name")
    return forms.ModelChoiceField(label=label, queryset=people, **kwargs)


# Meetings -------------------------------------------------------------------------------------


class MeetingForm(MeetingsForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages=required(_("Enter the meeting's title"))
    )
    series = forms.ModelChoiceField(
        label=_("Series (optional)"),
        queryset=MeetingSeries.objects.order_by("name"),
        required=False,
        empty_label=_("Not part of a series"),
        help_text=_("A new meeting of a series starts with an agenda of the series' open actions."),
    )
    starts_on = GovukDateField(
        label=_("Date"),
        help_text=_("For example, 10 11 2016"),
        error_messages=required(_("Enter the date of the meeting")),
    )
    starts_time = time_field(
        _("Start time"),
        _("Enter the time the meeting starts"),
        help_text=_("For example, 10:00 or 14:30"),
    )
    ends_time = time_field(_("End time (optional)"), required=False)
    place = forms.CharField(label=_("Place (optional)"), max_length=300, required=False)
    online_url = WebAddressField(label=_("Online meeting link (optional)"))
    organiser = organisation_choice(_("Organiser (optional)"), _("None"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=MeetingStatus.choices,
        initial=MeetingStatus.PLANNED,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the meeting's status")),
    )
    summary = forms.CharField(
        label=_("Summary (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("You can use Markdown."),
    )
    source_url = WebAddressField(label=_("Link to the published note (optional)"))
    is_public = forms.BooleanField(
        label=_("The meeting is public"),
        required=False,
        initial=True,
        help_text=_("A meeting that is not public is seen only by the secretariat."),
    )

    error_fields = {"starts_at": "starts_time", "ends_at": "ends_time"}

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        day, starts, ends = data.pop("starts_on"), data.pop("starts_time"), data.pop("ends_time")
        data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, starts))
        data["ends_at"] = timezone.make_aware(dt.datetime.combine(day, ends)) if ends else None
        return data


class MeetingEditForm(MeetingForm):
    version = VersionField()

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        starts = timezone.localtime(meeting.starts_at)
        ends = timezone.localtime(meeting.ends_at) if meeting.ends_at else None
        names = ["title", "place", "online_url", "status", "summary", "source_url", "is_public"]
        return {
            **{name: getattr(meeting, name) for name in names},
            "series": meeting.series_id,
            "organiser": meeting.organiser_id,
            "starts_on": starts.date(),
            "starts_time": starts.time(),
            "ends_time": ends.time() if ends else None,
            "version": meeting.version,
        }


class PublishMinutesForm(MeetingsForm):
    """Nothing to type: the page confirms, and shows the service's refusal if there is one."""


# Attendance -----------------------------------------------------------------------------------


class AttendanceForm(MeetingsForm):
    person = person_choice(
        _("Person"),
        empty_label=_("Choose a person"),
        error_messages=required(_("Choose the person")),
    )
    organisation = organisation_choice(
        _("Organisation (optional)"), _("Not on behalf of an organisation")
    )
    role = forms.ChoiceField(
        label=_("Role at the meeting"),
        choices=AttendanceRole.choices,
        initial=AttendanceRole.ATTENDEE,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the person's role at the meeting")),
    )
    sent_apologies = forms.BooleanField(
        label=_("Sent apologies (did not attend)"),
        required=False,
        help_text=_("Recording the same person again updates their attendance."),
    )


# Minutes and decisions ------------------------------------------------------------------------


def current_commitments(user: Any, keep: Iterable[int] = ()) -> QuerySet[Commitment]:
    """The commitments of the plans being implemented (else of the newest plan) that the user can
    see, and those a section already links to."""
    plans = ActionPlan.objects.visible_to(user)
    current = list(plans.filter(status=PlanStatus.IMPLEMENTING).values_list("pk", flat=True))
    if not current:
        current = list(plans.order_by("-starts_on", "-pk").values_list("pk", flat=True)[:1])
    return (
        Commitment.objects.visible_to(user)
        .filter(Q(plan__in=current) | Q(pk__in=list(keep)))
        .order_by("plan", "position", "pk")
    )


class MinutesSectionForm(MeetingsForm):
    heading = forms.CharField(label=_("Heading"), max_length=300, required=False)
    text = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("What was said. You can use Markdown."),
    )

    def __init__(self, *args: Any, user: Any, section: MinutesSection | None = None, **kw: Any):
        super().__init__(*args, **kw)
        linked = list(section.commitments.values_list("pk", flat=True)) if section else []
        commitments = current_commitments(user, keep=linked)
        few = commitments.count() < MAX_CHECKBOXES
        field = forms.ModelMultipleChoiceField(
            label=_("Commitments discussed (optional)"),
            queryset=commitments,
            required=False,
            widget=forms.CheckboxSelectMultiple if few else forms.SelectMultiple({"size": 12}),
            help_text="" if few else MULTIPLE_HINT,
        )
        self.add_field("commitments", field)
        if section is not None and not self.is_bound:
            self.initial = {"heading": section.heading, "text": section.text, "commitments": linked}


class DecisionForm(MeetingsForm):
    text = forms.CharField(
        label=_("Decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=required(_("Enter the decision")),
    )
    section = forms.ModelChoiceField(
        label=_("Section of the minutes (optional)"),
        queryset=MinutesSection.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "section").queryset = meeting.sections.all()


# Action items ---------------------------------------------------------------------------------


class ActionItemForm(MeetingsForm):
    text = forms.CharField(
        label=_("Action"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required(_("Enter the action")),
    )
    owner_organisation = organisation_choice(_("Owner organisation (optional)"), _("None"))
    owner_person = person_choice(
        _("Owner (person, optional)"), required=False, empty_label=_("None")
    )
    owner_text = forms.CharField(
        label=_("Owner, as written (optional)"),
        max_length=200,
        required=False,
        help_text=_("The owner as the note names them, for example “OGN”."),
    )
    due_on = GovukDateField(
        label=_("Due date (optional)"), required=False, help_text=_("For example, 28 11 2016")
    )
    due_phrase = forms.CharField(
        label=_("Due, as written (optional)"),
        max_length=200,
        required=False,
        help_text=_("When there is no date, the words used, for example “in the New Year”."),
    )
    commitment = forms.ModelChoiceField(
        label=_("Commitment (optional)"),
        queryset=Commitment.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "commitment").queryset = current_commitments(user)


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({govuk_date(obj.starts_at)})"


class ActionStatusForm(MeetingsForm):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the action's status")),
    )
    done_on = GovukDateField(
        label=_("Date done (optional)"),
        required=False,
        help_text=_("Only for a done action. Leave it empty for today."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say why, if you drop the action."),
    )
    at_meeting = MeetingChoiceField(
        label=_("Reviewed at a meeting (optional)"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Not at a meeting"),
        help_text=_("A later meeting of the series where this was discussed."),
    )
    version = VersionField()
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, item: ActionItem, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": item.status, "version": item.version})
        super().__init__(*args, **kwargs)
        later = Meeting.objects.none()
        if item.meeting.series_id is not None:
            later = Meeting.objects.visible_to(user).filter(
                series_id=item.meeting.series_id, starts_at__gt=item.meeting.starts_at
            )
        choice_field(self, "at_meeting").queryset = later.order_by("starts_at", "pk")


class SeriesForm(MeetingsForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_('For example, "OGN and Cabinet Office".'),
        error_messages=required(_("Enter the series' name")),
    )
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    organiser = forms.ModelChoiceField(
        label=_("Organised by (optional)"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Not recorded"),
    )
