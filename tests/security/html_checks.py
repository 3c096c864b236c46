"""What "no executable markup survives" means, checked on real output: HTML pages (parsed with
the standard library's HTML parser), Atom feeds (parsed as XML, their HTML summaries as HTML) and
iCalendar files (parsed with the icalendar library)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import icalendar

STATIC_PREFIX = "/static/"
# Attributes a browser follows or loads as an address.
URL_ATTRIBUTES = {
    "action",
    "background",
    "cite",
    "codebase",
    "data",
    "formaction",
    "href",
    "longdesc",
    "manifest",
    "ping",
    "poster",
    "src",
    "srcset",
    "xlink:href",
}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.IGNORECASE)
# Elements no page of this site has: if one appears, it came from input.
FOREIGN_ELEMENTS = {"applet", "base", "embed", "frame", "frameset", "iframe", "object", "style"}
ATOM = "{http://www.w3.org/2005/Atom}"
OPENGOV = Path(__file__).resolve().parents[2] / "opengov"


@cache
def htmx_in_templates() -> frozenset[str]:
    """The htmx attributes the site's own templates use: htmx runs on every page, so any other
    htmx attribute in an answer came from input."""
    names = set()
    for template in OPENGOV.glob("**/templates/**/*.html"):
        names |= set(re.findall(r"\b((?:data-)?hx-[\w:.-]+)=", template.read_text()))
    return frozenset(names)


def _address(value: str) -> str:
    """An attribute value as a browser reads its scheme: spaces and controls dropped."""
    return "".join(ch for ch in value if ch > " ")


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        where = f"<{tag} {' '.join(f'{k}={v!r}' for k, v in values.items())}>"[:200]
        if tag == "script":
            self._script_depth += 1
            if not values.get("src", "").startswith(STATIC_PREFIX):
                self.problems.append(f"a script that is not one of the site's files: {where}")
        if tag in FOREIGN_ELEMENTS:
            self.problems.append(f"a <{tag}> element: {where}")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(f"a <meta http-equiv>: {where}")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"an event handler attribute: {where}")
            elif name.startswith(("hx-", "data-hx-")) and name not in htmx_in_templates():
                self.problems.append(f"an htmx attribute (htmx runs on every page): {where}")
            elif name == "srcdoc" or (name == "style" and "expression(" in value.lower()):
                self.problems.append(f"an attribute that runs code: {where}")
            elif name in URL_ATTRIBUTES and BAD_SCHEME.match(_address(value)):
                self.problems.append(f"a javascript:, vbscript: or data: address: {where}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._script_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script_depth:
            self._script_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._script_depth and data.strip():
            self.problems.append(f"an inline script: {data.strip()[:80]!r}")
        self.text.append(data)


def scan_html(html: str) -> tuple[list[str], str]:
    """(What in `html` could run, the page's text as a reader sees it.)"""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems, "".join(scanner.text)


def html_problems(html: str) -> list[str]:
    return scan_html(html)[0]


def atom_problems(content: bytes) -> tuple[list[str], list[str]]:
    """(Problems in an Atom feed, the titles of its entries as a feed reader reads them.) The feed
    must be well-formed XML whose entries' HTML (summary, content) has nothing that could run."""
    root = ET.fromstring(content)
    problems, titles = [], []
    for entry in root.iter(f"{ATOM}entry"):
        titles.append(entry.findtext(f"{ATOM}title") or "")
        for part in ("summary", "content"):
            for element in entry.iter(f"{ATOM}{part}"):
                problems += [f"{part}: {p}" for p in html_problems(element.text or "")]
    return problems, titles


def calendar_events(content: bytes) -> list[icalendar.Event]:
    """The events of an iCalendar file, as a calendar application reads them."""
    calendar = icalendar.Calendar.from_ical(content)
    return list(calendar.walk("VEVENT"))
