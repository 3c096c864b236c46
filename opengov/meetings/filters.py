"""Filters and orderings of the meetings list and the action register. Only known values are
accepted: each maps to a fixed queryset condition, and an unknown value is ignored (never passed
to the database as a name)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet, Value
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukFormMixin
from opengov.organisations.models import Organisation, Person, match_key

from .choices import ActionStatus
from .models import ActionItem, Meeting, MeetingSeries
from .querysets import ActionItemQuerySet, MeetingQuerySet

OVERDUE = "yes"


class UpcomingThenPast:
    """Upcoming meetings, soonest first, then past ones, latest first, as one list a Paginator can
    page through: two queries, each read in order from the `starts_at` index, instead of one that
    sorts every meeting on a computed column. Each row has `is_past` (0 or 1) for the headings."""

    def __init__(self, meetings: QuerySet[Meeting], *, now: dt.datetime) -> None:
        self.upcoming = meetings.filter(starts_at__gte=now).annotate(is_past=Value(0))
        self.upcoming = self.upcoming.order_by("starts_at", "pk")
        self.past = meetings.filter(starts_at__lt=now).annotate(is_past=Value(1))
        self.past = self.past.order_by("-starts_at", "-pk")
        self._upcoming_count: int | None = None

    def upcoming_count(self) -> int:
        if self._upcoming_count is None:
            self._upcoming_count = self.upcoming.count()
        return self._upcoming_count

    def count(self) -> int:
        return self.upcoming_count() + self.past.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Meeting]:
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("UpcomingThenPast takes a slice without a step")
        start, stop = index.start or 0, index.stop
        split = self.upcoming_count()
        rows: list[Meeting] = []
        if start < split:
            rows += list(self.upcoming[start : min(stop, split) if stop is not None else split])
        if stop is None or stop > split:
            rows += list(self.past[max(start - split, 0) : None if stop is None else stop - split])
        return rows


def upcoming_then_past(meetings: QuerySet[Meeting], *, now: dt.datetime) -> UpcomingThenPast:
    return UpcomingThenPast(meetings, now=now)


def open_first(items: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    """Open actions first, soonest due first (undated last), then closed ones the same way; ties
    by their meeting, latest first. Read in order from the index `meetings_action_register`."""
    return items.order_by("register_rank", "due_on", "-meeting__starts_at", "pk")


class ChoiceFilterForm(GovukFormMixin, forms.Form):
    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def valid_data(self) -> dict[str, Any]:
        """The fields whose values are known; an unknown value leaves its field out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


def owned_by_name(text: str) -> Q:
    """Actions whose owner's name contains `text` (case, accents and punctuation ignored): the
    matching organisations and people are found first (a scan of the small name tables), then their
    actions through the owner indexes; owners written as free text are searched too."""
    key = match_key(text)
    if not key:
        return Q(pk__in=[])
    organisations = Organisation.objects.filter(match_name__contains=key).values("pk")
    people = Person.objects.filter(match_name__contains=key).values("pk")
    return (
        Q(owner_organisation__in=organisations)
        | Q(owner_person__in=people)
        | Q(owner_organisation__isnull=True, owner_person__isnull=True, owner_text__icontains=text)
    )


def every(label: Any = None) -> list[tuple[str, Any]]:
    return [("", label or _("All"))]


class MeetingFilterForm(ChoiceFilterForm):
    series = forms.ChoiceField(label=_("Series"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        series = MeetingSeries.objects.order_by("name").values_list("slug", "name")
        self.choice_field("series").choices = every(_("All series")) + list(series)

    def apply(self, meetings: MeetingQuerySet) -> MeetingQuerySet:
        data = self.valid_data()
        if data.get("series"):
            meetings = meetings.filter(series__slug=data["series"])
        return meetings


class ActionFilterForm(ChoiceFilterForm):
    owner = forms.CharField(
        label=_("Owner"),
        required=False,
        max_length=200,
        help_text=_("Part of an organisation's or a person's name"),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    overdue = forms.ChoiceField(label=_("Overdue"), required=False)
    series = forms.ChoiceField(label=_("Series"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_field("status").choices = every() + list(ActionStatus.choices)
        self.choice_field("overdue").choices = [*every(), (OVERDUE, _("Overdue only"))]
        series = MeetingSeries.objects.order_by("name").values_list("slug", "name")
        self.choice_field("series").choices = every(_("All series")) + list(series)
        self.owner_organisation: Organisation | None = None
        slug = self.data.get("owner", "") if self.is_bound else ""
        if slug and len(slug) <= 200:
            # A link from an organisation's page names it by its slug: show its name instead.
            self.owner_organisation = Organisation.objects.filter(slug=slug).first()
            if self.owner_organisation is not None:
                data = cast(QueryDict, self.data).copy()
                data["owner"] = self.owner_organisation.name
                self.data = data

    def apply(self, items: ActionItemQuerySet, *, today: dt.date) -> ActionItemQuerySet:
        data = self.valid_data()
        if self.owner_organisation is not None:
            items = items.filter(owner_organisation=self.owner_organisation)
        elif data.get("owner"):
            items = items.filter(owned_by_name(data["owner"]))
        if data.get("status"):
            items = items.filter(status=data["status"])
        if data.get("overdue") == OVERDUE:
            items = items.overdue(today=today)
        if data.get("series"):
            items = items.filter(meeting__series__slug=data["series"])
        return items
