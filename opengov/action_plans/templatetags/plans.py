"""Template helpers for action plans: due dates at their precision, overdue marks."""

from __future__ import annotations

import datetime as dt

from django import template

from ..dates import format_due

register = template.Library()


@register.simple_tag
def due(on: dt.date | None, precision: str) -> str:
    """A due date as it was given: "14 November 2016", "April 2018", "2017"."""
    return format_due(on, precision)


@register.filter
def overdue(milestone: object, today: dt.date) -> bool:
    return bool(milestone.is_overdue(today))  # type: ignore[attr-defined]
