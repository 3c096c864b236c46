"""Action items, each with an owner and a due date or phrase.

Read as actions: every entry of an actions section (its heading "Actions", "Action points",
"Next steps", typos allowed) with its "Owner:"/"Due:" lines or table columns; "Action: …" lines
and "(Action: Owner)" notes anywhere; tables with Action/Owner/Due columns; and, outside those,
bullets that start "Owner to do …" and sentences "Owner to do … by DATE". A bullet that merely
names an organisation and a purpose ("NESTA, to expand the reach…") is not an action. The owner
is the label's, else the sentence's subject ("Cabinet Office invites…" → Cabinet Office)."""

from __future__ import annotations

import datetime
import re

from .blocks import Block, Section
from .dates import find_dates
from .due import due_for, find_due_phrase
from .labels import ACTION_LABELS
from .result import ActionItem
from .text import (
    ORG_WORDS,
    fuzzy_label,
    looks_like_name,
    looks_like_organisation,
    norm,
    sentences,
    strip_marker,
)

_PREFIX = re.compile(
    r"^\s*(?:new\s+)?(?:action(?:\s+point)?s?|AP)\s*(?:\d{1,3}(?:\.\d+)?)?\s*"
    r"(?:\((?P<who>[^)]{1,60})\))?\s*(?::|[–—-](?=\s))\s*(?P<rest>\S.*)$",
    re.I | re.S,
)
_INLINE_PREFIX = re.compile(
    r"(?:(?<=[.!?])\s+|^)(?:ACTION|Action(?: point)?|AP)\s*\d{0,3}(?:\.\d+)?\s*[:–—]\s*"
)
_PAREN_ACTION = re.compile(r"\(\s*action(?:\s+for)?\s*[:\-–—]?\s*(?P<who>[^)]{1,60})\)", re.I)
_OWNER_LABEL = re.compile(
    r"(?:^|\b)(?:owner|lead|who|responsible|action\s+by|by\s+whom|assigned\s+to|action\s+owner)s?"
    r"\s*[:–—]\s*(?P<owner>[^;|\n]+?)\s*(?=$|[;|]|\.\s|\b(?:due|deadline|by\s+when|when|date)"
    r"\s*[:–—])",
    re.I,
)
_LABEL_LINE = re.compile(
    r"^\s*(?P<label>owner|lead|who|responsible|action\s+by|by\s+whom|assigned\s+to|action\s+owner"
    r"|due(?:\s+date)?|deadline|by\s+when|when|target\s+date|timescale|date)s?\s*[:–—]\s*"
    r"(?P<value>.*)$",
    re.I,
)
_VERB_AFTER_OWNER = {
    "will", "shall", "should", "must", "would", "can", "could", "agreed", "agrees", "invites",
    "invited", "offered", "volunteered", "undertook", "undertakes", "committed", "promised",
}  # fmt: skip
_AUXILIARY = {"is", "are", "has", "have", "needs", "need"}
_NOT_VERB_AFTER_TO = {
    "the", "a", "an", "all", "everyone", "members", "its", "their", "his", "her", "our", "my",
    "this", "that", "these", "those", "be", "date", "them", "us", "him",
}  # fmt: skip
_NOT_OWNER_FIRST = {
    "it", "there", "this", "that", "these", "those", "we", "they", "he", "she", "please", "if",
    "action", "actions", "some", "many", "in", "on", "at", "for", "to", "by", "a", "an", "once",
    "when", "while", "as", "also", "following", "after", "before", "next", "then",
}  # fmt: skip
_IMPERATIVES = {
    "circulate", "send", "write", "share", "forward", "add", "arrange", "draft", "prepare", "set",
    "update", "check", "confirm", "contact", "agree", "book", "organise", "organize", "invite",
    "follow", "provide", "publish", "review", "report", "speak", "reply", "respond", "return",
    "submit", "talk", "email", "feed", "give", "look", "make", "put", "take", "liaise", "ask",
    "consider", "discuss", "explore", "find", "get", "identify", "develop", "draw", "compile",
    "collate", "chase", "schedule", "produce", "create", "seek", "keep", "continue", "encourage",
    "engage", "establish", "investigate", "reach", "raise", "present", "propose", "reflect",
    "remind", "request", "research", "pick", "post", "print", "amend", "consult", "coordinate",
    "distribute", "ensure", "finalise", "finalize", "go", "help", "inform", "let", "link", "move",
    "note", "offer", "plan", "promote", "read", "record", "revise", "approach", "analyse",
    "assess", "begin", "bring", "build", "call", "change", "clarify", "collect", "come",
    "complete", "convene", "cover", "decide", "deliver", "design", "do", "edit", "feedback",
    "flag", "hold", "include", "introduce", "issue", "join", "lead", "list", "map", "meet",
    "nominate", "open", "outline", "pass", "pull", "push", "rework", "run", "scope", "see",
    "sign", "start", "support", "test", "think", "translate", "try", "use", "visit", "work",
    "refer",
}  # fmt: skip
_CONNECTORS = {"of", "the", "and", "for", "&", "/", "de", "van", "von", "with"}
_TOKEN = re.compile(r"^(?:[A-Z0-9][\w'’./&-]*,?|\([A-Z][^)]*\),?)$")


