"""Writing generated data: bulk inserts in batches of BATCH_SIZE rows, one transaction per group
of models, with progress bars on stderr; then the audit events, hash-chained in Python (the same
`compute_hash` that `opengov audit verify` checks) and appended in the order they happened.

Rows are written with one prepared INSERT run for each batch (executemany) on SQLite and with COPY
on PostgreSQL, primary keys assigned here, rather than with QuerySet.bulk_create: compiling
bulk_create's multi-row INSERTs (at most 999 parameters each on SQLite) cost more than everything
else together (at S=10, 17 s to write what this writes in 8 s), which put S=100 over three
minutes."""

from __future__ import annotations

import datetime as dt
import gc
import json
import multiprocessing
import operator
import os
import pickle
import struct
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from tqdm import tqdm

from opengov.accounts.models import User
from opengov.action_plans.choices import ProgressStatus
from opengov.action_plans.models import (
    ActionPlan,
    Assessment,
    Commitment,
    DueDateRevision,
    Member,
    Milestone,
    ProgressUpdate,
)
from opengov.collective_actions.models import (
    CollectiveAction,
    Delegate,
    EventDocument,
    SignUp,
)
from opengov.collective_actions.models import Event as Gathering
from opengov.core import audit
from opengov.core.audit import GENESIS_HASH
from opengov.core.models import AuditChainHead, AuditEvent
from opengov.ideas.models import (
    CallForIdeas,
    Comment,
    Idea,
    ReasonedResponse,
    Score,
    ScoringCriterion,
    Support,
)
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
    Person,
    Post,
    Project,
    Tenure,
)

from .generate import Event, SeedData
from .network import (
    key_ballots,
    key_counts,
    key_sign_ups,
    rename_clashing_slugs,
    write_ballots,
    write_sign_ups,
)
from .participation import write_supports

BATCH_SIZE = 2000
# A table that gets at least this many rows has its plain indexes built after its rows are in
# (indexes_built_after): at S=100 the supports, comments, ideas and progress updates.
INDEXES_AFTER_ROWS = 50_000


class SeedRefused(Exception):
    """The database is not fresh and adding to it was not asked for."""


def check_empty(*, force: bool) -> None:
    if not force and Member.objects.exists():
        raise SeedRefused(
            "The database already has members: seed a fresh database "
            "(`opengov migrate` on a new one), or pass --force to add to this one."
        )


PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
}
TEXT_TYPES = {"CharField", "EmailField", "SlugField", "TextField", "URLField"}


def as_text(value: Any) -> Any:
    # Choices are str subclasses: store their plain value.
    return value if value is None or type(value) is str else str(value)


def sqlite_datetime(value: Any) -> Any:
    """What Django stores on SQLite: the UTC time, naive, as text; quickly for UTC values and
    for no value."""
    if value is None:
        return None
    if type(value) is dt.datetime and value.tzinfo is dt.UTC:
        return str(value.replace(tzinfo=None))
    return connection.ops.adapt_datetimefield_value(value)


