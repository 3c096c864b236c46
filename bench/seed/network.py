"""Scale data for network governance (issue 7): OGP events with their delegations and documents,
the collective actions launched at them with their sign-ups, the posts people hold (tenures across
political transitions), each network's projects, and the nomination rounds that elect each
network's steering committee, with the audit events the services of `opengov.collective_actions`,
`opengov.organisations` (tenures.py, projects.py) and `opengov.nominations` record for each.

Volumes (S=100 is all of OGP, about 15,000 rows and 15,000 audit events on top of the rest):
- events: two OGP events a year over the data's span (a Global Summit and a regional meeting),
  shared by every member whatever the scale, and one national gathering per member per year;
  a summit's delegation comes from half the members (the holders of their government posts that
  day and one or two civil-society people), a gathering's from its member's people; 1–4 documents
  each;
- collective actions: 3–7 per past summit; sign-ups from organisations (a government body signs
  for its government, which counts once) and experts of several members, signed by an account of
  that organisation's people; reaching the quorum makes an action considered, a withdrawal (about
  one sign-up in twelve, deleted as `withdraw_sign_up` deletes it, its two events kept) may take
  it back to gathering; about a third of the considered ones are adopted, linked to a published
  commitment of a signing member;
- posts: BASE_COUNTS["posts"] (5 per member, more for national members), each with successive
  holders from before the member's first plan until today (the last one still in post);
- projects: BASE_COUNTS["network_projects"] (3 per network) with a funder and partners;
- nominations: each network has a Steering Committee; one round every two years since the network
  began (past rounds finished: nominations, seconders, answers, ballots from about 40 % of the
  eligible members, the count by the real counting code, results and the winners' memberships)
  and one round open for nominations now. Ballots carry no voter (random keys); a VoteRecord says
  who voted.

Counters and statuses are what the services keep: `counted_signatories` the distinct counted
signatories, `status` gathering/considered/adopted as `_recount` and `adopt_collective_action`
leave it, `seconders_count` the secondings, versions bumped where the services bump them."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection, models

from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import Commitment
from opengov.collective_actions.choices import ActionStatus, SignatoryKind
from opengov.collective_actions.models import CollectiveAction, Delegate, EventDocument, SignUp
from opengov.collective_actions.models import Event as Gathering
from opengov.collective_actions.services.actions import ACTION_FIELDS, NATIONAL, SUBNATIONAL
from opengov.collective_actions.services.events import EVENT_FIELDS
from opengov.core import audit
from opengov.nominations.choices import Acceptance, CountingMethod, RoundStatus
from opengov.nominations.counting import SCALE as VOTE_SCALE
from opengov.nominations.counting import plurality
from opengov.nominations.models import (
    GENERAL_SEATS,
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
from opengov.nominations.services.rounds import ROUND_FIELDS
from opengov.organisations.models import (
    Appointment,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationKind,
    Person,
    Post,
    Project,
    ProjectStatus,
    Tenure,
)
from opengov.organisations.projects import FIELDS as PROJECT_FIELDS
from opengov.organisations.tenures import TENURE_FIELDS

from .generate import (
    DAY,
    OBJECTS,
    THEMES,
    Event,
    add_years,
    at_time,
    between,
    phrases,
    spread,
)

if TYPE_CHECKING:
    from opengov.accounts.models import User

    from .generate import Generator, World

SUMMIT_CITIES = phrases(
    """Ottawa; Tbilisi; Paris; Buenos Aires; Seoul; Tallinn; Nairobi; Madrid; Brasília; Manila;
    Mexico City; Dakar; Vilnius; Bogotá; Canberra; Accra"""
)
REGIONS = phrases("Europe; the Americas; Africa and the Middle East; Asia and the Pacific")
GATHERING_NAMES = phrases(
    """Open Government Forum; Open Government Week; Civil Society Assembly;
    National Open Government Conference"""
)
DOCUMENT_TITLES = phrases(
    """Agenda; Declaration; Programme; Outcome report; Speakers' briefing; Photographs;
    Session notes"""
)
DELEGATE_NOTES = phrases(
    """Attending on the first day only; Speaking on the opening panel; Joining online;
    Likely on Wednesday and Thursday"""
)
ACTION_OPENINGS = phrases(
    """Open Government Challenge:; Joint commitment on; Coalition for; Global pledge on;
    Collective action on"""
)
SIGN_UP_STATEMENTS = phrases(
    """We will report on our progress at the next summit; Our ministry leads this work at home;
    We bring our experience of the national pilot; We will share our data under an open licence"""
)
# (title, where: "government" | "department" | "civil society", single holder)
POST_TITLES: list[tuple[str, str, bool]] = [
    ("Minister for Open Government", "government", True),
    ("OGP Point of Contact", "department", True),
    ("Anti-Corruption Champion", "government", True),
    ("Civil Society Co-chair of the Open Government Forum", "civil society", True),
    ("Chief Data Officer", "department", True),
    ("Open Government Ambassador", "government", False),
    ("Head of the Open Government Unit", "department", True),
]
PROJECT_TITLES = phrases(
    """Strengthening the civil society network; Monitoring the action plan;
    Open contracting in local government; Regional outreach programme;
    Data skills for community organisations; Independent shadow report;
    Participatory budgeting pilot; Youth participation in open government"""
)
FUNDER_NAMES = phrases(
    """Open Society Foundations; National Lottery Community Fund; European Commission;
    Hewlett Foundation; Luminate"""
)
ROUND_YEARS = 2
MINIMUM_POSTS_PER_MEMBER = 3
SEATS_CHOICES = (2, 2, 3)
VOTER_SHARE = 0.4


def people_with_accounts(world: World) -> list[Person]:
    """The member's people who have an account (participation.py links 30 % of them)."""
    return [p for p in world.people if getattr(p, "user", None) is not None]


