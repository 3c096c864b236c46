"""Deterministic synthetic data for benchmarks: every object an OGP member's process holds, built
as unsaved model instances from one random.Random(seed), with no database access.

Objects refer to one another through their foreign-key attributes (`milestone.commitment =
commitment`), so `load` can bulk-insert them parents first and Django fills in the ids. The audit
events they imply are described as `Event`s, which `load` turns into the hash chain once the
objects have their primary keys. Denormalised fields (a commitment's milestone counts, progress,
status and last update) are computed here, so they are true once loaded."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.text import slugify

from opengov.accounts.models import User
from opengov.action_plans.choices import (
    AssessmentKind,
    Completion,
    DidItOpenGovernment,
    DuePrecision,
    MemberKind,
    MilestoneStatus,
    PlanStatus,
    PotentialImpact,
    ProgressStatus,
    Specificity,
    UpdateSource,
    YesNo,
)
from opengov.action_plans.dates import end_of_period
from opengov.action_plans.models import (
    ActionPlan,
    Assessment,
    Commitment,
    DueDateRevision,
    Member,
    Milestone,
    PolicyArea,
    ProgressUpdate,
)
from opengov.action_plans.services.commitments import position_for
from opengov.collective_actions.models import (
    CollectiveAction,
    Delegate,
    EventDocument,
    SignUp,
)
from opengov.collective_actions.models import Event as Gathering
from opengov.ideas.models import (
    CallForIdeas,
    Comment,
    Idea,
    ReasonedResponse,
    Score,
    ScoringCriterion,
)
from opengov.meetings.choices import ActionStatus, AttendanceRole, MeetingStatus
from opengov.meetings.models import (
    ActionItem,
    ActionItemReview,
    Attendance,
    Decision,
    Meeting,
    MeetingSeries,
    MinutesSection,
)
from opengov.nominations.models import (
    Ballot,
    Body,
    BodyMembership,
    Count,
    EligibleMember,
    Nomination,
    NominationRound,
    ResultLine,
    Seconding,
    VoteRecord,
)
from opengov.organisations.models import (
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    Person,
    Post,
    Project,
    Tenure,
    match_key,
)

# Per unit of scale: S=1 is one member's real size, S=100 all of OGP.
BASE_COUNTS: dict[str, float] = {
    "members": 0.75,
    "plans": 3,
    "commitments": 60,
    "milestones": 300,
    "progress_updates": 1000,
    "due_date_revisions": 30,
    "assessments": 3,
    "organisations": 20,
    "people": 200,
    "memberships": 300,
    "meetings": 50,
    "attendances": 600,
    "minutes_sections": 250,
    "decisions": 100,
    "action_items": 500,
    # -- participation (bench/seed/participation.py) --
    "accounts": 300,
    "ideas": 1000,
    "supports": 10_000,
    "idea_comments": 5000,
    # -- network governance (bench/seed/network.py) --
    "posts": 3.75,  # 5 per member
    "network_projects": 2.25,  # 3 per network
}
# The least of each that still makes a coherent world at a tiny scale (S=0.05 in tests).
MINIMUM_COUNTS: dict[str, int] = {
    "members": 1,
    "plans": 1,
    "commitments": 2,
    "milestones": 2,
    "progress_updates": 2,
    "due_date_revisions": 1,
    "assessments": 1,
    "organisations": 4,
    "people": 10,
    "memberships": 10,
    "meetings": 2,
    "attendances": 2,
    "minutes_sections": 1,
    "decisions": 1,
    "action_items": 2,
    # -- participation (bench/seed/participation.py) --
    "accounts": 20,
    "ideas": 10,
    "supports": 20,
    "idea_comments": 20,
    # -- network governance (bench/seed/network.py) --
    "posts": 3,
    "network_projects": 1,
}
MAX_MILESTONES_PER_COMMITMENT = 8
DAY = dt.timedelta(days=1)
SYSTEM_LABEL = "opengov (system)"


def counts_for(scale: float) -> dict[str, int]:
    """The number of each kind of object at `scale`: round(base × scale), at least the minimum."""
    if not scale > 0:
        raise ValueError("The scale must be more than 0.")
    counts = {
        name: max(MINIMUM_COUNTS[name], round(base * scale)) for name, base in BASE_COUNTS.items()
    }
    counts["plans"] = max(counts["plans"], counts["members"])
    counts["commitments"] = max(counts["commitments"], counts["plans"])
    counts["milestones"] = min(
        max(counts["milestones"], counts["commitments"]),
        counts["commitments"] * MAX_MILESTONES_PER_COMMITMENT,
    )
    counts["organisations"] = max(counts["organisations"], 4 * counts["members"])
    counts["people"] = max(counts["people"], 10 * counts["members"])
    counts["meetings"] = max(counts["meetings"], counts["members"])
    return counts


# --- Vocabulary -------------------------------------------------------------------------------


def phrases(text: str) -> list[str]:
    """A vocabulary written as "one; two; three" (line breaks are spaces)."""
    return [p.strip() for p in " ".join(text.split()).split(";") if p.strip()]


def words(text: str) -> list[str]:
    return text.split()


def member_list(text: str) -> list[tuple[str, str, str]]:
    regions = {"E": "Europe", "A": "Americas", "P": "Asia and the Pacific"}
    regions["M"] = "Africa and the Middle East"
    rows = [p.split(":") for p in phrases(text)]
    return [(name, code, regions[region]) for name, code, region in rows]


NATIONAL_MEMBERS = member_list(
    """United Kingdom:GBR:E; Argentina:ARG:A; Armenia:ARM:E; Australia:AUS:P; Brazil:BRA:A;
    Canada:CAN:A; Chile:CHL:A; Colombia:COL:A; Costa Rica:CRI:A; Croatia:HRV:E;
    Czech Republic:CZE:E; Denmark:DNK:E; Dominican Republic:DOM:A; Estonia:EST:E; Finland:FIN:E;
    France:FRA:E; Georgia:GEO:E; Germany:DEU:E; Ghana:GHA:M; Greece:GRC:E; Guatemala:GTM:A;
    Indonesia:IDN:P; Ireland:IRL:E; Italy:ITA:E; Jordan:JOR:M; Kenya:KEN:M; Latvia:LVA:E;
    Lithuania:LTU:E; Mexico:MEX:A; Moldova:MDA:E; Mongolia:MNG:P; Morocco:MAR:M;
    Netherlands:NLD:E; New Zealand:NZL:P; Nigeria:NGA:M; North Macedonia:MKD:E; Norway:NOR:E;
    Panama:PAN:A; Paraguay:PRY:A; Peru:PER:A; Philippines:PHL:P; Portugal:PRT:E; Romania:ROU:E;
    Senegal:SEN:M; Serbia:SRB:E; Sierra Leone:SLE:M; Slovakia:SVK:E; South Korea:KOR:P;
    Spain:ESP:E; Sri Lanka:LKA:P; Sweden:SWE:E; Tunisia:TUN:M; Ukraine:UKR:E; Uruguay:URY:A"""
)
LOCAL_MEMBERS = member_list(
    """Buenos Aires:ARBUE:A; Paris:FRPAR:E; Madrid:ESMAD:E; Scotland:GBSCT:E; Austin:USAUS:A;
    Seoul:KRSEL:P; Bogotá:COBOG:A; Nairobi:KENBO:M; Tbilisi:GETBS:E; Kaduna State:NGKAD:M;
    Ontario:CAONT:A; Basque Country:ESPV:E; Jalisco:MXJAL:A; Sekondi-Takoradi:GHSTK:M;
    La Libertad:PELAL:A; Elgeyo Marakwet:KEELM:M; Quezon City:PHQZN:P; Tirana:ALTIA:E;
    Makueni:KEMAK:M; Ternopil:UATER:E; Bojonegoro:IDBJN:P; Catalonia:ESCAT:E; Santa Fe:ARSFE:A;
    Iași:ROIAS:E"""
)
DEPARTMENTS = phrases(
    """Cabinet Office; Ministry of Finance; Ministry of Justice; Ministry of Health;
    Ministry of Education; Ministry of the Interior; Ministry of Environment;
    Ministry of Digital Affairs; Ministry of Housing; Ministry of Labour;
    Ministry of Foreign Affairs; Ministry of Transport; Department for Public Administration;
    Department for Business and Trade; Department for Local Government; Treasury;
    Office of the Prime Minister; Ministry of Energy; Ministry of Agriculture;
    Ministry of Culture"""
)
AGENCIES = phrases(
    """National Statistics Office; Public Procurement Agency; Data Protection Authority;
    Anti-Corruption Commission; Information Commissioner; National Audit Office;
    Companies Registry; Electoral Commission; Government Digital Service; Ombudsman;
    Land Registry; Revenue Authority"""
)
CSO_TOPICS = phrases(
    """Open Data; Budget Transparency; Civic Participation; Fiscal Accountability; Digital Rights;
    Anti-Corruption; Press Freedom; Open Contracting; Environmental Justice; Access to Information;
    Public Integrity; Democratic Innovation; Social Accountability; Gender Equality; Open Justice;
    Land Rights"""
)
CSO_KINDS = phrases(
    """Alliance; Foundation; Institute; Network; Forum; Trust; Initiative; Centre; Coalition;
    Watch; Lab; Association"""
)
OTHER_ORGS = [
    (OrganisationKind.ACADEMIC, "{member} School of Public Policy"),
    (OrganisationKind.ACADEMIC, "{member} Institute of Governance Studies"),
    (OrganisationKind.BUSINESS, "{member} Civic Technology Ltd"),
    (OrganisationKind.LEGISLATURE, "{member} Parliament"),
    (OrganisationKind.FUNDER, "{member} Democracy Fund"),
    (OrganisationKind.INTERNATIONAL_BODY, "Regional Open Government Support Unit, {member}"),
    (OrganisationKind.BUSINESS, "{member} Data Services"),
    (OrganisationKind.ACADEMIC, "{member} University Transparency Research Group"),
]
FIRST_NAMES = words(
    "Tim Thom Anna Maria José Ana Luis Sofia Ahmed Fatima Kwame Amina Chen Li Wei Priya Rahul "
    "Olga Ivan Elena Giorgi Nino Lucas Emma Noah Mia Liam Olivia Mateo Valentina Santiago "
    "Camila Diego Lucía Juan Isabel Carlos Ingrid Lars Astrid Mikkel Anja Jan Eva Tomas Petra "
    "Kofi Abena Chidi Ngozi Tunde Zainab Omar Layla Yusuf Mariam Hana Kenji Yuki Min-jun Ji-woo "
    "Arjun Deepa Siti Budi Maya Daniel Sarah David Rachel James Helen Peter Grace Michael Rosa "
    "Patrick Aoife Sean Niamh Pablo Marta Andrés Paula Gabriel Beatriz Rui Inês Andrei Ioana"
)
LAST_NAMES = words(
    "Hughes Townsend García Rodríguez Martínez López Silva Santos Okafor Mensah Mwangi Otieno "
    "Kariuki Wang Zhang Li Kumar Sharma Patel Singh Ivanova Petrov Beridze Kapanadze Müller "
    "Schmidt Fischer Dubois Martin Bernard Rossi Russo Ferrari Jensen Hansen Nielsen Andersson "
    "Johansson Lindqvist Novák Horváth Kowalski Nowak Popescu Ionescu Smith Jones Williams "
    "Brown Taylor Davies Evans Wilson Thomas Roberts Walsh Murphy Kelly Byrne Ryan O'Brien "
    "Haddad Khalil Mansour Nasser Diallo Ndiaye Traoré Koroma Kamara Sesay Tanaka Suzuki Kim "
    "Park Lee Choi Santoso Wijaya Reyes Cruz Bautista Herrera Castro Vargas Rojas Morales Díaz"
)
GOVERNMENT_ROLES = phrases(
    """Head of Open Government; Policy Adviser; Deputy Director; Senior Policy Officer;
    Open Data Lead; Minister; Head of Transparency; Programme Manager; Analyst;
    Point of Contact for OGP"""
)
CIVIL_SOCIETY_ROLES = phrases(
    """Director; Coordinator; Researcher; Campaigns Manager; Policy Officer; Chair;
    Programme Lead; Trustee; Volunteer; Communications Officer"""
)
SUBJECTS = phrases(
    """The government; The lead department; Civil society partners; The steering committee;
    The Open Government Network; The independent reviewer; Local authorities; The working group;
    The data team; Participating ministries; The national audit office; Community organisations;
    The secretariat; Officials and civil society together; The point of contact;
    The multi-stakeholder forum"""
)
VERBS = phrases(
    """published; will consult on; agreed to review; began developing; launched;
    will continue to improve; will pilot; completed the first phase of; set out plans for;
    commissioned research into; held workshops on; started drafting; published guidance on;
    reported delays to; co-created; secured funding for"""
)
OBJECTS = phrases(
    """a beneficial ownership register; the open contracting data standard;
    the national open data portal; a public register of lobbyists;
    guidance on proactive disclosure; the grants data hub; participatory budgeting in four regions;
    the freedom of information code of practice; an anti-corruption strategy;
    the fiscal transparency dashboard; a consultation on the draft action plan;
    standards for algorithmic transparency; the local transparency code;
    a whistleblowing framework; citizen feedback on public services;
    the extractive industries transparency report; an open data standard for procurement;
    accessible budget information; a register of public appointments;
    the public sector data strategy; open justice statistics;
    the asset declarations of senior officials; a civic space monitoring report;
    the national risk register"""
)
TAILS = phrases(
    """with input from civil society; ahead of the next plan; in line with the agreed milestones;
    following the public consultation; to improve accountability; across central government;
    for the first time; as set out in the action plan; so that citizens can follow spending;
    in partnership with local government; despite delays in securing funding;
    after the spring review; with support from the independent reporting mechanism;
    using open standards; within the current financial year; and will report back to the forum"""
)
REMARKS = [
    "Work is on track against the agreed timetable.",
    "The timetable has slipped by about three months.",
    "A first draft was shared with the network for comment.",
    "Feedback from the workshops is being incorporated.",
    "Funding for the next phase has not yet been confirmed.",
    "The data is now published every quarter under an open licence.",
    "Civil society members questioned whether the scope is ambitious enough.",
    "Officials committed to publish the underlying evidence.",
    "A change of minister delayed sign-off.",
    "The pilot will be evaluated before any wider roll-out.",
]
TITLE_ACTIONS = phrases(
    """Improve; Publish; Strengthen; Open up; Develop; Increase transparency of; Build; Embed;
    Expand; Create; Deliver; Reform"""
)
TITLE_QUALIFIERS = [
    *phrases(
        """in local government; for citizens and businesses; across the public sector;
        through open data; with civil society; in public procurement;
        at every level of government"""
    ),
    "",
]
THEMES = phrases(
    """Open data; Anti-corruption; Fiscal openness; Civic participation; Open contracting;
    Access to information; Justice; Public service delivery; Beneficial ownership;
    Natural resources"""
)
MILESTONE_ACTIONS = phrases(
    """Publish; Consult civil society on; Launch; Pilot; Evaluate; Agree the scope of;
    Train officials on; Produce a progress report on; Hold public workshops on;
    Draft legislation for"""
)
ACTION_OWNERS = phrases(
    """Secretariat; Cabinet Office; Network coordinator; All members; Working group leads;
    Point of contact; Civil society co-chair"""
)
ACTION_VERBS = phrases(
    """circulate; share comments on; set up a meeting about; write to the minister about;
    draft a response on; report back on; collect evidence for; update the forum on;
    publish a blog post about; propose a timetable for"""
)
ACTION_TAILS = [
    *phrases(
        """before the next meeting; by the end of the month; with the lead department;
        to the whole network; in time for the self-assessment"""
    ),
    "",
]
DUE_PHRASES = phrases(
    """by the next meeting; in the New Year; before the summer recess; as soon as possible;
    ongoing; by the end of the quarter; before the consultation closes"""
)
DROP_NOTES = [
    "No longer needed after the restructure.",
    "Superseded by the new action plan.",
    "The owner has left the organisation; the forum agreed to close it.",
    "Overtaken by the minister's announcement.",
    "Merged into the working group's wider plan.",
]
REVISION_REASONS = [
    "Postponed due to the delayed Digital Strategy.",
    "Moved after the general election paused new policy announcements.",
    "The procurement of the supplier took longer than planned.",
    "Extended to allow a longer public consultation.",
    "Delayed while the legislation completes its passage.",
    "Rescheduled to align with the budget cycle.",
    "Moved at the request of civil society partners to allow more engagement.",
    "Delayed by staff changes in the lead department.",
    "Brought forward after the pilot finished early.",
    "Postponed until funding for the next phase is confirmed.",
]
AGENDA_HEADINGS = phrases(
    """Welcome and introductions; Progress on the action plan; Update from government;
    Mid-term self-assessment; Co-creation of the next action plan;
    Independent reporting mechanism findings; Civil society priorities;
    Open contracting working group; Communications and outreach; Any other business;
    Date of next meeting"""
)
ONGOING_STATUSES = [ProgressStatus.ON_TRACK, ProgressStatus.ON_TRACK, ProgressStatus.DELAYED]
CARRIED_FORWARD_HEADING = "Actions from previous meetings"
DECISION_OPENINGS = phrases(
    """The forum agreed to; Members decided to; It was agreed to;
    The steering committee approved a proposal to; The meeting agreed to"""
)
PLACES = phrases(
    """Conference room 2, Ministry of Finance; 70 Whitehall; Town Hall, council chamber;
    Civil society hub, ground floor; National Library, seminar room; Online;
    Offices of the network coordinator; Parliament, committee room 4"""
)
EVIDENCE_TITLES = phrases(
    """Progress report; Published dataset; Consultation response; Minutes of the working group;
    Blog post; Guidance document; Press release; Evaluation report"""
)

# --- The generated data -------------------------------------------------------------------


Changes = dict[str, Any] | Callable[[], dict[str, Any]]


@dataclass(slots=True)
class Event:
    """An audit event to append once `obj` has its primary key. `changes` is a dict of JSON values
    or a function returning one (for values that are primary keys); `fields` are snapshotted from
    the saved object and added to it."""

    at: dt.datetime
    verb: str
    obj: models.Model
    changes: Changes | None = None
    fields: tuple[str, ...] = ()
    scope: models.Model | None = None
    is_public: bool = True
    actor_label: str = SYSTEM_LABEL
    actor: models.Model | None = None  # the account that acted, when one did (participation)


class Builder:
    """`model(**values)` for the hundreds of thousands of objects of one model: the instance
    Django's __init__ makes (every concrete field's attribute, its default where not given; a
    related object cached as its descriptor caches it, with its key, which insert() reads once the
    related object is written), without __init__'s checks for each field. No signals are sent:
    the generator's models have no pre_init or post_init receivers (Django's __init__ costs four
    times this, and at S=100 its half a million comments took half of generating)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        fields = [f for f in model._meta.concrete_fields if not f.generated]
        # A callable default is called again for each object, as __init__ does (its value may
        # be unique, or a list the object changes); every other default is worked out once.
        made = [f for f in fields if f.has_default() and callable(f.default)]
        self.defaults = {f.attname: f.get_default() for f in fields if f not in made}
        self.made = [(f.attname, f.get_default) for f in made]
        self.relations = {f.name: f.attname for f in fields if f.is_relation}
        self.names = {f.name for f in fields} | {f.attname for f in fields}

    def __call__(self, **values: Any) -> Any:
        obj = self.model.__new__(self.model)
        state = obj._state = models.base.ModelState()
        attributes = obj.__dict__
        attributes.update(self.defaults)
        for made, make in self.made:
            attributes[made] = make()
        for name, value in values.items():
            key = self.relations.get(name)
            if key is None:
                if name not in self.names:
                    raise TypeError(f"{self.model.__name__} has no field {name!r}")
                attributes[name] = value
            else:
                attributes[key] = None if value is None else value.pk
                state.fields_cache[name] = value
        return obj


