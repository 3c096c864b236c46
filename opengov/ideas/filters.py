"""The filters and orderings of a call's ideas. Only known values are accepted: each maps to a
fixed queryset condition, and an unknown value is ignored (never passed to the database)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from opengov.core.forms import GovukFormMixin

from .choices import UNPUBLISHED, IdeaStatus
from .models import Idea

SORTS = {
    "supports": ("-combined_supports_count", "-published_at", "-pk"),
    "newest": ("-published_at", "-pk"),
}


class IdeaFilterForm(GovukFormMixin, forms.Form):
    policy_area = forms.ChoiceField(label=_("Policy area"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))]
        + [c for c in IdeaStatus.choices if c[0] not in UNPUBLISHED],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("supports", _("Most supported")), ("newest", _("Newest"))],
    )

    def __init__(self, *args: Any, areas: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["policy_area"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any area"))] + [(a.slug, a.name) for a in areas]

    def apply(self, ideas: QuerySet[Idea]) -> QuerySet[Idea]:
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("policy_area"):
            ideas = ideas.filter(policy_area__slug=data["policy_area"])
        if data.get("status"):
            ideas = ideas.filter(status=data["status"])
        return ideas.order_by(*SORTS[data.get("sort") or "supports"])