def account_of(person: Person) -> User:
    """The account participation.py linked to `person` (never a query: the object is cached)."""
    user = person.user
    assert user is not None
    return user


def root_of(organisation: Organisation) -> Organisation:
    current = organisation
    while current.parent is not None:
        current = current.parent
    return current


def signatory_kind(organisation: Organisation) -> str:
    """The kind `signatory_of` gives a sign-up for `organisation`."""
    root = root_of(organisation)
    if organisation.kind in NATIONAL | SUBNATIONAL:
        if root.kind in NATIONAL:
            return str(SignatoryKind.NATIONAL_GOVERNMENT)
        return str(SignatoryKind.SUBNATIONAL_GOVERNMENT)
    return str(SignatoryKind.CIVIL_SOCIETY)


class NetworkGovernance:
    """Builds the network-governance data into the generator's SeedData, with its rng and clock."""

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.rng = gen.rng
        self.text = gen.text
        self.now = gen.now
        self.today = gen.today
        self.data = gen.data
        self.posts_of: dict[int, list[tuple[Post, list[Tenure]]]] = {}  # id(world) -> posts
        self.signers: dict[int, User] = {}  # id(organisation) -> an account of its people
        self.sign_up_key: dict[int, tuple[str, int]] = {}
        self.sign_up_world: dict[int, World] = {}
        self.nomination_index: dict[int, int] = {}  # id(nomination) -> its place in the list
        self.lead_actor = gen.worlds[0].actor if gen.worlds else "opengov (system)"

    def run(self) -> None:
        for world in self.gen.worlds:
            for person in people_with_accounts(world):
                org = world.primary_org.get(id(person))
                if org is not None:
                    self.signers.setdefault(id(org), account_of(person))
        self.make_posts()
        self.make_projects()
        summits = self.make_summits()
        self.make_gatherings()
        self.make_collective_actions(summits)
        self.make_nominations()

    # Posts and tenures ------------------------------------------------------------------------

    def make_posts(self) -> None:
        r = self.rng
        gen = self.gen
        shares = gen.member_shares("posts", minimum=MINIMUM_POSTS_PER_MEMBER)
        for world, n in zip(gen.worlds, shares, strict=True):
            government = world.government
            assert government is not None
            gov_people = [
                p for p in world.people if world.primary_org.get(id(p)) in world.government_bodies
            ] + [p for p in world.people if world.primary_org.get(id(p)) is government]
            cso_people = [
                p for p in world.people if world.primary_org.get(id(p)) in world.civil_society
            ]
            held: list[tuple[Post, list[Tenure]]] = []
            for title, where, single in POST_TITLES[: min(n, len(POST_TITLES))]:
                if where == "civil society" and world.civil_society:
                    organisation, pool = world.civil_society[0], cso_people
                elif where == "department" and world.departments:
                    organisation, pool = r.choice(world.departments), gov_people
                else:
                    organisation, pool = government, gov_people
                pool = pool or world.people
                created = at_time(world.start - 30 * DAY, r, self.now)
                post = Post(
                    title=title,
                    slug=gen.slug("post", title),
                    organisation=organisation,
                    description=self.text.words(15, 40) if r.random() < 0.6 else "",
                    is_single_holder=single,
                    created_at=created,
                    updated_at=created,
                )
                self.data.posts.append(post)
                gen.event(
                    Event(
                        created,
                        "organisations.post.created",
                        post,
                        fields=("title", "organisation", "is_single_holder"),
                        actor_label=world.actor,
                    )
                )
                held.append((post, self.make_tenures(world, post, pool)))
            self.posts_of[id(world)] = held

    def make_tenures(self, world: World, post: Post, pool: Sequence[Person]) -> list[Tenure]:
        """Successive holders from before the member's first plan until today, each for one to
        four years; a change of government leaves the post vacant for a few weeks at times. The
        last holder is still in post. A tenure is recorded open and ended when it ends."""
        r = self.rng
        tenures: list[Tenure] = []
        start = world.start - dt.timedelta(days=r.randint(0, 3 * 365))
        previous: Person | None = None
        while start <= self.today - DAY:
            choices = [p for p in pool if p is not previous] or list(pool)
            person = r.choice(choices)
            end: dt.date | None = start + dt.timedelta(days=r.randint(365, 4 * 365))
            if end is not None and end >= self.today:
                end = None
            started = max(at_time(start + dt.timedelta(days=r.randint(0, 20)), r, self.now),
                          post.created_at + dt.timedelta(minutes=1))  # fmt: skip
            started = min(started, self.now)
            url = f"https://www.{world.member.slug}.example.org/appointments/{r.randint(100, 9999)}"
            tenure = Tenure(
                post=post,
                person=person,
                start_on=start,
                end_on=None,
                appointment=r.choice(
                    [Appointment.APPOINTED, Appointment.APPOINTED, Appointment.REAPPOINTED]
                    if post.is_single_holder
                    else [Appointment.APPOINTED, Appointment.EX_OFFICIO]
                ),
                source_url=url if r.random() < 0.5 else "",
                note="",
                created_at=started,
                updated_at=started,
            )
            self.data.tenures.append(tenure)
            tenures.append(tenure)
            self.gen.event(
                Event(
                    started,
                    "organisations.tenure.started",
                    tenure,
                    fields=tuple(TENURE_FIELDS),
                    # Recorded open: the end date came later (below).
                    changes={"end_on": [None, None]},
                    scope=post,
                    actor_label=world.actor,
                )
            )
            if end is None:
                break
            ended = min(max(at_time(end + DAY, r, self.now), started + dt.timedelta(minutes=1)),
                        self.now)  # fmt: skip
            tenure.end_on = end
            tenure.version = 2
            tenure.updated_at = ended
            self.gen.event(
                Event(
                    ended,
                    "organisations.tenure.ended",
                    tenure,
                    changes={"end_on": [None, end.isoformat()]},
                    scope=post,
                    actor_label=world.actor,
                )
            )
            previous = person
            gap = r.randint(1, 60) if r.random() < 0.25 else 1
            start = end + dt.timedelta(days=gap)
        return tenures

    def holders_on(self, world: World, day: dt.date) -> list[tuple[Post, Person]]:
        """The member's government posts and their holders on `day`."""
        found = []
        for post, tenures in self.posts_of.get(id(world), []):
            if post.organisation in world.civil_society:
                continue
            for tenure in tenures:
                if tenure.held_on(day):
                    found.append((post, tenure.person))
        return found

    # Projects ---------------------------------------------------------------------------------

    def networks(self) -> list[tuple[World, Network]]:
        """Each network with its member's world (make_networks makes one per world with civil
        society, in the worlds' order)."""
        worlds = [w for w in self.gen.worlds if w.civil_society]
        return list(zip(worlds, self.data.networks, strict=True))

    def make_projects(self) -> None:
        r = self.rng
        pairs = self.networks()
        shares = spread(self.gen.counts["network_projects"], len(pairs), r, jitter=0.5)
        for (world, network), n in zip(pairs, shares, strict=True):
            funders = [o for o in world.others if o.kind == OrganisationKind.FUNDER]
            for _ in range(n):
                title = r.choice(PROJECT_TITLES)
                created = at_time(
                    between(r, network.created_at.date() + 30 * DAY, self.today), r, self.now
                )
                start_on = created.date() + dt.timedelta(days=r.randint(0, 90))
                end_on = add_years(start_on, r.choice([1, 2, 3])) - DAY
                status = (
                    ProjectStatus.PLANNED
                    if start_on > self.today
                    else ProjectStatus.COMPLETED
                    if end_on < self.today
                    else ProjectStatus.ACTIVE
                )
                funder = r.choice(funders) if funders and r.random() < 0.5 else None
                project = Project(
                    network=network,
                    title=title,
                    slug=self.gen.slug("project", title),
                    funder=funder,
                    funder_name="" if funder is not None else r.choice(FUNDER_NAMES),
                    purpose=self.text.words(20, 60),
                    start_on=start_on,
                    end_on=end_on,
                    status=status,
                    url=f"https://{network.slug[:50]}.example.org/projects/{r.randint(1, 999)}",
                    created_at=created,
                    updated_at=created,
                )
                partners = r.sample(
                    world.civil_society, min(len(world.civil_society), r.randint(0, 3))
                )
                self.data.projects.append(project)
                self.data.project_partner_links.extend((project, o) for o in partners)
                names = sorted(o.name for o in partners)
                self.gen.event(
                    Event(
                        created,
                        "organisations.project.created",
                        project,
                        fields=("network", *PROJECT_FIELDS),
                        changes={"partners": [None, names]} if names else None,
                        scope=network,
                        actor_label=world.actor,
                    )
                )

    # Events -----------------------------------------------------------------------------------

    def new_gathering(
        self, title: str, starts_on: dt.date, days: int, place: str, actor: str
    ) -> Gathering:
        r = self.rng
        created = at_time(starts_on - dt.timedelta(days=r.randint(40, 120)), r, self.now)
        gathering = Gathering(
            title=title,
            starts_on=starts_on,
            ends_on=starts_on + dt.timedelta(days=days - 1) if days > 1 else None,
            place=place,
            description=self.text.words(20, 60),
            created_at=created,
            updated_at=created,
        )
        self.data.gatherings.append(gathering)
        self.gen.event(
            Event(
                created,
                "collective_actions.event.created",
                gathering,
                fields=tuple(EVENT_FIELDS),
                actor_label=actor,
            )
        )
        slug = self.gen.slug("event-document", title)
        for position in range(1, r.randint(1, 4) + 1):
            document = EventDocument(
                event=gathering,
                title=r.choice(DOCUMENT_TITLES),
                url=f"https://www.opengovpartnership.example.org/events/{slug}/{position}.pdf",
                position=position,
            )
            self.data.event_documents.append(document)
            self.gen.event(
                Event(
                    created + dt.timedelta(minutes=position),
                    "collective_actions.eventdocument.added",
                    document,
                    fields=("title", "url"),
                    scope=gathering,
                    actor_label=actor,
                )
            )
        return gathering

    def delegate(
        self,
        gathering: Gathering,
        person: Person,
        organisation: Organisation | None,
        position: int,
        actor: str,
    ) -> None:
        r = self.rng
        delegate = Delegate(
            event=gathering,
            person=person,
            organisation=organisation,
            note=r.choice(DELEGATE_NOTES) if r.random() < 0.15 else "",
            position=position,
        )
        self.data.delegates.append(delegate)
        self.gen.event(
            Event(
                gathering.created_at + dt.timedelta(days=r.randint(1, 30), minutes=position),
                "collective_actions.delegate.added",
                delegate,
                fields=("person", "organisation", "note"),
                scope=gathering,
                actor_label=actor,
            )
        )

    def make_summits(self) -> list[Gathering]:
        """Two OGP events a year over the data's span, shared by all members, each with the
        delegations of about half of them."""
        r = self.rng
        worlds = self.gen.worlds
        if not worlds:
            return []
        first = min(w.start for w in worlds).year
        summits: list[Gathering] = []
        for year in range(first, self.today.year + 1):
            for kind in ("global", "regional"):
                month = r.randint(3, 6) if kind == "global" else r.randint(9, 11)
                starts_on = dt.date(year, month, r.randint(1, 25))
                if starts_on > self.today + 120 * DAY:
                    continue
                city = r.choice(SUMMIT_CITIES)
                if kind == "global":
                    title = f"OGP Global Summit {year}, {city}"
                else:
                    title = f"OGP Regional Meeting for {r.choice(REGIONS)} {year}, {city}"
                gathering = self.new_gathering(title, starts_on, 3, city, self.lead_actor)
                summits.append(gathering)
                position = 0
                for world in worlds:
                    if r.random() >= 0.5:
                        continue
                    seen: set[int] = set()
                    chosen: list[tuple[Person, Organisation | None]] = []
                    holders = self.holders_on(world, starts_on)
                    for post, person in r.sample(holders, min(len(holders), r.randint(1, 2))):
                        chosen.append((person, post.organisation))
                    cso = [
                        p
                        for p in world.people
                        if world.primary_org.get(id(p)) in world.civil_society
                    ]
                    for person in r.sample(cso, min(len(cso), r.randint(1, 2))):
                        chosen.append((person, world.primary_org.get(id(person))))
                    for person, organisation in chosen:
                        if id(person) in seen:
                            continue
                        seen.add(id(person))
                        position += 1
                        self.delegate(gathering, person, organisation, position, self.lead_actor)
        return summits

    def make_gatherings(self) -> None:
        """One national gathering per member per year, from its first plan's co-creation."""
        r = self.rng
        for world in self.gen.worlds:
            for year in range(world.start.year, self.today.year + 1):
                starts_on = dt.date(year, r.randint(1, 12), r.randint(1, 28))
                if starts_on > self.today + 60 * DAY or starts_on < world.start:
                    continue
                name = r.choice(GATHERING_NAMES)
                title = f"{world.member.name} {name} {year}"
                place = (
                    f"{world.member.name}, {r.choice(['Town Hall', 'National Library', 'Online'])}"
                )
                gathering = self.new_gathering(
                    title, starts_on, r.randint(1, 2), place, world.actor
                )
                people = r.sample(world.people, min(len(world.people), r.randint(3, 7)))
                for position, person in enumerate(people, 1):
                    organisation = world.primary_org.get(id(person))
                    self.delegate(gathering, person, organisation, position, world.actor)

    # Collective actions -----------------------------------------------------------------------

    def signatories(self, world: World) -> list[tuple[str, Organisation | None, Person | None]]:
        """Who may sign for the member: its organisations with an account-holder among their
        people (a government body signs for its government), and its people with accounts as
        experts."""
        found: list[tuple[str, Organisation | None, Person | None]] = []
        for org in world.organisations:
            if id(org) in self.signers:
                found.append((signatory_kind(org), org, None))
        for person in people_with_accounts(world)[:5]:
            found.append((str(SignatoryKind.EXPERT), None, person))
        return found

    def make_collective_actions(self, summits: list[Gathering]) -> None:
        r = self.rng
        worlds = self.gen.worlds
        adoptable: dict[int, list[Commitment]] = {}
        for commitment in self.data.commitments:
            plan = commitment.plan
            if plan.published_at is not None and plan.status == PlanStatus.IMPLEMENTING:
                adoptable.setdefault(id(plan.member), []).append(commitment)
        world_by_member = {id(w.member): w for w in worlds}
        for summit in summits:
            if summit.starts_on > self.today - 7 * DAY:
                continue
            for _ in range(r.randint(3, 7)):
                self.collective_action(summit, worlds, adoptable, world_by_member)

    def collective_action(
        self,
        summit: Gathering,
        worlds: list[World],
        adoptable: dict[int, list[Commitment]],
        world_by_member: dict[int, World],
    ) -> None:
        r = self.rng
        obj = r.choice(OBJECTS)
        title = f"{r.choice(ACTION_OPENINGS)} {obj}"
        created = at_time(summit.starts_on, r, self.now)
        deadline = summit.starts_on + dt.timedelta(days=r.randint(90, 240))
        action = CollectiveAction(
            title=title[0].upper() + title[1:],
            theme=r.choice(THEMES),
            description=self.text.words(30, 90),
            event=summit,
            sign_up_deadline=deadline,
            quorum=r.choice([3, 3, 4, 5]),
            status=ActionStatus.GATHERING,
            counted_signatories=0,
            created_at=created,
            updated_at=created,
        )
        self.data.collective_actions.append(action)
        self.gen.event(
            Event(
                created,
                "collective_actions.collectiveaction.created",
                action,
                fields=tuple(ACTION_FIELDS),
                changes={"status": [None, ActionStatus.GATHERING.value]},
                scope=summit,
                actor_label=self.lead_actor,
            )
        )
        counted_kinds = set(action.counted_kinds())
        # Signatories from several members.
        members = r.sample(worlds, min(len(worlds), r.randint(2, 6)))
        pool = [(w, s) for w in members for s in self.signatories(w)]
        chosen = r.sample(pool, min(len(pool), r.randint(2, 12)))
        last_day = min(deadline, self.today)
        # (time, order, op, sign-up)
        ops: list[tuple[dt.datetime, int, str, Any]] = []
        for world, (kind, org, person) in chosen:
            day = between(r, summit.starts_on, last_day)
            signed = max(at_time(day, r, self.now), created + dt.timedelta(minutes=1))
            if org is not None:
                user = self.signers[id(org)]
                key: tuple[str, int] = ("organisation", id(root_of(org)))
            else:
                assert person is not None
                user = account_of(person)
                key = ("person", id(person))
            sign_up = SignUp(
                action=action,
                kind=kind,
                organisation=org,
                person=person,
                signatory_key="",
                statement=r.choice(SIGN_UP_STATEMENTS) if r.random() < 0.3 else "",
                signed_on=signed.date(),
                signed_by=user,
            )
            self.sign_up_key[id(sign_up)] = key
            self.sign_up_world[id(sign_up)] = world
            ops.append((signed, len(ops), "sign", sign_up))
            if signed.date() < self.today and r.random() < 0.08:
                withdrawn = at_time(between(r, signed.date() + DAY, self.today), r, self.now)
                ops.append((max(withdrawn, signed + DAY), len(ops), "withdraw", sign_up))
        ops.sort(key=lambda op: (op[0], op[1]))
        keys: Counter[tuple[str, int]] = Counter()
        status, counted = ActionStatus.GATHERING.value, 0
        last_change = created
        for at, _, op, sign_up in ops:
            user = sign_up.signed_by
            if op == "sign":
                self.data.sign_ups.append(sign_up)
                self.gen.event(
                    Event(
                        at,
                        "collective_actions.signup.created",
                        sign_up,
                        fields=("kind", "organisation", "person", "statement"),
                        scope=action,
                        actor_label=user.name,
                        actor=user,
                    )
                )
            else:
                self.data.withdrawn_sign_ups.append(sign_up)
                self.gen.event(
                    Event(
                        at,
                        "collective_actions.signup.withdrawn",
                        sign_up,
                        changes=withdrawn_changes(sign_up),
                        scope=action,
                        actor_label=user.name,
                        actor=user,
                    )
                )
            if sign_up.kind in counted_kinds:
                keys[self.sign_up_key[id(sign_up)]] += 1 if op == "sign" else -1
            now_counted = sum(1 for n in keys.values() if n > 0)
            new_status = (
                ActionStatus.CONSIDERED.value if now_counted >= action.quorum else "gathering"
            )
            if new_status != status:
                self.gen.event(
                    Event(
                        at,
                        "collective_actions.collectiveaction.status_changed",
                        action,
                        changes={
                            "counted_signatories": [counted, now_counted],
                            "status": [status, new_status],
                        },
                        scope=action.event,
                        actor_label=user.name,
                        actor=user,
                    )
                )
                if new_status == ActionStatus.CONSIDERED:
                    action.considered_at = at
                status, last_change = new_status, at
            counted = now_counted
            action.updated_at = max(action.updated_at, at)
        action.counted_signatories = counted
        action.status = status
        if status == ActionStatus.CONSIDERED and r.random() < 0.35:
            signers = [self.sign_up_world[id(s)] for _, _, op, s in ops if op == "sign"]
            candidates = [c for w in signers for c in adoptable.get(id(w.member), [])]
            if candidates:
                commitment = r.choice(candidates)
                world = world_by_member[id(commitment.plan.member)]
                adopted = at_time(
                    between(r, last_change.date() + 30 * DAY, self.today), r, self.now
                )
                adopted = max(adopted, last_change + dt.timedelta(minutes=1))
                action.status = ActionStatus.ADOPTED.value
                action.adopted_commitment = commitment
                action.adopted_at = adopted
                action.version = 2
                action.updated_at = max(action.updated_at, adopted)
                self.gen.event(
                    Event(
                        adopted,
                        "collective_actions.collectiveaction.adopted",
                        action,
                        changes=adopted_changes(commitment),
                        scope=action.event,
                        actor_label=world.actor,
                    )
                )

    # Nominations ------------------------------------------------------------------------------

    def make_nominations(self) -> None:
        for world, network in self.networks():
            self.make_body(world, network)

    def make_body(self, world: World, network: Network) -> None:
        r = self.rng
        name = f"{network.name} Steering Committee"
        created = min(network.created_at + 30 * DAY, self.now - dt.timedelta(days=30))
        body = Body(
            name=name,
            slug=self.gen.slug("body", name),
            network=network,
            description=self.text.words(15, 40),
            created_at=created,
            updated_at=created,
        )
        self.data.bodies.append(body)
        self.gen.event(
            Event(
                created,
                "nominations.body.created",
                body,
                fields=("name", "network"),
                actor_label=world.actor,
            )
        )
        members = [m for m in self.data.network_memberships if m.network is network]
        # One round every two years, back from the one open for nominations now, as far as the
        # committee's first months.
        open_now = self.now - dt.timedelta(days=r.randint(2, 10), hours=r.randint(0, 6))
        starts: list[dt.datetime] = []
        opens = open_now - dt.timedelta(days=365 * ROUND_YEARS + r.randint(-20, 20))
        earliest = created + dt.timedelta(days=60)
        while opens > earliest:
            starts.insert(0, opens)
            opens = opens - dt.timedelta(days=365 * ROUND_YEARS + r.randint(-20, 20))
        if not starts and open_now - earliest > dt.timedelta(days=120):
            # A committee younger than two years had its first election soon after it began.
            starts.append(earliest)
        for opens_at in [*starts, open_now]:
            self.make_round(world, body, members, opens_at, is_open=opens_at is open_now)

    def make_round(
        self,
        world: World,
        body: Body,
        memberships: list[NetworkMembership],
        opens_at: dt.datetime,
        *,
        is_open: bool,
    ) -> None:
        r = self.rng
        gen = self.gen
        opened_at = opens_at - dt.timedelta(days=r.randint(5, 14))
        eligible = [
            m.organisation
            for m in memberships
            if m.joined_on is None or m.joined_on <= opened_at.date()
        ]
        if not eligible:
            return
        created = max(opened_at - dt.timedelta(days=r.randint(5, 20)), body.created_at)
        closes_at = opens_at + dt.timedelta(days=21)
        voting_opens_at = closes_at + dt.timedelta(days=7)
        voting_closes_at = voting_opens_at + dt.timedelta(days=14)
        term_starts_on = voting_closes_at.date() + dt.timedelta(days=7)
        seats = r.choice(SEATS_CHOICES)
        year = opens_at.year
        round_ = NominationRound(
            body=body,
            title=f"{body.name} election {year}",
            description=self.text.words(20, 50),
            seats=seats,
            # A network of one or two members cannot ask for another member's seconding.
            seconders_required=1 if len(eligible) >= 3 else 0,
            method=CountingMethod.PLURALITY,
            nominations_open_at=opens_at,
            nominations_close_at=closes_at,
            voting_opens_at=voting_opens_at,
            voting_closes_at=voting_closes_at,
            term_starts_on=term_starts_on,
            term_ends_on=add_years(term_starts_on, ROUND_YEARS) - DAY,
            opened_at=opened_at,
            version=2,
            created_at=created,
            updated_at=opened_at,
        )
        self.data.rounds.append(round_)
        gen.event(
            Event(
                created,
                "nominations.round.created",
                round_,
                fields=tuple(ROUND_FIELDS),
                changes={"constituencies": [None, []]},
                scope=body,
                is_public=False,
                actor_label=world.actor,
            )
        )
        for organisation in eligible:
            self.data.eligible_members.append(
                EligibleMember(round=round_, organisation=organisation)
            )
        gen.event(
            Event(
                opened_at,
                "nominations.round.opened",
                round_,
                changes={
                    "status": [RoundStatus.DRAFT.value, RoundStatus.ANNOUNCED.value],
                    "eligible_members": [None, len(eligible)],
                },
                scope=body,
                actor_label=world.actor,
            )
        )
        # Nominations: about one and a half nominees a seat, people with accounts.
        nominees_pool = people_with_accounts(world)
        wanted = max(seats, round(seats * r.uniform(1.2, 1.8)))
        nominees = r.sample(nominees_pool, min(len(nominees_pool), wanted))
        last_nomination = closes_at if not is_open else self.now
        nominations: list[Nomination] = []
        for nominee in nominees:
            nominator = r.choice(eligible)
            signer = self.signers.get(id(nominator))
            made = at_time(between(r, opens_at.date(), (last_nomination - DAY).date()), r, self.now)
            made = min(
                max(made, opens_at + dt.timedelta(minutes=5)),
                last_nomination - dt.timedelta(hours=1),
            )
            nomination = Nomination(
                round=round_,
                constituency=None,
                nominee=nominee,
                nominee_organisation=world.primary_org.get(id(nominee)),
                nominator=nominator,
                nominated_by=signer,
                statement=self.text.words(20, 60) if r.random() < 0.7 else "",
                acceptance=Acceptance.PENDING,
                seconders_count=0,
                version=1,
                created_at=made,
                updated_at=made,
            )
            self.nomination_index[id(nomination)] = len(self.data.nominations)
            self.data.nominations.append(nomination)
            nominations.append(nomination)
            gen.event(
                Event(
                    made,
                    "nominations.nomination.made",
                    nomination,
                    fields=("nominee", "nominee_organisation", "nominator", "constituency"),
                    scope=round_,
                    actor_label=signer.name if signer is not None else world.actor,
                    actor=signer,
                )
            )
            others = [o for o in eligible if o is not nominator]
            window = max(int((last_nomination - made).total_seconds()), 120)
            for organisation in r.sample(others, min(len(others), r.choice([0, 1, 1, 2]))):
                at = made + dt.timedelta(seconds=r.randint(60, window - 30))
                seconder = self.signers.get(id(organisation))
                self.data.secondings.append(
                    Seconding(
                        nomination=nomination,
                        organisation=organisation,
                        seconded_by=seconder,
                        created_at=at,
                    )
                )
                nomination.seconders_count += 1
                gen.event(
                    Event(
                        at,
                        "nominations.nomination.seconded",
                        nomination,
                        changes={"seconders": [None, organisation.name]},
                        scope=round_,
                        actor_label=seconder.name if seconder is not None else world.actor,
                        actor=seconder,
                    )
                )
            roll = r.random()
            if is_open and roll < 0.5:
                continue
            accept = roll < (0.9 if is_open else 0.85)
            answer = Acceptance.ACCEPTED if accept else Acceptance.DECLINED
            window = max(int((last_nomination - made).total_seconds()), 120)
            answered = made + dt.timedelta(seconds=r.randint(60, window - 30))
            nomination.acceptance = answer.value
            nomination.answered_at = answered
            nomination.version = 2
            nomination.updated_at = answered
            user = account_of(nominee)
            gen.event(
                Event(
                    answered,
                    "nominations.nomination.accepted"
                    if accept
                    else "nominations.nomination.declined",
                    nomination,
                    changes={"acceptance": [Acceptance.PENDING.value, answer.value]},
                    scope=round_,
                    actor_label=user.name,
                    actor=user,
                )
            )
        if not is_open:
            self.vote_and_count(world, body, round_, eligible, nominations)

    def vote_and_count(
        self,
        world: World,
        body: Body,
        round_: NominationRound,
        eligible: list[Organisation],
        nominations: list[Nomination],
    ) -> None:
        r = self.rng
        gen = self.gen
        standing = [
            n
            for n in nominations
            if n.acceptance == Acceptance.ACCEPTED
            and n.seconders_count >= round_.seconders_required
        ]
        # The candidates in the order the count reads them (by nominee name, then key), with
        # stand-in ids that keep the order of the keys they will get.
        standing.sort(key=lambda n: (n.nominee.name, self.nomination_index[id(n)]))
        stand_in = {id(n): self.nomination_index[id(n)] + 1 for n in standing}
        ballots: list[list[int]] = []
        if standing:
            voters = r.sample(eligible, max(1, round(len(eligible) * VOTER_SHARE)))
            span = int((round_.voting_closes_at - round_.voting_opens_at).total_seconds())
            for organisation in voters:
                at = round_.voting_opens_at + dt.timedelta(seconds=r.randint(60, span - 60))
                chosen = r.sample(standing, r.randint(1, min(len(standing), round_.seats)))
                choices = [stand_in[id(n)] for n in chosen]
                ballots.append(choices)
                cast_by = self.signers.get(id(organisation))
                record = VoteRecord(
                    round=round_, organisation=organisation, cast_by=cast_by, cast_on=at.date()
                )
                self.data.vote_records.append(record)
                ballot = Ballot(
                    id=uuid.UUID(int=r.getrandbits(128), version=4),
                    round=round_,
                    constituency=None,
                    choices=choices,  # stand-ins: write_ballots puts the nominations' keys
                    cast_on=at.date(),
                )
                self.data.ballots.append((ballot, chosen))
                gen.event(
                    Event(
                        at,
                        "nominations.vote.cast",
                        record,
                        changes={"voted": [None, organisation.name]},
                        scope=round_,
                        is_public=False,
                        actor_label=cast_by.name if cast_by is not None else world.actor,
                        actor=cast_by,
                    )
                )
        seed = r.getrandbits(62)
        result = plurality.count(ballots, [stand_in[id(n)] for n in standing], round_.seats, seed)
        published = round_.voting_closes_at + dt.timedelta(days=r.randint(1, 3), hours=2)
        published = min(published, self.now - dt.timedelta(minutes=5))
        by_stand_in = {stand_in[id(n)]: n for n in standing}
        count = Count(
            round=round_,
            constituency=None,
            method=round_.method,
            seats=result.seats,
            valid_ballots=result.valid_ballots,
            quota=None,
            seed=seed,
            lots_drawn=result.lots_drawn,
            stages=[stage.as_json() for stage in result.stages],  # stand-ins, as above
            created_at=published,
            updated_at=published,
        )
        self.data.vote_counts.append((count, by_stand_in))
        position = {c: i for i, c in enumerate(result.elected, 1)}
        elected: list[Nomination] = []
        for nomination in standing:
            key = stand_in[id(nomination)]
            self.data.result_lines.append(
                ResultLine(
                    count=count,
                    nomination=nomination,
                    first_votes=Decimal(result.first[key]) / VOTE_SCALE,
                    final_votes=Decimal(result.final[key]) / VOTE_SCALE,
                    is_elected=key in position,
                    elected_position=position.get(key),
                    decided_at_stage=result.decided_at.get(key),
                )
            )
            if key in position:
                elected.append(nomination)
        for nomination in elected:
            membership = BodyMembership(
                body=body,
                person=nomination.nominee,
                organisation=nomination.nominee_organisation,
                seat=str(GENERAL_SEATS),
                starts_on=round_.term_starts_on,
                ends_on=round_.term_ends_on,
                elected_in=round_,
            )
            self.data.body_memberships.append(membership)
            gen.event(
                Event(
                    published,
                    "nominations.bodymembership.created",
                    membership,
                    fields=("person", "seat", "starts_on", "ends_on"),
                    scope=body,
                    actor_label=world.actor,
                )
            )
        round_.results_published_at = published
        round_.version = 3
        round_.updated_at = published
        gen.event(
            Event(
                published,
                "nominations.round.results_published",
                round_,
                changes={
                    "status": [RoundStatus.COUNTING.value, RoundStatus.RESULTS_PUBLISHED.value],
                    "elected": [None, [n.nominee.display_name for n in elected]],
                    "seed": [None, str(seed)],
                },
                scope=body,
                actor_label=world.actor,
            )
        )


