"""The forms of feedback: the public form (with its honeypot), the filters of the public list and
of the inbox, and the moderators' and answerers' forms. Each form's `service_kwargs()` is what its
one service takes; the service decides every business rule."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opengov.action_plans.models import Commitment
from opengov.core.forms import GovukFormMixin, VersionField
from opengov.core.manage_forms import ManageForm, required
from opengov.core.submissions import SubmissionTokenField
from opengov.organisations.models import Organisation

from .choices import FeedbackStatus, FeedbackSubject, Moderation
from .querysets import FeedbackQuerySet

HONEYPOT = "website"


class CommitmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.plan.member.name} {obj.plan.number}: {obj}"


class FeedbackForm(ManageForm):
    """The public form. `website` is the honeypot: hidden from people (and from screen readers),
    filled in by the robots that fill in every field (see views.public)."""

    subject = forms.ChoiceField(
        label=_("What is your feedback about?"),
        choices=FeedbackSubject.choices,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose what your feedback is about")),
    )
    commitment = CommitmentChoiceField(
        label=_("Which commitment?"),
        queryset=Commitment.objects.none(),
        required=False,
        empty_label=_("Choose a commitment"),
    )
    text = forms.CharField(
        label=_("Your feedback"),
        help_text=_("It will be published, with its answer, once a moderator has read it."),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=required(_("Enter your feedback")),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        help_text=_("Shown with your feedback. Leave it empty to send it anonymously."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        help_text=_(
            "Only to tell you when your feedback is answered. It is never published or shared, "
            "and we delete it once we have sent the answer."
        ),
        required=False,
        error_messages={
            "invalid": _("Enter an e-mail address in the correct format, like name@example.com")
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    website = forms.CharField(
        label=_("Leave this empty"), required=False, max_length=500, widget=forms.TextInput
    )
    submission_token = SubmissionTokenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commitments = Commitment.objects.published().select_related("plan__member")
        field = self.fields["commitment"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = commitments.order_by("-plan__starts_on", "plan_id", "position", "pk")
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def is_spam(self) -> bool:
        return bool((self.data.get(HONEYPOT) or "").strip())

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop(HONEYPOT, None)
        return data


class FeedbackFilterForm(GovukFormMixin, forms.Form):
    """The public list's filters. Unknown values are ignored."""

    subject = forms.ChoiceField(
        label=_("About"), choices=[("", _("Anything")), *FeedbackSubject.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any")), *FeedbackStatus.choices],
        required=False,
    )

    def apply(self, rows: FeedbackQuerySet) -> FeedbackQuerySet:
        if not self.is_valid():
            return rows
        if subject := self.cleaned_data.get("subject"):
            rows = rows.filter(subject=subject)
        if status := self.cleaned_data.get("status"):
            rows = rows.filter(status=status)
        return rows


INBOX_VIEWS: dict[str, tuple[Any, dict[str, str]]] = {
    "": (_("Needs action"), {}),
    "pending": (_("Awaiting moderation"), {"moderation": Moderation.PENDING}),
    "unanswered": (
        _("Awaiting an answer"),
        {"moderation": Moderation.PUBLISHED, "status": FeedbackStatus.RECEIVED},
    ),
    "answered": (_("Answered"), {"status": FeedbackStatus.ANSWERED}),
    "hidden": (_("Hidden"), {"moderation": Moderation.HIDDEN}),
}


class InboxFilterForm(GovukFormMixin, forms.Form):
    show = forms.ChoiceField(
        label=_("Show"),
        choices=[(key, label) for key, (label, _filters) in INBOX_VIEWS.items()],
        required=False,
    )

    def apply(self, rows: FeedbackQuerySet) -> QuerySet[Any]:
        show = self.cleaned_data.get("show", "") if self.is_valid() else ""
        if not show:
            return rows.filter(status=FeedbackStatus.RECEIVED).exclude(moderation=Moderation.HIDDEN)
        return rows.filter(**INBOX_VIEWS[show][1])


class AnswerForm(ManageForm):
    text = forms.CharField(
        label=_("Answer"),
        help_text=_("Published with the feedback. The sender is told by e-mail if they asked."),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages=required(_("Enter the answer")),
    )
    organisation = forms.ModelChoiceField(
        label=_("Answering for"),
        queryset=Organisation.objects.order_by("name"),
        empty_label=_("Choose an organisation"),
        error_messages=required(_("Choose the organisation you answer for")),
    )
    version = VersionField()


class HideForm(ManageForm):
    reason = forms.CharField(
        label=_("Why is it hidden?"),
        help_text=_(
            "Shown publicly in place of the feedback, for example: “It was abusive” or “Spam”."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=required(_("Enter why the feedback is hidden")),
    )
    version = VersionField()


class PublishForm(ManageForm):
    version = VersionField(required=False)
