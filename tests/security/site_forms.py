"""The site's forms as a browser sees them: every POST form on a page, parsed from its HTML, with
the values a person would send (what the page pre-fills, the first choice of each list, a date, a
time, a web address, ordinary text elsewhere), and the fields a person types text into. So a
test can fill every form of every page, including forms added later, without knowing them."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from opengov.accounts.tests.factories import PASSWORD

_counter = itertools.count(1)
DATE_PARTS = {"_day": "10", "_month": "11", "_year": "2016"}
NOT_TYPED = {"hidden", "radio", "checkbox", "submit", "button", "file", "password"}


@dataclass
class Field:
    name: str
    kind: str  # an input's type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False
    numeric: bool = False  # a number typed as text (inputmode="numeric"): a date's part, a plan's


@dataclass
class Form:
    action: str
    fields: list[Field] = field(default_factory=list)

    def text_fields(self, kinds: tuple[str, ...] = ("input", "textarea")) -> list[str]:
        """The names a person types text into: text inputs (not numbers typed as text, such as a
        date's parts) and textareas; `kinds` chooses either."""
        names = []
        for f in self.fields:
            kind = "textarea" if f.kind == "textarea" else "input"
            typed = kind == "textarea" or f.kind not in NOT_TYPED | {"select"}
            if typed and not f.numeric and kind in kinds and f.name not in names:
                names.append(f.name)
        return names

    def data(self) -> dict[str, Any]:
        """What a person would send: pre-filled values kept, the rest filled in plausibly; each
        call's ordinary text differs, so a form that creates something can be sent again."""
        n = next(_counter)
        data: dict[str, Any] = {}
        for f in self.fields:
            if f.kind in {"submit", "button"}:
                continue
            if f.kind == "checkbox":
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "on")
            elif f.kind == "radio":
                if f.checked or f.name not in data:
                    data[f.name] = f.value
            elif f.kind == "select":
                data[f.name] = f.value or next((o for o in f.options if o), "")
            elif f.kind == "file":
                data[f.name] = SimpleUploadedFile(f"note-{n}.txt", f"Note {n}\n".encode())
            elif f.kind == "password":
                data[f.name] = PASSWORD
            else:
                data[f.name] = f.value or _plausible(f, n)
        return data


def _plausible(f: Field, n: int) -> str:
    for suffix, value in DATE_PARTS.items():
        if f.name.endswith(suffix):
            return value
    if f.kind == "email" or "email" in f.name:
        return f"person{n}@example.org"
    if f.kind == "url" or "url" in f.name:
        return f"https://example.org/{n}"
    if f.name.endswith("time"):
        return "10:00"
    if f.name.endswith("number"):
        return str(100 + n)
    return f"Ordinary text {n}"


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._open: Field | None = None  # the textarea or select being read

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").lower()
            self._form = Form(a.get("action", "")) if method == "post" else None
            return
        if self._form is None:
            return
        name = a.get("name", "")
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            kind = a.get("type", "text").lower()
            checked, numeric = "checked" in a, a.get("inputmode") == "numeric"
            value = a.get("value", "")
            self._form.fields.append(Field(name, kind, value, checked=checked, numeric=numeric))
        elif tag in {"textarea", "select"} and name:
            self._open = Field(name, tag)
            self._form.fields.append(self._open)
        elif tag == "option" and self._open is not None:
            self._open.options.append(a.get("value", ""))
            if "selected" in a:
                self._open.value = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag in {"textarea", "select"}:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None and self._open.kind == "textarea":
            self._open.value += data


def post_forms(html: str) -> list[Form]:
    """The POST forms of a page that have something to fill in."""
    parser = _FormParser()
    parser.feed(html)
    return [form for form in parser.forms if form.fields]
