"""One line of an attendance list → people, in the forms real minutes use: "Name, Organisation";
"Name (Organisation), Name (Organisation)"; "Name – Organisation"; "Name (Chair)", "Name
(Cabinet Office, Chair)", "Chair: Name"; names alone; "Name, Name, Name". Organisations are
kept as written; a role marker sets the role; initials in brackets ("(JS)") and job titles
("Chief Executive", "Director of Finance": a post, not an organisation) are dropped."""

from __future__ import annotations

import re

from .result import Person
from .text import BULLET, looks_like_name, norm

ROLE_WORDS = {
    "chair": "chair", "co chair": "chair", "cochair": "chair", "chairing": "chair",
    "chairperson": "chair", "chairman": "chair", "chairwoman": "chair", "vice chair": "chair",
    "in the chair": "chair", "joint chair": "chair", "minutes": "note_taker",
    "note taker": "note_taker", "notetaker": "note_taker", "notes": "note_taker",
    "minute taker": "note_taker", "minuting": "note_taker", "secretary": "note_taker",
    "guest": "guest", "observer": "guest", "speaker": "guest", "guest speaker": "guest",
    "presenting": "guest", "visitor": "guest", "in attendance": "guest", "part": "guest",
    "secretariat": "attendee", "member": "attendee", "dial in": "attendee",
    "by phone": "attendee", "remote": "attendee", "online": "attendee",
}  # fmt: skip
_ROLE_ORDER = ("chair", "note_taker", "guest", "attendee")
TITLE_WORDS = {
    "director", "head", "chair", "chairman", "chairwoman", "chairperson", "officer", "manager",
    "councillor", "professor", "minister", "secretary", "adviser", "advisor", "lead", "leader",
    "coordinator", "co-ordinator", "president", "vice-president", "treasurer", "trustee",
    "commissioner", "clerk", "analyst", "consultant", "governor", "controller", "editor",
    "founder", "co-founder", "ceo", "coo", "cfo", "cto", "cio", "cdo", "registrar", "librarian",
    "dean", "lecturer", "researcher", "fellow", "economist", "statistician", "engineer",
    "specialist", "administrator", "deputy", "vice-chancellor", "mayor", "cllr", "dr", "prof",
    "solicitor", "auditor", "architect", "scientist", "official", "representative", "strategist",
}  # fmt: skip
_TITLE_PREFIXES = {
    "deputy", "assistant", "acting", "interim", "senior", "chief", "principal", "associate",
}  # fmt: skip
_NAMED_BODY = {
    "office", "department", "council", "ministry", "university", "institute", "foundation",
    "commission", "agency", "government", "ltd", "plc", "bank", "police", "college", "society",
}  # fmt: skip
_PARENS = re.compile(r"\(([^()]*)\)")
_DASH_ROLE = re.compile(r"\s+[–—-]\s+([A-Za-z -]{3,20})$")
_SPLIT_AND = re.compile(r"\s+(?:and|&)\s+(?=[A-Z])")


def role_word(text: str) -> str | None:
    """The role a marker names: "(Chair)", "minutes", "for item 3" (a guest)."""
    key = norm(text).replace("-", " ")
    if key in ROLE_WORDS:
        return ROLE_WORDS[key]
    if re.match(r"(?:for|items?)\s+(?:item\s+)?\d", key):
        return "guest"
    return None


def looks_like_job_title(text: str) -> bool:
    """ "Chief Executive", "Non-Executive Director", "Director of Finance", "Head of Data",
    "Trust Secretary": a post, not an organisation."""
    words = [w.strip(".,()").lower() for w in text.split()]
    if not 1 <= len(words) <= 8 or not text[:1].isupper():
        return False
    if any(re.fullmatch(r"[A-Z]{2,}", w) and w.lower() not in TITLE_WORDS for w in text.split()):
        return False  # "IRM researcher", "NHS Digital lead": the post names its organisation
    if words[-1] in TITLE_WORDS or words[-2:] == ["chief", "executive"]:
        return not _NAMED_BODY & set(words[:-1])  # "Cabinet Office official" keeps its office
    lead = 0
    while lead < len(words) - 1 and words[lead] in _TITLE_PREFIXES:
        lead += 1
    following = words[lead + 1] if lead + 1 < len(words) else ""
    return words[lead] in TITLE_WORDS and following in ("of", "for", "to", "at", "in")


def _clean(text: str) -> str:
    text = text.strip()
    if m := BULLET.match(text):
        text = m.group(1)
    text = re.sub(r"^\d{1,2}[.)]\s+", "", text)
    return text.strip(" \t;,.*").strip()


