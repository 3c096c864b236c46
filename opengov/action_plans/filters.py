"""The filter form of a plan's commitments table: only known values are accepted, and each
maps to a fixed queryset condition (never raw ordering or field names from input)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukFormMixin
from opengov.organisations.models import Organisation

from .choices import ProgressStatus
from .models import Commitment, PolicyArea
from .querysets import CommitmentQuerySet

MEMBER_WIDE = "member-wide"


class CommitmentFilterForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    lead = forms.ChoiceField(label=_("Lead organisation"), required=False)
    government = forms.ChoiceField(label=_("Government"), required=False)
    policy_area = forms.ChoiceField(label=_("Policy area"), required=False)

    def __init__(self, *args: object, plan_commitments: QuerySet[Commitment], **kwargs: object):
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("All"))]
        choice = self.choice_field
        choice("status").choices = everything + list(ProgressStatus.choices)
        leads = Organisation.objects.filter(led_commitments__in=plan_commitments).distinct()
        choice("lead").choices = everything + [(o.slug, o.name) for o in leads]
        governments = Organisation.objects.filter(own_commitments__in=plan_commitments).distinct()
        choice("government").choices = (
            everything + [(MEMBER_WIDE, _("Member-wide"))] + [(o.slug, o.name) for o in governments]
        )
        areas = PolicyArea.objects.filter(commitments__in=plan_commitments).distinct()
        choice("policy_area").choices = everything + [(a.slug, a.name) for a in areas]

    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def apply(self, commitments: CommitmentQuerySet) -> CommitmentQuerySet:
        """The commitments matching the valid filters; invalid values are ignored."""
        if not self.is_valid():
            return commitments
        data = self.cleaned_data
        if data.get("status"):
            commitments = commitments.filter(status=data["status"])
        if data.get("lead"):
            commitments = commitments.filter(lead_organisations__slug=data["lead"])
        if data.get("government") == MEMBER_WIDE:
            commitments = commitments.filter(government__isnull=True)
        elif data.get("government"):
            commitments = commitments.filter(government__slug=data["government"])
        if data.get("policy_area"):
            commitments = commitments.filter(policy_areas__slug=data["policy_area"])
        return commitments.distinct()
