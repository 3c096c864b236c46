"""`opengov bench seed`: scale data in the expected numbers, the same for the same seed, within the
models' constraints, with denormalised counters that are true and an audit chain that verifies;
a database that already has members is refused unless --force."""

import datetime as dt
import hashlib
import importlib
import json
import re
from collections import Counter
from io import StringIO
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Count, Max, Q

from bench.seed import counts_for, generate, seed
from bench.seed.participation import HOT_IDEA_COMMENTS
from opengov.accounts.models import User
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
from opengov.core import audit
from opengov.core.actors import SYSTEM
from opengov.core.audit import GENESIS_HASH, verify_chain
from opengov.core.models import AuditChainHead, AuditEvent
from opengov.ideas.models import CallForIdeas, Comment, Idea, ReasonedResponse, Score, Support
from opengov.meetings.models import (
    ActionItem,
    ActionItemReview,
    Attendance,
    Decision,
    Meeting,
    MinutesSection,
)
from opengov.organisations.models import Membership, Organisation, OrganisationKind, Person
from opengov.organisations.services import create_organisation

SCALE = 0.05
NOW = dt.datetime(2026, 3, 15, 12, 0, tzinfo=dt.UTC)
POLICY_AREAS = [PolicyArea(name=f"Area {i}", slug=f"area-{i}") for i in range(8)]

MODELS = {
    "members": Member,
    "plans": ActionPlan,
    "commitments": Commitment,
    "milestones": Milestone,
    "progress_updates": ProgressUpdate,
    "due_date_revisions": DueDateRevision,
    "assessments": Assessment,
    "organisations": Organisation,
    "people": Person,
    "memberships": Membership,
    "meetings": Meeting,
    "minutes_sections": MinutesSection,
    "decisions": Decision,
    "action_items": ActionItem,
}


def digest(data):
    """A fingerprint of what was generated: titles, texts and dates, in order."""
    parts = [c.title for c in data.commitments]
    parts += [f"{m.text}|{m.due_on}|{m.status}" for m in data.milestones]
    parts += [f"{u.reported_on}|{u.status}|{u.text}" for u in data.progress_updates]
    parts += [f"{m.title}|{m.starts_at}" for m in data.meetings]
    parts += [f"{a.text}|{a.status}|{a.due_on}" for a in data.action_items]
    parts += [f"{i.title}|{i.status}|{i.supports_count}|{i.comments_count}" for i in data.ideas]
    parts += [f"{c.text}|{c.created_at}" for c in data.comments + data.replies]
    parts += [f"{i.pk}|{u.email}|{at}" for i, u, at in data.supports[:500]]
    parts += [f"{e.at}|{e.verb}" for e in data.events]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def test_the_scale_gives_the_issues_numbers():
    counts = counts_for(100)
    assert counts["members"] == 75
    assert counts["plans"] == 300
    assert counts["people"] == 20_000
    assert counts["commitments"] == 6_000
    assert counts["milestones"] == 30_000
    assert counts["progress_updates"] == 100_000
    assert counts["meetings"] == 5_000
    assert counts["action_items"] == 50_000
    assert counts["organisations"] == 2_000
    assert counts_for(100)["ideas"] == 100_000
    assert counts_for(100)["supports"] == 1_000_000
    assert counts_for(100)["idea_comments"] == 500_000
    assert counts_for(100)["accounts"] == 30_000
    assert counts_for(1)["commitments"] == 60
    with pytest.raises(ValueError, match="more than 0"):
        counts_for(0)


def test_the_same_seed_generates_the_same_data_and_another_seed_other_data():
    first = generate(scale=SCALE, seed=1, now=NOW, policy_areas=POLICY_AREAS)
    again = generate(scale=SCALE, seed=1, now=NOW, policy_areas=POLICY_AREAS)
    other = generate(scale=SCALE, seed=2, now=NOW, policy_areas=POLICY_AREAS)
    assert digest(first) == digest(again)
    assert digest(first) != digest(other)
    assert first.counts() == again.counts()


def test_generated_text_has_realistic_lengths():
    data = generate(scale=0.2, seed=3, now=NOW, policy_areas=POLICY_AREAS)

    def words(text):
        return len(text.split())

    assert all(4 <= words(c.title) <= 12 for c in data.commitments)
    assert all(60 <= words(c.description) <= 200 for c in data.commitments)
    assert all(30 <= words(u.text) <= 120 for u in data.progress_updates)
    assert all(8 <= words(m.text) <= 25 for m in data.milestones)
    assert all(8 <= words(a.text) <= 25 for a in data.action_items)