def leading_owner(text: str, *, strict: bool = False) -> str | None:
    """The subject of "Owner to do…" (strict: only that form, and no comma in the subject);
    otherwise also "Owner will…", "Owner invites…", "Owner circulates…"."""
    words = strip_marker(text).split()
    span: list[str] = []
    for word in words:
        if _TOKEN.match(word) or (span and word.lower() in _CONNECTORS):
            span.append(word)
            if word.endswith(",") and strict:
                return None
            continue
        break
    while span and span[-1].lower() in _CONNECTORS:
        span.pop()
    if not span or len(span) > 7 or span[0].lower() in _NOT_OWNER_FIRST:
        return None
    rest = words[len(span) :]
    if not rest:
        return None
    verb, following = rest[0], rest[1] if len(rest) > 1 else ""
    owner = " ".join(span).rstrip(",")
    if verb == "to" and re.fullmatch(r"[a-z]+", following) and following not in _NOT_VERB_AFTER_TO:
        return owner
    if strict:
        return None
    if verb in _VERB_AFTER_OWNER or (verb in _AUXILIARY and following in ("to", "agreed")):
        return owner
    ownerish = len(span) > 1 or span[0].isupper() or span[0].lower() in ORG_WORDS
    if ownerish and re.fullmatch(r"[a-z]{3,}s", verb) and not verb.endswith("ss"):
        return owner
    return _subject_before_to(strip_marker(text))


def _subject_before_to(text: str) -> str | None:
    """ "IRM researcher to share…", "All members to send…": up to five words before "to" + verb,
    when the first is capitalised and not an imperative ("Send to all…")."""
    m = re.match(r"^((?:[^\s,;:]+\s+){0,4}?[^\s,;:]+)\s+to\s+([a-z]+)\b", text)
    if not m or not m.group(1)[:1].isupper() or m.group(2) in _NOT_VERB_AFTER_TO:
        return None
    first = m.group(1).split()[0].lower()
    if first in _NOT_OWNER_FIRST or first in _IMPERATIVES or first.endswith("ing"):
        return None
    return m.group(1)


def _trailing_owner(text: str) -> str | None:
    """ "Circulate the paper (JS)" or "Circulate the paper – Secretariat"."""
    m = re.search(r"(?:\(([A-Z][\w .&'/-]{0,40})\)|\s[–—-]\s([A-Z][\w .&'/-]{0,40}))\.?$", text)
    if not m:
        return None
    owner = (m.group(1) or m.group(2)).strip()
    if find_due_phrase(owner) or len(owner.split()) > 5:
        return None
    return owner


