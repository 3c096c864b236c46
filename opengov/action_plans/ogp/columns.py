"""The OGP/IRM commitments export layout: its 171 columns in order, which of them opengov models
(and how each cell's text maps to a field value and back), and the formula guard both directions
share. The importer and the exporter read these tables; neither knows a column by heart."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from opengov.core.text import guard_formula, needs_formula_guard, unguard_formula

from ..choices import Completion, DidItOpenGovernment, PotentialImpact, Specificity, YesNo

# The layout, in OGP's order: names separated by " | " (no column name holds one), "#" lines are
# comments.
_LAYOUT_TEXT = """
# Identity, plan and text (0..18)
Commitment Unique Identifier | Country/Locality | Action Plan Number | Commitment Number | Code
Region | National Or Local | Commitment Dummy | Year Of Submission | Action Plan End Year
Action Plan Duration (Years) | Theme | Commitment Title | Short Title | Full Text | Start Date
End Date | Lead Institution | Supporting Institution(s)
# Policy areas (19..104): "1" when the commitment has the area
Anti-Corruption and Integrity | Anti-corruption Institutions | Anti-Corruption Strategies
Asset Disclosure | Audits | Beneficial Ownership | Conflicts Of Interest | Elections
Political Finance | Lobbying | Open Contracting | Public Procurement | Right To Information
Whistleblower Protections | Civic Space and Enabling Environment | Freedom of Assembly
Freedom of Association | Freedom of Expression | Democratizing Decision-Making
Digital Participation | Mainstreaming Participation | Regulatory Governance
Social Accountability | Digital Governance | Automated Decision-making
Data Stewardship and Privacy | Digital Inclusion | Disinformation/Misinformation
Online Civic Space | Environment & Climate | Climate Finance | Climate Mitigation and Adaptation
Environmental Regulation | International Environmental Agreements | Fiscal Openness
Publication Of Budget/Fiscal Information | Public Participation In Budget/Fiscal Policy
Oversight Of Budget/Fiscal Policies | Stimulus and Economic Recovery | Tax | Debt | Inclusion
Gender | Gender-Based Violence | Economic Inclusion | LGBTQIA+ | People with Disabilities
Youth | Justice | Access to Justice | Open Justice | Policing & Corrections | Judiciary
Open Parliaments | Public Service Delivery | Citizenship & Immigration | Education
Health & Nutrition | Infrastructure & Transport | Water & Sanitation | Capacity Building
Digital Transformation | Legislation | Regulation | Legislative Oversight | Open Data
Public Participation | Aid | Energy | Extractive Industries | Land and Spatial Planning
Media & Telecommunications | Science & Technology | Security & Public Safety | Labor
Private Sector | Subnational | Human Rights | Open Parliament Plan
Sustainable Development Goals | Open Data (Water/Sanitation) | Open Data (Health)
Open Data (Education) | Participation in Lawmaking | Access to information | Money in Politics
# The IRM's assessment and OGP's own bookkeeping (105..170)
Report Publication Year (Progress Report) | Compound | Cluster | Specificity | _Specificity
Verifiable | OGP Value Access To Information | OGP Value Civic Participation
OGP Value Public Accountability | OGP Value Technology | _Relevant | Potential Impact
_Potential Impact | Completion (Progress Report) | _CompletionProgress | Starred (2015 Only)
Starred (Current Formula) Progress Report | Potential for Results | _Potential for Results
Cluster (AP Review) | Cluster Commitment ID(s) | Report Publication Year (End Of Term)
Completion (End Of Term) | _CompletionEndTerm | Change In Completion | _ChangeCompletion
Early Results | _Early Results | Did It Open Government (Overall) | _OpenGovernment
Did It Open Government (Access To Information) | _DIOGATI
Did It Open Government (Civic Participation) | _DIOGCP
Did It Open Government: Public Accountability | _DIOGPA | Starred (Current Formula) End of Term
Carried Forward | Most Recently Assessed | Star - Most Recently Assessed | IRM Assessed
Updated? (Website) | Active Commitment | Max star | Ambition Assessed | Comp Assessed
DIOG Assessed | Midterm Only | Max Completion | Raw Completion | High Completion | High Ambition
High DIOG | Ambitious and complete, or DIOG | Ambitious but not complete
Complete but not ambitious | Not complete or ambitious | Not reviewed | CHECKSUM
IRM-Based Score | Binding constraint | URL | Latest IRM Report | Subnational in NAPs
Action Plan ID | id
"""
LAYOUT: tuple[str, ...] = tuple(
    name.strip()
    for line in _LAYOUT_TEXT.strip().splitlines()
    if not line.startswith("#")
    for name in line.split(" | ")
)
POLICY_AREA_COLUMNS: tuple[str, ...] = LAYOUT[19:105]
REQUIRED_COLUMNS: tuple[str, ...] = (
    "Commitment Unique Identifier",
    "Country/Locality",
    "Code",
    "Action Plan Number",
    "Commitment Number",
)
STARRED_END_OF_TERM = "Starred (Current Formula) End of Term"
STARRED_PROGRESS_REPORT = "Starred (Current Formula) Progress Report"
STARRED_COLUMNS = (STARRED_END_OF_TERM, STARRED_PROGRESS_REPORT)

# OGP's explicit "no value" codes, which every IRM scale also holds.
NO_DATA_WORDS = {"ND": "no_data", "NR": "not_reviewed", "NA": "not_applicable"}


class Codec:
    """How one column's text becomes a modelled value (`read`) and is written back (`write`)."""

    def read(self, text: str) -> Any:
        raise NotImplementedError

    def write(self, value: Any) -> str:
        raise NotImplementedError

    def accepts(self, text: str, value: Any) -> bool:
        """Whether OGP's own spelling `text` still says `value`, so an export may reproduce it
        (it no longer does once someone has changed the value in opengov)."""
        try:
            return bool(self.read(text) == value)
        except ValueError:
            return False