@pytest.mark.django_db
def test_seed_fills_the_database_in_the_expected_numbers_with_a_chain_that_verifies():
    out = StringIO()
    call_command("bench", "seed", "--scale", str(SCALE), "--no-progress", stdout=out)

    expected = counts_for(SCALE)
    # A world with no plan being drafted gets one, for its call for ideas (participation.py).
    added = ActionPlan.objects.count() - expected["plans"]
    assert added in (0, 1)
    assert ActionPlan.objects.filter(status="drafting").exists()
    expected["plans"] += added
    assert {name: model.objects.count() for name, model in MODELS.items()} == {
        name: expected[name] for name in MODELS
    }
    assert 0 < Attendance.objects.count() <= expected["attendances"]
    summary = out.getvalue()
    assert re.search(rf"commitments +{expected['commitments']}\n", summary)
    assert "Elapsed:" in summary

    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEvent.objects.count()
    head = AuditChainHead.objects.get(pk=1)
    assert head.last_sequence == report.checked
    assert head.last_hash == AuditEvent.objects.get(sequence=report.checked).hash
    verbs = dict(AuditEvent.objects.values_list("verb").annotate(n=Count("pk")))
    assert verbs["action_plans.commitment.created"] == Commitment.objects.count()
    assert verbs["action_plans.milestone.created"] == Milestone.objects.count()
    assert verbs["action_plans.progressupdate.posted"] == ProgressUpdate.objects.count()
    assert verbs["meetings.meeting.created"] == Meeting.objects.count()
    assert verbs["meetings.actionitem.agreed"] == ActionItem.objects.count()
    assert verbs["action_plans.milestone.due_date_revised"] == DueDateRevision.objects.count()
    # Each event names an object that exists, as audit.record would have.
    update = ProgressUpdate.objects.select_related("commitment").first()
    key = f"action_plans.progressupdate:{update.pk}"
    event = AuditEvent.objects.get(verb="action_plans.progressupdate.posted", object_key=key)
    assert event.object_repr == str(update)
    assert event.scope_key == f"action_plans.commitment:{update.commitment_id}"
    # The chain is in the order things happened.
    times = list(AuditEvent.objects.order_by("sequence").values_list("occurred_at", flat=True))
    assert times == sorted(times)


def foreign_keys(table: str) -> list[tuple[str, str]]:
    """A table's foreign keys as PostgreSQL describes them; SQLite's are part of the table."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        return sorted(cursor.fetchall())


def audit_indexes(table=AuditEvent._meta.db_table):
    """A table's indexes (the audit table's by default) as the database describes them (name,
    definition)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s",
                [table],
            )
        else:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table]
            )
        return sorted(cursor.fetchall())


@pytest.mark.django_db
def test_the_audit_indexes_dropped_while_loading_are_all_built_again():
    before = audit_indexes()
    assert len(before) >= 6
    seed(scale=SCALE, now=NOW, progress=False)

    assert audit_indexes() == before
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            # The loader's larger page cache is given back: Django's connection default again.
            assert cursor.fetchone()[0] == -2000


@pytest.mark.django_db
def test_the_indexes_of_large_tables_dropped_while_loading_are_all_built_again(monkeypatch):
    """At S=100 the largest tables get their plain indexes after their rows; here every table
    does, and ends with exactly the indexes it had."""
    loader = importlib.import_module("bench.seed.load")
    monkeypatch.setattr(loader, "INDEXES_AFTER_ROWS", 1)
    tables = connection.introspection.table_names()
    before = {table: audit_indexes(table) for table in tables}
    keys_before = {table: foreign_keys(table) for table in tables}
    assert sum(len(indexes) for indexes in before.values()) > 100
    if connection.vendor == "postgresql":
        assert sum(len(keys) for keys in keys_before.values()) > 100
    seed(scale=SCALE, now=NOW, progress=False)

    assert {table: audit_indexes(table) for table in tables} == before
    assert {table: foreign_keys(table) for table in tables} == keys_before
    assert verify_chain().ok


@pytest.mark.django_db
def test_a_row_pointing_nowhere_fails_the_load_when_its_foreign_key_is_added_back(monkeypatch):
    """PostgreSQL: a large table's foreign keys are dropped while it loads and added back after,
    which checks every row: a milestone of a commitment that does not exist fails the load, and
    the constraints are as they were."""
    if connection.vendor != "postgresql":
        pytest.skip("the foreign keys are dropped while loading on PostgreSQL only")
    loader = importlib.import_module("bench.seed.load")
    monkeypatch.setattr(loader, "INDEXES_AFTER_ROWS", 1)
    table = Milestone._meta.db_table
    keys_before = foreign_keys(table)
    write_rows = loader.write_rows

    def one_dangling(name, columns, rows):
        if name == table:
            at = list(columns).index("commitment_id")
            rows = [tuple(10**9 if i == at else v for i, v in enumerate(rows[0])), *rows[1:]]
        write_rows(name, columns, rows)

    monkeypatch.setattr(loader, "write_rows", one_dangling)
    with pytest.raises(IntegrityError, match="commitment"):
        seed(scale=SCALE, now=NOW, progress=False)

    assert foreign_keys(table) == keys_before
    assert not Milestone.objects.exists()


