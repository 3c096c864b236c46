"""Due dates given at different precisions ("October 2016", "2018-04", "2016-11-14")."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import DuePrecision


def end_of_period(
    year: int, month: int | None = None, precision: str = DuePrecision.MONTH
) -> dt.date:
    if precision == DuePrecision.YEAR or month is None:
        return dt.date(year, 12, 31)
    if precision == DuePrecision.QUARTER:
        last_month = ((month - 1) // 3 + 1) * 3
        return dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_due(text: str | None) -> tuple[dt.date | None, str]:
    """ "2016-11-14" → (that day, day); "2018-04" → (30 April 2018, month); "2017" → (31 Dec, year).
    Anything else is refused with ValueError; None or "" gives (None, day)."""
    text = (text or "").strip()
    if not text:
        return None, DuePrecision.DAY
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        return dt.date(int(m[1]), int(m[2]), int(m[3])), DuePrecision.DAY
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        return end_of_period(int(m[1]), int(m[2]), DuePrecision.MONTH), DuePrecision.MONTH
    if m := re.fullmatch(r"(\d{4})", text):
        return end_of_period(int(m[1]), None, DuePrecision.YEAR), DuePrecision.YEAR
    raise ValueError(f"not a due date: {text!r}")


def format_due(due_on: dt.date | None, precision: str) -> str:
    if due_on is None:
        return _("No date set")
    if precision == DuePrecision.YEAR:
        return str(due_on.year)
    if precision == DuePrecision.QUARTER:
        return _("Quarter %(q)s %(year)s") % {"q": (due_on.month - 1) // 3 + 1, "year": due_on.year}
    if precision == DuePrecision.MONTH:
        return date_format(due_on, "F Y")
    return date_format(due_on, "j F Y")