def make_item(text: str, meeting_date: datetime.date | None, *, owner: str | None = None,
              due: str | None = None) -> ActionItem | None:  # fmt: skip
    """An ActionItem from an action's text, its owner and due phrase filled where stated."""
    text = strip_marker(text)
    if m := _PREFIX.match(text):
        owner = owner or (m.group("who") or "").strip() or None
        text = m.group("rest").strip()
    if m := _OWNER_LABEL.search(text):
        owner = owner or m.group("owner").strip(" .")
        text = (text[: m.start()] + text[m.end() :]).strip(" .;,-–")
    if m := _PAREN_ACTION.search(text):
        owner = owner or m.group("who").strip()
        text = (text[: m.start()] + text[m.end() :]).strip()
    text, owner, due = _dash_parts(text, owner, due)
    phrase = due or find_due_phrase(text)
    if due is None and (m := re.search(r"\b(?:due|deadline)\s*[:–—]\s*[^;|\n]+$", text, re.I)):
        text = text[: m.start()].strip(" .;,-–")
    text = " ".join(text.split())
    if not text or not re.search(r"[A-Za-z]{2}", text):
        return None
    owner = owner or leading_owner(text) or _trailing_owner(text)
    return ActionItem(text=text, owner=owner, due=due_for(phrase, meeting_date))


def _dash_parts(
    text: str, owner: str | None, due: str | None
) -> tuple[str, str | None, str | None]:
    """ "Jane Smith – circulate the paper – 3 March": owner and due as dash-separated parts."""
    parts = re.split(r"\s+[–—-]\s+", text)
    if len(parts) < 2:
        return text, owner, due
    last = parts[-1]
    if due is None and len(last.split()) <= 5 and (find_dates(last) or find_due_phrase(last)):
        due = parts.pop()
    if owner is None and len(parts) >= 2 and _owner_like(parts[0]) and not _owner_like(parts[1]):
        owner = parts.pop(0)
    return " – ".join(parts), owner, due


def _owner_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and (looks_like_name(text) or looks_like_organisation(text)
                                    or text.isupper())  # fmt: skip


def is_actions_heading(heading: str) -> bool:
    return fuzzy_label(heading, ACTION_LABELS) is not None


