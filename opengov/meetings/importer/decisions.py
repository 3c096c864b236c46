"""Decisions: entries of a decisions section, "Decision:"/"Agreed:"/"RESOLVED:" lines, and
sentences that record a decision ("It was agreed that…", "The Board agreed…", "Members
decided…", "The Board RESOLVED to…", previous minutes "accepted"/"approved"). Not decisions:
"to be agreed", "agreed upon" as a plan, "agreed with" a view, "if agreed", or a report of
what someone stated ("X reported that … the Office has agreed")."""

from __future__ import annotations

import re

from .blocks import Block, Section
from .labels import DECISION_LABELS
from .result import Decision
from .text import fuzzy_label, norm, sentences, strip_marker

_PREFIX = re.compile(
    r"^\s*(?:decision|decided|agreed|resolved)\s*(?::|[–—-](?=\s))\s*(?P<rest>\S.*)$", re.I | re.S
)
_VERBS = r"(?:agreed|decided|resolved|approved|endorsed|ratified|signed off|confirmed)"
_DECISION = re.compile(
    rf"\b(?:it\s+was|it\s+has\s+been|was|were|has\s+been|have\s+been|[A-Za-z]+)\s+(?i:{_VERBS})\b"
    r"|^(?:RESOLVED|AGREED|DECIDED)\b",
)
_NOT_DECISION = re.compile(
    rf"\b(?:to\s+be|be|being|not|yet|if|once|unless|whether|until|cannot|can|could|should|will"
    rf"|would|may|might|must|needs?\s+to|to)\s+(?:be\s+)?{_VERBS}\b"
    rf"|{_VERBS}\s+(?:upon|with|by\s+(?:ministers|government|parliament))\b"
    r"|\b(?:agreed|decided)\s+(?:on\s+)?(?:what|how|whether|which)\b|\?$"
    rf"|\b(?:proposed|proposes|suggested|suggests|hopes?|hoped|wants?|wanted|asked)\s+that\b.*{_VERBS}",
    re.I,
)
_MINUTES = re.compile(  # approving the previous minutes is a decision
    r"\b(?:minutes|notes|record)\b[^.;]{0,80}?\b(?:were|was|have\s+been|has\s+been)\s+"
    r"(?:accepted|adopted|approved|agreed|signed|confirmed)\b",
    re.I,
)
_REPORTED = re.compile(  # "X reported that … the Office has agreed": what someone said
    r"\b(?:reported|explained|said|noted|stated|mentioned|informed|told|advised|updated|"
    r"highlighted|commented|observed|added|reminded)\b(?:\s+[\w'’]+){0,3}?\s+that\b",
    re.I,
)
_MEETING_DECIDED = re.compile(  # … "and agreed to defer it": the subject's own decision
    rf"\bit\s+was\s+{_VERBS}|\bRESOLVED\b|(?:,|\band|\bbut)\s+(?:agreed|decided)\s+to\s+\w",
    re.I,
)
_CONFIRMED = re.compile(
    r"\bconfirmed\s+as\s+(?:a\s+)?(?:true|accurate|correct)|minutes.*confirmed", re.I
)


def is_decision(sentence: str) -> bool:
    """Does this sentence record something the meeting decided?"""
    if _MINUTES.search(sentence) and not _NOT_DECISION.search(sentence):
        return True
    if not _DECISION.search(sentence) or _NOT_DECISION.search(sentence):
        return False
    if (m := _REPORTED.search(sentence)) and not _MEETING_DECIDED.search(sentence, m.end()):
        return False
    if re.search(r"\bconfirmed\b", sentence) and not re.search(
        r"\b(?:agreed|decided|resolved|approved|endorsed|ratified|signed off)\b", sentence, re.I
    ):
        return bool(_CONFIRMED.search(sentence))
    return True


def find_decisions(sections: list[Section]) -> list[Decision]:
    decisions: list[Decision] = []
    seen: set[str] = set()

    def add(text: str) -> None:
        text = " ".join(text.split()).strip()
        if text and norm(text) not in seen:
            seen.add(norm(text))
            decisions.append(Decision(text))

    for section in sections:
        heading = section.heading.text if section.heading else ""
        in_decisions = fuzzy_label(heading, DECISION_LABELS) is not None
        for block in section.blocks:
            if block.kind not in ("para", "bullet"):
                continue
            text = strip_marker(block.text)
            if m := _PREFIX.match(text):
                add(m.group("rest"))
            elif in_decisions and not re.fullmatch(r"(?:none|n/?a)\.?", text, re.I):
                add(text)
            else:
                for sentence in _candidates(block):
                    if is_decision(sentence):
                        add(sentence)
    return decisions


def _candidates(block: Block) -> list[str]:
    text = strip_marker(block.text)
    return [text] if block.kind == "bullet" and len(text) < 200 else sentences(text)
