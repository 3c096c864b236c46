"""The forms of consultations. Each form's `service_kwargs()` is what its one service takes; the
service decides every business rule, the form only checks what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.action_plans.models import ActionPlan
from opengov.core.errors import DomainError
from opengov.core.forms import GovukDateField, VersionField
from opengov.core.manage_forms import ManageForm, choice_field, required
from opengov.core.submissions import SubmissionTokenField
from opengov.organisations.models import Organisation

from .models import Consultation

MARKDOWN_HINT = _(
    "You can use Markdown. Leave a blank line between paragraphs: people comment on each "
    "paragraph, heading or list."
)


class ConsultationsForm(ManageForm):
    """Maps a service's field names to the form's (`closes_at` is typed as a date and a time)."""

    error_fields: dict[str, str] = {"closes_at": "closes_on"}

    def add_domain_error(self, error: Any) -> None:
        field = getattr(error, "field", None) or ""
        mapped = self.error_fields.get(field, field) or None
        if mapped is not None and mapped not in self.fields:
            mapped = None
        super().add_domain_error(DomainError(error.message, mapped))


class ConsultationForm(ConsultationsForm):
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages=required(_("Enter the title"))
    )
    summary = forms.CharField(
        label=_("Summary (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the document is and what you want to hear about. You can use Markdown."),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose an organisation"),
        help_text=_("The organisation whose people answer the comments."),
        error_messages=required(_("Choose the organisation that owns the consultation")),
    )
    plan = forms.ModelChoiceField(
        label=_("Action plan (optional)"),
        queryset=ActionPlan.objects.none(),
        required=False,
        empty_label=_("Not about an action plan"),
    )
    closes_on = GovukDateField(
        label=_("Comments close on"),
        help_text=_("For example, 30 11 2016"),
        error_messages=required(_("Enter the date comments close")),
    )
    closes_time = forms.TimeField(
        label=_("Comments close at"),
        input_formats=["%H:%M", "%H.%M"],
        initial=dt.time(23, 59),
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        help_text=_("For example, 17:00 or 23:59"),
        error_messages={
            "required": _("Enter the time comments close"),
            "invalid": _("Enter a time, like 17:00 or 23:59"),
        },
    )
    text = forms.CharField(
        label=_("The document"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=MARKDOWN_HINT,
        error_messages=required(_("Enter the text of the document")),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "plan").queryset = ActionPlan.objects.visible_to(user).select_related(
            "member"
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        day, time = data.pop("closes_on"), data.pop("closes_time")
        data["closes_at"] = timezone.make_aware(dt.datetime.combine(day, time))
        return data


class ConsultationEditForm(ConsultationForm):
    """Editing: the document's text only while a draft (the view removes it afterwards)."""

    version = VersionField()

    def __init__(self, *args: Any, consultation: Consultation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if consultation.is_published:
            del self.fields["text"]

    @staticmethod
    def initial_for(consultation: Consultation) -> dict[str, Any]:
        closes = timezone.localtime(consultation.closes_at)
        first = consultation.versions.order_by("number").first()
        return {
            "title": consultation.title,
            "summary": consultation.summary,
            "owner_organisation": consultation.owner_organisation_id,
            "plan": consultation.plan_id,
            "closes_on": closes.date(),
            "closes_time": closes.time().replace(second=0, microsecond=0),
            "text": first.text if first else "",
            "version": consultation.version,
        }


class ConfirmForm(ConsultationsForm):
    """Nothing to type but the version the page was shown at."""

    version = VersionField(required=False)


class VersionForm(ConsultationsForm):
    text = forms.CharField(
        label=_("The revised document"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=MARKDOWN_HINT,
        error_messages=required(_("Enter the text of the revised document")),
    )
    change_note = forms.CharField(
        label=_("What changed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A summary for readers, for example which comments the revision takes up."),
        error_messages=required(_("Say what changed in this version")),
    )
    version = VersionField(required=False)


class ConcludeForm(ConsultationsForm):
    conclusion = forms.CharField(
        label=_("What comes of the consultation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published on the consultation. You can use Markdown."),
        error_messages=required(_("Say what comes of the consultation")),
    )
    version = VersionField(required=False)


class CommentForm(ConsultationsForm):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Your comment is published with your name."),
        error_messages=required(_("Enter your comment")),
    )
    submission_token = SubmissionTokenField()


class ReplyForm(ConsultationsForm):
    text = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Your reply is published with your name, under the comment."),
        error_messages=required(_("Enter your reply")),
    )
    submission_token = SubmissionTokenField()


class AnswerForm(ConsultationsForm):
    text = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        help_text=_("Published under the comment, for the owner organisation."),
        error_messages=required(_("Enter the answer")),
    )
    submission_token = SubmissionTokenField()


class ReportForm(ConsultationsForm):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10_000,
        help_text=_("Only the moderators see your report."),
        error_messages=required(_("Say what is wrong with this comment")),
    )


class HideForm(ConsultationsForm):
    reason = forms.CharField(
        label=_("Public reason for hiding it"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the comment's place, for example: it named a private person."),
        error_messages=required(_("Give the public reason for hiding the comment")),
    )