class Choice(Codec):
    """A value-mapped column: OGP's words (and ND/NR/NA) to a choice's stable key. An empty cell
    means nobody has entered a value. Words match ignoring case and surrounding spaces; `aliases`
    are other spellings seen in OGP's data, read but never written."""

    def __init__(self, words: dict[str, str], aliases: dict[str, str] | None = None) -> None:
        self.words = {word: str(key) for word, key in {**words, **NO_DATA_WORDS}.items()}
        spellings = {**{k: str(v) for k, v in (aliases or {}).items()}, **self.words}
        self._keys = {word.casefold(): key for word, key in spellings.items()}
        self._words: dict[str, str] = {}
        for word, key in self.words.items():
            self._words.setdefault(key, word)

    def read(self, text: str) -> str:
        if not text.strip():
            return ""
        try:
            return self._keys[text.strip().casefold()]
        except KeyError:
            known = ", ".join(f"“{word}”" for word in self.words)
            raise ValueError(f"“{text}” is not a known value (expected {known})") from None

    def write(self, value: Any) -> str:
        return self._words.get(str(value), "") if value else ""


class Flag(Codec):
    """A policy-area column: "1" when the commitment has the area; "0", an empty cell or a no-data
    code when it does not."""

    def read(self, text: str) -> bool:
        word = text.strip()
        if word == "1":
            return True
        if word in ("0", "") or word in NO_DATA_WORDS:
            return False
        raise ValueError(f"“{text}” is not a known value (expected “1”, “0”, “ND”, “NR” or “NA”)")

    def write(self, value: Any) -> str:
        return "1" if value else "0"


class Text(Codec):
    """Free text, kept verbatim; names and identifiers (`strip`) without surrounding spaces. Where
    OGP writes "NA" for "none" (`na_is_empty`), the field is empty and an empty field is written
    "NA". Text longer than the field is refused, or for titles shortened with an ellipsis (the
    full text then stays in ogp_source)."""

    def __init__(
        self,
        max_length: int | None = None,
        *,
        na_is_empty: bool = False,
        truncate: bool = False,
        strip: bool = False,
    ) -> None:
        self.max_length, self.na_is_empty, self.truncate = max_length, na_is_empty, truncate
        self.strip = strip

    def read(self, text: str) -> str:
        value = text.strip() if self.strip else text
        value = "" if self.na_is_empty and value == "NA" else value
        if self.max_length is not None and len(value) > self.max_length:
            if not self.truncate:
                raise ValueError(f"is longer than {self.max_length} characters")
            value = value[: self.max_length - 1].rstrip() + "…"
        return value

    def write(self, value: Any) -> str:
        return str(value or ("NA" if self.na_is_empty else ""))


