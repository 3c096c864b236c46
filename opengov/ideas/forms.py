"""The forms of ideas' pages. Each form's `service_kwargs()` is what its one service takes; the
service decides every business rule, the form only checks what was typed."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import ActionPlan, PolicyArea
from opengov.core.errors import DomainError
from opengov.core.forms import GovukDateField, VersionField
from opengov.core.manage_forms import ManageForm, choice_field, required
from opengov.core.submissions import SubmissionTokenField
from opengov.organisations.models import Organisation

from .choices import OPEN_STAGES, Decision, IdeaStatus, RefusalReason, SustainableDevelopmentGoal
from .models import CallForIdeas, Comment, Idea, ResponseTemplate

CRITERION_LINE = re.compile(r"^(?P<name>.*?)(?:\s*[:|]\s*(?P<max>\d+))?\s*$")


def parse_criteria(text: str) -> list[tuple[str, int]]:
    """ "Public demand: 5" per line ("Value" alone scores 0 to 5)."""
    criteria = []
    for line in text.splitlines():
        match = CRITERION_LINE.match(line.strip())
        if match and match.group("name").strip():
            criteria.append((match.group("name").strip(), int(match.group("max") or 5)))
    return criteria


class IdeasForm(ManageForm):
    error_fields: dict[str, str] = {}

    def add_domain_error(self, error: Any) -> None:
        field = getattr(error, "field", None) or ""
        mapped = self.error_fields.get(field, field) or None
        super().add_domain_error(DomainError(error.message, mapped))


# Calls ----------------------------------------------------------------------------------------


class CallForm(IdeasForm):
    plan = forms.ModelChoiceField(
        label=_("The plan it feeds"),
        queryset=ActionPlan.objects.none(),
        empty_label=_("Choose a plan being drafted"),
        error_messages=required(_("Choose the plan the call feeds")),
    )
    title = forms.CharField(
        label=_("Title"), max_length=300, error_messages=required(_("Enter the call's title"))
    )
    description = forms.CharField(
        label=_("What the call asks for (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use Markdown."),
    )
    opens_on = GovukDateField(
        label=_("Opens on"),
        help_text=_("For example, 1 12 2026"),
        error_messages=required(_("Enter the date the call opens")),
    )
    closes_on = GovukDateField(
        label=_("Closes on"),
        help_text=_("Ideas can be sent until the end of this day."),
        error_messages=required(_("Enter the date the call closes")),
    )
    policy_areas = forms.ModelMultipleChoiceField(
        label=_("Policy areas offered (optional)"),
        queryset=PolicyArea.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ideas are sent in one of these areas; none chosen means any subject."),
    )
    answer_within_days = forms.IntegerField(
        label=_("Days to answer an idea"),
        min_value=1,
        max_value=365,
        initial=60,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        help_text=_("Each idea should have its reasoned response within this many days."),
        error_messages=required(_("Enter the number of days to answer an idea")),
    )
    criteria = forms.CharField(
        label=_("Scoring criteria"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="Public demand: 5\nGovernment support: 5\nValue: 5",
        help_text=_("One per line, with its highest score after a colon, for example “Value: 5”."),
        error_messages=required(_("Give at least one criterion to score ideas on")),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "plan" in self.fields:
            plans = ActionPlan.objects.visible_to(user).filter(status=PlanStatus.DRAFTING)
            choice_field(self, "plan").queryset = plans.select_related("member")

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        data["criteria"] = parse_criteria(data["criteria"])
        return data


class CallEditForm(CallForm):
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["plan"]

    @staticmethod
    def initial_for(call: CallForIdeas) -> dict[str, Any]:
        names = ["title", "description", "opens_on", "closes_on", "answer_within_days", "version"]
        return {
            **{name: getattr(call, name) for name in names},
            "policy_areas": list(call.policy_areas.all()),
            "criteria": "\n".join(f"{c.name}: {c.max_score}" for c in call.criteria.all()),
        }


class ConfirmForm(IdeasForm):
    """Nothing to type: the page confirms, and shows the service's refusal if there is one."""


# Ideas ----------------------------------------------------------------------------------------


def organisations_of(user: Any) -> QuerySet[Organisation]:
    """The organisations a user may send an idea on behalf of (opengov.ideas.services.ideas)."""
    granted = {g.organisation_id for g in user.role_grants() if g.organisation_id}
    return Organisation.objects.filter(pk__in=granted).order_by(
        "name"
    ) | Organisation.objects.filter(
        memberships__person__user=user, memberships__end_on__isnull=True
    ).order_by("name")