def find_actions(
    sections: list[Section],
    meeting_date: datetime.date | None,
    *,
    skip_strict: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[ActionItem]:
    """Every action item, in document order. `skip_strict`: sections (by id) where the loose
    "Owner to do…" reading is not applied (commitment updates)."""
    items: list[ActionItem] = []
    for section in sections:
        heading = section.heading.text if section.heading else ""
        if is_actions_heading(heading):
            items.extend(_from_action_section(section.blocks, meeting_date))
        else:
            strict = id(section) not in skip_strict
            items.extend(_from_other_section(section.blocks, meeting_date, strict=strict))
    return items


def _from_action_section(
    blocks: list[Block], meeting_date: datetime.date | None
) -> list[ActionItem]:
    items: list[ActionItem] = []
    rows = [b for b in blocks if b.kind == "row"]
    if rows:
        items.extend(_from_rows(rows, meeting_date, assume_actions=True))
    pending: list[tuple[str, str | None, str | None]] = []
    for block in blocks:
        if block.kind not in ("para", "bullet", "heading") or not block.text.strip():
            continue
        if (m := _LABEL_LINE.match(block.text)) and pending:
            text, owner, due = pending[-1]
            if m.group("label").lower() in ("owner", "lead", "who", "responsible", "action by",
                                            "by whom", "assigned to", "action owner"):  # fmt: skip
                pending[-1] = (text, m.group("value").strip(" .") or None, due)
            else:
                pending[-1] = (text, owner, m.group("value").strip(" .") or None)
            continue
        if re.fullmatch(r"(?:none|no actions?|n/?a)\.?", block.text.strip(), re.I):
            continue
        pending.append((block.text, None, None))
    for text, owner, due in pending:
        if item := make_item(text, meeting_date, owner=owner, due=due):
            items.append(item)
    return items


def _from_other_section(
    blocks: list[Block], meeting_date: datetime.date | None, *, strict: bool
) -> list[ActionItem]:
    items: list[ActionItem] = []
    rows = [b for b in blocks if b.kind == "row"]
    if rows:
        items.extend(_from_rows(rows, meeting_date, assume_actions=False))
    for i, block in enumerate(blocks):
        if block.kind not in ("para", "bullet"):
            continue
        text = strip_marker(block.text)
        if _PREFIX.match(text):
            owner, due = _label_lines_after(blocks, i)
            if item := make_item(text, meeting_date, owner=owner, due=due):
                items.append(item)
            continue
        items.extend(_inline_actions(text, meeting_date))
        if not strict or _INLINE_PREFIX.search(text) or _PAREN_ACTION.search(text):
            continue
        if block.kind == "bullet" and leading_owner(text, strict=True):
            items.extend(item for item in [make_item(text, meeting_date)] if item)
        elif block.kind == "para":
            items.extend(
                item
                for sentence in sentences(text)
                if leading_owner(sentence, strict=True) and find_due_phrase(sentence)
                for item in [make_item(sentence, meeting_date)]
                if item
            )
    return items


def _label_lines_after(blocks: list[Block], i: int) -> tuple[str | None, str | None]:
    owner = due = None
    for block in blocks[i + 1 : i + 3]:
        m = _LABEL_LINE.match(block.text)
        if not m:
            break
        if (
            m.group("label")
            .lower()
            .startswith(("due", "deadline", "by", "when", "target", "time", "date"))
        ):
            due = m.group("value").strip(" .") or None
        else:
            owner = m.group("value").strip(" .") or None
    return owner, due


def _inline_actions(text: str, meeting_date: datetime.date | None) -> list[ActionItem]:
    """ "… discussed. Action: Jane to circulate." and "Jane will circulate it (Action: JS)."."""
    items: list[ActionItem] = []
    parts = _INLINE_PREFIX.split(text)
    if len(parts) > 1 and parts[0].strip():
        for part in parts[1:]:
            who = part.strip(" .")
            if len(who.split()) <= 4 and not re.search(r"\bto\s+[a-z]", who):
                previous = sentences(parts[0])[-1] if sentences(parts[0]) else parts[0]
                if item := make_item(previous, meeting_date, owner=who):
                    items.append(item)
            elif item := make_item(part, meeting_date):
                items.append(item)
    for sentence in sentences(text):
        if _PAREN_ACTION.search(sentence) and (item := make_item(sentence, meeting_date)):
            items.append(item)
    return items


def _from_rows(
    rows: list[Block], meeting_date: datetime.date | None, *, assume_actions: bool
) -> list[ActionItem]:
    header = [norm(c) for c in rows[0].cells]
    text_col = _column(header, ("action", "actions", "description", "action point", "item", "task"))
    owner_col = _column(header, ("owner", "who", "lead", "responsible", "by whom", "action by"))
    due_col = _column(
        header, ("due", "due date", "deadline", "by when", "when", "date", "target date")
    )
    if text_col is not None and (owner_col is not None or due_col is not None):
        rows = rows[1:]
    elif assume_actions:
        text_col, owner_col, due_col = 0, 1, 2
        if rows[0].cells and re.fullmatch(r"\d{1,3}\.?", rows[0].cells[0].strip()):
            text_col, owner_col, due_col = 1, 2, 3
    else:
        return []
    items: list[ActionItem] = []
    for row in rows:
        cells = list(row.cells)

        def cell(index: int | None, cells: list[str] = cells) -> str | None:
            value = cells[index].strip() if index is not None and index < len(cells) else ""
            return value or None

        text = cell(text_col)
        if text and (
            item := make_item(text, meeting_date, owner=cell(owner_col), due=cell(due_col))
        ):
            items.append(item)
    return items


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for index, cell in enumerate(header):
        if cell in names:
            return index
    return None