@pytest.mark.django_db
def test_a_failure_while_writing_events_leaves_the_audit_indexes_in_place(monkeypatch):
    loader = importlib.import_module("bench.seed.load")
    before = audit_indexes()

    def broken(events, bar, early):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loader, "append_events", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        seed(scale=SCALE, now=NOW, progress=False)

    assert audit_indexes() == before
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_seeded_data_keeps_the_constraints_and_true_counters():
    seed(scale=SCALE, now=NOW, progress=False)
    today = NOW.date()

    assert not Milestone.objects.filter(
        Q(status="complete", completed_on__isnull=True)
        | (~Q(status="complete") & Q(completed_on__isnull=False))
    ).exists()
    assert not ActionItem.objects.filter(
        Q(status="done", done_on__isnull=True) | (~Q(status="done") & Q(done_on__isnull=False))
    ).exists()
    for plan in ActionPlan.objects.all():
        assert plan.ends_on >= plan.starts_on
        assert plan.is_published == (plan.status in ("implementing", "ended"))
    for meeting in Meeting.objects.all():
        assert meeting.ends_at >= meeting.starts_at
        assert (meeting.status == "planned") == (meeting.starts_at > NOW)
    assert not ProgressUpdate.objects.filter(reported_on__gt=today).exists()
    assert not Milestone.objects.filter(completed_on__gt=today).exists()
    assert not ActionItem.objects.filter(done_on__gt=today).exists()
    # An update reported at a meeting is dated the day of the meeting.
    for update in ProgressUpdate.objects.filter(meeting__isnull=False).select_related("meeting"):
        assert update.reported_on == update.meeting.starts_at.date()

    latest = dict(
        ProgressUpdate.objects.filter(source="government")
        .values_list("commitment")
        .annotate(latest=Max("reported_on"))
    )
    counted = Commitment.objects.annotate(
        total=Count("milestones", filter=~Q(milestones__status="withdrawn")),
        complete=Count("milestones", filter=Q(milestones__status="complete")),
    )
    for commitment in counted:
        assert commitment.milestones_total == commitment.total
        assert commitment.milestones_complete == commitment.complete
        expected = round(100 * commitment.complete / commitment.total) if commitment.total else 0
        assert commitment.progress_percent == expected
        assert commitment.last_update_on == latest.get(commitment.pk)
        if commitment.total and commitment.complete == commitment.total:
            assert commitment.status == "complete"
        else:
            reported = (
                commitment.updates.filter(source="government")
                .order_by("-reported_on", "-pk")
                .values_list("status", flat=True)
                .first()
            )
            assert commitment.status == (reported or "not_started")
    for revision in DueDateRevision.objects.select_related("milestone"):
        assert revision.old_due_on < revision.new_due_on == revision.milestone.due_on
        assert revision.milestone.original_due_on == revision.old_due_on


@pytest.mark.django_db
def test_seed_writes_exactly_what_the_generator_made():
    seed(scale=SCALE, seed=7, now=NOW, progress=False)
    data = generate(
        scale=SCALE, seed=7, now=NOW, policy_areas=list(PolicyArea.objects.order_by("slug"))
    )
    assert list(Commitment.objects.order_by("pk").values_list("title", flat=True)) == [
        c.title for c in data.commitments
    ]
    assert list(ProgressUpdate.objects.order_by("pk").values_list("text", "reported_on")) == [
        (u.text, u.reported_on) for u in data.progress_updates
    ]
    assert AuditEvent.objects.count() == len(data.events)


@pytest.mark.django_db
def test_seed_refuses_a_database_with_members_unless_forced():
    kind = OrganisationKind.GOVERNMENT_DEPARTMENT
    create_organisation(by=SYSTEM, name="Cabinet Office", kind=kind)
    call_command("bench", "seed", "--scale", str(SCALE), "--no-progress", stdout=StringIO())
    members = Member.objects.count()
    events = AuditEvent.objects.count()

    with pytest.raises(CommandError, match="already has members"):
        call_command("bench", "seed", "--scale", str(SCALE), "--no-progress", stdout=StringIO())
    assert (Member.objects.count(), AuditEvent.objects.count()) == (members, events)

    call_command(
        "bench", "seed", "--scale", str(SCALE), "--force", "--no-progress", stdout=StringIO()
    )
    assert Member.objects.count() == 2 * members
    # Names that would clash are renamed, and the chain carries on from where it was.
    assert Member.objects.filter(name__endswith="(2)").count() == members
    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEvent.objects.count() == 2 * events - 1