class IdeaForm(IdeasForm):
    title = forms.CharField(
        label=_("Title of your idea"),
        max_length=300,
        error_messages=required(_("Enter a title for your idea")),
    )
    text = forms.CharField(
        label=_("Your idea"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What should government commit to, and why? You can use Markdown."),
        error_messages=required(_("Describe your idea")),
    )
    policy_area = forms.ModelChoiceField(
        label=_("Policy area"),
        queryset=PolicyArea.objects.none(),
        widget=forms.RadioSelect,
        required=False,
    )
    goals = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals (optional)"),
        choices=SustainableDevelopmentGoal.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, call: CallForIdeas, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = call.policy_areas.order_by("name")
        if areas.exists():
            choice_field(self, "policy_area").queryset = areas
            self.fields["policy_area"].required = True
            self.fields["policy_area"].error_messages["required"] = _(
                "Choose the policy area of your idea"
            )
        else:
            del self.fields["policy_area"]
        organisations = organisations_of(user).distinct()
        if organisations.exists():
            choice_field(self, "organisation").queryset = organisations
        else:
            del self.fields["organisation"]


class CommentForm(IdeasForm):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages=required(_("Enter your comment")),
    )
    parent = forms.ModelChoiceField(
        queryset=Comment.objects.none(), required=False, widget=forms.HiddenInput
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "parent").queryset = idea.comments.filter(parent__isnull=True)


class ReportForm(IdeasForm):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages=required(_("Say what is wrong with the comment")),
    )


class HideForm(IdeasForm):
    reason = forms.CharField(
        label=_("Why is it hidden?"),
        max_length=500,
        help_text=_("Everyone will see this reason in place of the comment."),
        error_messages=required(_("Give the reason the comment is hidden")),
    )


class ModerateForm(IdeasForm):
    status = forms.ChoiceField(
        label=_("Stage"),
        choices=[(s.value, s.label) for s in OPEN_STAGES],
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the idea's stage")),
    )
    version = VersionField()


class RefuseForm(IdeasForm):
    reason = forms.ChoiceField(
        label=_("Why is it not published?"),
        choices=RefusalReason.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose why the idea is not published")),
    )
    explanation = forms.CharField(
        label=_("Explanation for its author"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "E-mailed to the person who sent it and shown to them on the idea's page. The idea "
            "and this explanation are never published; the call's reports count the reason only."
        ),
        error_messages=required(_("Explain to its author why the idea is not published")),
    )
    version = VersionField()


# Answers --------------------------------------------------------------------------------------


def responding_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.order_by("name")


class AnswerForm(IdeasForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the decision")),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Published with the decision: explain why the idea was or was not taken up."),
        error_messages=required(_("Give the reason for the decision")),
    )
    organisation = forms.ModelChoiceField(
        label=_("Responding organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not named"),
        help_text=_("An accepted idea becomes a draft commitment led by this organisation."),
    )
    merged_into = forms.ModelChoiceField(
        label=_("Merged into (for a merged idea)"),
        queryset=Idea.objects.none(),
        required=False,
        empty_label=_("Not merged"),
    )
    version = VersionField()

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "organisation").queryset = responding_organisations()
        targets = (
            Idea.objects.public()
            .filter(call_id=idea.call_id)
            .exclude(pk=idea.pk)
            .exclude(status=IdeaStatus.MERGED)
            .order_by("title")
        )
        choice_field(self, "merged_into").queryset = targets


class TemplateForm(IdeasForm):
    name = forms.CharField(
        label=_("Name of the template"),
        max_length=200,
        error_messages=required(_("Name the template")),
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(d.value, d.label) for d in (Decision.ACCEPTED, Decision.NOT_TAKEN_FORWARD)],
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the decision")),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages=required(_("Give the reason the template answers with")),
    )


class TemplateAnswerForm(IdeasForm):
    template = forms.ModelChoiceField(
        label=_("Answer with"),
        queryset=ResponseTemplate.objects.none(),
        widget=forms.RadioSelect,
        error_messages=required(_("Choose a response template")),
    )
    ideas = forms.ModelMultipleChoiceField(
        label=_("Ideas to answer"),
        queryset=Idea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages=required(_("Choose at least one idea to answer")),
    )
    organisation = forms.ModelChoiceField(
        label=_("Responding organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not named"),
    )

    def __init__(self, *args: Any, call: CallForIdeas, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "template").queryset = call.response_templates.all()
        waiting = (
            Idea.objects.public()
            .filter(call=call, status__in=OPEN_STAGES)
            .order_by("-combined_supports_count", "pk")
        )
        choice_field(self, "ideas").queryset = waiting
        choice_field(self, "organisation").queryset = responding_organisations()


# Scores ---------------------------------------------------------------------------------------


class ScoreForm(IdeasForm):
    def __init__(self, *args: Any, idea: Idea, current: dict[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = list(idea.call.criteria.all())
        for criterion in self.criteria:
            self.add_field(
                f"criterion_{criterion.pk}",
                forms.IntegerField(
                    label=_("%(name)s (0 to %(max)d)")
                    % {"name": criterion.name, "max": criterion.max_score},
                    min_value=0,
                    max_value=criterion.max_score,
                    initial=current.get(criterion.pk),
                    widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
                    error_messages=required(
                        _("Score the idea on %(name)s") % {"name": criterion.name}
                    ),
                ),
            )

    def service_kwargs(self) -> dict[str, Any]:
        return {"scores": {c.pk: self.cleaned_data[f"criterion_{c.pk}"] for c in self.criteria}}
