"""The forms of nomination rounds. Each form's `service_kwargs()` is what its one service takes;
the service decides every business rule, the form only checks what was typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.errors import DomainError
from opengov.core.forms import GovukDateField, VersionField
from opengov.core.manage_forms import ManageForm, required
from opengov.organisations.models import Network, Organisation, Person

from .choices import CountingMethod
from .models import Nomination, NominationRound

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]
MOMENTS = (
    ("nominations_open_at", _("Nominations open")),
    ("nominations_close_at", _("Nominations close")),
    ("voting_opens_at", _("Voting opens")),
    ("voting_closes_at", _("Voting closes")),
)


class NominationsForm(ManageForm):
    """Maps a service's field names to this form's (`voting_opens_at` → its date field)."""

    error_fields: dict[str, str] = {}

    def add_domain_error(self, error: Any) -> None:
        field = getattr(error, "field", None) or ""
        mapped = self.error_fields.get(field, field) or None
        super().add_domain_error(DomainError(error.message, mapped))


def organisation_field(label: Any, organisations: QuerySet[Organisation]) -> forms.ModelChoiceField:
    """The member the user acts for: chosen already when they represent only one."""
    only = list(organisations[:2])
    return forms.ModelChoiceField(
        initial=only[0].pk if len(only) == 1 else None,
        label=label,
        queryset=organisations,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages=required(_("Choose the member you act for")),
    )


class BodyForm(NominationsForm):
    name = forms.CharField(
        label=_("Name"), max_length=200, error_messages=required(_("Enter the body's name"))
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.order_by("name"),
        help_text=_("Its members nominate and elect the body's members."),
        error_messages=required(_("Choose the network")),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class RoundForm(NominationsForm):
    title = forms.CharField(
        label=_("Title"), max_length=200, error_messages=required(_("Enter the round's title"))
    )
    description = forms.CharField(
        label=_("What the round is for"),
        required=False,
        help_text=_("Who may stand, what the seats involve. You can use Markdown."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    seats = forms.IntegerField(
        label=_("General seats"), min_value=0, max_value=50,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages=required(_("Enter how many general seats the round fills")),
    )  # fmt: skip
    constituencies = forms.CharField(
        label=_("Constituencies (optional)"),
        required=False,
        help_text=_(
            "Seats kept for a part of the network, one a line as name and seats, like "
            "“Devolved networks: 1”."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    seconders_required = forms.IntegerField(
        label=_("Seconders each nomination needs"), min_value=0, max_value=20, initial=1,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages=required(_("Enter how many seconders a nomination needs")),
    )  # fmt: skip
    method = forms.ChoiceField(
        label=_("How votes are counted"),
        choices=CountingMethod.choices,
        initial=CountingMethod.PLURALITY,
        widget=forms.RadioSelect,
    )
    error_fields = {name: f"{name}_on" for name, _label in MOMENTS}

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in MOMENTS:
            self.add_field(f"{name}_on", GovukDateField(label=label))
            self.add_field(
                f"{name}_time",
                forms.TimeField(
                    label=_("Time"), input_formats=TIME_FORMATS, initial=dt.time(12),
                    help_text=_("Like 09:00 or 17:30"),
                    widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
                    error_messages={"invalid": _("Enter a time, like 09:00 or 17:30"),
                                    "required": _("Enter a time")},
                ),
            )  # fmt: skip
        self.add_field("term_starts_on", GovukDateField(label=_("The term starts on")))
        self.add_field(
            "term_ends_on", GovukDateField(label=_("The term ends on (optional)"), required=False)
        )
        if editing:
            del self.fields["constituencies"]
            self.add_field("version", VersionField())

    def clean_constituencies(self) -> list[tuple[str, int]]:
        entries = []
        for line in (self.cleaned_data.get("constituencies") or "").splitlines():
            if not line.strip():
                continue
            name, sep, seats = line.rpartition(":")
            if not sep or not seats.strip().isdigit():
                raise forms.ValidationError(
                    _("Write each constituency as its name, a colon and its seats, like “Wales: 1”")
                )
            entries.append((name.strip(), int(seats)))
        return entries

    def service_kwargs(self) -> dict[str, Any]:
        data = super().service_kwargs()
        for name, _label in MOMENTS:
            day, time = data.pop(f"{name}_on"), data.pop(f"{name}_time")
            data[name] = timezone.make_aware(dt.datetime.combine(day, time))
        return data

    @classmethod
    def initial_for(cls, round_: NominationRound) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(round_, name)
            for name in ("title", "description", "seats", "seconders_required", "method",
                         "term_starts_on", "term_ends_on", "version")
        }  # fmt: skip
        for name, _label in MOMENTS:
            local = timezone.localtime(getattr(round_, name))
            initial[f"{name}_on"], initial[f"{name}_time"] = local.date(), local.time()
        return initial


class ConfirmForm(NominationsForm):
    """A step with nothing to type (open a round, publish its results)."""


class NominateForm(NominationsForm):
    statement = forms.CharField(
        label=_("Why you nominate them"),
        required=False,
        help_text=_("Shown on the round's page. You can use Markdown."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    error_fields = {"nominee": "nominee"}

    def __init__(self, *args: Any, round: NominationRound, members: QuerySet[Organisation],
                 **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.add_field("organisation", organisation_field(_("Nominating member"), members))
        self.add_field(
            "nominee",
            forms.ModelChoiceField(
                label=_("Nominee"),
                queryset=Person.objects.filter(user__isnull=False)
                .exclude(name="")
                .order_by("name"),
                help_text=_("Only people with an account here can be nominated: they accept it."),
                error_messages=required(_("Choose the person you nominate")),
            ),
        )
        self.add_field(
            "nominee_organisation",
            forms.ModelChoiceField(
                label=_("The nominee's organisation (optional)"),
                queryset=Organisation.objects.order_by("name"),
                required=False,
            ),
        )
        contests = round.constituencies.all()
        if contests:
            self.add_field(
                "constituency",
                forms.ModelChoiceField(
                    label=_("Seat"), queryset=contests, required=not round.seats,
                    empty_label=_("General seats") if round.seats else None,
                    widget=forms.RadioSelect,
                ),
            )  # fmt: skip
        self.order_fields(
            ["organisation", "nominee", "nominee_organisation", "constituency", "statement"]
        )


class SecondForm(NominationsForm):
    def __init__(self, *args: Any, members: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_field("organisation", organisation_field(_("Seconding member"), members))


class AnswerForm(NominationsForm):
    accept = forms.TypedChoiceField(
        label=_("Do you accept the nomination?"),
        choices=[("yes", _("Yes, I accept and will stand")), ("no", _("No, I decline"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages=required(_("Choose whether you accept")),
    )


class VoteForm(NominationsForm):
    """One question per contest: checkboxes up to its seats (plurality), or a preference number
    for each candidate (STV: 1 for the first choice, 2 for the next…), without JavaScript."""

    def __init__(self, *args: Any, round: NominationRound, members: QuerySet[Organisation],
                 standing: list[Nomination], **kwargs: Any) -> None:  # fmt: skip
        super().__init__(*args, **kwargs)
        self.round = round
        self.add_field("organisation", organisation_field(_("You vote for"), members))
        self.contests: list[tuple[str, Any, list[Nomination]]] = []
        for contest in round.contests():
            key = contest.pk if contest else None
            candidates = [n for n in standing if n.constituency_id == key]
            seats = contest.seats if contest else round.seats
            label = contest.name if contest else _("General seats")
            name = f"contest_{key or 'general'}"
            self.contests.append((name, key, candidates))
            if round.is_stv:
                ranks = [("", "–")] + [(str(i), str(i)) for i in range(1, len(candidates) + 1)]
                for n in candidates:
                    self.add_field(f"{name}_{n.pk}", self._rank_field(label, n, ranks))
            else:
                self.add_field(
                    name,
                    forms.TypedMultipleChoiceField(
                        label=_("%(contest)s: choose up to %(seats)d")
                        % {"contest": label, "seats": seats},
                        choices=[(str(n.pk), n.nominee.display_name) for n in candidates],
                        coerce=int,
                        required=False,
                        widget=forms.CheckboxSelectMultiple,
                    ),
                )

    def _rank_field(self, contest: Any, nomination: Nomination, ranks: list[Any]) -> forms.Field:
        name = nomination.nominee.display_name
        label = (
            _("%(contest)s, %(name)s: your preference") % {"contest": contest, "name": name}
            if self.round.constituencies.exists()
            else _("%(name)s: your preference") % {"name": name}
        )
        return forms.TypedChoiceField(
            label=label, choices=ranks, coerce=int, required=False, empty_value=None
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        choices: dict[int | None, list[int]] = {}
        for name, key, candidates in self.contests:
            if not self.round.is_stv:
                choices[key] = list(data.get(name) or [])
                continue
            ranks = {n.pk: data.get(f"{name}_{n.pk}") for n in candidates}
            given = sorted((r, pk) for pk, r in ranks.items() if r is not None)
            numbers = [r for r, _pk in given]
            if numbers != list(range(1, len(numbers) + 1)):
                first = f"{name}_{candidates[0].pk}" if candidates else None
                self.add_error(
                    first,
                    _("Number your preferences 1, 2, 3… without repeating or skipping a number"),
                )
            choices[key] = [pk for _r, pk in given]
        data["choices"] = choices
        return data

    def service_kwargs(self) -> dict[str, Any]:
        return {
            "organisation": self.cleaned_data["organisation"],
            "choices": self.cleaned_data["choices"],
        }