def test_the_scale_must_be_positive():
    with pytest.raises(CommandError, match="more than 0"):
        call_command("bench", "seed", "--scale", "0")


@pytest.mark.django_db
def test_seeded_ideas_have_true_counters_the_hot_idea_and_the_services_audit_events():
    result = seed(scale=SCALE, seed=5, now=NOW, progress=False)
    expected = counts_for(SCALE)

    assert Idea.objects.count() == expected["ideas"] == result.counts["ideas"]
    assert Support.objects.count() == expected["supports"] == result.counts["supports"]
    # 5,000 × S comments, 2,000 of them on one idea; below S=1 the 2,000 and 20 more.
    assert Comment.objects.count() == max(expected["idea_comments"], HOT_IDEA_COMMENTS + 20)
    assert User.objects.count() == expected["accounts"]
    assert CallForIdeas.objects.filter(plan__status="drafting").exists()
    for call in CallForIdeas.objects.all():
        assert call.plan.created_at <= call.created_at
        assert call.opens_on <= call.closes_on
        assert call.criteria.count() == 3
    # One idea has the 2,000 comments, replies one level deep.
    hot = Idea.objects.get(comments_count=HOT_IDEA_COMMENTS)
    assert hot.comments.count() == HOT_IDEA_COMMENTS
    assert hot.comments.filter(parent__isnull=False).exists()
    assert not Comment.objects.filter(parent__parent__isnull=False).exists()
    assert (
        not Comment.objects.exclude(parent__isnull=True)
        .exclude(parent__idea=models.F("idea"))
        .exists()
    )
    # The counters the services keep match the rows.
    counted = Idea.objects.annotate(
        supports_n=Count("supports", distinct=True), comments_n=Count("comments", distinct=True)
    )
    for idea in counted:
        assert idea.supports_count == idea.supports_n
        assert idea.comments_count == idea.comments_n
        absorbed = [idea.pk, *Idea.objects.filter(merged_into=idea).values_list("pk", flat=True)]
        people = Support.objects.filter(idea_id__in=absorbed).values("user_id").distinct()
        assert idea.combined_supports_count == people.count()
        if idea.status == "submitted":
            assert idea.published_at is None and idea.supports_count == idea.comments_count == 0
    # Every answered idea has its reasoned response; an accepted one its plan's commitment.
    closed = Idea.objects.filter(status__in=["accepted", "not_taken_forward", "merged"])
    assert closed.count() == ReasonedResponse.objects.count() > 0
    for idea in closed.select_related("response", "commitment", "call", "merged_into"):
        assert idea.response.decision == idea.status
        assert idea.response.responded_on <= NOW.date()
        if idea.status == "accepted":
            assert idea.commitment.plan_id == idea.call.plan_id
        if idea.status == "merged":
            assert idea.merged_into.call_id == idea.call_id
            assert idea.merged_into.status not in ("submitted", "merged")
    assert not Idea.objects.exclude(status="accepted").filter(commitment__isnull=False).exists()
    scored = Score.objects.values_list("idea__status", flat=True).distinct()
    assert set(scored) <= {"shortlisted", "accepted", "not_taken_forward", "merged"}
    # The audit events, as the services record them, in a chain that verifies.
    report = verify_chain()
    assert report.ok, report.problem
    verbs = dict(AuditEvent.objects.values_list("verb").annotate(n=Count("pk")))
    assert verbs["ideas.idea.submitted"] == Idea.objects.count()
    assert verbs["ideas.idea.published"] == Idea.objects.exclude(status="submitted").count()
    assert verbs["ideas.idea.supported"] == Support.objects.count()
    assert verbs["ideas.idea.answered"] == ReasonedResponse.objects.count()
    assert verbs["ideas.comment.posted"] == Comment.objects.filter(parent__isnull=True).count()
    assert verbs["ideas.comment.replied"] == Comment.objects.filter(parent__isnull=False).count()
    assert verbs["ideas.comment.hidden"] == Comment.objects.filter(hidden_at__isnull=False).count()
    assert verbs["accounts.user.created"] == User.objects.count()
    supported = set(
        AuditEvent.objects.filter(verb="ideas.idea.supported").values_list("object_id", "actor_id")
    )
    assert supported == {(str(i), u) for i, u in Support.objects.values_list("idea_id", "user_id")}
    submitted = AuditEvent.objects.filter(verb="ideas.idea.submitted")
    assert not submitted.filter(is_public=True).exists()
    comment = Comment.objects.filter(parent__isnull=False).first()
    event = AuditEvent.objects.get(verb="ideas.comment.replied", object_id=str(comment.pk))
    assert event.changes == {"parent": [None, comment.parent_id]}
    assert event.scope_key == f"ideas.idea:{comment.idea_id}"
    assert event.actor_id == comment.author_id
    assert comment.text not in json.dumps(
        list(AuditEvent.objects.values_list("changes", flat=True))
    )
    answered = AuditEvent.objects.filter(verb="ideas.idea.answered", changes__has_key="commitment")
    for event in answered:
        idea = Idea.objects.get(pk=event.object_id)
        assert event.changes["commitment"] == [None, idea.commitment_id]
        assert event.changes["decision"] == [None, "accepted"]
    # Accounts linked to a person are that person's, as person_for links them.
    for person in Person.objects.filter(user__isnull=False).select_related("user")[:20]:
        assert person.user.name == person.name
    assert not User.objects.filter(password="").exists()
    assert not User.objects.first().has_usable_password()