class PlanNumber(Codec):
    def read(self, text: str) -> int:
        if not re.fullmatch(r"\d{1,4}", text.strip()) or int(text) < 1:
            raise ValueError(f"“{text}” is not a whole number of 1 or more")
        return int(text)

    def write(self, value: Any) -> str:
        return str(value)


class Year(Codec):
    """A four-digit year; anything else ("ND", "NA") is no year, kept as written."""

    def read(self, text: str) -> int | None:
        return int(text) if re.fullmatch(r"\d{4}", text.strip()) else None

    def write(self, value: Any) -> str:
        return "" if value is None else str(value)


ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def slashed_order(text: str) -> str | None:
    """The order a day/month/year date shows by itself: "MD" for 12/31/2022, "DM" for 31/12/2014,
    None for 9/1/2018 (either) or text that is not such a date."""
    if m := SLASHED_DATE.fullmatch(text.strip()):
        if int(m[1]) > 12:
            return "DM"
        if int(m[2]) > 12:
            return "MD"
    return None


class Date(Codec):
    """Start and end dates. OGP's layout writes M/D/YYYY, but rows typed by hand for older plans
    use D/M/YYYY ("31/12/2014", and so "1/6/2014" in the same plan is 1 June). A slashed date is
    read when its order is certain: from itself (31/12/2014, 12/31/2022, 1/1/2024) or, passed in
    as `order`, from the other dates of its action plan in the same file. Anything else
    ("September 2014", "I quarter of 2021", "43525", "Ongoing", 9/1/2018 with no evidence) gives
    no date; the text is kept in ogp_source either way. opengov writes dates as YYYY-MM-DD, which
    it reads back without doubt."""

    def readings(self, text: str) -> set[dt.date]:
        text = text.strip()
        if m := ISO_DATE.fullmatch(text):
            found = _date(int(m[1]), int(m[2]), int(m[3]))
            return {found} if found else set()
        if m := SLASHED_DATE.fullmatch(text):
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            return {d for d in (_date(year, first, second), _date(year, second, first)) if d}
        return set()

    def read(self, text: str, order: str | None = None) -> dt.date | None:
        readings = self.readings(text)
        if len(readings) == 1:
            return readings.pop()
        if len(readings) == 2 and (m := SLASHED_DATE.fullmatch(text.strip())):
            first, second, year = int(m[1]), int(m[2]), int(m[3])
            if order == "MD":
                return _date(year, first, second)
            if order == "DM":
                return _date(year, second, first)
        return None

    def accepts(self, text: str, value: Any) -> bool:
        readings: set[dt.date | None] = set(self.readings(text))
        if len(readings) != 1:
            readings.add(None)
        return value in readings

    def write(self, value: Any) -> str:
        return value.isoformat() if value else "NA"


YES_NO = Choice({"Yes": YesNo.YES, "No": YesNo.NO}, aliases={"1": YesNo.YES, "0": YesNo.NO})
ONE_ZERO = Choice({"1": YesNo.YES, "0": YesNo.NO}, aliases={"Yes": YesNo.YES, "No": YesNo.NO})
SPECIFICITY = Choice(
    {
        "None": Specificity.NONE,
        "Low": Specificity.LOW,
        "Medium": Specificity.MEDIUM,
        "High": Specificity.HIGH,
    }
)
POTENTIAL_IMPACT = Choice(
    {
        "None": PotentialImpact.NONE,
        "Minor": PotentialImpact.MINOR,
        "Moderate": PotentialImpact.MODERATE,
        "Transformative": PotentialImpact.TRANSFORMATIVE,
    }
)
COMPLETION = Choice(
    {
        "Not Started": Completion.NOT_STARTED,
        "Limited": Completion.LIMITED,
        "Substantial": Completion.SUBSTANTIAL,
        "Complete": Completion.COMPLETE,
        "Withdrawn": Completion.WITHDRAWN,
        "Unclear": Completion.UNCLEAR,
    },
    aliases={"Not Applicable": Completion.NOT_APPLICABLE},
)
DID_IT_OPEN_GOVERNMENT = Choice(
    {
        "Worsens": DidItOpenGovernment.WORSENED,
        "Did Not Change": DidItOpenGovernment.DID_NOT_CHANGE,
        "Marginal": DidItOpenGovernment.MARGINAL,
        "Major": DidItOpenGovernment.MAJOR,
        "Outstanding": DidItOpenGovernment.OUTSTANDING,
        "No early results to report yet": DidItOpenGovernment.NO_EARLY_RESULTS,
    },
    aliases={
        "Worsened": DidItOpenGovernment.WORSENED,
        "Not Applicable": DidItOpenGovernment.NOT_APPLICABLE,
    },
)
STARRED = ONE_ZERO
FLAG = Flag()
DATE = Date()