def withdrawn_changes(sign_up: SignUp) -> Callable[[], dict[str, Any]]:
    def changes() -> dict[str, Any]:
        return {
            "kind": [sign_up.kind, None],
            "organisation": [audit.to_json_value(sign_up.organisation_id), None],
            "person": [audit.to_json_value(sign_up.person_id), None],
        }

    return changes


def adopted_changes(commitment: Commitment) -> Callable[[], dict[str, Any]]:
    def changes() -> dict[str, Any]:
        return {
            "status": [ActionStatus.CONSIDERED.value, ActionStatus.ADOPTED.value],
            "adopted_commitment": [None, str(commitment.pk)],
        }

    return changes


def make_network_governance(gen: Generator) -> None:
    """Add the network-governance data to `gen.data` (called by Generator.run after the
    participation data, so everything generated before it is the same as without it)."""
    NetworkGovernance(gen).run()


# --- Loading ------------------------------------------------------------------------------------


def rename_clashing_slugs(objects: Sequence[models.Model]) -> None:
    """Rename any slug a row already in the table has (a --force seed into a database that has
    posts, projects or bodies), as unique_slug would have named it."""
    if objects:
        manager = type(objects[0])._default_manager
        taken = set(manager.values_list("slug", flat=True))
        if taken:
            for obj in objects:
                base = value = obj.slug  # type: ignore[attr-defined]
                n = 2
                while value in taken:
                    value, n = f"{base}-{n}", n + 1
                taken.add(value)
                obj.slug = value  # type: ignore[attr-defined]


