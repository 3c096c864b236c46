"""The forms that report progress on a commitment and assess it, for government or civil
society, with evidence links."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.accounts.predicates import civil_society_organisation_ids
from opengov.core.forms import GovukDateField
from opengov.core.submissions import SubmissionTokenField
from opengov.meetings.models import Meeting
from opengov.organisations.models import Organisation, OrganisationKind

from ..choices import AssessmentKind, Completion, ProgressStatus
from ..models import Commitment, Milestone, ProgressUpdate
from .base import EvidenceMixin, choice_field, required


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
    meeting = forms.ModelChoiceField(
        label=_("Reported at a meeting (optional)"),
        queryset=Meeting.objects.none(),
        required=False,
        empty_label=_("Not at a meeting"),
        help_text=_("The update then appears in that meeting's record and links to it."),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "milestone").queryset = commitment.milestones.all()
        # Public meetings of the last two years, newest first: where an update is minuted.
        since = timezone.now() - dt.timedelta(days=730)
        choice_field(self, "meeting").queryset = (
            Meeting.objects.public().filter(starts_at__gte=since).order_by("-starts_at")
        )
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
