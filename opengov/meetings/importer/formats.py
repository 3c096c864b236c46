"""Detect an input's format (Word .docx, HTML, Markdown, plain text) and turn it into `Line`s:
text with a hint of what it was (heading, bullet, table row, blank). Never raises on bad input:
undecodable bytes, binary junk, broken .docx and oversize input become warnings."""

from __future__ import annotations

import io
import re
import unicodedata

from .htmlparse import html_to_lines
from .lines import Line

MAX_BYTES = 10_000_000
MAX_CHARS = 400_000

__all__ = ["MAX_BYTES", "MAX_CHARS", "Line", "detect_format", "to_lines"]

_HTML_SNIFF = re.compile(r"<\s*(html|body|p|div|table|h[1-6]|ul|ol|li|br|span)\b[^>]*>", re.I)
_MD_SNIFF = re.compile(r"^(#{1,6}\s+\S|\s*[-*+]\s+\S|\|.*\|\s*$|\*\*[^*]+\*\*)", re.M)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


def detect_format(data: bytes | str, filename: str = "") -> str:
    """One of "docx", "html", "markdown", "text"; the file's extension wins over sniffing."""
    name = filename.lower()
    if name.endswith(".docx") or (isinstance(data, bytes) and data[:4] == b"PK\x03\x04"):
        return "docx"
    if name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if name.endswith((".md", ".markdown")):
        return "markdown"
    head = data[:20000] if isinstance(data, str) else data[:20000].decode("utf-8", "replace")
    if name.endswith(".txt"):
        return "text"
    if len(_HTML_SNIFF.findall(head)) >= 2:
        return "html"
    if len(_MD_SNIFF.findall(head)) >= 2 and re.search(r"^#{1,6}\s", head, re.M):
        return "markdown"
    return "text"


def to_lines(data: bytes | str, filename: str = "") -> tuple[list[Line], list[str]]:
    """The input as lines, and the warnings met converting it."""
    warnings: list[str] = []
    if isinstance(data, bytes) and len(data) > MAX_BYTES:
        warnings.append(
            f"The file is larger than {MAX_BYTES // 1_000_000} MB: only its start was read."
        )
        data = data[:MAX_BYTES]
    fmt = detect_format(data, filename)
    if fmt == "docx":
        if isinstance(data, str):
            data = data.encode("utf-8", "replace")
        return _docx_lines(data, warnings), warnings
    text = data if isinstance(data, str) else decode(data, warnings)
    text = normalise(text)
    if looks_binary(text):
        warnings.append("The input looks like binary data, not a document: nothing was extracted.")
        return [], warnings
    if len(text) > MAX_CHARS:
        warnings.append(
            f"The text is longer than {MAX_CHARS:,} characters: only its start was read."
        )
        text = text[:MAX_CHARS]
    if fmt == "html":
        return html_to_lines(text), warnings
    if fmt == "markdown":
        return markdown_lines(text), warnings
    return text_lines(text), warnings


def decode(data: bytes, warnings: list[str]) -> str:
    """UTF-8 (or UTF-16 with a byte-order mark); Windows-1252 as Word's plain text often is;
    else UTF-8 with the undecodable bytes replaced, and a warning."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        warnings.append("Some bytes could not be decoded as text and were replaced by �.")
        return data.decode("utf-8", "replace")
    if not looks_binary(text):
        warnings.append("The file is not UTF-8: it was read as Windows-1252.")
    return text


def normalise(text: str) -> str:
    """Unix line ends, no zero-width characters, non-breaking spaces as spaces."""
    text = text.translate(_ZERO_WIDTH)
    text = re.sub(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def looks_binary(text: str) -> bool:
    """Mostly control characters or replacement characters: not a document."""
    sample = text[:20000]
    if not sample.strip():
        return False
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\t\n")
    )
    return bad / len(sample) > 0.1


def text_lines(text: str) -> list[Line]:
    """Plain text: one Line a line; tab-separated cells (a pasted table) become a row."""
    lines: list[Line] = []
    for raw in text.split("\n"):
        if not raw.strip():
            lines.append(Line("", "blank"))
            continue
        cells = [c.strip() for c in raw.split("\t") if c.strip()]
        if "\t" in raw.strip() and len(cells) >= 2:
            lines.append(Line(" | ".join(cells), "row", cells=tuple(cells)))
        else:
            lines.append(Line(raw.rstrip(), "text", indent=len(raw) - len(raw.lstrip())))
    return lines


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_MD_ORDERED = re.compile(r"^(\s*)(\d{1,3}[.)])\s+(.*)$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def md_inline(text: str) -> str:
    """Markdown inline markup removed: links keep their text, emphasis and code lose markers."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return text.replace("\\", "") if "\\" in text else text


def markdown_lines(text: str) -> list[Line]:
    """Markdown: ATX and setext headings, bullets, ordered items (their number kept in the
    text), pipe tables as rows, whole-bold lines flagged strong."""
    raw = text.split("\n")
    lines: list[Line] = []
    for i, line in enumerate(raw):
        stripped = line.strip()
        nxt = raw[i + 1] if i + 1 < len(raw) else ""
        if not stripped:
            lines.append(Line("", "blank"))
        elif _MD_SETEXT.match(line) and lines and lines[-1].kind in ("heading", "blank"):
            continue
        elif m := _MD_HEADING.match(line):
            lines.append(Line(md_inline(m.group(2)), "heading", level=len(m.group(1))))
        elif _MD_SETEXT.match(nxt) and (nxt.strip()[0] == "=" or len(nxt.strip()) >= 3):
            level = 1 if nxt.strip().startswith("=") else 2
            lines.append(Line(md_inline(stripped), "heading", level=level))
        elif _MD_TABLE_RULE.match(line) and "-" in line:
            continue
        elif stripped.startswith("|") and stripped.count("|") >= 2:
            cells = tuple(md_inline(c.strip()) for c in stripped.strip("|").split("|"))
            lines.append(Line(" | ".join(c for c in cells if c), "row", cells=cells))
        elif m := _MD_BULLET.match(line):
            lines.append(Line(md_inline(m.group(2)), "bullet", indent=len(m.group(1))))
        elif m := _MD_ORDERED.match(line):
            item = f"{m.group(2)[:-1]}. {md_inline(m.group(3))}"
            lines.append(Line(item, "bullet", indent=len(m.group(1)), numbered=True))
        else:
            body = stripped.lstrip(">").strip()
            strong = bool(re.fullmatch(r"(\*\*|__)[^*_].*?\1:?", body))
            lines.append(Line(md_inline(body), "text", strong=strong))
    return lines


def _docx_lines(data: bytes, warnings: list[str]) -> list[Line]:
    from .docxread import docx_to_lines

    try:
        return docx_to_lines(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds of error on corrupt files
        warnings.append(
            f"The Word file could not be read ({type(exc).__name__}): nothing was extracted."
        )
    return []