def key_sign_ups(sign_ups: Sequence[SignUp], keys: Any) -> None:
    """The sign-ups' keys, and their signatory keys as `signatory_of` makes them from the
    organisations' and people's keys."""
    from .load import assign_keys

    for sign_up in sign_ups:
        if sign_up.organisation is not None:
            sign_up.signatory_key = f"organisation:{root_of(sign_up.organisation).pk}"
        else:
            assert sign_up.person is not None
            sign_up.signatory_key = f"person:{sign_up.person.pk}"
    assign_keys(sign_ups, keys)


def write_sign_ups(sign_ups: Sequence[SignUp], withdrawn: Sequence[SignUp], bar: Any) -> None:
    """The sign-ups; then the withdrawn ones are deleted, as `withdraw_sign_up` deletes them
    (their keys stay in the audit events)."""
    from .load import insert

    insert(sign_ups, bar)
    if withdrawn:
        SignUp.objects.filter(pk__in=[s.pk for s in withdrawn]).delete()


def key_ballots(ballots: Sequence[tuple[Ballot, list[Nomination]]]) -> None:
    """The ballots keep their own random keys (not the next integer `assign_keys` would give),
    fresh ones when adding to a database that has ballots (--force, perhaps the same seed); their
    choices are the nominations' keys."""
    fresh = bool(ballots) and Ballot.objects.exists()
    for ballot, chosen in ballots:
        if fresh:
            ballot.id = uuid.uuid4()
        ballot.choices = [n.pk for n in chosen]