def test_the_hot_idea_has_its_comments_at_scale_one():
    data = generate(scale=1, seed=1, now=NOW, policy_areas=POLICY_AREAS)
    counts = data.counts()
    assert counts["ideas"] == 1000
    assert counts["supports"] == 10_000
    assert counts["idea_comments"] == 5000
    assert data.hot_idea is not None and data.hot_idea.comments_count == HOT_IDEA_COMMENTS
    assert len({(id(i), id(u)) for i, u, _at in data.supports}) == 10_000
    assert all(NOW >= at >= i.published_at for i, _u, at in data.supports)


# --- Network governance (bench/seed/network.py) ---------------------------------------------


def network_digest(data):
    """A fingerprint of the network-governance data: events, actions, posts, rounds, votes."""
    parts = [f"{g.title}|{g.starts_on}" for g in data.gatherings]
    parts += [f"{d.person.name}|{d.position}" for d in data.delegates]
    parts += [f"{a.title}|{a.status}|{a.counted_signatories}" for a in data.collective_actions]
    parts += [f"{s.kind}|{s.signed_on}" for s in data.sign_ups]
    parts += [
        f"{p.slug}|{t.person.name}|{t.start_on}|{t.end_on}"
        for p in data.posts
        for t in data.tenures
        if t.post is p
    ]
    parts += [f"{r.title}|{r.nominations_open_at}" for r in data.rounds]
    parts += [f"{n.nominee.name}|{n.acceptance}|{n.seconders_count}" for n in data.nominations]
    parts += [f"{b.id}|{len(chosen)}" for b, chosen in data.ballots]
    parts += [f"{m.person.name}|{m.starts_on}" for m in data.body_memberships]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def test_network_governance_counts_at_a_small_scale():
    assert counts_for(100)["posts"] == 375
    assert counts_for(100)["network_projects"] == 225
    data = generate(scale=SCALE, seed=1, now=NOW, policy_areas=POLICY_AREAS)
    counts = data.counts()
    assert counts["posts"] == counts_for(SCALE)["posts"] == 3
    assert counts["network_projects"] == counts_for(SCALE)["network_projects"] == 1
    # Two OGP events a year over the span, and one national gathering a year per member.
    summits = [g for g in data.gatherings if g.title.startswith("OGP ")]
    first_year = min(g.starts_on.year for g in summits)
    assert len(summits) >= 2 * (NOW.year - first_year)
    assert len(data.gatherings) > len(summits)
    # Every past summit launched 3 to 7 collective actions.
    per_summit = Counter(id(a.event) for a in data.collective_actions)
    assert all(3 <= n <= 7 for n in per_summit.values())
    # One body per network; rounds every two years and one open now.
    assert len(data.bodies) == len(data.networks) == 1
    assert sum(1 for r in data.rounds if r.results_published_at is None) == 1
    assert counts["ballots"] == counts["vote_records"]
    assert counts["withdrawn_sign_ups"] > 0


def test_network_governance_is_the_same_for_the_same_seed():
    first = generate(scale=SCALE, seed=1, now=NOW, policy_areas=POLICY_AREAS)
    again = generate(scale=SCALE, seed=1, now=NOW, policy_areas=POLICY_AREAS)
    other = generate(scale=SCALE, seed=2, now=NOW, policy_areas=POLICY_AREAS)
    assert network_digest(first) == network_digest(again)
    assert network_digest(first) != network_digest(other)


