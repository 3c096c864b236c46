"""Word .docx → `Line`s with python-docx: paragraphs and tables in document order; heading
styles as headings, list paragraphs as bullets (decimal auto-numbers written out, so numbered
commitment updates keep their numbers), whole-bold paragraphs flagged strong, rows as cells."""

from __future__ import annotations

from typing import IO, Any

from .lines import Line

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_to_lines(stream: IO[bytes]) -> list[Line]:
    import docx
    from docx.table import Table

    document = docx.Document(stream)
    numbering = _Numbering(document)
    lines: list[Line] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            lines.extend(_table_lines(item))
            lines.append(Line("", "blank"))
        else:
            lines.extend(_paragraph_lines(item, numbering))
    return lines


def _paragraph_lines(paragraph: Any, numbering: _Numbering) -> list[Line]:
    text = paragraph.text or ""
    parts = [p.strip() for p in text.replace("\t", " ").split("\n") if p.strip()]
    if not parts:
        return [Line("", "empty"), Line("", "blank")]
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    kind, level = "text", 0
    if style.startswith("Heading"):
        kind, level = "heading", int(style.split()[-1]) if style.split()[-1].isdigit() else 1
    elif style in ("Title", "Subtitle"):
        kind, level = "heading", 0 if style == "Title" else 1
    number = numbering.number_of(paragraph)
    if kind == "text" and (number is not None or "List" in style):
        kind = "bullet"
    runs = [r for r in paragraph.runs if r.text.strip()]
    strong = bool(runs) and all(r.bold or (r.style is not None and r.style.font.bold) for r in runs)
    if number:
        parts[0] = f"{number}. {parts[0]}"
    out = [Line(parts[0], kind, level=level, strong=strong, numbered=bool(number))]
    out += [Line(p, "text", strong=strong) for p in parts[1:]]
    return [*out, Line("", "blank")]


def _table_lines(table: Any) -> list[Line]:
    lines: list[Line] = []
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            flat = " | ".join(c.replace("\n", "; ") for c in cells if c)
            lines.append(Line(flat, "row", cells=tuple(cells)))
    return lines


class _Numbering:
    """Counts decimal auto-numbered list paragraphs the way Word shows them."""

    def __init__(self, document: Any) -> None:
        self.formats: dict[tuple[str, str], tuple[str, int]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        try:
            root = document.part.numbering_part.element
        except Exception:  # no numbering part: nothing is auto-numbered
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is None or ref.get(f"{_W}val") not in abstract:
                continue
            for lvl in abstract[ref.get(f"{_W}val")].iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                start = lvl.find(f"{_W}start")
                key = (num.get(f"{_W}numId") or "", lvl.get(f"{_W}ilvl") or "0")
                self.formats[key] = (
                    fmt.get(f"{_W}val") if fmt is not None else "bullet",
                    int(start.get(f"{_W}val") or 1) if start is not None else 1,
                )

    def number_of(self, paragraph: Any) -> str | None:
        """ "4" for a decimal-numbered item, "" for a bullet item, None when not a list item."""
        ppr = paragraph._p.pPr
        numpr = ppr.numPr if ppr is not None else None
        if numpr is None or numpr.numId is None:
            return None
        key = (str(numpr.numId.val), str(numpr.ilvl.val) if numpr.ilvl is not None else "0")
        fmt, start = self.formats.get(key, ("bullet", 1))
        if fmt != "decimal":
            return ""
        self.counters[key] = self.counters.get(key, start - 1) + 1
        return str(self.counters[key])