@dataclass(frozen=True)
class Column:
    """A modelled column: the object it describes (member, plan or commitment) and its field."""

    name: str
    level: str
    field: str
    codec: Codec


MODELLED: dict[str, Column] = {
    column.name: column
    for column in (
        Column("Country/Locality", "member", "name", Text(200, strip=True)),
        Column("Code", "member", "code", Text(12, strip=True)),
        Column("Region", "member", "region", Text(100, strip=True)),
        Column("National Or Local", "member", "ogp_kind", Text(40, strip=True)),
        Column("Action Plan Number", "plan", "number", PlanNumber()),
        Column("Action Plan ID", "plan", "ogp_id", Text(40, strip=True)),
        Column("Year Of Submission", "plan", "submitted_year", Year()),
        Column("Action Plan End Year", "plan", "end_year", Year()),
        Column("Commitment Unique Identifier", "commitment", "ogp_id", Text(40, strip=True)),
        Column("Commitment Number", "commitment", "number", Text(40)),
        Column("Commitment Title", "commitment", "title", Text(500, truncate=True)),
        Column("Short Title", "commitment", "short_title", Text(300, truncate=True)),
        Column("Full Text", "commitment", "description", Text()),
        Column("Lead Institution", "commitment", "lead_text", Text(na_is_empty=True)),
        Column(
            "Supporting Institution(s)", "commitment", "supporting_text", Text(na_is_empty=True)
        ),
        Column("Theme", "commitment", "theme", Text(300, na_is_empty=True, truncate=True)),
        Column("URL", "commitment", "ogp_url", Text(500)),
        Column("Start Date", "commitment", "starts_on", DATE),
        Column("End Date", "commitment", "ends_on", DATE),
        Column("Verifiable", "commitment", "verifiable", YES_NO),
        Column("Specificity", "commitment", "specificity", SPECIFICITY),
        Column(
            "OGP Value Access To Information",
            "commitment",
            "relevance_access_to_information",
            ONE_ZERO,
        ),
        Column(
            "OGP Value Civic Participation", "commitment", "relevance_civic_participation", ONE_ZERO
        ),
        Column(
            "OGP Value Public Accountability",
            "commitment",
            "relevance_public_accountability",
            ONE_ZERO,
        ),
        Column("OGP Value Technology", "commitment", "relevance_technology", ONE_ZERO),
        Column("Potential Impact", "commitment", "potential_impact", POTENTIAL_IMPACT),
        Column("Completion (Progress Report)", "commitment", "completion_midterm", COMPLETION),
        Column("Completion (End Of Term)", "commitment", "completion_end_of_term", COMPLETION),
        Column(
            "Did It Open Government (Overall)",
            "commitment",
            "did_it_open_government",
            DID_IT_OPEN_GOVERNMENT,
        ),
    )
}


def starred_from(end_of_term: str, progress_report: str) -> str:
    """opengov keeps one `starred` verdict, the IRM's latest: its end-of-term verdict when it gave
    one ("1" or "0"), else its progress-report value (which may be a no-data code). Both OGP
    columns stay in ogp_source verbatim, so the export writes them back as they were."""
    latest = STARRED.read(end_of_term)
    return latest if latest in (YesNo.YES, YesNo.NO) else STARRED.read(progress_report)


# Formula guard (opengov.core.text, the one rule for every CSV this site writes). A spreadsheet
# runs a cell that starts with =, +, -, @, tab or carriage return as a formula; the export writes
# such a cell with a leading apostrophe, unless it is a plain number ("-1" in "_ChangeCompletion"
# is data, not a formula). The importer removes exactly that one apostrophe, and only where the
# export would have added it, so "'hello" stays as it is. A cell that already starts with such an
# apostrophe ("'=1") gets one more, so it too comes back intact.
needs_guard = needs_formula_guard
guard = guard_formula
unguard = unguard_formula