@pytest.mark.django_db
def test_seeded_network_governance_keeps_the_constraints_true_counters_and_statuses():
    from opengov.collective_actions.models import CollectiveAction, Delegate, SignUp
    from opengov.collective_actions.models import Event as Gathering
    from opengov.collective_actions.services.actions import signatory_of
    from opengov.nominations.models import (
        Ballot,
        Body,
        BodyMembership,
        EligibleMember,
        Nomination,
        NominationRound,
        ResultLine,
        Seconding,
        VoteRecord,
    )
    from opengov.nominations.models import Count as VoteCount
    from opengov.nominations.services.results import count_contest
    from opengov.organisations.models import NetworkMembership, Post, Project, Tenure
    from opengov.organisations.posts import posts_held

    seed(scale=0.2, seed=5, now=NOW, progress=False)
    report = verify_chain()
    assert report.ok, report.problem
    verbs = dict(AuditEvent.objects.values_list("verb").annotate(n=Count("pk")))

    # Collective actions: counters and statuses as _recount and adoption leave them.
    actions = CollectiveAction.objects.prefetch_related("sign_ups")
    assert {a.status for a in actions} == {"gathering", "considered", "adopted"}
    for action in actions:
        counted = {
            s.signatory_key for s in action.sign_ups.all() if s.kind in action.counted_kinds()
        }
        assert action.counted_signatories == len(counted)
        if action.status == "adopted":
            assert action.adopted_commitment_id is not None and action.adopted_at is not None
            assert action.adopted_commitment.plan.published_at is not None
            assert action.version == 2
        else:
            assert (action.status == "considered") == (len(counted) >= action.quorum)
            assert action.adopted_commitment_id is None
        if action.status != "gathering":
            assert action.considered_at is not None
    for sign_up in SignUp.objects.select_related("organisation", "person"):
        if sign_up.organisation is not None:
            assert (sign_up.kind, sign_up.signatory_key) == signatory_of(sign_up.organisation)
        else:
            assert (sign_up.kind, sign_up.signatory_key) == (
                "expert",
                f"person:{sign_up.person_id}",
            )
        assert sign_up.signed_by_id is not None
    # Withdrawn sign-ups are gone, their two events kept.
    withdrawn = AuditEvent.objects.filter(verb="collective_actions.signup.withdrawn")
    assert withdrawn.exists()
    assert verbs["collective_actions.signup.created"] == SignUp.objects.count() + withdrawn.count()
    assert not SignUp.objects.filter(pk__in=[int(e.object_id) for e in withdrawn]).exists()
    # Status events tell the same story as the statuses.
    for action in CollectiveAction.objects.exclude(status="gathering"):
        changes = AuditEvent.objects.filter(
            verb__in=[
                "collective_actions.collectiveaction.status_changed",
                "collective_actions.collectiveaction.adopted",
            ],
            object_key=f"collective_actions.collectiveaction:{action.pk}",
        ).order_by("sequence")
        assert changes.last().changes["status"][1] == action.status
    assert verbs["collective_actions.delegate.added"] == Delegate.objects.count()
    assert verbs["collective_actions.event.created"] == Gathering.objects.count()

    # Posts: single holders never overlap; delegates at OGP summits hold posts that day.
    assert verbs["organisations.post.created"] == Post.objects.count()
    assert verbs["organisations.tenure.started"] == Tenure.objects.count()
    assert (
        verbs["organisations.tenure.ended"] == Tenure.objects.filter(end_on__isnull=False).count()
    )
    for post in Post.objects.filter(is_single_holder=True):
        tenures = list(post.tenures.order_by("start_on"))
        for before, after in pairwise(tenures):
            assert before.end_on is not None and before.end_on < after.start_on
        assert tenures[-1].end_on is None
    summit_delegates = Delegate.objects.filter(event__title__startswith="OGP ").select_related(
        "event"
    )
    held = posts_held((d.person_id, d.event.starts_on) for d in summit_delegates)
    assert any(held.values())
    assert verbs["organisations.project.created"] == Project.objects.count() > 0

    # Nominations: eligible members, true seconders, ballots apart from voters, true results.
    assert Body.objects.count() > 0
    for eligible in EligibleMember.objects.select_related("round__body"):
        assert NetworkMembership.objects.filter(
            network_id=eligible.round.body.network_id, organisation_id=eligible.organisation_id
        ).exists()
    for nomination in Nomination.objects.annotate(n=Count("seconders")):
        assert nomination.seconders_count == nomination.n
        assert (nomination.acceptance == "pending") == (nomination.answered_at is None)
    assert {f.name for f in Ballot._meta.get_fields()} == {
        "id", "round", "constituency", "choices", "cast_on"
    }  # fmt: skip
    for body in Body.objects.all():
        statuses = [r.status_at(NOW) for r in body.rounds.all()]
        assert statuses.count("nominations_open") <= 1
    finished = NominationRound.objects.filter(results_published_at__isnull=False)
    assert finished.exists()
    for round_ in finished:
        assert round_.ballots.count() == round_.voters.count()
        assert round_.voters.count() <= round(0.4 * round_.eligible_members.count()) + 1
        count = VoteCount.objects.get(round=round_)
        result, _candidates = count_contest(round_, None, count.seed)
        assert count.valid_ballots == result.valid_ballots
        assert count.stages == [stage.as_json() for stage in result.stages]
        elected = set(result.elected)
        lines = ResultLine.objects.filter(count=count)
        assert {line.nomination_id for line in lines if line.is_elected} == elected
        members = BodyMembership.objects.filter(elected_in=round_)
        assert sorted(members.values_list("person_id", flat=True)) == sorted(
            Nomination.objects.filter(pk__in=elected).values_list("nominee_id", flat=True)
        )
        assert all(m.starts_on == round_.term_starts_on for m in members)
    assert verbs["nominations.vote.cast"] == VoteRecord.objects.count()
    assert not AuditEvent.objects.filter(verb="nominations.vote.cast", is_public=True).exists()
    assert verbs["nominations.nomination.seconded"] == Seconding.objects.count()
    assert verbs["nominations.bodymembership.created"] == BodyMembership.objects.count()
    assert verbs["nominations.round.results_published"] == finished.count()