def _initials_of(part: str, text: str) -> bool:
    """ "(JS)" after "Jane Smith": the person's initials, not an organisation."""
    return bool(re.fullmatch(r"[A-Z]{2,4}", part)) and part == _initials(text.split("(")[0])


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def parse_person(text: str, role: str = "attendee") -> Person | None:
    """A single person, with organisation and role markers taken out of the text."""
    text = _clean(text)
    if not text or len(text) > 150:
        return None
    found_role: str | None = None
    organisation_parts: list[str] = []
    for inner in _PARENS.findall(text):
        kept = []
        for part in [p.strip() for p in inner.split(",") if p.strip()]:
            if r := role_word(part):
                found_role = _stronger(found_role, r)
            elif looks_like_job_title(part) or _initials_of(part, text):
                continue
            else:
                kept.append(part)
        if kept:
            organisation_parts.append(", ".join(kept))
    text = _PARENS.sub(" ", text).strip()
    if (m := _DASH_ROLE.search(text)) and (r := role_word(m.group(1))):
        found_role = _stronger(found_role, r)
        text = text[: m.start()]
    pieces = re.split(r"(,|\s+[–—]\s+|\s+-\s+)", text, maxsplit=1)
    name = " ".join(pieces[0].split()).strip(" ,;:")
    rest = pieces[2].strip(" ,;:") if len(pieces) == 3 else ""
    if rest:
        parts = [p.strip() for p in rest.split(",") if p.strip()]
        kept = []
        for part in parts:
            if r := role_word(part):
                found_role = _stronger(found_role, r)
            elif not looks_like_job_title(part):
                kept.append(part)
        if kept:
            organisation_parts = [", ".join(kept), *organisation_parts]
    if not name or len(name.split()) > 8 or not re.search(r"[A-Za-z]", name):
        return None
    organisation = ", ".join(p for p in organisation_parts if p) or None
    return Person(name=name, organisation=organisation, role=_stronger(found_role, role))


def _stronger(a: str | None, b: str) -> str:
    """The more specific of two roles: chair over note-taker over guest over attendee."""
    if a is None:
        return b
    return a if _ROLE_ORDER.index(a) <= _ROLE_ORDER.index(b) else b


def _split_outside_parens(text: str, separators: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def parse_people(text: str, role: str = "attendee", *, inline: bool = False) -> list[Person]:
    """Everyone on one line. `inline`: the line is a run-on list ("Present: A, B (X), C")
    rather than one entry of a one-a-line list, so "Name, Organisation" pairs alternate."""
    text = _clean(text)
    if not text:
        return []
    if ";" in _PARENS.sub("", text):
        chunks = _split_outside_parens(text, ";")
        return [p for c in chunks for p in parse_people(c, role, inline=False)]
    parts = _split_outside_parens(text, ",")
    parts = [q for p in parts for q in (_SPLIT_AND.split(p) if _splittable(p) else [p])]
    with_parens = sum(1 for p in parts if "(" in p)
    if len(parts) >= 2 and (with_parens >= 2 or (with_parens >= 1 and inline)):
        return [p for part in _attach_roles(parts) if (p := parse_person(part, role))]
    names = [looks_like_name(_PARENS.sub("", p).strip()) for p in parts]
    if len(parts) >= (2 if inline else 3) and all(names):
        return [p for part in parts if (p := parse_person(part, role))]
    if inline and len(parts) >= 3:
        return _pairs(parts, names, role)
    person = parse_person(text, role)
    return [person] if person else []


def _splittable(part: str) -> bool:
    """ "Jane Smith and Tom Orrell" is two people; "Department for Education and Skills" isn't."""
    pieces = _SPLIT_AND.split(_PARENS.sub("", part))
    return len(pieces) > 1 and all(looks_like_name(p.strip()) for p in pieces)


def _attach_roles(parts: list[str]) -> list[str]:
    """Glue a bare role or organisation fragment back onto the entry before it."""
    out: list[str] = []
    for part in parts:
        if out and (role_word(part) or not re.match(r"[A-Z]", part)):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


def _pairs(parts: list[str], names: list[bool], role: str) -> list[Person]:
    """A name takes the parts after it up to the next name: any job titles or role words and
    one organisation ("A, Director of Policy, Org, B, Org")."""
    people: list[Person] = []
    i = 0
    while i < len(parts):
        entry, j, has_org = [parts[i]], i + 1, False
        while names[i] and j < len(parts) and not names[j]:
            if not (role_word(parts[j]) or looks_like_job_title(parts[j])):
                if has_org:
                    break
                has_org = True
            entry.append(parts[j])
            j += 1
        if person := parse_person(", ".join(entry), role):
            people.append(person)
        i = j
    return people


def name_count(text: str) -> int:
    """How many comma-separated parts of a line look like people's names."""
    parts = _split_outside_parens(_clean(text), ",")
    return sum(looks_like_name(_PARENS.sub("", p).strip()) for p in parts)


def looks_like_person_line(text: str) -> bool:
    """Could this line be an attendance entry? (Used to spot lists that have no heading.)"""
    if text.rstrip().endswith((".", "?", "!", ":")) and not re.search(r"\b[A-Z]\.$", text):
        return False
    text = _clean(text)
    if not text or len(text) > 100 or re.search(r"\b(?:is|are|was|were|will|has|have)\b", text):
        return False
    head = re.split(r",|\(|\s+[–—-]\s+", text, maxsplit=1)[0].strip()
    return looks_like_name(head)