def write_ballots(ballots: Sequence[tuple[Ballot, list[Nomination]]], bar: Any) -> None:
    """The ballots' rows, keyed by `key_ballots`."""
    from .load import BATCH_SIZE, converter, write_rows

    fields = [f for f in Ballot._meta.concrete_fields]
    convert = [converter(f) for f in fields]
    columns = [f.column for f in fields]
    for start in range(0, len(ballots), BATCH_SIZE):
        batch = ballots[start : start + BATCH_SIZE]
        rows = []
        for ballot, _chosen in batch:
            values = {
                "id": ballot.id,
                "round_id": ballot.round.pk,
                "constituency_id": None,
                "choices": ballot.choices,
                "cast_on": ballot.cast_on,
            }
            rows.append(tuple(c(values[f.attname]) for c, f in zip(convert, fields, strict=True)))
            ballot._state.adding = False
            ballot._state.db = connection.alias
        write_rows(Ballot._meta.db_table, columns, rows)
        bar.update(len(batch))


def key_counts(counts: Sequence[tuple[Count, dict[int, Nomination]]], keys: Any) -> None:
    """The counts' keys, and their stages naming the nominations by their keys (the generator
    counted with stand-ins in the same order, so the result is the one `publish_results`
    computes)."""
    from .load import assign_keys

    def real(stand_ins: dict[int, Nomination], value: Any) -> Any:
        return stand_ins[value].pk if value is not None else None

    for count, stand_ins in counts:
        count.stages = [
            {
                **stage,
                "candidate": real(stand_ins, stage["candidate"]),
                "totals": {str(stand_ins[int(k)].pk): v for k, v in stage["totals"].items()},
                "elected": [stand_ins[c].pk for c in stage["elected"]],
                "excluded": [stand_ins[c].pk for c in stage["excluded"]],
            }
            for stage in count.stages
        ]
    assign_keys([count for count, _ in counts], keys)