@pytest.mark.django_db
def test_the_bench_routes_of_network_governance_answer(client, tmp_path):
    driver = importlib.import_module("bench.driver_django")
    seed(scale=0.2, seed=5, now=NOW, progress=False)
    out = tmp_path / "params.json"
    driver.params(out, 5)
    routes = json.loads(out.read_text())["routes"]
    for name in ("collective action", "post", "nomination round", "api collective actions list"):
        assert routes[name]["urls"], name
        for url in routes[name]["urls"]:
            assert client.get(url).status_code == 200, url


def test_the_builder_makes_the_instance_django_makes():
    """bench.seed.generate.Builder: the same attributes and cached related objects as the
    model's own __init__, and an unknown field refused as __init__ refuses it."""
    builder = importlib.import_module("bench.seed.generate").Builder
    idea, user = Idea(pk=7, title="Open land registers"), User(pk=3, email="a@example.org")
    parent = Comment(pk=11, idea=idea, text="First")
    values = {
        "idea": idea,
        "parent": parent,
        "author": user,
        "author_name": "Ada",
        "text": "Yes",
        "hidden_by": None,
        "created_at": NOW,
        "updated_at": NOW,
    }
    built, made = builder(Comment)(**values), Comment(**values)

    def attributes(obj):
        return {k: v for k, v in obj.__dict__.items() if k != "_state"}

    assert attributes(built) == attributes(made)
    assert built.idea_id == 7 and built.parent_id == 11 and built.hidden_by_id is None
    assert built._state.fields_cache == made._state.fields_cache
    assert built._state.adding and built.idea is idea and str(built) == str(made)
    with pytest.raises(TypeError, match="no field 'colour'"):
        builder(Comment)(colour="blue")
    # A callable default is called for each object, as __init__ does: no list shared between two.
    new_update = builder(ProgressUpdate)
    first, second = new_update(), new_update()
    assert first.evidence == [] == ProgressUpdate().evidence
    assert first.evidence is not second.evidence


@pytest.mark.parametrize(
    "model",
    [
        Milestone, Attendance, ActionItem, ActionItemReview, ProgressUpdate, Idea, Score,
        ReasonedResponse, Comment,
    ],
    ids=lambda model: model.__name__,
)  # fmt: skip
def test_the_builder_gives_every_model_it_builds_django_s_defaults(model):
    """The generator makes these models with `build`: each attribute as __init__ sets it (a
    callable default, such as a fresh token, called for each: the same type, not the same value)."""
    built, made = importlib.import_module("bench.seed.generate").build(model)(), model()
    callable_defaults = {
        f.attname for f in model._meta.concrete_fields if f.has_default() and callable(f.default)
    }
    built_values = {k: v for k, v in built.__dict__.items() if k != "_state"}
    made_values = {k: v for k, v in made.__dict__.items() if k != "_state"}

    assert built_values.keys() == made_values.keys()
    for name, value in made_values.items():
        if name in callable_defaults:
            assert type(built_values[name]) is type(value), name
        else:
            assert built_values[name] == value, name


