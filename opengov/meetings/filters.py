"""Filters and orderings of the meetings list and the action register. Only known values are
accepted: each maps to a fixed queryset condition, and an unknown value is ignored (never passed
to the database as a name)."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukFormMixin
from opengov.organisations.models import Organisation

from .choices import ActionStatus
from .models import ActionItem, Meeting, MeetingSeries
from .querysets import ActionItemQuerySet, MeetingQuerySet

OVERDUE = "yes"


def upcoming_then_past(meetings: MeetingQuerySet, *, now: dt.datetime) -> QuerySet[Meeting]:
    """Upcoming meetings, soonest first, then past ones, latest first: one ordering, so one
    paginated list. Each row has `is_past` (0 or 1) for the page's headings."""
    return meetings.annotate(
        is_past=Case(
            When(starts_at__lt=now, then=Value(1)), default=0, output_field=IntegerField()
        ),
        upcoming_at=Case(When(starts_at__gte=now, then=F("starts_at"))),
    ).order_by("is_past", F("upcoming_at").asc(nulls_last=True), "-starts_at", "-pk")


def open_first(items: QuerySet[ActionItem]) -> QuerySet[ActionItem]:
    """Open actions first, soonest due first (undated last), then closed ones, latest first."""
    return items.annotate(
        is_closed=Case(
            When(status=ActionStatus.OPEN, then=Value(0)), default=1, output_field=IntegerField()
        )
    ).order_by("is_closed", F("due_on").asc(nulls_last=True), "-meeting__starts_at", "pk")


class ChoiceFilterForm(GovukFormMixin, forms.Form):
    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def valid_data(self) -> dict[str, Any]:
        """The fields whose values are known; an unknown value leaves its field out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}


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
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    overdue = forms.ChoiceField(label=_("Overdue"), required=False)
    series = forms.ChoiceField(label=_("Series"), required=False)

    def __init__(self, *args: Any, visible: ActionItemQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owners = (
            Organisation.objects.filter(action_items__in=visible)
            .distinct()
            .order_by("name")
            .values_list("slug", "name")
        )
        self.choice_field("owner").choices = every() + list(owners)
        self.choice_field("status").choices = every() + list(ActionStatus.choices)
        self.choice_field("overdue").choices = [*every(), (OVERDUE, _("Overdue only"))]
        series = MeetingSeries.objects.order_by("name").values_list("slug", "name")
        self.choice_field("series").choices = every(_("All series")) + list(series)

    def apply(self, items: ActionItemQuerySet, *, today: dt.date) -> ActionItemQuerySet:
        data = self.valid_data()
        if data.get("owner"):
            items = items.filter(owner_organisation__slug=data["owner"])
        if data.get("status"):
            items = items.filter(status=data["status"])
        if data.get("overdue") == OVERDUE:
            items = items.overdue(today=today)
        if data.get("series"):
            items = items.filter(meeting__series__slug=data["series"])
        return items