# One Builder per model, made on first use.
build = functools.cache(Builder)


@dataclass
class SeedData:
    scale: float
    seed: int
    now: dt.datetime
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    networks: list[Network] = field(default_factory=list)
    network_memberships: list[NetworkMembership] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    plans: list[ActionPlan] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    lead_links: list[tuple[Commitment, Organisation]] = field(default_factory=list)
    supporting_links: list[tuple[Commitment, Organisation]] = field(default_factory=list)
    policy_area_links: list[tuple[Commitment, PolicyArea]] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    due_date_revisions: list[DueDateRevision] = field(default_factory=list)
    series: list[MeetingSeries] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)
    minutes_sections: list[MinutesSection] = field(default_factory=list)
    section_links: list[tuple[MinutesSection, Commitment]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    action_item_reviews: list[ActionItemReview] = field(default_factory=list)
    progress_updates: list[ProgressUpdate] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    # -- participation (bench/seed/participation.py) --
    users: list[User] = field(default_factory=list)
    calls: list[CallForIdeas] = field(default_factory=list)
    call_area_links: list[tuple[CallForIdeas, PolicyArea]] = field(default_factory=list)
    scoring_criteria: list[ScoringCriterion] = field(default_factory=list)
    ideas: list[Idea] = field(default_factory=list)
    supports: list[tuple[Idea, User, dt.datetime]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)  # top-level, then replies below
    replies: list[Comment] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    responses: list[ReasonedResponse] = field(default_factory=list)
    hot_idea: Idea | None = None  # the idea with HOT_IDEA_COMMENTS comments
    # -- end of participation --
    # -- network governance (bench/seed/network.py) --
    posts: list[Post] = field(default_factory=list)
    tenures: list[Tenure] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    project_partner_links: list[tuple[Project, Organisation]] = field(default_factory=list)
    gatherings: list[Gathering] = field(default_factory=list)  # OGP events and national ones
    delegates: list[Delegate] = field(default_factory=list)
    event_documents: list[EventDocument] = field(default_factory=list)
    collective_actions: list[CollectiveAction] = field(default_factory=list)
    sign_ups: list[SignUp] = field(default_factory=list)  # all, the withdrawn ones included
    withdrawn_sign_ups: list[SignUp] = field(default_factory=list)  # deleted once written
    bodies: list[Body] = field(default_factory=list)
    rounds: list[NominationRound] = field(default_factory=list)
    eligible_members: list[EligibleMember] = field(default_factory=list)
    nominations: list[Nomination] = field(default_factory=list)
    secondings: list[Seconding] = field(default_factory=list)
    vote_records: list[VoteRecord] = field(default_factory=list)
    # Ballots and counts name nominations by stand-ins until they are written (network.py).
    ballots: list[tuple[Ballot, list[Nomination]]] = field(default_factory=list)
    vote_counts: list[tuple[Count, dict[int, Nomination]]] = field(default_factory=list)
    result_lines: list[ResultLine] = field(default_factory=list)
    body_memberships: list[BodyMembership] = field(default_factory=list)
    # -- end of network governance --
    events: list[Event] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The number of each kind of object, as the summary shows them."""
        return {
            "members": len(self.members),
            "plans": len(self.plans),
            "commitments": len(self.commitments),
            "milestones": len(self.milestones),
            "due_date_revisions": len(self.due_date_revisions),
            "progress_updates": len(self.progress_updates),
            "assessments": len(self.assessments),
            "organisations": len(self.organisations),
            "people": len(self.people),
            "memberships": len(self.memberships),
            "networks": len(self.networks),
            "network_memberships": len(self.network_memberships),
            "meeting_series": len(self.series),
            "meetings": len(self.meetings),
            "attendances": len(self.attendances),
            "minutes_sections": len(self.minutes_sections),
            "decisions": len(self.decisions),
            "action_items": len(self.action_items),
            "action_item_reviews": len(self.action_item_reviews),
            # -- participation --
            "accounts": len(self.users),
            "calls_for_ideas": len(self.calls),
            "ideas": len(self.ideas),
            "supports": len(self.supports),
            "idea_comments": len(self.comments) + len(self.replies),
            "idea_scores": len(self.scores),
            "reasoned_responses": len(self.responses),
            # -- network governance --
            "posts": len(self.posts),
            "tenures": len(self.tenures),
            "network_projects": len(self.projects),
            "events": len(self.gatherings),
            "delegates": len(self.delegates),
            "event_documents": len(self.event_documents),
            "collective_actions": len(self.collective_actions),
            "sign_ups": len(self.sign_ups) - len(self.withdrawn_sign_ups),
            "withdrawn_sign_ups": len(self.withdrawn_sign_ups),
            "bodies": len(self.bodies),
            "nomination_rounds": len(self.rounds),
            "nominations": len(self.nominations),
            "secondings": len(self.secondings),
            "ballots": len(self.ballots),
            "vote_records": len(self.vote_records),
            "body_memberships": len(self.body_memberships),
            "audit_events": len(self.events),
        }


@dataclass
class World:
    """One member and what belongs to it, while it is being generated."""

    member: Member
    start: dt.date
    n_plans: int
    latest_start: dt.date
    actor: str = SYSTEM_LABEL
    government: Organisation | None = None
    departments: list[Organisation] = field(default_factory=list)
    civil_society: list[Organisation] = field(default_factory=list)
    others: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    primary_org: dict[int, Organisation] = field(default_factory=dict)
    plans: list[ActionPlan] = field(default_factory=list)
    commitments: dict[int, list[Commitment]] = field(default_factory=dict)
    series: list[MeetingSeries] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    held: list[Meeting] = field(default_factory=list)
    held_days: list[dt.date] = field(default_factory=list)

    @property
    def government_bodies(self) -> list[Organisation]:
        """Who leads commitments and reports government's progress."""
        return self.departments or ([self.government] if self.government else [])

    @property
    def organisations(self) -> list[Organisation]:
        gov = [self.government] if self.government else []
        return gov + self.departments + self.civil_society + self.others


# --- Helpers ------------------------------------------------------------------------------


def spread(total: int, n: int, rng: random.Random, *, jitter: float = 0.5) -> list[int]:
    """`total` split into `n` whole parts of roughly equal size (each within ±jitter of the mean
    before rounding), summing exactly to `total`."""
    if n <= 0:
        return []
    weights = [1 + rng.uniform(-jitter, jitter) for _ in range(n)]
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [int(s) for s in shares]
    order = sorted(range(n), key=lambda i: shares[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def at_time(day: dt.date, rng: random.Random, now: dt.datetime) -> dt.datetime:
    """A moment in working hours (UTC) on `day`, never later than `now`."""
    moment = dt.datetime(
        day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=dt.UTC
    )
    return min(moment, now - dt.timedelta(seconds=rng.randint(60, 3600)))


def between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Text:
    """Open-government prose of a given length, from a small built-in vocabulary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sentence(self) -> str:
        r = self.rng
        if r.random() < 0.2:
            return r.choice(REMARKS)
        return f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}."

    def words(self, low: int, high: int) -> str:
        """Whole sentences making between `low` and `high` words (about a random length in that
        range); only a text that no whole sentences fit is cut short."""
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        count = 0
        while count < target:
            sentence = self.sentence()
            size = sentence.count(" ") + 1
            if count + size > high and count >= low:
                break
            sentences.append(sentence)
            count += size
        text = " ".join(sentences)
        if count > high:
            text = " ".join(text.split()[:high]).rstrip(".,;") + "."
        return text

    def title(self) -> tuple[str, str]:
        """A commitment's title (4 to 12 words) and short title."""
        r = self.rng
        obj = r.choice(OBJECTS)
        obj = obj.split(" ", 1)[1] if obj.startswith(("a ", "an ", "the ")) else obj
        words = f"{r.choice(TITLE_ACTIONS)} {obj} {r.choice(TITLE_QUALIFIERS)}".split()
        while len(words) < 4:
            words += r.choice(TITLE_QUALIFIERS[:-1]).split()
        return " ".join(words[:12]), obj[0].upper() + obj[1:]

    def milestone(self) -> str:
        """8 to 25 words."""
        r = self.rng
        words = f"{r.choice(MILESTONE_ACTIONS)} {r.choice(OBJECTS)} {r.choice(TAILS)}".split()
        if len(words) < 8 or r.random() < 0.3:
            words += f"and {r.choice(MILESTONE_ACTIONS).lower()} {r.choice(OBJECTS)}".split()
        return " ".join(words[:25])

    def action(self, owner: str) -> str:
        """8 to 25 words."""
        r = self.rng
        tail = r.choice(ACTION_TAILS)
        words = f"{owner} to {r.choice(ACTION_VERBS)} {r.choice(OBJECTS)} {tail}".split()
        while len(words) < 8:
            words += r.choice(TAILS).split()
        return " ".join(words[:25])


# --- The generator ------------------------------------------------------------------------


class Generator:
    def __init__(
        self, *, scale: float, seed: int, now: dt.datetime, policy_areas: Sequence[PolicyArea]
    ) -> None:
        self.rng = random.Random(seed)
        self.text = Text(self.rng)
        self.now = now.astimezone(dt.UTC)
        self.today = self.now.date()
        self.counts = counts_for(scale)
        self.policy_areas = list(policy_areas)
        self.data = SeedData(scale=scale, seed=seed, now=self.now)
        self.worlds: list[World] = []
        self.slugs: dict[str, set[str]] = {}
        self.names: set[str] = set()
        self.leads: dict[int, list[Organisation]] = {}

    # Slugs and names ------------------------------------------------------------------------

    def slug(self, kind: str, text: str) -> str:
        used = self.slugs.setdefault(kind, set())
        base = slugify(text)[:110] or "item"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        return slug

    def unique_name(self, name: str, member: Member) -> str:
        if name in self.names:
            name = f"{name} ({member.name})"
        base, n = name, 2
        while name in self.names:
            name, n = f"{base} {n}", n + 1
        self.names.add(name)
        return name

    def event(self, event: Event) -> None:
        """Record an event; none is later than `now` (offsets of a few seconds could be)."""
        if event.at > self.now:
            event.at = self.now
        self.data.events.append(event)

    # Members, organisations, people ---------------------------------------------------------

    def run(self) -> SeedData:
        self.make_members()
        self.make_organisations()
        self.make_people()
        self.make_networks()
        self.make_plans()
        self.make_commitments()
        self.make_milestones()
        self.make_revisions()
        self.make_meetings()
        self.make_attendance()
        self.make_minutes()
        self.make_action_items()
        self.make_progress_updates()
        self.finish_commitments()
        self.make_assessments()
        # Last, so the data above is the same with or without it.
        from .participation import make_participation

        make_participation(self)
        # After it, for the same reason.
        from .network import make_network_governance

        make_network_governance(self)
        return self.data

    def make_members(self) -> None:
        n = self.counts["members"]
        n_local = n // 4
        entries = [(*m, MemberKind.NATIONAL) for m in NATIONAL_MEMBERS[: n - n_local]]
        entries += [(*m, MemberKind.LOCAL) for m in LOCAL_MEMBERS[:n_local]]
        while len(entries) < n:  # beyond the vocabulary: numbered regions of national members
            i = len(entries)
            name, code, region = NATIONAL_MEMBERS[i % len(NATIONAL_MEMBERS)]
            entries.append((f"{name} region {i}", f"{code}{i}", region, MemberKind.LOCAL))
        r = self.rng
        plan_shares = spread(self.counts["plans"], n, r, jitter=0.0)
        for index, (name, code, region, kind) in enumerate(entries):
            n_plans = plan_shares[index]
            # The latest plan is being drafted for some members (never the only plan).
            drafting = n_plans > 1 and index > 0 and r.random() < 0.2
            if drafting:
                latest_start = self.today + dt.timedelta(days=r.randint(60, 240))
            else:
                latest_start = self.today - dt.timedelta(days=r.randint(100, 600))
            # Co-creation of the first plan starts about 200 days before it does.
            start = add_years(latest_start, -2 * (n_plans - 1)) - 200 * DAY
            created = at_time(start - dt.timedelta(days=400), self.rng, self.now)
            member = Member(
                name=name,
                slug=self.slug("member", name),
                kind=kind,
                code=code,
                region=region,
                ogp_kind="National" if kind == MemberKind.NATIONAL else "Local",
                created_at=created,
                updated_at=created,
            )
            self.data.members.append(member)
            self.worlds.append(
                World(member=member, start=start, n_plans=n_plans, latest_start=latest_start)
            )
            self.event(
                Event(
                    created,
                    "action_plans.member.created",
                    member,
                    fields=("name", "kind", "code", "region"),
                )
            )

    def new_organisation(
        self, world: World, name: str, kind: str, parent: Organisation | None = None
    ) -> Organisation:
        r = self.rng
        name = self.unique_name(name, world.member)
        slug = self.slug("organisation", name)
        created = at_time(world.start - dt.timedelta(days=r.randint(200, 390)), r, self.now)
        org = Organisation(
            name=name,
            slug=slug,
            kind=kind,
            parent=parent,
            website=f"https://www.{slug[:60]}.example.org/" if r.random() < 0.8 else "",
            description=self.text.words(20, 60) if r.random() < 0.7 else "",
            match_name=match_key(name),
            created_at=created,
            updated_at=created,
        )
        self.data.organisations.append(org)
        self.event(
            Event(
                created,
                "organisations.organisation.created",
                org,
                fields=("name", "kind", "parent", "website"),
                actor_label=world.actor,
            )
        )
        return org

    def make_organisations(self) -> None:
        r = self.rng
        for world, n in zip(
            self.worlds, self.member_shares("organisations", minimum=3), strict=True
        ):
            member = world.member
            if member.kind == MemberKind.NATIONAL:
                government = (f"Government of {member.name}", OrganisationKind.NATIONAL_GOVERNMENT)
            else:
                government = (f"{member.name} City Government", OrganisationKind.LOCAL_GOVERNMENT)
            world.government = self.new_organisation(world, *government)
            rest = n - 1
            n_gov = max(1, round(rest * 0.4))
            n_other = round(rest * 0.15) if rest > 3 else 0
            n_cso = max(1, rest - n_gov - n_other)
            bodies = [(d, OrganisationKind.GOVERNMENT_DEPARTMENT) for d in DEPARTMENTS]
            bodies += [(a, OrganisationKind.AGENCY) for a in AGENCIES]
            r.shuffle(bodies)
            for i in range(n_gov):
                body, kind = bodies[i % len(bodies)]
                name = f"{member.name} {body}" if i < len(bodies) else f"{body} office {i}"
                world.departments.append(
                    self.new_organisation(world, name, kind, parent=world.government)
                )
            for _ in range(n_cso):
                topic, kind_word = r.choice(CSO_TOPICS), r.choice(CSO_KINDS)
                pattern = r.random()
                if pattern < 0.4:
                    name = f"{member.name} {topic} {kind_word}"
                elif pattern < 0.7:
                    name = f"{kind_word} for {topic}"
                else:
                    name = f"{topic} {kind_word} {member.name}"
                world.civil_society.append(
                    self.new_organisation(world, name, OrganisationKind.CIVIL_SOCIETY)
                )
            for i in range(n_other):
                kind, pattern_text = OTHER_ORGS[i % len(OTHER_ORGS)]
                world.others.append(
                    self.new_organisation(world, pattern_text.format(member=member.name), kind)
                )

    def member_shares(self, name: str, minimum: int = 1) -> list[int]:
        """`name`'s count split over the members, national ones weighing more, each member
        getting at least `minimum` (taken from the largest share)."""
        weights = [1.5 if w.member.kind == MemberKind.NATIONAL else 0.7 for w in self.worlds]
        total = self.counts[name]
        parts = spread(total, len(self.worlds), self.rng, jitter=0.3)
        # Re-weight by kind, keeping the total exact.
        weighted = [p * w for p, w in zip(parts, weights, strict=True)]
        whole = sum(weighted) or 1
        shares = [total * w / whole for w in weighted]
        result = [int(s) for s in shares]
        order = sorted(range(len(shares)), key=lambda i: shares[i] - result[i], reverse=True)
        for i in order[: total - sum(result)]:
            result[i] += 1
        for i, n in enumerate(result):
            if n < minimum:
                largest = max(range(len(result)), key=result.__getitem__)
                result[largest] -= minimum - n
                result[i] = minimum
        return result

    def make_people(self) -> None:
        r = self.rng
        people_shares = self.member_shares("people", minimum=3)
        extra_total = self.counts["memberships"] - self.counts["people"]
        owners: list[tuple[World, Person]] = []
        for world, n in zip(self.worlds, people_shares, strict=True):
            orgs_gov = [*filter(None, [world.government]), *world.departments]
            for _ in range(n):
                name = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
                start = between(r, add_years(world.start, -3), self.today - 30 * DAY)
                created = at_time(min(start, world.start - 100 * DAY), r, self.now)
                person = Person(
                    name=name,
                    slug=self.slug("person", name),
                    match_name=match_key(name),
                    created_at=created,
                    updated_at=created,
                )
                self.data.people.append(person)
                world.people.append(person)
                owners.append((world, person))
                self.event(
                    Event(
                        created,
                        "organisations.person.created",
                        person,
                        fields=("name",),
                        actor_label=world.actor,
                    )
                )
                roll = r.random()
                if roll < 0.35 or not (world.civil_society or world.others):
                    org, roles = r.choice(orgs_gov), GOVERNMENT_ROLES
                elif roll < 0.85 or not world.others:
                    org, roles = r.choice(world.civil_society), CIVIL_SOCIETY_ROLES
                else:
                    org, roles = r.choice(world.others), CIVIL_SOCIETY_ROLES
                world.primary_org[id(person)] = org
                self.membership(world, person, org, r.choice(roles), start, None)
            # The secretariat's person of this member, named as the actor of most events.
            world.actor = world.people[0].name if world.people else SYSTEM_LABEL
        for index in sorted(r.sample(range(len(owners)), min(extra_total, len(owners)))):
            world, person = owners[index]
            current = world.primary_org[id(person)]
            choices = [o for o in world.organisations if o is not current]
            org = r.choice(choices) if choices else current
            role = r.choice(GOVERNMENT_ROLES + CIVIL_SOCIETY_ROLES)
            ends = between(r, add_years(world.start, -6), world.start + 200 * DAY)
            starts = ends - dt.timedelta(days=r.randint(180, 1500))
            self.membership(world, person, org, role, starts, ends)

    def membership(
        self,
        world: World,
        person: Person,
        org: Organisation,
        role: str,
        start: dt.date,
        end: dt.date | None,
    ) -> None:
        membership = Membership(
            person=person, organisation=org, role=role, start_on=start, end_on=end
        )
        self.data.memberships.append(membership)
        created = max(person.created_at, org.created_at) + dt.timedelta(minutes=5)
        self.event(
            Event(
                min(created, self.now),
                "organisations.membership.created",
                membership,
                fields=("person", "organisation", "role", "start_on", "end_on"),
                scope=org,
                actor_label=world.actor,
            )
        )

    def make_networks(self) -> None:
        r = self.rng
        for world in self.worlds:
            if not world.civil_society:
                continue
            name = f"{world.member.name} Open Government Network"
            coordinator = world.civil_society[0]
            created = coordinator.created_at + dt.timedelta(days=30)
            network = Network(
                name=name,
                slug=self.slug("network", name),
                description=self.text.words(30, 80),
                coordinator=coordinator,
                created_at=created,
                updated_at=created,
            )
            self.data.networks.append(network)
            self.event(
                Event(
                    created,
                    "organisations.network.created",
                    network,
                    fields=("name", "coordinator"),
                    actor_label=world.actor,
                )
            )
            for i, org in enumerate(world.civil_society + world.others[:1]):
                joined = created.date() + dt.timedelta(days=r.randint(0, 700))
                self.data.network_memberships.append(
                    NetworkMembership(network=network, organisation=org, joined_on=joined)
                )
                self.event(
                    Event(
                        min(created + dt.timedelta(hours=1 + i), self.now),
                        "organisations.network.member_added",
                        network,
                        changes={"members": [None, org.name]},
                        actor_label=world.actor,
                    )
                )

    # Plans, commitments, milestones ---------------------------------------------------------

    def make_plans(self) -> None:
        r = self.rng
        for world in self.worlds:
            member, n, latest_start = world.member, world.n_plans, world.latest_start
            label = "National" if member.kind == MemberKind.NATIONAL else "Local"
            for number in range(1, n + 1):
                starts = add_years(latest_start, -2 * (n - number))
                ends = add_years(starts, 2) - DAY
                if starts > self.today:
                    status = r.choice([PlanStatus.DRAFTING, PlanStatus.CONSULTATION])
                elif ends < self.today:
                    status = PlanStatus.ENDED
                else:
                    status = PlanStatus.IMPLEMENTING
                created = at_time(starts - dt.timedelta(days=r.randint(120, 200)), r, self.now)
                published = (
                    at_time(starts - dt.timedelta(days=r.randint(5, 30)), r, self.now)
                    if status in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)
                    else None
                )
                title = (
                    f"{member.name} Open Government {label} Action Plan "
                    f"{starts.year}–{ends.year % 100:02d}"
                )
                plan = ActionPlan(
                    member=member,
                    number=number,
                    title=title,
                    description=self.text.words(60, 200),
                    starts_on=starts,
                    ends_on=ends,
                    submitted_year=starts.year,
                    end_year=ends.year,
                    status=status,
                    published_at=published,
                    version=1 + (published is not None) + (status == PlanStatus.ENDED),
                    created_at=created,
                    updated_at=published or created,
                )
                self.data.plans.append(plan)
                world.plans.append(plan)
                self.event(
                    Event(
                        created,
                        "action_plans.actionplan.created",
                        plan,
                        changes={
                            "number": [None, number],
                            "title": [None, title],
                            "description": [None, plan.description],
                            "starts_on": [None, starts.isoformat()],
                            "ends_on": [None, ends.isoformat()],
                            "status": [None, PlanStatus.DRAFTING.value],
                            "ogp_id": [None, ""],
                        },
                        is_public=False,
                        actor_label=world.actor,
                    )
                )
                if published is not None:
                    self.event(
                        Event(
                            published,
                            "action_plans.actionplan.published",
                            plan,
                            changes={"published_at": [None, published.isoformat()]},
                            actor_label=world.actor,
                        )
                    )
                    self.event(
                        Event(
                            at_time(starts, r, self.now),
                            "action_plans.actionplan.changed",
                            plan,
                            changes={"status": ["drafting", "implementing"]},
                            actor_label=world.actor,
                        )
                    )
                if status == PlanStatus.ENDED:
                    changed = at_time(ends + DAY, r, self.now)
                    plan.updated_at = changed
                    self.event(
                        Event(
                            changed,
                            "action_plans.actionplan.changed",
                            plan,
                            changes={"status": ["implementing", "ended"]},
                            actor_label=world.actor,
                        )
                    )

    def is_public_at(self, plan: ActionPlan, moment: dt.datetime) -> bool:
        return plan.published_at is not None and moment >= plan.published_at

    def make_commitments(self) -> None:
        r = self.rng
        plans = [(w, p) for w in self.worlds for p in w.plans]
        shares = spread(self.counts["commitments"], len(plans), r, jitter=0.4)
        for (world, plan), n in zip(plans, shares, strict=True):
            world.commitments[id(plan)] = []
            assert plan.starts_on is not None and plan.ends_on is not None
            ended = plan.status == PlanStatus.ENDED
            started = plan.status in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)
            leads_from = world.government_bodies
            supporters_from = world.civil_society + world.others
            for i in range(1, n + 1):
                created = plan.created_at + dt.timedelta(days=r.randint(1, 60), minutes=i)
                created = min(created, self.now - dt.timedelta(minutes=n - i + 1))
                title, short_title = self.text.title()
                leads = r.sample(leads_from, min(len(leads_from), r.choice([1, 1, 1, 2])))
                supporters = r.sample(
                    supporters_from, min(len(supporters_from), r.choice([0, 1, 2, 2, 3]))
                )
                areas = (
                    r.sample(self.policy_areas, min(len(self.policy_areas), r.randint(1, 3)))
                    if self.policy_areas
                    else []
                )
                irm: dict[str, str] = {}
                if started:
                    irm = {
                        "verifiable": r.choice([YesNo.YES, YesNo.YES, YesNo.NO]),
                        "specificity": r.choice(
                            [Specificity.LOW, Specificity.MEDIUM, Specificity.HIGH]
                        ),
                        "relevance_access_to_information": r.choice([YesNo.YES, YesNo.NO]),
                        "relevance_civic_participation": r.choice([YesNo.YES, YesNo.NO]),
                        "relevance_public_accountability": r.choice([YesNo.YES, YesNo.NO]),
                        "relevance_technology": r.choice([YesNo.YES, YesNo.NO]),
                        "potential_impact": r.choice(
                            [
                                PotentialImpact.MINOR,
                                PotentialImpact.MODERATE,
                                PotentialImpact.MODERATE,
                                PotentialImpact.TRANSFORMATIVE,
                            ]
                        ),
                        "completion_midterm": r.choice(
                            [Completion.LIMITED, Completion.SUBSTANTIAL, Completion.NOT_STARTED]
                        ),
                    }
                if ended:
                    irm["completion_end_of_term"] = r.choice(
                        [Completion.LIMITED, Completion.SUBSTANTIAL, Completion.COMPLETE]
                    )
                    irm["did_it_open_government"] = r.choice(
                        [
                            DidItOpenGovernment.DID_NOT_CHANGE,
                            DidItOpenGovernment.MARGINAL,
                            DidItOpenGovernment.MAJOR,
                        ]
                    )
                    irm["starred"] = r.choice([YesNo.NO, YesNo.NO, YesNo.YES])
                number = str(i)
                commitment = Commitment(
                    plan=plan,
                    number=number,
                    position=position_for(number),
                    title=title,
                    short_title=short_title,
                    description=self.text.words(60, 200),
                    lead_text="; ".join(o.name for o in leads),
                    supporting_text="; ".join(o.name for o in supporters),
                    theme=r.choice(THEMES),
                    starts_on=plan.starts_on,
                    ends_on=plan.ends_on,
                    created_at=created,
                    updated_at=created,
                    **irm,
                )
                self.data.commitments.append(commitment)
                world.commitments[id(plan)].append(commitment)
                self.data.lead_links.extend((commitment, o) for o in leads)
                self.leads[id(commitment)] = leads
                self.data.supporting_links.extend((commitment, o) for o in supporters)
                self.data.policy_area_links.extend((commitment, a) for a in areas)
                self.event(
                    Event(
                        created,
                        "action_plans.commitment.created",
                        commitment,
                        changes=self.relations_changes(leads, supporters, areas),
                        fields=(
                            "number",
                            "title",
                            "short_title",
                            "description",
                            "government",
                            "ogp_id",
                            "theme",
                            "starts_on",
                            "ends_on",
                        ),
                        scope=plan,
                        is_public=self.is_public_at(plan, created),
                        actor_label=world.actor,
                    )
                )

    @staticmethod
    def relations_changes(
        leads: list[Organisation], supporters: list[Organisation], areas: list[PolicyArea]
    ) -> Callable[[], dict[str, Any]]:
        def changes() -> dict[str, Any]:
            relations = {
                "lead_organisations": sorted(o.pk for o in leads),
                "supporting_organisations": sorted(o.pk for o in supporters),
                "policy_areas": sorted(a.pk for a in areas),
            }
            return {name: [None, pks] for name, pks in relations.items() if pks}

        return changes

    def make_milestones(self) -> None:
        r = self.rng
        commitments = self.data.commitments
        counts = [1] * len(commitments)
        open_slots = list(range(len(commitments)))
        for _ in range(self.counts["milestones"] - len(commitments)):
            k = r.randrange(len(open_slots))
            index = open_slots[k]
            counts[index] += 1
            if counts[index] == MAX_MILESTONES_PER_COMMITMENT:
                open_slots[k] = open_slots[-1]
                open_slots.pop()
        world_of = {id(p): w for w in self.worlds for p in w.plans}
        for commitment, n in zip(commitments, counts, strict=True):
            plan = commitment.plan
            world = world_of[id(plan)]
            assert plan.starts_on is not None and plan.ends_on is not None
            started = plan.status in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)
            span = (plan.ends_on - plan.starts_on).days
            for position in range(1, n + 1):
                due = plan.starts_on + dt.timedelta(
                    days=round(span * position / (n + 1)) + r.randint(-30, 30)
                )
                roll = r.random()
                precision: str = DuePrecision.DAY
                if roll < 0.2:
                    precision = DuePrecision.MONTH
                    due = end_of_period(due.year, due.month, precision)
                elif roll < 0.27:
                    precision = DuePrecision.QUARTER
                    due = end_of_period(due.year, due.month, precision)
                status: str = MilestoneStatus.NOT_STARTED
                completed_on = None
                roll = r.random()
                if started and due <= self.today:
                    if roll < 0.72:
                        status = MilestoneStatus.COMPLETE
                    elif roll < 0.77:
                        status = MilestoneStatus.WITHDRAWN
                    elif roll < 0.92:
                        status = MilestoneStatus.IN_PROGRESS
                elif started:
                    if roll < 0.12:
                        status = MilestoneStatus.COMPLETE
                    elif roll < 0.55:
                        status = MilestoneStatus.IN_PROGRESS
                if status == MilestoneStatus.COMPLETE:
                    completed_on = min(
                        max(due + dt.timedelta(days=r.randint(-45, 30)), plan.starts_on + DAY),
                        self.today,
                    )
                created = commitment.created_at + dt.timedelta(minutes=position)
                milestone = build(Milestone)(
                    commitment=commitment,
                    position=position,
                    text=self.text.milestone(),
                    original_due_on=due,
                    original_due_precision=precision,
                    due_on=due,
                    due_precision=precision,
                    status=status,
                    completed_on=completed_on,
                    source_url=(
                        f"https://{world.member.slug}.example.org/ogp/milestones/{position}"
                        if r.random() < 0.1
                        else ""
                    ),
                    created_at=created,
                    updated_at=created,
                )
                self.data.milestones.append(milestone)
                self.event(
                    Event(
                        created,
                        "action_plans.milestone.created",
                        milestone,
                        changes=self.milestone_created_changes(milestone),
                        scope=commitment,
                        is_public=self.is_public_at(plan, created),
                        actor_label=world.actor,
                    )
                )
                if completed_on is not None:
                    moment = at_time(completed_on, r, self.now)
                    milestone.updated_at = moment
                    milestone.version += 1
                    self.event(
                        Event(
                            moment,
                            "action_plans.milestone.completed",
                            milestone,
                            changes={
                                "status": ["in_progress", "complete"],
                                "completed_on": [None, completed_on.isoformat()],
                            },
                            scope=commitment,
                            is_public=self.is_public_at(plan, moment),
                            actor_label=world.actor,
                        )
                    )

    @staticmethod
    def milestone_created_changes(milestone: Milestone) -> Callable[[], dict[str, Any]]:
        """Read when loading: a later revision changes the milestone's original due date."""

        def changes() -> dict[str, Any]:
            due = milestone.original_due_on
            return {
                "text": [None, milestone.text],
                "due_on": [None, due.isoformat() if due else None],
                "due_precision": [None, milestone.original_due_precision],
            }

        return changes

    def make_revisions(self) -> None:
        """About one milestone in ten had its due date moved, with a reason, before it was
        complete: the original date is kept, the current one is later."""
        r = self.rng
        world_of = {id(p): w for w in self.worlds for p in w.plans}
        eligible = []
        for milestone in self.data.milestones:
            plan = milestone.commitment.plan
            if plan.status not in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED):
                continue
            assert plan.starts_on is not None
            if milestone.completed_on is None or milestone.completed_on > plan.starts_on + 30 * DAY:
                eligible.append(milestone)
        n = min(self.counts["due_date_revisions"], len(eligible))
        for index in sorted(r.sample(range(len(eligible)), n)):
            milestone = eligible[index]
            plan = milestone.commitment.plan
            world = world_of[id(plan)]
            assert plan.starts_on is not None and plan.ends_on is not None
            assert milestone.due_on is not None
            new_due = milestone.due_on
            old_due = new_due - dt.timedelta(days=r.randint(30, 180))
            if milestone.due_precision != DuePrecision.DAY:
                # At least one period earlier: "March 2024" moved to "June 2024", say.
                while (
                    moved := end_of_period(old_due.year, old_due.month, milestone.due_precision)
                ) >= new_due:
                    old_due -= 30 * DAY
                old_due = moved
            low = plan.starts_on + 7 * DAY
            high = min(old_due, self.today - DAY, plan.ends_on)
            if milestone.completed_on is not None:
                high = min(high, milestone.completed_on - DAY)
            revised_at = at_time(between(r, low, max(low, high)), r, self.now)
            reason = r.choice(REVISION_REASONS)
            milestone.original_due_on = old_due
            milestone.version += 1
            milestone.updated_at = max(milestone.updated_at, revised_at)
            revision = DueDateRevision(
                milestone=milestone,
                old_due_on=old_due,
                old_due_precision=milestone.due_precision,
                new_due_on=new_due,
                new_due_precision=milestone.due_precision,
                reason=reason,
                revised_by_name=world.actor,
                revised_at=revised_at,
            )
            self.data.due_date_revisions.append(revision)
            self.event(
                Event(
                    revised_at,
                    "action_plans.milestone.due_date_revised",
                    milestone,
                    changes={
                        "due_on": [old_due.isoformat(), new_due.isoformat()],
                        "reason": [None, reason],
                    },
                    scope=milestone.commitment,
                    is_public=self.is_public_at(plan, revised_at),
                    actor_label=world.actor,
                )
            )

    # Meetings --------------------------------------------------------------------------------

    def make_meetings(self) -> None:
        r = self.rng
        shares = self.member_shares("meetings")
        for world, n in zip(self.worlds, shares, strict=True):
            n = max(n, 1)
            member = world.member
            organisers = [world.government, *(world.civil_society[:1])]
            names = [
                f"{member.name} Multi-stakeholder Forum",
                f"{member.name} Open Government Network and Government",
            ]
            for name, organiser in zip(names, organisers, strict=False):
                created = at_time(world.start, r, self.now)
                series = MeetingSeries(
                    name=name,
                    slug=self.slug("series", name),
                    description=self.text.words(20, 50),
                    organiser=organiser,
                    created_at=created,
                    updated_at=created,
                )
                self.data.series.append(series)
                world.series.append(series)
                self.event(
                    Event(
                        created,
                        "meetings.meetingseries.created",
                        series,
                        fields=("name", "organiser"),
                        actor_label=world.actor,
                    )
                )
            first = world.start + 30 * DAY
            last = self.today + 60 * DAY
            step = (last - first).days / n
            for i in range(n):
                day = first + dt.timedelta(days=round(i * step + r.uniform(0, step * 0.5)))
                starts = dt.datetime(
                    day.year, day.month, day.day, r.choice([9, 10, 13, 14]), tzinfo=dt.UTC
                )
                ends = starts + dt.timedelta(minutes=r.choice([60, 90, 120, 180]))
                series = world.series[0] if r.random() < 0.7 else world.series[-1]
                if starts > self.now:
                    status: str = MeetingStatus.PLANNED
                elif starts > self.now - dt.timedelta(days=14) or r.random() < 0.1:
                    status = MeetingStatus.HELD
                else:
                    status = MeetingStatus.MINUTES_PUBLISHED
                published = (
                    starts + dt.timedelta(days=r.randint(3, 13))
                    if status == MeetingStatus.MINUTES_PUBLISHED
                    else None
                )
                created = min(starts - dt.timedelta(days=r.randint(14, 40)), self.now)
                title = f"{series.name}: {day.day} {day:%B %Y}"
                meeting = Meeting(
                    title=title,
                    series=series,
                    starts_at=starts,
                    ends_at=ends,
                    place=r.choice(PLACES),
                    online_url=(
                        f"https://meet.example.org/{member.slug}-{i + 1}"
                        if r.random() < 0.4
                        else ""
                    ),
                    organiser=series.organiser,
                    status=status,
                    summary=self.text.words(30, 80) if status != MeetingStatus.PLANNED else "",
                    source_url=(
                        f"https://{member.slug}.example.org/notes/{day.isoformat()}"
                        if published
                        else ""
                    ),
                    minutes_published_at=published,
                    is_public=r.random() < 0.93,
                    version=1 + (status != MeetingStatus.PLANNED),
                    created_at=created,
                    updated_at=published or (starts + DAY if starts < self.now else created),
                )
                self.data.meetings.append(meeting)
                world.meetings.append(meeting)
                if status != MeetingStatus.PLANNED:
                    world.held.append(meeting)
                    world.held_days.append(day)
                self.event(
                    Event(
                        created,
                        "meetings.meeting.created",
                        meeting,
                        changes=self.meeting_created_changes(meeting),
                        is_public=meeting.is_public,
                        actor_label=world.actor,
                    )
                )
                if status == MeetingStatus.MINUTES_PUBLISHED and published is not None:
                    self.event(
                        Event(
                            published,
                            "meetings.meeting.minutes_published",
                            meeting,
                            changes={"status": ["planned", MeetingStatus.MINUTES_PUBLISHED.value]},
                            is_public=meeting.is_public,
                            actor_label=world.actor,
                        )
                    )
                elif status == MeetingStatus.HELD:
                    self.event(
                        Event(
                            min(starts + DAY, self.now),
                            "meetings.meeting.changed",
                            meeting,
                            changes={"status": ["planned", MeetingStatus.HELD.value]},
                            is_public=meeting.is_public,
                            actor_label=world.actor,
                        )
                    )

    @staticmethod
    def meeting_created_changes(meeting: Meeting) -> Callable[[], dict[str, Any]]:
        def changes() -> dict[str, Any]:
            assert meeting.ends_at is not None
            return {
                "title": [None, meeting.title],
                "series": [None, meeting.series_id],
                "starts_at": [None, meeting.starts_at.isoformat()],
                "ends_at": [None, meeting.ends_at.isoformat()],
                "place": [None, meeting.place],
                "online_url": [None, meeting.online_url],
                "organiser": [None, meeting.organiser_id],
                "status": [None, MeetingStatus.PLANNED.value],
                "summary": [None, ""],
                "source_url": [None, ""],
                "is_public": [None, meeting.is_public],
            }

        return changes

    def world_of_meeting(self) -> dict[int, World]:
        return {id(m): w for w in self.worlds for m in w.meetings}

    def make_attendance(self) -> None:
        r = self.rng
        world_of = self.world_of_meeting()
        meetings = self.data.meetings
        shares = spread(self.counts["attendances"], len(meetings), r, jitter=0.5)
        for meeting, n in zip(meetings, shares, strict=True):
            world = world_of[id(meeting)]
            people = r.sample(world.people, min(max(n, 1), len(world.people)))
            recorded = min(
                meeting.starts_at + DAY
                if meeting.status != MeetingStatus.PLANNED
                else meeting.created_at + dt.timedelta(hours=1),
                self.now,
            )
            for position, person in enumerate(people, start=1):
                if position == 1:
                    role: str = AttendanceRole.CHAIR
                elif position == 2:
                    role = AttendanceRole.NOTE_TAKER
                else:
                    role = AttendanceRole.GUEST if r.random() < 0.08 else AttendanceRole.ATTENDEE
                attendance = build(Attendance)(
                    meeting=meeting,
                    person=person,
                    organisation=world.primary_org[id(person)],
                    role=role,
                    sent_apologies=position > 2 and r.random() < 0.1,
                    position=position,
                )
                self.data.attendances.append(attendance)
                self.event(
                    Event(
                        recorded + dt.timedelta(seconds=position),
                        "meetings.attendance.recorded",
                        attendance,
                        fields=("person", "organisation", "role", "sent_apologies"),
                        scope=meeting,
                        is_public=meeting.is_public,
                        actor_label=world.actor,
                    )
                )

    def plan_at(self, world: World, day: dt.date) -> ActionPlan | None:
        """The plan a meeting on `day` talks about: the one being implemented then, or the
        next one being co-created."""
        current = None
        for plan in world.plans:
            assert plan.starts_on is not None
            if plan.starts_on - 200 * DAY <= day:
                current = plan
        return current

    def make_minutes(self) -> None:
        r = self.rng
        world_of = self.world_of_meeting()
        held = [m for m in self.data.meetings if m.status != MeetingStatus.PLANNED]
        shares = spread(self.counts["minutes_sections"], len(held), r, jitter=0.6)
        decisions = spread(self.counts["decisions"], len(held), r, jitter=1.0)
        for meeting, n, n_decisions in zip(held, shares, decisions, strict=True):
            world = world_of[id(meeting)]
            plan = self.plan_at(world, meeting.starts_at.date())
            commitments = world.commitments.get(id(plan), []) if plan else []
            written = min(meeting.minutes_published_at or meeting.starts_at + DAY, self.now)
            headings = r.sample(AGENDA_HEADINGS, min(n, len(AGENDA_HEADINGS)))
            if r.random() < 0.5:
                headings[0] = CARRIED_FORWARD_HEADING
            sections: list[MinutesSection] = []
            for position in range(1, n + 1):
                linked: list[Commitment] = []
                if commitments and r.random() < 0.5:
                    linked = r.sample(commitments, min(len(commitments), r.choice([1, 1, 2])))
                    heading = f"Commitment {linked[0].number}: {linked[0].short_title}"
                else:
                    heading = headings[(position - 1) % len(headings)]
                if r.random() < 0.3:
                    text = "\n".join(f"- {self.text.sentence()}" for _ in range(r.randint(3, 8)))
                else:
                    text = self.text.words(40, 150)
                section = MinutesSection(
                    meeting=meeting, position=position, heading=heading, text=text
                )
                sections.append(section)
                self.data.minutes_sections.append(section)
                self.data.section_links.extend((section, c) for c in linked)
                self.event(
                    Event(
                        written - dt.timedelta(minutes=n - position + 1),
                        "meetings.minutessection.added",
                        section,
                        changes=self.section_changes(section, linked),
                        scope=meeting,
                        is_public=meeting.is_public,
                        actor_label=world.actor,
                    )
                )
            for position in range(1, n_decisions + 1):
                opening, words = r.choice(DECISION_OPENINGS), self.text.words(8, 30)
                decision = Decision(
                    meeting=meeting,
                    section=r.choice(sections) if sections and r.random() < 0.6 else None,
                    position=position,
                    text=f"{opening} {words[0].lower()}{words[1:]}",
                )
                self.data.decisions.append(decision)
                self.event(
                    Event(
                        written - dt.timedelta(seconds=n_decisions - position + 1),
                        "meetings.decision.recorded",
                        decision,
                        fields=("text",),
                        scope=meeting,
                        is_public=meeting.is_public,
                        actor_label=world.actor,
                    )
                )

    @staticmethod
    def section_changes(
        section: MinutesSection, linked: list[Commitment]
    ) -> Callable[[], dict[str, Any]]:
        def changes() -> dict[str, Any]:
            result: dict[str, Any] = {
                "heading": [None, section.heading],
                "text": [None, section.text],
            }
            if linked:
                result["commitments"] = [None, sorted(c.pk for c in linked)]
            return result

        return changes

    def make_action_items(self) -> None:
        r = self.rng
        world_of = self.world_of_meeting()
        held = [m for m in self.data.meetings if m.status != MeetingStatus.PLANNED]
        shares = spread(self.counts["action_items"], len(held), r, jitter=0.8)
        next_meeting: dict[int, Meeting] = {}
        by_series: dict[int, list[Meeting]] = {}
        for meeting in self.data.meetings:
            by_series.setdefault(id(meeting.series), []).append(meeting)
        for series_meetings in by_series.values():
            series_meetings.sort(key=lambda m: m.starts_at)
            for earlier, later in itertools.pairwise(series_meetings):
                next_meeting[id(earlier)] = later
        for meeting, n in zip(held, shares, strict=True):
            world = world_of[id(meeting)]
            agreed_day = meeting.starts_at.date()
            plan = self.plan_at(world, agreed_day)
            commitments = world.commitments.get(id(plan), []) if plan else []
            agreed = min(meeting.starts_at + dt.timedelta(hours=3), self.now)
            following = next_meeting.get(id(meeting))
            for position in range(1, n + 1):
                owner_org = r.choice(world.organisations) if r.random() < 0.85 else None
                owner_person = r.choice(world.people) if r.random() < 0.4 else None
                owner_text = "" if owner_org or owner_person else r.choice(ACTION_OWNERS)
                label = r.choice(ACTION_OWNERS) if owner_org is None else owner_org.name
                due_on: dt.date | None = None
                due_phrase = ""
                if r.random() < 0.9:
                    due_on = agreed_day + dt.timedelta(days=r.randint(7, 90))
                else:
                    due_phrase = r.choice(DUE_PHRASES)
                roll = r.random()
                status: str = ActionStatus.OPEN
                if due_on is not None and due_on < self.today:
                    if roll >= 0.17:
                        status = ActionStatus.DROPPED if roll < 0.235 else ActionStatus.DONE
                elif due_on is not None:
                    status = ActionStatus.DONE if roll < 0.2 else ActionStatus.OPEN
                elif roll < 0.5:
                    status = ActionStatus.DONE
                elif roll < 0.6:
                    status = ActionStatus.DROPPED
                done_on = None
                closed = None
                note = ""
                if status != ActionStatus.OPEN:
                    latest = min((due_on or agreed_day + 60 * DAY) + 30 * DAY, self.today)
                    closed_day = between(r, agreed_day + DAY, latest)
                    closed = at_time(closed_day, r, self.now)
                    if status == ActionStatus.DONE:
                        done_on = closed_day
                        note = r.choice(["", "", "Circulated to the network."])
                    else:
                        note = r.choice(DROP_NOTES)
                item = build(ActionItem)(
                    meeting=meeting,
                    position=position,
                    text=self.text.action(label),
                    owner_organisation=owner_org,
                    owner_person=owner_person,
                    owner_text=owner_text,
                    due_on=due_on,
                    due_phrase=due_phrase,
                    status=status,
                    done_on=done_on,
                    status_note=note,
                    commitment=r.choice(commitments) if commitments and r.random() < 0.35 else None,
                    version=1 if closed is None else 2,
                    created_at=agreed,
                    updated_at=closed or agreed,
                )
                self.data.action_items.append(item)
                self.event(
                    Event(
                        agreed + dt.timedelta(seconds=position),
                        "meetings.actionitem.agreed",
                        item,
                        fields=(
                            "text",
                            "owner_organisation",
                            "owner_person",
                            "owner_text",
                            "due_on",
                            "due_phrase",
                        ),
                        scope=meeting,
                        is_public=meeting.is_public,
                        actor_label=world.actor,
                    )
                )
                if following is not None and following.status != MeetingStatus.PLANNED:
                    reviewed = min(following.starts_at + dt.timedelta(hours=2), self.now)
                    then = status if closed is not None and closed < following.starts_at else "open"
                    self.data.action_item_reviews.append(
                        build(ActionItemReview)(
                            action_item=item,
                            meeting=following,
                            status=then,
                            note=self.text.words(5, 20) if r.random() < 0.3 else "",
                            created_at=reviewed,
                            updated_at=reviewed,
                        )
                    )
                    self.event(
                        Event(
                            reviewed,
                            "meetings.actionitem.reviewed",
                            item,
                            changes=self.review_changes(following, then),
                            scope=following,
                            is_public=following.is_public and meeting.is_public,
                            actor_label=world.actor,
                        )
                    )
                if closed is not None:
                    changes: dict[str, Any] = {
                        "status": ["open", status],
                        "done_on": [None, done_on.isoformat() if done_on else None],
                    }
                    if note:
                        changes["status_note"] = ["", note]
                    self.event(
                        Event(
                            closed,
                            "meetings.actionitem.status_changed",
                            item,
                            changes=changes,
                            scope=meeting,
                            is_public=meeting.is_public,
                            actor_label=world.actor,
                        )
                    )

    @staticmethod
    def review_changes(meeting: Meeting, status: str) -> Callable[[], dict[str, Any]]:
        def changes() -> dict[str, Any]:
            return {"reviewed_at": [None, meeting.pk], "status": [None, status]}

        return changes

    # Progress -------------------------------------------------------------------------------

    def make_progress_updates(self) -> None:
        """Updates over the commitments of plans under way or ended; one in five reported at a
        meeting (and dated that day). A commitment's last government update carries its status."""
        r = self.rng
        world_of = {id(p): w for w in self.worlds for p in w.plans}
        eligible = [
            c
            for c in self.data.commitments
            if c.plan.status in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)
        ]
        shares = spread(self.counts["progress_updates"], len(eligible), r, jitter=0.8)
        milestones_of: dict[int, list[Milestone]] = {}
        for milestone in self.data.milestones:
            milestones_of.setdefault(id(milestone.commitment), []).append(milestone)
        self.milestones_of = milestones_of
        for commitment, n in zip(eligible, shares, strict=True):
            plan = commitment.plan
            world = world_of[id(plan)]
            assert plan.starts_on is not None and plan.ends_on is not None
            first = plan.starts_on + 14 * DAY
            last = min(plan.ends_on + 120 * DAY, self.today)
            days = sorted(between(r, first, last) for _ in range(n))
            # One in five is reported at a meeting of the member held in the period.
            low = bisect.bisect_left(world.held_days, first)
            high = bisect.bisect_right(world.held_days, last)
            meetings: list[Meeting | None] = [None] * n
            if high > low:
                for i in range(n):
                    if r.random() < 0.2:
                        k = r.randrange(low, high)
                        meetings[i] = world.held[k]
                        days[i] = world.held_days[k]
            order = sorted(range(n), key=lambda i: days[i])
            milestones = milestones_of.get(id(commitment), [])
            final = self.final_status(commitment, milestones)
            government_indexes = []
            for rank, i in enumerate(order):
                government = r.random() < 0.85
                source = UpdateSource.GOVERNMENT if government else UpdateSource.CIVIL_SOCIETY
                if government:
                    government_indexes.append(len(self.data.progress_updates))
                    if rank < n * 0.2:
                        status = r.choice([ProgressStatus.NOT_STARTED, ProgressStatus.ON_TRACK])
                    else:
                        status = r.choice(ONGOING_STATUSES)
                    organisation = r.choice(self.leads[id(commitment)])
                else:
                    status = r.choice(
                        [ProgressStatus.ON_TRACK, ProgressStatus.DELAYED, ProgressStatus.POSTPONED]
                    )
                    organisation = r.choice(world.civil_society or world.organisations)
                reported_on = days[i]
                posted = at_time(reported_on, r, self.now)
                evidence = self.evidence(world, "evidence", r.choice([0, 0, 1, 1, 2, 3]))
                update = build(ProgressUpdate)(
                    commitment=commitment,
                    milestone=r.choice(milestones) if milestones and r.random() < 0.3 else None,
                    status=status,
                    text=self.text.words(30, 120),
                    evidence=evidence,
                    reported_on=reported_on,
                    source=source,
                    author_name=r.choice(world.people).name,
                    organisation=organisation,
                    meeting=meetings[i],
                    created_at=posted,
                    updated_at=posted,
                )
                self.data.progress_updates.append(update)
                self.event(
                    Event(
                        posted,
                        "action_plans.progressupdate.posted",
                        update,
                        fields=("status", "text", "reported_on", "evidence"),
                        scope=commitment,
                        is_public=self.is_public_at(plan, posted),
                        actor_label=update.author_name,
                    )
                )
            if government_indexes:
                latest = self.data.progress_updates[government_indexes[-1]]
                latest.status = final
                commitment.status = final
                commitment.last_update_on = latest.reported_on
                commitment.updated_at = max(commitment.updated_at, latest.created_at)

    def evidence(self, world: World, path: str, n: int) -> list[dict[str, str]]:
        r = self.rng
        base = f"https://{world.member.slug}.example.org/{path}"
        return [
            {"url": f"{base}/{r.randint(1000, 99999)}", "title": r.choice(EVIDENCE_TITLES)}
            for _ in range(n)
        ]

    def final_status(self, commitment: Commitment, milestones: list[Milestone]) -> str:
        """What the last government update says: complete only when every milestone is."""
        r = self.rng
        counted = [m for m in milestones if m.status != MilestoneStatus.WITHDRAWN]
        if counted and all(m.status == MilestoneStatus.COMPLETE for m in counted):
            return ProgressStatus.COMPLETE
        choices = [ProgressStatus.ON_TRACK, ProgressStatus.DELAYED, ProgressStatus.POSTPONED]
        if commitment.plan.status == PlanStatus.ENDED:
            choices += [ProgressStatus.DELAYED, ProgressStatus.WITHDRAWN]
        else:
            choices += [ProgressStatus.ON_TRACK]
            if not any(m.status != MilestoneStatus.NOT_STARTED for m in milestones):
                choices += [ProgressStatus.NOT_STARTED]
        return r.choice(choices)

    def finish_commitments(self) -> None:
        """Milestone counts and progress, as refresh_progress keeps them; a commitment whose every
        milestone is complete is complete."""
        for commitment in self.data.commitments:
            milestones = self.milestones_of.get(id(commitment), [])
            counted = [m for m in milestones if m.status != MilestoneStatus.WITHDRAWN]
            complete = sum(1 for m in counted if m.status == MilestoneStatus.COMPLETE)
            commitment.milestones_total = len(counted)
            commitment.milestones_complete = complete
            commitment.progress_percent = round(100 * complete / len(counted)) if counted else 0
            if counted and complete == len(counted):
                commitment.status = ProgressStatus.COMPLETE

    def make_assessments(self) -> None:
        r = self.rng
        world_of = {id(p): w for w in self.worlds for p in w.plans}
        eligible = [
            c
            for c in self.data.commitments
            if c.plan.status in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)
        ]
        latest_update: dict[int, ProgressUpdate] = {}
        for update in self.data.progress_updates:
            if update.source == UpdateSource.GOVERNMENT:
                known = latest_update.get(id(update.commitment))
                if known is None or update.reported_on >= known.reported_on:
                    latest_update[id(update.commitment)] = update
        n = min(self.counts["assessments"], len(eligible))
        chosen = sorted(r.sample(range(len(eligible)), n))
        for index in chosen:
            commitment = eligible[index]
            plan = commitment.plan
            world = world_of[id(plan)]
            assert plan.starts_on is not None and plan.ends_on is not None
            civil = bool(world.civil_society) and r.random() < 0.6
            period_start = plan.starts_on
            period_end = min(
                plan.ends_on if plan.status == PlanStatus.ENDED else add_years(period_start, 1),
                self.today,
            )
            contests = latest_update.get(id(commitment)) if civil and r.random() < 0.3 else None
            evidence = self.evidence(world, "assessments", 1 if contests else r.choice([0, 1, 2]))
            made = at_time(min(period_end + 30 * DAY, self.today), r, self.now)
            assessment = Assessment(
                commitment=commitment,
                kind=AssessmentKind.CIVIL_SOCIETY if civil else AssessmentKind.GOVERNMENT,
                organisation=(
                    r.choice(world.civil_society) if civil else r.choice(world.government_bodies)
                ),
                period_start=period_start,
                period_end=period_end,
                status=r.choice(
                    [ProgressStatus.ON_TRACK, ProgressStatus.DELAYED, ProgressStatus.POSTPONED]
                ),
                completion=r.choice(
                    [Completion.LIMITED, Completion.SUBSTANTIAL, Completion.NOT_STARTED]
                ),
                text=self.text.words(60, 150),
                evidence=evidence,
                contests=contests,
                author_name=r.choice(world.people).name,
                created_at=made,
                updated_at=made,
            )
            self.data.assessments.append(assessment)
            self.event(
                Event(
                    made,
                    "action_plans.assessment.recorded",
                    assessment,
                    fields=(
                        "kind",
                        "organisation",
                        "period_start",
                        "period_end",
                        "status",
                        "completion",
                        "text",
                        "evidence",
                        "contests",
                    ),
                    scope=commitment,
                    is_public=self.is_public_at(plan, made),
                    actor_label=assessment.author_name,
                )
            )


def generate(
    *,
    scale: float,
    seed: int = 1,
    now: dt.datetime,
    policy_areas: Sequence[PolicyArea] = (),
) -> SeedData:
    """Every object of a world of `scale`, from `seed`, as of `now`: the same arguments give the
    same objects in the same order. `policy_areas` are the areas commitments may be tagged with."""
    return Generator(scale=scale, seed=seed, now=now, policy_areas=policy_areas).run()