@pytest.mark.django_db
def test_events_prepared_in_a_second_process_make_the_same_chain(monkeypatch):
    """From PARALLEL_EVENTS events a forked process prepares them: here from one event. The chain
    verifies and is the one the same events make prepared in this process."""
    loader = importlib.import_module("bench.seed.load")
    monkeypatch.setattr(loader, "PARALLEL_EVENTS", 1)
    monkeypatch.setattr(loader.os, "cpu_count", lambda: 2)
    data = generate(scale=SCALE, now=NOW)
    loader.load(data, progress=False)

    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEvent.objects.count() == len(data.events)
    expected, previous = [], GENESIS_HASH
    for batch in loader.prepared_events(data.events, ["id"], 0, 1):  # here, in this process
        for _, parts in batch:
            previous = audit.chain_hash(parts, previous)
            expected.append(previous)
    assert list(AuditEvent.objects.order_by("sequence").values_list("hash", flat=True)) == expected


@pytest.mark.django_db
def test_a_second_process_that_fails_fails_the_seed_and_writes_no_event(monkeypatch):
    """The second process must not use the database connection it shares: a query there fails
    it, and the seed with it, naming the cause; the transaction leaves no event."""
    loader = importlib.import_module("bench.seed.load")
    monkeypatch.setattr(loader, "PARALLEL_EVENTS", 1)
    monkeypatch.setattr(loader.os, "cpu_count", lambda: 2)
    prepare = loader.prepared_events

    def querying(*args):
        for number, batch in enumerate(prepare(*args)):
            if number == 1:
                Organisation.objects.count()
            yield batch

    monkeypatch.setattr(loader, "prepared_events", querying)
    with pytest.raises(loader.SecondProcessFailed, match="must not use the database"):
        seed(scale=SCALE, now=NOW, progress=False)
    assert not AuditEvent.objects.exists()
    assert not AuditChainHead.objects.exists()


def big_items():
    """Twelve items of 200 kB each: together far more than a pipe's buffer (64 kB)."""
    for number in range(12):
        yield [number, "x" * 200_000]


def test_the_second_process_finishes_without_waiting_for_its_reader():
    """The events are prepared while the tables are written, which takes minutes: the child must
    get through all of its work with nobody reading, then give it all back in order."""
    loader = importlib.import_module("bench.seed.load")
    second = loader.SecondProcess(big_items())
    second.child.join(timeout=60)

    assert second.child.exitcode == 0
    assert list(second) == list(big_items())
    assert second.spool.closed


def test_closing_the_second_process_early_stops_it():
    loader = importlib.import_module("bench.seed.load")

    def endless():
        while True:
            yield "x" * 1000

    second = loader.SecondProcess(endless())
    assert next(iter(second)) == "x" * 1000
    second.close()

    assert not second.child.is_alive()
    assert second.spool.closed


@pytest.mark.django_db
def test_a_failure_writing_the_tables_stops_the_second_process(monkeypatch):
    loader = importlib.import_module("bench.seed.load")
    monkeypatch.setattr(loader, "PARALLEL_EVENTS", 1)
    monkeypatch.setattr(loader.os, "cpu_count", lambda: 2)
    started = []
    real = loader.SecondProcess

    def spy(batches):
        started.append(real(batches))
        return started[-1]

    def broken(plan, disable):
        raise RuntimeError("disk full")

    monkeypatch.setattr(loader, "SecondProcess", spy)
    monkeypatch.setattr(loader, "write_tables", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        seed(scale=SCALE, now=NOW, progress=False)

    (second,) = started
    assert not second.child.is_alive()
    assert second.spool.closed


@pytest.mark.django_db
def test_events_recorded_while_the_tables_were_written_are_chained_before_the_seed(monkeypatch):
    """The second process prepares the events for the chain's end before the tables are
    written. If something appends to the chain meanwhile, those rows no longer fit: the loader
    prepares the events again, here, after the newcomer, and the chain verifies."""
    loader = importlib.import_module("bench.seed.load")
    monkeypatch.setattr(loader, "PARALLEL_EVENTS", 1)
    monkeypatch.setattr(loader.os, "cpu_count", lambda: 2)
    write_tables = loader.write_tables

    def and_an_event(plan, disable):
        write_tables(plan, disable)
        with transaction.atomic():
            newcomer = Member.objects.order_by("pk").first()
            audit.record(actor=SYSTEM, verb="member.renamed", obj=newcomer)

    monkeypatch.setattr(loader, "write_tables", and_an_event)
    data = generate(scale=SCALE, now=NOW)
    loader.load(data, progress=False)

    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEvent.objects.count() == len(data.events) + 1
    first = AuditEvent.objects.order_by("sequence").first()
    assert first.verb == "member.renamed"
