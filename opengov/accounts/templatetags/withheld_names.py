"""{% withheld events as events %}: audit events as they are shown, with the names of people who
deleted their account withheld (opengov.accounts.withheld). For templates that list events a view
passed them as they are stored, such as core/includes/history_list.html."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from opengov.accounts.withheld import withhold_names
from opengov.core.models import AuditEvent

register = template.Library()


@register.simple_tag
def withheld(events: Iterable[AuditEvent] | None) -> list[AuditEvent]:
    return withhold_names(events or [])
