"""Scale data for participation (issue 6): the accounts people take part with, calls for ideas,
ideas, supports, comments, the steering committee's scores and government's reasoned responses,
with the audit events the services of `opengov.ideas` record for each.

Per unit of scale (see BASE_COUNTS in generate.py): 300 accounts, 1,000 ideas, 10,000 supports and
5,000 comments, of which 2,000 (at every scale) are on one idea, the most supported of the call
with the most ideas. Accounts: 30 % of each member's people have one (they are the authors of
ideas, linked to their person record as `person_for` would link them); the rest are participants
known by their account only. A support or a comment comes from an account of the member the call
belongs to, so supports stay unique per (idea, account) and an idea's supports are capped by its
member's accounts.

Every plan had one call for ideas while it was drafted (opened soon after the plan was created);
a plan still in drafting or consultation has a second, thematic call, the last of them a draft
(unpublished). Ideas of a plan under way or ended were answered long ago; those of a plan being
drafted are mostly still open. An accepted idea is linked to one of its plan's commitments (the
draft commitment `answer_idea` makes); the generator's commitments stand for those drafts, so no
extra commitment is made and their own numbers are unchanged.

Supports are kept as (idea, account, time) tuples, not model instances: at S=100 there are a
million, and `load` writes them straight to their table."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from opengov.accounts.models import User
from opengov.action_plans.choices import PlanStatus
from opengov.action_plans.models import ActionPlan, Commitment
from opengov.core import audit
from opengov.ideas.choices import Decision, IdeaStatus
from opengov.ideas.models import (
    CallForIdeas,
    Comment,
    Idea,
    ReasonedResponse,
    Score,
    ScoringCriterion,
)
from opengov.ideas.services.answers import RESPONSE_FIELDS
from opengov.ideas.services.calls import CALL_FIELDS, DEFAULT_CRITERIA
from opengov.ideas.services.ideas import IDEA_FIELDS

from .generate import (
    DAY,
    FIRST_NAMES,
    LAST_NAMES,
    OBJECTS,
    TAILS,
    TITLE_ACTIONS,
    Event,
    add_years,
    at_time,
    between,
    build,
    phrases,
    spread,
)

if TYPE_CHECKING:
    from .generate import Generator, World

HOT_IDEA_COMMENTS = 2000
COMMENT_TEXTS = 5000
ACCOUNT_SHARE_OF_PEOPLE = 0.3
SCORERS_PER_CALL = 3
REPLY_SHARE = 0.25
HIDDEN_SHARE = 0.01
HIDE_REASONS = phrases(
    """Removed: it named a private individual; Removed: abusive language;
    Removed: advertising unrelated to the call; Removed: it repeated personal data"""
)
CALL_THEMES = phrases(
    """open data and transparency; public participation; anti-corruption; fiscal openness;
    access to justice; digital government; climate and the environment; local services"""
)
REASONS_ACCEPTED = phrases(
    """The idea is feasible within the plan's period and has strong support; it becomes a draft
    commitment and its author is invited to the working group; The steering committee scored it
    highly and the lead department agreed to take it forward"""
)
REASONS_DECLINED = phrases(
    """The idea is outside what the government can commit to in this plan's period;
    Similar work is already under way in another programme, which will report on it;
    The idea needs legislation that is not planned in this parliamentary term;
    The steering committee scored other ideas on this theme higher"""
)
REASONS_MERGED = phrases(
    """It proposes the same reform as a more detailed idea, which now counts its supporters;
    It was combined with a closely related idea so that one commitment covers both"""
)


def status_plan(old: bool, rng: random.Random) -> str:
    """The status an idea ends in (before the dates and the commitments available cut it)."""
    roll = rng.random()
    if old:
        table = [
            (0.03, IdeaStatus.SUBMITTED),
            (0.07, IdeaStatus.PUBLISHED),
            (0.22, IdeaStatus.ACCEPTED),
            (0.30, IdeaStatus.MERGED),
        ]
        fallback = IdeaStatus.NOT_TAKEN_FORWARD
    else:
        table = [
            (0.12, IdeaStatus.SUBMITTED),
            (0.55, IdeaStatus.PUBLISHED),
            (0.72, IdeaStatus.UNDER_CONSIDERATION),
            (0.84, IdeaStatus.SHORTLISTED),
            (0.88, IdeaStatus.ACCEPTED),
            (0.92, IdeaStatus.MERGED),
        ]
        fallback = IdeaStatus.NOT_TAKEN_FORWARD
    for limit, status in table:
        if roll < limit:
            return status
    return fallback


def allocate(total: int, weights: Sequence[float], caps: Sequence[int]) -> list[int]:
    """`total` split in proportion to `weights`, none above its cap (what a cap cuts goes to the
    others); sums to min(total, sum(caps))."""
    n = len(weights)
    result = [0] * n
    remaining = min(total, sum(caps))
    open_ = [i for i in range(n) if caps[i] > 0]
    while remaining > 0 and open_:
        whole = sum(weights[i] for i in open_) or 1.0
        shares = {i: remaining * weights[i] / whole for i in open_}
        given = 0
        for i in open_:
            add = min(int(shares[i]), caps[i] - result[i])
            result[i] += add
            given += add
        left = remaining - given
        order = sorted(open_, key=lambda i: shares[i] - int(shares[i]), reverse=True)
        for i in order:
            if left == 0:
                break
            if result[i] < caps[i]:
                result[i] += 1
                left -= 1
        remaining = left
        open_ = [i for i in open_ if result[i] < caps[i]]
    return result


class Participation:
    """Builds the participation data into the generator's SeedData, with its rng and clock."""

    def __init__(self, gen: Generator) -> None:
        self.gen = gen
        self.rng = gen.rng
        self.text = gen.text
        self.now = gen.now
        self.today = gen.today
        self.data = gen.data
        self.counts = gen.counts
        self.accounts: dict[int, list[User]] = {}  # id(world) -> its accounts
        self.authors: dict[int, list[tuple[User, Any]]] = {}  # id(world) -> (account, person)
        # Unusable, as create_user leaves an account made without a password (and deterministic).
        self.password = "!bench-seed-no-password"
        self.call_areas: dict[int, list[Any]] = {}
        self.call_criteria: dict[int, list[ScoringCriterion]] = {}
        self.weights: dict[int, float] = {}
        self.idea_world: dict[int, World] = {}
        self.idea_open_until: dict[int, dt.datetime] = {}
        self.new_comment = build(Comment)
        self._comment_texts: list[str] = []

    def run(self) -> None:
        self.make_accounts()
        calls = self.make_calls()
        ideas = self.make_ideas(calls)
        self.make_supports(ideas)
        self.make_comments(ideas)
        self.order_for_load()

    # Accounts ---------------------------------------------------------------------------------

    def make_accounts(self) -> None:
        r = self.rng
        gen = self.gen
        shares = gen.member_shares("accounts", minimum=SCORERS_PER_CALL + 2)
        number = 0
        for world, n in zip(gen.worlds, shares, strict=True):
            linked = world.people[: min(len(world.people), round(n * ACCOUNT_SHARE_OF_PEOPLE))]
            accounts: list[User] = []
            authors: list[tuple[User, Any]] = []
            for i in range(n):
                number += 1
                person = linked[i] if i < len(linked) else None
                name = person.name if person else f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
                joined = at_time(between(r, world.start - 300 * DAY, self.today), r, self.now)
                if person is not None:
                    joined = max(joined, person.created_at + dt.timedelta(minutes=1))
                    joined = min(joined, self.now - dt.timedelta(minutes=1))
                user = User(
                    email=f"participant-{number}@{world.member.slug[:40]}.bench.invalid",
                    name=name,
                    password=self.password,
                    is_active=True,
                    is_staff=False,
                    is_superuser=False,
                    date_joined=joined,
                )
                self.data.users.append(user)
                accounts.append(user)
                if person is not None:
                    person.user = user
                    authors.append((user, person))
                gen.event(
                    Event(
                        joined,
                        "accounts.user.created",
                        user,
                        changes={"has_password": [None, True]},
                        fields=("name", "is_staff", "is_superuser"),
                        is_public=False,
                    )
                )
            self.accounts[id(world)] = accounts
            self.authors[id(world)] = authors or [(a, None) for a in accounts[:5]]

    # Calls ------------------------------------------------------------------------------------

    def make_calls(self) -> list[tuple[World, CallForIdeas, bool]]:
        """(world, call, old): one call per plan; a second for a plan still being drafted."""
        gen = self.gen
        made: list[tuple[World, CallForIdeas, bool]] = []
        drafting = (PlanStatus.DRAFTING, PlanStatus.CONSULTATION)
        if gen.worlds and not any(p.status in drafting for p in self.data.plans):
            self.add_drafting_plan(gen.worlds[0])
        for world in gen.worlds:
            for plan in world.plans:
                old = plan.status in (PlanStatus.IMPLEMENTING, PlanStatus.ENDED)
                n = 1 if old else 2
                for k in range(n):
                    call = self.new_call(world, plan, k, draft=not old and k == n - 1 and k > 0)
                    made.append((world, call, old))
        return made

    def add_drafting_plan(self, world: World) -> None:
        """The member's next plan, being drafted now: at small scales the generator may make
        none, and a call for ideas feeds a plan being drafted."""
        r = self.rng
        latest = world.plans[-1]
        assert latest.starts_on is not None
        starts = max(add_years(latest.starts_on, 2), self.today + 150 * DAY)
        ends = add_years(starts, 2) - DAY
        created = at_time(self.today - dt.timedelta(days=r.randint(40, 80)), r, self.now)
        number = len(world.plans) + 1
        title = latest.title.rsplit(" ", 1)[0] + f" {starts.year}–{ends.year % 100:02d}"
        plan = ActionPlan(
            member=world.member,
            number=number,
            title=title,
            description=self.text.words(60, 200),
            starts_on=starts,
            ends_on=ends,
            submitted_year=starts.year,
            end_year=ends.year,
            status=PlanStatus.DRAFTING,
            published_at=None,
            version=1,
            created_at=created,
            updated_at=created,
        )
        self.data.plans.append(plan)
        world.plans.append(plan)
        self.gen.event(
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

    def new_call(self, world: World, plan: ActionPlan, k: int, *, draft: bool) -> CallForIdeas:
        r = self.rng
        created = min(plan.created_at + dt.timedelta(days=1 + 20 * k, hours=2), self.now)
        opens_on = min(created.date() + dt.timedelta(days=r.randint(3, 10)), self.today)
        closes_on = opens_on + dt.timedelta(days=r.randint(28, 56))
        theme = r.choice(CALL_THEMES)
        title = f"Ideas for {plan.title}" if k == 0 else f"Ideas on {theme} for {plan.title}"
        call = CallForIdeas(
            plan=plan,
            title=title[:300],
            description=self.text.words(40, 120),
            opens_on=opens_on,
            closes_on=closes_on,
            answer_within_days=r.choice([30, 60, 60, 90]),
            published_at=None,
            version=1,
            created_at=created,
            updated_at=created,
        )
        self.data.calls.append(call)
        areas = r.sample(self.gen.policy_areas, min(len(self.gen.policy_areas), r.randint(2, 5)))
        self.data.call_area_links.extend((call, a) for a in areas)
        self.call_areas[id(call)] = areas
        criteria = [
            ScoringCriterion(call=call, name=name, max_score=top, position=position)
            for position, (name, top) in enumerate(DEFAULT_CRITERIA)
        ]
        self.data.scoring_criteria.extend(criteria)
        self.call_criteria[id(call)] = criteria

        def changes() -> dict[str, Any]:
            return {
                "policy_areas": [None, sorted(a.pk for a in areas)],
                "criteria": [None, [f"{c.name} (0–{c.max_score})" for c in criteria]],
            }

        self.gen.event(
            Event(
                created,
                "ideas.callforideas.created",
                call,
                changes=changes,
                fields=tuple(CALL_FIELDS),
                is_public=False,
                actor_label=world.actor,
            )
        )
        if not draft:
            published = at_time(opens_on, r, self.now)
            published = max(published, created + dt.timedelta(minutes=5))
            published = min(published, self.now)
            call.published_at = published
            call.version = 2
            call.updated_at = published
            self.gen.event(
                Event(
                    published,
                    "ideas.callforideas.published",
                    call,
                    changes={"published_at": [None, audit.to_json_value(published)]},
                    actor_label=world.actor,
                )
            )
        return call

    # Ideas ------------------------------------------------------------------------------------

    def idea_title(self) -> str:
        r = self.rng
        obj = r.choice(OBJECTS)
        words = f"{r.choice(TITLE_ACTIONS)} {obj} {r.choice(TAILS)}".split()
        return " ".join(words[: r.randint(5, 14)])

    def make_ideas(self, calls: list[tuple[World, CallForIdeas, bool]]) -> list[Idea]:
        r = self.rng
        gen = self.gen
        published_calls = [(w, c, old) for w, c, old in calls if c.published_at is not None]
        shares = spread(self.counts["ideas"], len(published_calls), r, jitter=0.7)
        free: dict[int, list[Commitment]] = {}
        for commitment in self.data.commitments:
            free.setdefault(id(commitment.plan), []).append(commitment)
        for plan_commitments in free.values():
            r.shuffle(plan_commitments)
        ideas: list[Idea] = []
        for (world, call, old), n in zip(published_calls, shares, strict=True):
            assert call.published_at is not None
            call_ideas: list[Idea] = []
            last_day = min(call.closes_on, self.today)
            areas = self.call_areas[id(call)]
            for _ in range(n):
                user, person = r.choice(self.authors[id(world)])
                day = between(r, call.opens_on, last_day)
                submitted = max(at_time(day, r, self.now), call.published_at)
                organisation = None
                if person is not None and r.random() < 0.3:
                    organisation = world.primary_org.get(id(person))
                idea = build(Idea)(
                    call=call,
                    title=self.idea_title()[:300],
                    text=self.text.words(40, 250),
                    policy_area=r.choice(areas) if areas else None,
                    goals=sorted(r.sample(range(1, 18), r.choice([0, 1, 1, 2, 3]))),
                    author_person=person,
                    author_organisation=organisation,
                    submitted_by=user,
                    status=IdeaStatus.SUBMITTED,
                    submitted_at=submitted,
                    published_at=None,
                    version=1,
                    created_at=submitted,
                    updated_at=submitted,
                    supports_count=0,
                    combined_supports_count=0,
                    comments_count=0,
                )
                gen.event(
                    Event(
                        submitted,
                        "ideas.idea.submitted",
                        idea,
                        fields=tuple(IDEA_FIELDS),
                        scope=call,
                        is_public=False,
                        actor_label=user.name,
                        actor=user,
                    )
                )
                self.idea_world[id(idea)] = world
                call_ideas.append(idea)
            self.moderate_and_answer(world, call, old, call_ideas, free.get(id(call.plan), []))
            ideas.extend(call_ideas)
        self.data.ideas.extend(ideas)
        return ideas

    def moderate_and_answer(
        self,
        world: World,
        call: CallForIdeas,
        old: bool,
        call_ideas: list[Idea],
        free: list[Commitment],
    ) -> None:
        r = self.rng
        gen = self.gen
        actor = world.actor
        committee = self.accounts[id(world)][:SCORERS_PER_CALL]
        criteria = self.call_criteria[id(call)]
        targets: list[Idea] = []
        merges: list[tuple[Idea, dt.datetime, str]] = []
        for idea in call_ideas:
            goal = status_plan(old, r)
            moderated = idea.submitted_at + dt.timedelta(hours=r.randint(4, 72))
            if goal == IdeaStatus.SUBMITTED or moderated > self.now:
                self.idea_open_until[id(idea)] = self.now
                continue
            idea.status = IdeaStatus.PUBLISHED
            idea.published_at = moderated
            idea.version += 1
            idea.updated_at = moderated
            gen.event(
                Event(
                    moderated,
                    "ideas.idea.published",
                    idea,
                    changes={"status": [IdeaStatus.SUBMITTED.value, IdeaStatus.PUBLISHED.value]},
                    fields=tuple(IDEA_FIELDS),
                    scope=call,
                    actor_label=actor,
                )
            )
            answer_day = call.closes_on + dt.timedelta(days=r.randint(5, call.answer_within_days))
            answered_at = at_time(answer_day, r, self.now)
            closed = goal in (IdeaStatus.ACCEPTED, IdeaStatus.MERGED, IdeaStatus.NOT_TAKEN_FORWARD)
            if closed and (answer_day > self.today or answered_at <= moderated):
                goal = r.choice([IdeaStatus.UNDER_CONSIDERATION, IdeaStatus.SHORTLISTED])
                closed = False
            if goal == IdeaStatus.ACCEPTED and not free:
                goal = IdeaStatus.NOT_TAKEN_FORWARD
            if goal == IdeaStatus.MERGED and not targets:
                goal = IdeaStatus.NOT_TAKEN_FORWARD
            # Shortlisting comes between moderation and the answer (or now).
            until = answered_at if closed else self.now
            if goal in (
                IdeaStatus.UNDER_CONSIDERATION,
                IdeaStatus.SHORTLISTED,
                IdeaStatus.ACCEPTED,
            ):
                moved = moderated + (until - moderated) * r.uniform(0.2, 0.5)
                step = (
                    IdeaStatus.UNDER_CONSIDERATION
                    if goal == IdeaStatus.UNDER_CONSIDERATION
                    else IdeaStatus.SHORTLISTED
                )
                self.change_status(idea, IdeaStatus.PUBLISHED, step, moved, call, actor)
                if step == IdeaStatus.SHORTLISTED:
                    self.score(idea, call, committee, criteria, moved, until)
            if not closed:
                self.idea_open_until[id(idea)] = self.now
                targets.append(idea)
                continue
            self.idea_open_until[id(idea)] = answered_at
            if goal == IdeaStatus.MERGED:
                merges.append((idea, answered_at, idea.status))
                continue
            commitment = free.pop() if goal == IdeaStatus.ACCEPTED else None
            self.answer(world, idea, goal, answered_at, commitment=commitment)
            targets.append(idea)
        # Merged into a published idea of the same call that is not itself merged.
        for idea, answered_at, _status in merges:
            into = r.choice(targets[: max(1, len(targets) // 3)])
            self.answer(world, idea, IdeaStatus.MERGED, answered_at, merged_into=into)

    def change_status(
        self, idea: Idea, old: str, new: str, at: dt.datetime, call: CallForIdeas, actor: str
    ) -> None:
        idea.status = new
        idea.version += 1
        idea.updated_at = max(idea.updated_at, at)
        self.gen.event(
            Event(
                at,
                "ideas.idea.status_changed",
                idea,
                changes={"status": [str(old), str(new)]},
                scope=call,
                actor_label=actor,
            )
        )

    def score(
        self,
        idea: Idea,
        call: CallForIdeas,
        committee: list[User],
        criteria: list[ScoringCriterion],
        after: dt.datetime,
        before: dt.datetime,
    ) -> None:
        r = self.rng
        for i, scorer in enumerate(committee):
            at = after + (before - after) * r.uniform(0.05, 0.4) + dt.timedelta(seconds=i)
            changes: dict[str, Any] = {}
            for criterion in criteria:
                value = r.randint(1, criterion.max_score)
                self.data.scores.append(
                    build(Score)(
                        idea=idea, criterion=criterion, scorer=scorer, value=value, scored_at=at
                    )
                )
                changes[criterion.name] = [None, value]
            self.gen.event(
                Event(
                    at,
                    "ideas.idea.scored",
                    idea,
                    changes=changes,
                    scope=call,
                    actor_label=scorer.name,
                    actor=scorer,
                )
            )

    def answer(
        self,
        world: World,
        idea: Idea,
        decision: str,
        at: dt.datetime,
        *,
        commitment: Commitment | None = None,
        merged_into: Idea | None = None,
    ) -> None:
        r = self.rng
        reasons = {
            IdeaStatus.ACCEPTED: REASONS_ACCEPTED,
            IdeaStatus.MERGED: REASONS_MERGED,
        }.get(decision, REASONS_DECLINED)  # type: ignore[call-overload]
        organisation = r.choice(world.government_bodies) if world.government_bodies else None
        response = build(ReasonedResponse)(
            idea=idea,
            decision=Decision(str(decision)),
            reason=r.choice(reasons) + ".",
            organisation=organisation,
            responded_on=at.date(),
            responded_by=None,
            template=None,
        )
        self.data.responses.append(response)
        old = idea.status
        idea.status = decision
        idea.version += 1
        idea.updated_at = max(idea.updated_at, at)
        idea.commitment = commitment
        idea.merged_into = merged_into

        def changes() -> dict[str, Any]:
            result: dict[str, Any] = {"status": [str(old), str(decision)]}
            if commitment is not None:
                result["commitment"] = [None, commitment.pk]
            if merged_into is not None:
                result["merged_into"] = [None, merged_into.pk]
            result.update(audit.created(response, RESPONSE_FIELDS))
            return result

        self.gen.event(
            Event(
                at,
                "ideas.idea.answered",
                idea,
                changes=changes,
                scope=idea.call,
                actor_label=world.actor,
            )
        )

    # Supports ---------------------------------------------------------------------------------

    def make_supports(self, ideas: list[Idea]) -> None:
        """Supports over the published ideas, a few ideas drawing most of them; each from an
        account of the call's member, once per account and idea; the counters as the services
        keep them (a merged idea's target counts each person once across both)."""
        r = self.rng
        public = [i for i in ideas if i.published_at is not None]
        weights = [r.paretovariate(1.3) for _ in public]
        caps = [len(self.accounts[id(self.idea_world[id(i)])]) for i in public]
        shares = allocate(self.counts["supports"], weights, caps)
        self.weights = {id(i): w for i, w in zip(public, weights, strict=True)}
        supporters: dict[int, set[int]] = {}
        changes = {"supports_count": [None, "+1"]}
        for idea, n in zip(public, shares, strict=True):
            assert idea.published_at is not None
            pool = self.accounts[id(self.idea_world[id(idea)])]
            start = idea.published_at
            end = self.idea_open_until[id(idea)]
            if end <= start:
                end = min(start + dt.timedelta(hours=1), self.now)
            span = (end - start).total_seconds()
            chosen = r.sample(range(len(pool)), n)
            moments = sorted(start + dt.timedelta(seconds=r.uniform(0, span)) for _ in range(n))
            for index, at in zip(chosen, moments, strict=True):
                user = pool[index]
                self.data.supports.append((idea, user, at))
                self.gen.event(
                    Event(
                        at,
                        "ideas.idea.supported",
                        idea,
                        changes=changes,
                        scope=idea.call,
                        actor_label=user.name,
                        actor=user,
                    )
                )
            idea.supports_count = n
            supporters[id(idea)] = {id(pool[i]) for i in chosen}
        absorbed: dict[int, set[int]] = {}
        for idea in public:
            absorbed.setdefault(id(idea), set()).update(supporters.get(id(idea), set()))
            if idea.merged_into is not None:
                absorbed.setdefault(id(idea.merged_into), set()).update(
                    supporters.get(id(idea), set())
                )
        for idea in ideas:
            idea.combined_supports_count = len(absorbed.get(id(idea), ()))

    # Comments ---------------------------------------------------------------------------------

    def make_comments(self, ideas: list[Idea]) -> None:
        """Comments on published ideas while they are open, a quarter replies to an earlier
        comment (one level deep); one idea, the most supported of the call with the most ideas,
        has HOT_IDEA_COMMENTS. A few are hidden by a moderator with a public reason."""
        public = [i for i in ideas if i.published_at is not None]
        if not public:
            return
        by_call: dict[int, list[Idea]] = {}
        for idea in ideas:
            by_call.setdefault(id(idea.call), []).append(idea)
        biggest = max(by_call.values(), key=len)
        ranked = [(i.supports_count, -n, i) for n, i in enumerate(biggest) if i.published_at]
        hot = max(ranked, key=lambda t: (t[0], t[1]))[2] if ranked else public[0]
        self.data.hot_idea = hot
        rest = max(self.counts["idea_comments"] - HOT_IDEA_COMMENTS, 20)
        others = [i for i in public if i is not hot]
        weights = [self.weights.get(id(i), 1.0) ** 0.7 for i in others]
        shares = allocate(rest, weights, [rest] * len(others))
        self.comment_on(hot, HOT_IDEA_COMMENTS)
        for idea, n in zip(others, shares, strict=True):
            self.comment_on(idea, n)

    def comment_texts(self) -> list[str]:
        """COMMENT_TEXTS texts of 10 to 90 words, made once, that comments take theirs from: half a
        million texts made one by one took a third of the time spent on comments."""
        if not self._comment_texts:
            self._comment_texts = [self.text.words(10, 90) for _ in range(COMMENT_TEXTS)]
        return self._comment_texts

    def comment_on(self, idea: Idea, n: int) -> None:
        if n <= 0:
            return
        r = self.rng
        assert idea.published_at is not None
        world = self.idea_world[id(idea)]
        pool = self.accounts[id(world)]
        start = idea.published_at
        end = max(self.idea_open_until[id(idea)], start + dt.timedelta(minutes=1))
        end = min(end, self.now)
        span = max((end - start).total_seconds(), 60.0)
        moments = sorted(start + dt.timedelta(seconds=r.uniform(1, span)) for _ in range(n))
        threads: list[Comment] = []
        for at in moments:
            at = min(at, self.now)
            user = r.choice(pool)
            parent = r.choice(threads) if threads and r.random() < REPLY_SHARE else None
            comment = self.new_comment(
                idea=idea,
                parent=parent,
                author=user,
                author_name=user.name,
                text=r.choice(self.comment_texts()),
                hidden_at=None,
                hidden_reason="",
                hidden_by=None,
                reports_count=0,
                created_at=at,
                updated_at=at,
            )
            if parent is None:
                threads.append(comment)
                self.data.comments.append(comment)
            else:
                self.data.replies.append(comment)
            self.gen.event(
                Event(
                    at,
                    "ideas.comment.replied" if parent else "ideas.comment.posted",
                    comment,
                    changes=self.parent_changes(parent),
                    scope=idea,
                    actor_label=user.name,
                    actor=user,
                )
            )
            if r.random() < HIDDEN_SHARE:
                hidden = min(at + dt.timedelta(hours=r.randint(1, 48)), self.now)
                reason = r.choice(HIDE_REASONS) + "."
                comment.hidden_at = hidden
                comment.hidden_reason = reason
                comment.updated_at = hidden
                self.gen.event(
                    Event(
                        hidden,
                        "ideas.comment.hidden",
                        comment,
                        changes={"hidden_reason": [None, reason]},
                        scope=idea,
                        actor_label=world.actor,
                    )
                )
        idea.comments_count = n

    @staticmethod
    def parent_changes(parent: Comment | None) -> Callable[[], dict[str, Any]] | dict[str, Any]:
        if parent is None:
            return {"parent": [None, None]}

        def changes() -> dict[str, Any]:
            return {"parent": [None, parent.pk]}

        return changes

    def order_for_load(self) -> None:
        """Ideas that others are merged into go first, so every merged_into has its key."""
        data = self.data
        data.ideas.sort(key=lambda i: i.merged_into is not None)


def make_participation(gen: Generator) -> None:
    """Add the participation data to `gen.data` (called by Generator.run, after everything else,
    so the rest of the data is the same as without it)."""
    Participation(gen).run()


# --- Loading ------------------------------------------------------------------------------------


def write_supports(supports: Sequence[tuple[Idea, User, dt.datetime]], bar: Any) -> None:
    """The supports' rows, straight from their tuples, once ideas and accounts have keys."""
    from django.db import models

    from opengov.ideas.models import Support

    from .load import BATCH_SIZE, converter, write_rows

    created = converter(Support._meta.get_field("created_at"))
    fields = {f.name: f for f in Support._meta.concrete_fields}
    columns = [fields[n].column for n in ("id", "idea", "user", "created_at")]
    next_pk = (Support.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1
    for start in range(0, len(supports), BATCH_SIZE):
        batch = supports[start : start + BATCH_SIZE]
        rows = [
            (next_pk + n, idea.pk, user.pk, created(at)) for n, (idea, user, at) in enumerate(batch)
        ]
        next_pk += len(batch)
        write_rows(Support._meta.db_table, columns, rows)
        bar.update(len(batch))
