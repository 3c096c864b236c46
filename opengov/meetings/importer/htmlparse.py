"""HTML → `Line`s with the stdlib parser, which never fails on broken markup: headings marked,
list items as bullets, table rows as rows of cells, explicitly empty paragraphs kept as "empty"
(a flattened two-column table needs them to stay aligned), scripts and styles dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .lines import Line

_BLOCK = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "pre", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "ul", "ol", "dl", "hr",
    "caption", "figure", "figcaption", "address", "form", "fieldset", "body", "center",
}  # fmt: skip
_SKIP = {"script", "style", "head", "template", "noscript", "svg", "object", "iframe"}
_BOLD = {"b", "strong"}
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


@dataclass
class _Table:
    """An open table: the row being read (its cells) and the cell being read (its text)."""

    row: list[str] | None = None
    cell: list[str] | None = None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.buf: list[str] = []
        self.kind = "text"
        self.level = 0
        self.number: str | None = None
        self.bold_depth = 0
        self.bold_chars = 0
        self.all_chars = 0
        self.skip_depth = 0
        self.lists: list[list[int | None]] = []  # per open list: [next number or None]
        self.tables: list[_Table] = []

    # -- collecting text ---------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(data)
            return
        self.buf.append(data)
        visible = len(data.strip())
        self.all_chars += visible
        if self.bold_depth:
            self.bold_chars += visible

    def flush(self, *, explicit_empty: bool = False) -> None:
        text = "".join(self.buf)
        self.buf = []
        parts = [_SPACES.sub(" ", part).strip() for part in text.split("\n")]
        parts = [p for p in parts if p]
        strong = self.all_chars > 0 and self.bold_chars >= 0.9 * self.all_chars
        kind, level, number = self.kind, self.level, self.number
        self.kind, self.level, self.number = "text", 0, None
        self.bold_chars = self.all_chars = 0
        if not parts:
            if explicit_empty:
                self.lines.append(Line("", "empty"))
            return
        if kind in ("heading", "bullet"):
            parts = [" ".join(parts)]
        if number is not None and kind == "bullet":
            parts[0] = f"{number}. {parts[0]}"
        indent = 2 * max(len(self.lists) - 1, 0) if kind == "bullet" else 0
        for i, part in enumerate(parts):
            this_kind = kind if i == 0 else "text"
            self.lines.append(
                Line(part, this_kind, level=level, indent=indent, strong=strong,
                     numbered=number is not None)
            )  # fmt: skip
        self.lines.append(Line("", "blank"))

    # -- tags --------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if self.tables and self._table_tag(tag, start=True):
            return
        if tag in _BOLD:
            self.bold_depth += 1
        elif tag == "br":
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.append("\n")
            else:
                self.buf.append("\n")
        elif tag == "table":
            self.flush()
            self.tables.append(_Table())
        elif tag in ("ul", "ol"):
            self.flush()
            start = _int(dict(attrs).get("start")) if tag == "ol" else None
            self.lists.append([start])
        elif tag in _BLOCK:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.kind, self.level = "heading", int(tag[1:])
            elif tag == "li":
                self.kind = "bullet"
                self.number = self._list_number(_int(dict(attrs).get("value")))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(self.skip_depth - 1, 0)
            return
        if self.skip_depth:
            return
        if self.tables and self._table_tag(tag, start=False):
            return
        if tag in _BOLD:
            self.bold_depth = max(self.bold_depth - 1, 0)
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "table":
            self._end_row()
            if self.tables:
                self.tables.pop()
            self.lines.append(Line("", "blank"))
        elif tag in _BLOCK:
            self.flush(explicit_empty=tag in ("p", "div"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" or tag == "hr":
            self.handle_starttag(tag, attrs)

    # -- tables ------------------------------------------------------------------------------
    def _table_tag(self, tag: str, *, start: bool) -> bool:
        """Handle a tag met inside a table; True when it was a table-structure tag."""
        table = self.tables[-1]
        if tag == "tr":
            self._end_row()
            if start:
                table.row = []
            return True
        if tag in ("td", "th"):
            self._end_cell()
            if start:
                if table.row is None:
                    table.row = []
                table.cell = []
            return True
        if tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6") and table.cell is not None:
            table.cell.append("\n")
            return True
        return False

    def _end_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is not None:
            text = "\n".join(
                p for p in (_SPACES.sub(" ", x).strip() for x in "".join(table.cell).split("\n"))
                if p
            )  # fmt: skip
            if table.row is None:
                table.row = []
            table.row.append(text)
            table.cell = None

    def _end_row(self) -> None:
        if not self.tables:
            return
        self._end_cell()
        table = self.tables[-1]
        row = table.row
        table.row = None
        if row and any(row):
            flat = " | ".join(c.replace("\n", "; ") for c in row if c)
            self.lines.append(Line(flat, "row", cells=tuple(row)))

    def _list_number(self, value: int | None) -> str | None:
        if not self.lists:
            return None
        current = self.lists[-1]
        if value is not None:
            current[0] = value
        if current[0] is None:
            return None
        number = current[0]
        current[0] = number + 1
        return str(number)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def html_to_lines(text: str) -> list[Line]:
    """Parse HTML into lines; whatever markup it is given."""
    parser = _Parser()
    parser.feed(text)
    parser.close()
    while parser.tables:
        parser._end_row()
        parser.tables.pop()
    parser.flush()
    return parser.lines
