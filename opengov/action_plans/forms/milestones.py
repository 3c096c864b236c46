"""The forms that create and edit milestones, revise a milestone's due date and complete it."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukDateField, VersionField

from .base import ManageForm, required


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
