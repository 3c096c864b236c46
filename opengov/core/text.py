"""The rules for user text, in one place: what is removed from text as it comes in (every form,
through GovukFormMixin; the API, through its parser and schemas; see `request_text`), which
addresses may become links, and how a text cell is kept from running as a spreadsheet formula.

Coming in, from a form field or a JSON string:
- NUL and the other control characters are removed (PostgreSQL stores no NUL, XML no other
  control character, and none means anything in text typed or pasted on the web); vertical tab,
  form feed and the Unicode line separators (Word's line break, a PDF's page break) become line
  ends; tab, line feed and carriage return stay.
- In a one-line field (a title, a name), line ends become spaces and the bidirectional embedding,
  override and isolate controls (U+202A–U+202E, U+2066–U+2069) are removed: a title could
  otherwise read backwards, or reverse whatever follows it in a list, a CSV file or a calendar.
  Long text keeps them, as right-to-left writing may need them within its own paragraph.
- Invisible characters (zero-width space and joiners, word joiner, soft hyphen) are removed at
  either end and next to spaces, where they join nothing, so a title that looks empty is empty
  and the service asks for one. Between letters they stay (a zero-width joiner builds emoji, a
  non-joiner is part of Persian spelling); the byte-order mark is removed wherever it is.
Spaces at either end are left to the form field or the service, which strip them.
Lone surrogates, possible only in JSON, are refused by the API's schemas (422), never stored."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# Control characters other than tab, line feed and carriage return (which are handled apart).
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_LINE_ENDS = re.compile("[\t\r\n]")
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad"
_STRAY_INVISIBLE = re.compile(f"(?:^|(?<=\\s))[{_INVISIBLE}]+|[{_INVISIBLE}]+(?=\\s|$)")
# What XML 1.0 (Atom) and iCalendar refuse: control characters other than tab and line ends.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

WEB_SCHEMES = ("http", "https")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def clean_text(value: str) -> str:
    """Long text as it is stored: control characters removed, page and line separators turned
    into line ends, stray invisible characters removed."""
    value = _CONTROLS.sub("", _LINE_BREAKS.sub("\n", value))
    return _without_stray_invisible(value)


def clean_line(value: str) -> str:
    """One-line text as it is stored: as `clean_text`, with line ends turned into spaces and the
    bidirectional controls removed."""
    value = _BIDI_CONTROLS.sub("", _LINE_ENDS.sub(" ", clean_text(value)))
    return _without_stray_invisible(value)


def _without_stray_invisible(value: str) -> str:
    cleaned = _STRAY_INVISIBLE.sub("", value)
    while cleaned != value:  # "\u200b \u200b x": each removal may leave another at an edge
        value, cleaned = cleaned, _STRAY_INVISIBLE.sub("", cleaned)
    return value


def clean_values(value: Any) -> Any:
    """Every string in a JSON value cleaned as long text (`clean_text`); the rest unchanged."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_values(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_values(item) for key, item in value.items()}
    return value


def xml_text(value: str) -> str:
    """Text that XML 1.0 and iCalendar can carry: the control characters they refuse removed
    (what older data may hold, written before these rules)."""
    return _NOT_XML.sub("", value)


def is_web_url(url: str | None) -> bool:
    """True for an http or https address with a host: the only kind made into a link."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def needs_formula_guard(cell: str) -> bool:
    """A spreadsheet runs a cell that starts with =, +, -, @, a tab or a carriage return as a
    formula, unless it is a plain number ("-5", "+2.5"): such a cell needs a guard. So does a
    cell that would look guarded ("'=1"), so that removing one apostrophe gives it back."""
    if cell.startswith(FORMULA_STARTS):
        return not PLAIN_NUMBER.fullmatch(cell)
    return cell.startswith("'") and unguard_formula(cell) != cell


def guard_formula(cell: str) -> str:
    """The cell with a leading apostrophe where it needs one (OWASP's CSV injection advice)."""
    return "'" + cell if needs_formula_guard(cell) else cell


def unguard_formula(cell: str) -> str:
    """The cell as it was before `guard_formula`: one apostrophe removed where it added one."""
    return cell[1:] if cell.startswith("'") and needs_formula_guard(cell[1:]) else cell