def converter(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """How a field's Python value becomes a value to write: what Field.get_db_prep_save does,
    with shortcuts for the simple types that make up nearly all of the values."""
    internal = field.get_internal_type()
    if internal in PLAIN_TYPES:
        return lambda value: value
    if internal in TEXT_TYPES:
        return as_text
    if internal == "JSONField":
        return json.dumps
    if connection.vendor == "sqlite":
        if internal == "DateField":
            return lambda value: None if value is None else value.isoformat()
        if internal == "DateTimeField":
            return sqlite_datetime
    if connection.vendor == "postgresql" and internal in ("DateField", "DateTimeField"):
        return lambda value: value
    return lambda value: field.get_db_prep_save(value, connection)


def write_rows(table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """Append rows to a table: COPY on PostgreSQL, one prepared INSERT run for every row
    (executemany) elsewhere."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows)


# The next free primary key of each model, while keys are being given out (see write_all).
Keys = dict[type[models.Model], int]


def assign_keys(objects: Sequence[models.Model], keys: Keys) -> None:
    """Give `objects` (all of one model) the next free primary keys, and each foreign key to an
    object keyed before them that object's key, before anything is written: then the audit
    events can be prepared while the rows are being written."""
    if not objects:
        return
    model = type(objects[0])
    next_pk = keys.get(model)
    if next_pk is None:
        next_pk = (model._default_manager.aggregate(last=models.Max("pk"))["last"] or 0) + 1
    relations = [
        f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)
    ]  # fmt: skip
    for obj in objects:
        obj.pk = next_pk
        next_pk += 1
        values = obj.__dict__
        for relation in relations:
            target = relation.get_cached_value(obj, None)
            if target is not None:
                # Not setattr: that would drop the cached object, which __str__ uses.
                values[relation.attname] = target.pk
    keys[model] = next_pk


def insert(objects: Sequence[models.Model], bar: tqdm[Any]) -> None:
    """Insert `objects` (all of one model, keyed by `assign_keys`) in batches. Every value,
    timestamps included, is stored as the generator set it (no auto_now)."""
    if not objects:
        return
    model = type(objects[0])
    # Generated columns (ActionItem.register_rank) are computed by the database.
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    convert = [converter(f) for f in fields]
    attnames = [f.attname for f in fields]
    columns = [f.column for f in fields]
    alias = connection.alias
    for start in range(0, len(objects), BATCH_SIZE):
        batch = objects[start : start + BATCH_SIZE]
        rows = []
        for obj in batch:
            values = obj.__dict__
            rows.append(tuple(c(values[a]) for c, a in zip(convert, attnames, strict=True)))
            obj._state.adding = False
            obj._state.db = alias
        write_rows(model._meta.db_table, columns, rows)
        bar.update(len(batch))


def insert_links(
    model: type[models.Model],
    name: str,
    pairs: Sequence[tuple[models.Model, models.Model]],
    bar: tqdm[Any],
) -> None:
    """The rows of a many-to-many table, once both sides have primary keys."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.ManyToManyField)
    through = field.remote_field.through
    assert isinstance(through, type)
    left = through._meta.get_field(field.m2m_field_name())
    right = through._meta.get_field(field.m2m_reverse_field_name())
    assert isinstance(left, models.ForeignKey) and isinstance(right, models.ForeignKey)
    for start in range(0, len(pairs), BATCH_SIZE):
        batch = pairs[start : start + BATCH_SIZE]
        rows = [(a.pk, b.pk) for a, b in batch]
        write_rows(through._meta.db_table, [left.column, right.column], rows)
        bar.update(len(batch))


def reset_sequences(model_list: Sequence[type[models.Model]]) -> None:
    """Explicit primary keys do not move PostgreSQL's sequences: move them past the new rows.
    (SQLite's AUTOINCREMENT follows the largest key by itself.)"""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@dataclass(frozen=True)
class Step:
    """Rows of one model: `prepare` gives them their keys (and whatever depends on other rows'
    keys) before anything is written; `write` writes them."""

    count: int
    model: type[models.Model]
    write: Callable[[tqdm[Any]], None]
    prepare: Callable[[Keys], None] = lambda keys: None


def step(model: type[models.Model], objects: Sequence[models.Model]) -> Step:
    return Step(
        len(objects),
        model,
        write=lambda bar: insert(objects, bar),
        prepare=lambda keys: assign_keys(objects, keys),
    )


def link_step(
    model: type[models.Model], name: str, pairs: Sequence[tuple[models.Model, models.Model]]
) -> Step:
    field = model._meta.get_field(name)
    assert isinstance(field, models.ManyToManyField)
    through = field.remote_field.through
    assert isinstance(through, type)
    return Step(len(pairs), through, write=lambda bar: insert_links(model, name, pairs, bar))


def groups(data: SeedData) -> list[tuple[str, list[Step]]]:
    """What is written, in an order that gives every foreign key its target first."""
    roots = [o for o in data.organisations if o.parent is None]
    children = [o for o in data.organisations if o.parent is not None]
    return [
        # -- participation: accounts first (a person may be linked to one) --
        ("Accounts", [step(User, data.users)]),
        (
            "Organisations",
            [
                step(Organisation, roots),
                step(Organisation, children),
                step(Person, data.people),
                step(Membership, data.memberships),
                step(Network, data.networks),
                step(NetworkMembership, data.network_memberships),
            ],
        ),
        (
            "Action plans",
            [
                step(Member, data.members),
                step(ActionPlan, data.plans),
                step(Commitment, data.commitments),
                link_step(Commitment, "lead_organisations", data.lead_links),
                link_step(Commitment, "supporting_organisations", data.supporting_links),
                link_step(Commitment, "policy_areas", data.policy_area_links),
                step(Milestone, data.milestones),
                step(DueDateRevision, data.due_date_revisions),
            ],
        ),
        (
            "Meetings",
            [
                step(MeetingSeries, data.series),
                step(Meeting, data.meetings),
                step(Attendance, data.attendances),
                step(MinutesSection, data.minutes_sections),
                link_step(MinutesSection, "commitments", data.section_links),
                step(Decision, data.decisions),
                step(ActionItem, data.action_items),
                step(ActionItemReview, data.action_item_reviews),
            ],
        ),
        (
            "Progress",
            [step(ProgressUpdate, data.progress_updates), step(Assessment, data.assessments)],
        ),
        # -- participation (bench/seed/participation.py) --
        (
            "Ideas",
            [
                step(CallForIdeas, data.calls),
                link_step(CallForIdeas, "policy_areas", data.call_area_links),
                step(ScoringCriterion, data.scoring_criteria),
                step(Idea, data.ideas),
                Step(
                    len(data.supports),
                    Support,
                    write=lambda bar: write_supports(data.supports, bar),
                ),
                step(Comment, data.comments),
                step(Comment, data.replies),
                step(Score, data.scores),
                step(ReasonedResponse, data.responses),
            ],
        ),
        # -- network governance (bench/seed/network.py) --
        (
            "Network governance",
            [
                with_unique_slugs(step(Post, data.posts), data.posts),
                step(Tenure, data.tenures),
                with_unique_slugs(step(Project, data.projects), data.projects),
                link_step(Project, "partners", data.project_partner_links),
                step(Gathering, data.gatherings),
                step(Delegate, data.delegates),
                step(EventDocument, data.event_documents),
                step(CollectiveAction, data.collective_actions),
                Step(
                    len(data.sign_ups),
                    SignUp,
                    write=lambda bar: write_sign_ups(data.sign_ups, data.withdrawn_sign_ups, bar),
                    prepare=lambda keys: key_sign_ups(data.sign_ups, keys),
                ),
                with_unique_slugs(step(Body, data.bodies), data.bodies),
                step(NominationRound, data.rounds),
                step(EligibleMember, data.eligible_members),
                step(Nomination, data.nominations),
                step(Seconding, data.secondings),
                step(VoteRecord, data.vote_records),
                Step(
                    len(data.ballots),
                    Ballot,
                    write=lambda bar: write_ballots(data.ballots, bar),
                    prepare=lambda keys: key_ballots(data.ballots),
                ),
                Step(
                    len(data.vote_counts),
                    Count,
                    write=lambda bar: insert([count for count, _ in data.vote_counts], bar),
                    prepare=lambda keys: key_counts(data.vote_counts, keys),
                ),
                step(ResultLine, data.result_lines),
                step(BodyMembership, data.body_memberships),
            ],
        ),
    ]


def with_unique_slugs(plain: Step, objects: Sequence[models.Model]) -> Step:
    """`plain`, whose objects first lose any slug a row already in the table has."""

    def prepare(keys: Keys) -> None:
        rename_clashing_slugs(objects)
        plain.prepare(keys)

    return Step(plain.count, plain.model, write=plain.write, prepare=prepare)


UNIQUE_NAMES: list[tuple[str, tuple[str, ...]]] = [
    ("members", ("name", "slug")),
    ("organisations", ("slug",)),
    ("people", ("slug",)),
    ("networks", ("slug",)),
    ("series", ("name", "slug")),
    ("users", ("email",)),
]


def avoid_clashes(data: SeedData) -> None:
    """Adding to a database that has data (--force): rename what would clash with a unique name
    or slug already there."""
    for attribute, fields in UNIQUE_NAMES:
        objects: list[models.Model] = getattr(data, attribute)
        if not objects:
            continue
        manager = type(objects[0])._default_manager
        for name in fields:
            taken = set(manager.values_list(name, flat=True))
            if not taken:
                continue
            for obj in objects:
                value = base = getattr(obj, name)
                n = 2
                while value in taken:
                    if name == "email":
                        value = f"{n}.{base}"
                    else:
                        value = f"{base}-{n}" if name == "slug" else f"{base} ({n})"
                    n += 1
                taken.add(value)
                setattr(obj, name, value)


def object_repr(obj: models.Model, labels: dict[str, str]) -> str:
    """str(obj), as audit.record stores it; for progress updates with the status labels
    translated once (`labels`) rather than lazily each time: the same text, many times faster."""
    if isinstance(obj, ProgressUpdate):
        label = labels[obj.status]
        return f"{obj.commitment.number}: {label} ({obj.reported_on})"
    return str(obj)


@contextmanager
def indexes_built_after(model: type[models.Model]) -> Iterator[None]:
    """Drop `model`'s plain indexes (not those of its primary key or unique constraints) for the
    block and build them again at its end: one sort per index instead of millions of B-tree
    insertions in random key order. Inside the caller's transaction, so a failure leaves the
    indexes as they were."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
                [table],
            )
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                "JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisunique AND NOT x.indisprimary",
                [table],
            )
        else:
            yield
            return
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and found:
            # PostgreSQL builds no index on a table with foreign-key checks still pending in the
            # transaction: run them now (as the commit would), then defer them again.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _, definition in found:
            cursor.execute(definition)
        if connection.vendor == "postgresql" and found:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def foreign_keys_added_after(model: type[models.Model]) -> Iterator[None]:
    """On PostgreSQL, drop `model`'s foreign keys for the block and add them back at its end. A
    foreign key checks each inserted row by a lookup in the table it points to, queued until the
    commit; added back, it checks every row at once (one join), and a row that points nowhere
    fails the load as it would have at the commit. Inside the caller's transaction, so a failure
    leaves the constraints as they were. SQLite cannot drop a constraint without remaking the
    table: there, nothing changes."""
    if connection.vendor != "postgresql":
        yield
        return
    table = model._meta.db_table
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
            [table],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    yield
    with connection.cursor() as cursor:
        # A table with foreign-key checks still pending in the transaction cannot be altered (the
        # new constraint adds triggers to the table it points to): run them first, as the commit
        # would, then defer them again.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, definition in found:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@dataclass(frozen=True)
class ChainEnd:
    """Where new events join the chain: the last sequence number and hash, and the next free
    primary key of the events' table."""

    sequence: int
    hash: str
    next_pk: int


def chain_end(*, lock: bool) -> ChainEnd:
    heads = AuditChainHead.objects.filter(pk=1)
    head = (heads.select_for_update() if lock else heads).first()
    if head is not None:
        sequence, previous = head.last_sequence, head.last_hash
    else:
        last = AuditEvent.objects.order_by("-sequence").first()
        sequence, previous = (last.sequence, last.hash) if last else (0, GENESIS_HASH)
    next_pk = (AuditEvent.objects.aggregate(last=models.Max("pk"))["last"] or 0) + 1
    return ChainEnd(sequence, previous, next_pk)


def event_fields() -> tuple[list[str], list[str]]:
    """The attribute names `prepared_events` gives values for, and the columns of a written row
    (those, then the chained ones)."""
    concrete = {f.attname: f for f in AuditEvent._meta.concrete_fields}
    fields = [f for name, f in concrete.items() if name not in CHAINED]
    return [f.attname for f in fields], [f.column for f in fields] + [
        concrete[name].column for name in CHAINED
    ]


@dataclass
class EarlyEvents:
    """The events' rows being prepared by a second process from `end` on, started before the
    tables are written (every object has its key by then)."""

    end: ChainEnd
    batches: SecondProcess


def prepare_early(events: Sequence[Event]) -> EarlyEvents | None:
    """From PARALLEL_EVENTS events on a machine with more than one core: start preparing them
    in a second process now."""
    if len(events) < PARALLEL_EVENTS or (os.cpu_count() or 1) < 2:
        return None
    end = chain_end(lock=False)
    attnames, _ = event_fields()
    return EarlyEvents(
        end, SecondProcess(prepared_events(events, attnames, end.sequence, end.next_pk))
    )


def append_events(
    events: Sequence[Event], bar: tqdm[Any], early: EarlyEvents | None = None
) -> tuple[int, str]:
    """Append `events` to the chain in the order they happened (ties in the order generated),
    then inserted in batches. Each event's row and the text of its payload are prepared from the
    event's values (no model instance: at S=100 there are millions) by `prepared_events`: by the
    second process `early` started, if the chain still ends where it did then, else here. Each
    one is chained to the one before here (audit.chain_hash, the hash `opengov audit verify`
    recomputes) and written. Returns the new head. Runs inside the caller's transaction, with
    the chain head locked."""
    end = chain_end(lock=True)
    sequence, previous = end.sequence, end.hash
    attnames, columns = event_fields()
    batches: Iterable[Prepared]
    if early is not None and early.end == end:
        batches = early.batches
    else:  # none started, or events were added since: the prepared rows would not fit
        batches = prepared_events(events, attnames, end.sequence, end.next_pk)
    table = AuditEvent._meta.db_table
    chain_hash = audit.chain_hash
    for batch in batches:
        rows = []
        for values, parts in batch:
            digest = chain_hash(parts, previous)
            rows.append((*values, previous, digest))
            previous = digest
        write_rows(table, columns, rows)
        bar.update(len(rows))
    sequence += len(events)
    AuditChainHead.objects.update_or_create(
        pk=1, defaults={"last_sequence": sequence, "last_hash": previous}
    )
    return sequence, previous


# The columns only the chaining fills, written last in each row.
CHAINED = ("prev_hash", "hash")
# From this many events they are prepared in a second process, from before the tables are written,
# while this one writes the tables, then chains and writes the events: at S=10 (230,000 events)
# preparing them and chaining and writing them take about as long as each other.
PARALLEL_EVENTS = 200_000

Prepared = list[tuple[tuple[Any, ...], tuple[str, str]]]


def prepared_events(
    events: Sequence[Event], attnames: Sequence[str], sequence: int, next_pk: int
) -> Iterator[Prepared]:
    """Batches of (the row's values for `attnames`, its payload's text parts) for `events` in
    the order they happened, numbered from `sequence` + 1 and keyed from `next_pk`. Reads only the
    objects in memory, never the database (it may run in a second process)."""
    pick = operator.itemgetter(*attnames)  # the row in column order, from a dict (in C)
    when = converter(AuditEvent._meta.get_field("occurred_at"))
    on_sqlite = connection.vendor == "sqlite"
    order = sorted(range(len(events)), key=lambda i: events[i].at)
    status_labels = {value: str(label) for value, label in ProgressStatus.choices}
    model_labels: dict[type[models.Model], str] = {}
    snapshots: dict[tuple[type[models.Model], tuple[str, ...]], list[tuple[str, str]]] = {}
    batch: Prepared = []
    for index in order:
        spec = events[index]
        obj = spec.obj
        model = type(obj)
        changes = spec.changes() if callable(spec.changes) else dict(spec.changes or {})
        if spec.fields:
            names = snapshots.get((model, spec.fields))
            if names is None:
                names = snapshots[model, spec.fields] = [
                    (name, getattr(field, "attname", name))
                    for name in spec.fields
                    for field in [model._meta.get_field(name)]
                ]
            # audit.created(obj, spec.fields), with the fields looked up once per model.
            created = {n: [None, audit.to_json_value(getattr(obj, a))] for n, a in names}
            changes = {**created, **changes}
        sequence += 1
        label = model_labels.get(model)
        if label is None:
            label = model_labels[model] = model._meta.label_lower
        scope = spec.scope
        if scope is None:
            scope_key = ""
        else:
            scope_label = model_labels.get(type(scope))
            if scope_label is None:
                scope_label = model_labels[type(scope)] = type(scope)._meta.label_lower
            scope_key = f"{scope_label}:{scope.pk}"
        # Already JSON values: the snapshots above convert, and the generator writes the rest as
        # JSON types.
        changes_json = audit.canonical_changes(changes)
        occurred_at = spec.at.astimezone(dt.UTC).isoformat()
        object_id = str(obj.pk)
        actor_id = spec.actor.pk if spec.actor is not None else None
        actor_label = spec.actor_label[:200]
        represented = object_repr(obj, status_labels)[:300]
        parts = audit.payload_parts(
            sequence=sequence,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            verb=spec.verb,
            object_type=label,
            object_id=object_id,
            object_repr=represented,
            scope_key=scope_key,
            changes=changes_json,
            is_public=spec.is_public,
        )
        values = {
            "id": next_pk,
            "sequence": sequence,
            # What Django stores on SQLite: the UTC time, naive, as text ("+00:00" cut).
            "occurred_at": f"{occurred_at[:10]} {occurred_at[11:-6]}"
            if on_sqlite
            else when(spec.at),
            "actor_id": actor_id,
            "actor_label": actor_label,
            "verb": spec.verb,
            "object_type": label,
            "object_id": object_id,
            "object_key": f"{label}:{object_id}",
            "object_repr": represented,
            "scope_key": scope_key,
            "changes": changes_json,
            "is_public": spec.is_public,
        }
        next_pk += 1
        batch.append((pick(values), parts))
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


class SecondProcessFailed(RuntimeError):
    """The second process preparing work failed; its traceback is the message."""


class SecondProcess:
    """The items of `batches`, computed in a forked child process, which starts at once. It
    writes them, pickled, to an unnamed temporary file as fast as it can (never held back by this
    process, which may be busy with other work for minutes), and iterating reads them from it,
    waiting for the child where it has not got that far. The child has a copy of this process's
    memory but must not use its database connection, which it shares: any query there fails it,
    and the iteration with SecondProcessFailed. `close` stops the child."""

    def __init__(self, batches: Iterator[Any]) -> None:
        context = multiprocessing.get_context("fork")
        self.spool = tempfile.TemporaryFile(prefix="opengov-seed-")  # noqa: SIM115 (see close)
        self.receiver, sender = context.Pipe(duplex=False)
        self.child = context.Process(
            target=_spool_all, args=(batches, self.spool, sender), daemon=True
        )
        self.child.start()
        sender.close()

    def __iter__(self) -> Iterator[Any]:
        fd, offset, total = self.spool.fileno(), 0, None
        try:
            while True:
                header = os.pread(fd, FRAME_HEADER.size, offset)
                if len(header) == FRAME_HEADER.size:
                    (length,) = FRAME_HEADER.unpack(header)
                    body = os.pread(fd, length, offset + FRAME_HEADER.size)
                    if len(body) == length:
                        offset += FRAME_HEADER.size + length
                        yield pickle.loads(body)
                        continue
                # Not written yet: wait for the child, or for its last word.
                if total is not None:
                    if offset >= total:
                        return
                    raise SecondProcessFailed(f"its file ends at {offset} of {total} bytes")
                if total is None and self.receiver.poll(0.005):
                    try:
                        kind, value = self.receiver.recv()
                    except EOFError:
                        code = self.child.exitcode
                        raise SecondProcessFailed(f"it stopped (exit code {code})") from None
                    if kind == "failed":
                        raise SecondProcessFailed(value)
                    total = value  # "done": every frame is written, this many bytes in all
        finally:
            self.close()

    def close(self) -> None:
        if self.spool.closed:
            return
        self.receiver.close()
        self.spool.close()
        self.child.join(timeout=5)
        if self.child.is_alive():
            self.child.kill()
            self.child.join()


# Each item in the spool file: its length (8 bytes), then the item pickled.
FRAME_HEADER = struct.Struct("<Q")


def _spool_all(batches: Iterator[Any], spool: Any, sender: Any) -> None:
    def no_database(*args: Any) -> None:
        raise RuntimeError("the second process must not use the database connection it shares")

    try:
        fd, written = spool.fileno(), 0
        with connection.execute_wrapper(no_database):
            for batch in batches:
                body = pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL)
                frame = FRAME_HEADER.pack(len(body)) + body
                while frame:  # one write() call writes it all, for a regular file
                    done = os.pwrite(fd, frame, written)
                    written += done
                    frame = frame[done:]
        sender.send(("done", written))
    except BaseException:
        with suppress(OSError):
            sender.send(("failed", traceback.format_exc()))
    finally:
        sender.close()


def load(data: SeedData, *, force: bool = False, progress: bool | None = None) -> dict[str, int]:
    """Write `data`: one transaction per group of models, then one for the audit events. Refuses
    (SeedRefused) a database that already has members unless `force`. `progress`: bars on stderr
    (None: only when stderr is a terminal). Returns the count of each kind written."""
    check_empty(force=force)
    if force:
        avoid_clashes(data)
    with collector_paused(), larger_sqlite_cache():
        return write_all(data, progress)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the data is made and written: at S=100 there are
    millions of objects, none of them garbage until the end, and each of the collector's full
    passes walks them all; in the second process each pass would also make the kernel copy every
    page it touches. On again afterwards (if it was on), when the data is let go."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


LOAD_CACHE_KIB = 1024 * 1024


@contextmanager
def larger_sqlite_cache() -> Iterator[None]:
    """A page cache of up to 1 GB instead of SQLite's 2 MB while loading (SQLite takes pages as
    it needs them): at S=100 the tables and indexes being written no longer fit the default, and
    inserts would keep going back to the operating system for pages just written. The unique
    index of the events' hashes takes its keys in random order: with 256 MB the events took 16 s
    longer. The connection's own size comes back after."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def write_all(data: SeedData, progress: bool | None) -> dict[str, int]:
    """Every object gets its key first; then a second process can prepare the audit events
    (`prepare_early`) while this one writes the tables, one transaction per group, then chains
    and writes the events."""
    disable = None if progress is None else not progress
    plan = groups(data)
    keys: Keys = {}
    for _, steps in plan:
        for item in steps:
            item.prepare(keys)
    early = prepare_early(data.events)
    try:
        write_tables(plan, disable)
        write_events(data, disable, early)
    finally:
        if early is not None:
            early.batches.close()  # stops the second process if the tables failed
    if connection.vendor == "postgresql":
        # What autovacuum would soon do anyway: give the planner statistics for the new rows, so
        # a benchmark started right after seeding does not measure plans made without them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return data.counts()


def write_tables(plan: list[tuple[str, list[Step]]], disable: bool | None) -> None:
    written: list[type[models.Model]] = []
    for label, steps in plan:
        total = sum(item.count for item in steps)
        large = dict.fromkeys(item.model for item in steps if item.count >= INDEXES_AFTER_ROWS)
        with (
            tqdm(total=total, desc=label, unit=" rows", file=sys.stderr, disable=disable) as bar,
            transaction.atomic(),
            ExitStack() as indexes,
        ):
            for model in large:
                indexes.enter_context(indexes_built_after(model))
                indexes.enter_context(foreign_keys_added_after(model))
            for item in steps:
                item.write(bar)
                written.append(item.model)
            reset_sequences(written)


def write_events(data: SeedData, disable: bool | None, early: EarlyEvents | None) -> None:
    with (
        tqdm(
            total=len(data.events),
            desc="Audit events",
            unit=" events",
            file=sys.stderr,
            disable=disable,
        ) as bar,
        transaction.atomic(),
        indexes_built_after(AuditEvent),
        foreign_keys_added_after(AuditEvent),
    ):
        append_events(data.events, bar, early)
        reset_sequences([AuditEvent])
