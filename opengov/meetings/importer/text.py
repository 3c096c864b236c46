"""Small text helpers shared by the extractors: normalising, fuzzy label matching (headings with
typos), sentence splitting, list markers, and what a person's name looks like."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

BULLET = re.compile(r"^\s*(?:[•·▪●◦‣○■□➢►✓✔*]|[-–—](?=\s)|o(?=\s{1,4}[A-Z]))\s*(.*)$")
_MONTH_AHEAD = r"(?!(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)"
NUMBERED = re.compile(
    rf"^\s*\(?(\d{{1,2}}(?:\.\d{{1,2}})*(?:[.)]|{_MONTH_AHEAD})|[a-hj-z][.)]|[ivx]{{1,4}}[.)])"
    r"\s+(\S.*)$",
    re.I,
)
ITEM = re.compile(r"^\s*(?:agenda\s+)?item\s+(\d{1,2}(?:\.\d{1,2})?)\s*[:.\-–—)]?\s*(.*)$", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[\"'‘“(]?[A-Z0-9•])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "Dr.", "Mr.", "Mrs.", "Ms.", "St.", "No.", "approx.")


def norm(text: str) -> str:
    """Lower case, letters and digits only, single spaces."""
    text = text.lower().replace("’", "'").replace("&", " and ")
    return " ".join(re.sub(r"[^\w']+", " ", text).split())


def strip_marker(text: str) -> str:
    """The text without a leading bullet, number, "Item 3:" or "Action:"-style marker."""
    text = text.strip()
    if m := BULLET.match(text):
        text = m.group(1)
    if m := ITEM.match(text):
        return m.group(2).strip()
    if (m := NUMBERED.match(text)) and re.match(r"\d", m.group(1)):
        return m.group(2).strip()
    return text


def heading_core(heading: str) -> str:
    """A heading's words without its number, "Item 3:" prefix or trailing colon, normalised."""
    return norm(strip_marker(heading).rstrip(":"))


def fuzzy_label(heading: str, labels: dict[str, str], threshold: float = 85) -> str | None:
    """The value of the label a heading is (allowing typos: "Actoins" is "actions"), else None."""
    core = heading_core(heading)
    if not core or len(core) > 60:
        return None
    if core in labels:
        return labels[core]
    best, best_score = None, 0.0
    for label, value in labels.items():
        if abs(len(label) - len(core)) > 3:
            continue
        score = fuzz.ratio(core, label)
        if score > best_score:
            best, best_score = value, score
    return best if best_score >= threshold and len(core) >= 5 else None


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping "e.g." and initials together."""
    protected = text
    for i, abbr in enumerate(_ABBREVIATIONS):
        protected = protected.replace(abbr, f"\x00{i}\x00")
    parts = [p.strip() for p in _SENTENCE_END.split(protected) if p.strip()]
    out = []
    for part in parts:
        for i, abbr in enumerate(_ABBREVIATIONS):
            part = part.replace(f"\x00{i}\x00", abbr)
        out.append(part)
    return out


_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|"
                        r"O['’][A-Z][a-z]+|[A-Z]\.?|[A-Z][a-z]*[A-Z][a-z]+)$")  # fmt: skip
_PARTICLES = {"de", "van", "von", "der", "da", "di", "du", "la", "le", "bin", "al", "el", "ter"}
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "cllr",
    "councillor", "rt", "hon", "baroness", "baron", "rev", "mx",
}  # fmt: skip
ORG_WORDS = {
    "office", "department", "dept", "council", "foundation", "trust", "society", "campaign",
    "international", "network", "fund", "group", "partnership", "service", "services", "agency",
    "ltd", "limited", "plc", "university", "institute", "centre", "center", "association",
    "commission", "authority", "ministry", "government", "unit", "team", "board", "committee",
    "coalition", "alliance", "project", "initiative", "forum", "partners", "charity", "uk",
    "cabinet", "treasury", "hmrc", "nhs", "bank", "company", "cic", "data", "open", "digital",
    "school", "college", "library", "police", "fire", "health", "care", "housing", "press",
    "media", "news", "institution", "federation", "union", "consortium", "council's", "support",
    "secretariat", "administration", "executive", "parliament", "assembly", "the", "and", "of",
    "for", "in", "on", "at", "&", "watch", "transparency", "research", "policy", "public",
    "citizens", "advice", "labs", "lab", "works", "hub", "trustees", "programme", "directorate",
}  # fmt: skip


def looks_like_name(text: str) -> bool:
    """A person's name: two to five capitalised words (honorifics, initials and particles such
    as "de" allowed), none of them a word organisations are named with."""
    words = text.replace(",", " ").split()
    while words and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    if not 2 <= len(words) <= 5:
        return False
    capitalised = 0
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        key = word.lower().strip(".")
        if key in ORG_WORDS or key.removesuffix("s") in ORG_WORDS or not _NAME_WORD.match(word):
            return False
        capitalised += 1
    return capitalised >= 2 and not words[-1].rstrip(".").isupper()


def looks_like_organisation(text: str) -> bool:
    """Words organisations are named with, an acronym, or a single capitalised word."""
    words = text.split()
    if not words or len(text) > 100:
        return False
    if any(w.lower().strip(".,()") in ORG_WORDS - {"the", "and", "of", "for", "in", "on", "at"}
           for w in words):  # fmt: skip
        return True
    return len(words) == 1 and (words[0][:1].isupper() or words[0][:1].isdigit())
