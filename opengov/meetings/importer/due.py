"""Find an action's due phrase in its text ("by 28 November", "Due: ASAP", "in the New Year",
"at the next meeting", "by end of January") and resolve it with `dates.resolve_due`: a date when
the phrase states one, else the phrase as written."""

from __future__ import annotations

import datetime
import re

from .dates import find_dates, resolve_due

DUE_LABEL = re.compile(
    r"\b(?:due(?:\s+date)?|deadline|by\s+when|target(?:\s+date)?|timescales?|timing|when|date"
    r"|by)\s*[:–—]\s*(?P<phrase>[^;|\n]+?)\s*(?=$|[;|]|\.\s|\b(?:owner|lead|who|responsible)"
    r"\s*[:–—-])",
    re.I,
)
_BEFORE_DATE = re.compile(
    r"\b(?P<prep>by|before|on\s+or\s+before|no\s+later\s+than|until|due|w/c|week\s+commencing"
    r"|on|for)\s+(?:the\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?$",
    re.I,
)
_END_OF = re.compile(
    r"\b(?:(?:by|before|at|for)\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?:next\s+)?"
    r"(?:week|month|year|[A-Z][a-z]{2,8}(?:\s+\d{4})?)\b"
)
_BY_MONTH = re.compile(
    r"\bby\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?:\s+\d{4})?\b"
)
_RELATIVE = re.compile(
    r"\b(?:(?:by|before)\s+)?(?:(?:next|this|the\s+following)\s+(?:week|month|(?:mon|tues|wednes"
    r"|thurs|fri)day)|(?:in|within)\s+(?:a|one|two|three|four|six|\d{1,2})\s+(?:days?|weeks?"
    r"|months?)|(?:by|on)\s+(?:mon|tues|wednes|thurs|fri)day|tomorrow)\b",
    re.I,
)
_PHRASES = [
    re.compile(r"\b(?:ASAP|asap|as soon as possible|immediately|urgently)\b"),
    re.compile(r"\b(?:(?:early|later)\s+)?in\s+the\s+[Nn]ew\s+[Yy]ear\b"),
    re.compile(
        r"\b(?:at|by|before|for|in\s+time\s+for|ahead\s+of)\s+the\s+next\s+(?:[\w-]+\s+){0,3}?"
        r"(?:meeting|call|session|catch[- ]up)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:by|before|after|over|in)\s+(?:the\s+)?(?:Christmas|Easter|[Ss]ummer|[Ss]pring"
        r"|[Aa]utumn|[Ww]inter)(?:\s+(?:break|recess|holidays?))?(?:\s+\d{4})?\b"
    ),
    re.compile(r"\b(?:in|by|before|from)\s+(?:early|mid|late)[- ](?:[A-Z][a-z]+|\d{4})\b", re.I),
    re.compile(r"\b(?:in|by|before|during)\s+Q[1-4](?:\s+\d{4})?\b"),
    re.compile(r"\b(?:before|ahead\s+of)\s+the\s+(?:[A-Z][\w-]*\s?){1,4}"),
    re.compile(r"\b(?:before|ahead\s+of|in\s+time\s+for)\s+[^,.;:()]{3,60}"),
    re.compile(r"\b(?:[Oo]ngoing|[Tt]o be confirmed|TBC|tbc)\b"),
]


def find_due_phrase(text: str) -> str | None:
    """The due phrase an action's text states, as written; None when it states none."""
    if m := DUE_LABEL.search(text):
        return m.group("phrase").strip(" .,")
    for found in find_dates(text):
        if m := _BEFORE_DATE.search(text[: found.start]):
            return f"{m.group(0)}{found.text}".strip()
        end = found.start + len(found.text)
        if re.fullmatch(r"[\s).]*", text[end:]) and re.search(
            r"(?:[(–—-]|\s-)\s*$", text[: found.start]
        ):
            return found.text
    for pattern in (_END_OF, _BY_MONTH, _RELATIVE, *_PHRASES):
        if m := pattern.search(text):
            return m.group(0).strip()
    return None


def due_for(phrase: str | None, meeting_date: datetime.date | None) -> datetime.date | str | None:
    """The JSON-ready due of a phrase: a date, the phrase itself, or None ("n/a", "none")."""
    if not phrase or re.fullmatch(r"\s*(?:n/?a|none|nil|-+)\s*", phrase, re.I):
        return None
    return resolve_due(phrase, meeting_date)
