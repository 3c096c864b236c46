"""Dates in notes: find written dates, and resolve a due phrase against the meeting's date.

Never invent a date. A phrase becomes a date only when it has a day and a month ("by 28
November", "28/11"), a month with "end of"/"by" ("by end of January" → its last day), or an
explicit relative expression ("next week", "in two weeks", "by Friday", "end of the month"),
resolved with dateparser (RELATIVE_BASE = the meeting's date, future dates preferred, DMY).
Everything else ("in the New Year", "ASAP", "at the next meeting", "before the Summit") stays the
phrase as written; without a meeting date a day and month with no year stay a phrase too."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

MONTHS = {
    name: i
    for i in range(1, 13)
    for name in (calendar.month_name[i].lower(), calendar.month_abbr[i].lower())
}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+"
_YEAR = r"(?P<year>\d{4}|['’]\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PATTERNS = [
    re.compile(rf"\b(?:{_WEEKDAY})?{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b(?:{_WEEKDAY})?{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(
        r"(?<![\d/.])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)(?:/(?P<year>\d{4}|\d{2}))?"
        r"(?![\d/])"
    ),
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>\d{4}|\d{2})(?![\d.])"),
]
_RELATIVE = re.compile(
    r"\b(today|tomorrow|(?:next|this|following)\s+(?:week|month|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:in|within)\s+(?:a|one|two|three|four|six|"
    r"\d{1,2})\s+(?:days?|weeks?|months?)|(?:by|on|before)\s+(?:mon|tues|wednes|thurs|fri)day)\b",
    re.I,
)
_END_OF = re.compile(
    rf"\bend\s+of\s+(?:the\s+)?(?:(?P<this>month|week)|(?P<next>next\s+month)|{_MONTH}"
    rf"(?:\s+{_YEAR})?)\b",
    re.I,
)
_BY_MONTH = re.compile(
    rf"\b(?:by|before)\s+(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?{_MONTH}(?:\s+{_YEAR})?\b", re.I
)


@dataclass(frozen=True)
class FoundDate:
    """A date written in the text; `year` is None when the text gave none."""

    text: str
    start: int
    day: int
    month: int
    year: int | None

    def on(self, base: datetime.date | None = None) -> datetime.date | None:
        """The date itself; without a year, the first such day on or after `base`."""
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if base is None:
            return None
        for year in (base.year, base.year + 1):
            found = _safe_date(year, self.month, self.day)
            if found and found >= base:
                return found
        return None


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _year(text: str | None) -> int | None:
    if not text:
        return None
    digits = text.strip("'’")
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def find_dates(text: str) -> list[FoundDate]:
    """Every day-and-month written in `text` (with its year when given), in order."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            month = m.group("month")
            if month.lower().startswith(("may", "mar")) and month[0].islower():
                continue  # "may" and "march" as verbs
            month_no = MONTHS.get(month.lower().rstrip(".")) if not month.isdigit() else int(month)
            day = int(m.group("day"))
            year = _year(m.group("year"))
            if not month_no or not 1 <= day <= 31 or (year and not 1900 <= year <= 2200):
                continue
            if year is None and _safe_date(2000, month_no, day) is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(FoundDate(m.group(0).strip(" ,"), m.start(), day, month_no, year))
    return sorted(found, key=lambda d: d.start)


def resolve_due(phrase: str, base: datetime.date | None) -> datetime.date | str | None:
    """A due phrase as a date when it states one (see the module docstring), else the phrase."""
    phrase = " ".join(phrase.split()).strip(" .,;:()")
    if not phrase:
        return None
    if found := find_dates(phrase):
        return found[0].on(base) or phrase
    if m := _END_OF.search(phrase):
        return _end_of(m, base) or phrase
    if (m := _BY_MONTH.search(phrase)) and m.group("month")[0].isupper():
        return _month_end(m, base) or phrase
    if m := _RELATIVE.search(phrase):
        return _relative(m.group(1), base) or phrase
    return phrase


def _end_of(m: re.Match[str], base: datetime.date | None) -> datetime.date | None:
    if m.group("month"):
        return _month_end(m, base)
    if base is None:
        return None
    if m.group("this") and m.group("this").lower() == "week":
        return base + datetime.timedelta(days=(4 - base.weekday()) % 7)
    year, month = base.year, base.month
    if m.group("next"):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _month_end(m: re.Match[str], base: datetime.date | None) -> datetime.date | None:
    """The last day of the named month: its year as written, else the next such month."""
    month = MONTHS[m.group("month").lower().rstrip(".")]
    year = _year(m.group("year"))
    if year is None:
        if base is None:
            return None
        year = base.year if month >= base.month else base.year + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _relative(expression: str, base: datetime.date | None) -> datetime.date | None:
    if base is None:
        return None
    import dateparser  # type: ignore[import-untyped]

    expression = re.sub(r"^(?:by|on|before)\s+", "", expression, flags=re.I)
    expression = re.sub(r"^within\b", "in", expression, flags=re.I)
    expression = re.sub(r"^following\b", "next", expression, flags=re.I)
    settings = {
        "RELATIVE_BASE": datetime.datetime.combine(base, datetime.time(12)),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    try:
        parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    except Exception:  # dateparser's own failures must not stop an import
        return None
    return parsed.date() if parsed else None
