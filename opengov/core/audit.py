"""Recording and verifying the audit trail. Every service write calls `record`; the chain is
sha256(previous hash + canonical JSON of the event), starting from GENESIS_HASH."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from .actors import as_user
from .models import AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
SYSTEM_ACTOR = "system"


def object_key(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def to_json_value(value: Any) -> Any:
    """A value as it is stored in `changes`: JSON types only, no floats (their text can vary)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | float):
        return str(value)
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set | frozenset):
        items = [to_json_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(k): to_json_value(v) for k, v in value.items()}
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields' values, for comparing before and after a change."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        values[name] = to_json_value(getattr(instance, attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for the fields whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def created(instance: models.Model, fields: Iterable[str]) -> dict[str, list[Any]]:
    return {name: [None, value] for name, value in snapshot(instance, fields).items()}


def event_payload(event: AuditEvent) -> dict[str, Any]:
    """What an event's hash covers: every field but its key, its object key and the hash."""
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "scope_key": event.scope_key,
        "changes": event.changes,
        "is_public": event.is_public,
        "prev_hash": event.prev_hash,
    }


# json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False), with the encoder
# made once rather than for each event.
_canonical = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(payload: dict[str, Any]) -> str:
    return _canonical.encode(payload)


def payload_hash(payload: dict[str, Any]) -> str:
    """The hash of an event given as its payload (`event_payload`): for writers that append
    many events without making a model instance for each (the benchmark's seed)."""
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def canonical_changes(changes: dict[str, Any]) -> str:
    """`changes` as canonical_json writes it inside an event's payload (and a valid value of the
    `changes` column)."""
    return canonical_json(changes)


_string = encode_basestring  # what json.dumps writes a str with (ensure_ascii=False)


def payload_parts(
    *,
    sequence: int,
    occurred_at: str,
    actor_id: int | None,
    actor_label: str,
    verb: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    scope_key: str,
    changes: str,
    is_public: bool,
) -> tuple[str, str]:
    """The text canonical_json writes for the payload these values make, in two parts: before
    and after the previous event's hash, which goes between them (chain_hash). `occurred_at` is
    given as its UTC ISO text and `changes` as canonical_changes made it; the rest is put
    together without encoding the payload again. For writers that append millions of events (the
    benchmark's seed), which can make the parts of many events before chaining them;
    opengov/core/tests/test_audit.py checks that the text is canonical_json's."""
    before = "".join(
        (
            '{"actor_id":',
            "null" if actor_id is None else int.__repr__(actor_id),
            ',"actor_label":',
            _string(actor_label),
            ',"changes":',
            changes,
            ',"is_public":',
            "true" if is_public else "false",
            ',"object_id":',
            _string(object_id),
            ',"object_repr":',
            _string(object_repr),
            ',"object_type":',
            _string(object_type),
            ',"occurred_at":',
            _string(occurred_at),
            ',"prev_hash":',
        )
    )
    after = "".join(
        (
            ',"scope_key":',
            _string(scope_key),
            ',"sequence":',
            int.__repr__(sequence),
            ',"verb":',
            _string(verb),
            "}",
        )
    )
    return before, after


def chain_hash(parts: tuple[str, str], prev_hash: str) -> str:
    """The hash of the event whose payload_parts are `parts`, following the event `prev_hash`."""
    before, after = parts
    return hashlib.sha256((before + _string(prev_hash) + after).encode("utf-8")).hexdigest()


def canonical_payload(event: AuditEvent) -> str:
    return canonical_json(event_payload(event))


def compute_hash(event: AuditEvent) -> str:
    return payload_hash(event_payload(event))


def actor_label_for(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return SYSTEM_ACTOR
    return str(getattr(actor, "public_name", None) or actor)


def record(
    *,
    actor: Any,
    verb: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    scope: models.Model | None = None,
    is_public: bool = True,
) -> AuditEvent:
    """Append one event to the chain. Must run inside the service's transaction, so the event and
    the change it describes are written together or not at all."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside transaction.atomic")
    # The head's two values only: no model instance, no ordering (this runs in every write).
    found = list(
        AuditChainHead.objects.select_for_update()
        .filter(pk=1)
        .values_list("last_sequence", "last_hash")
    )
    if found:
        last_sequence, last_hash = found[0]
    else:
        AuditChainHead.objects.create(pk=1, last_sequence=0, last_hash=GENESIS_HASH)
        last_sequence, last_hash = 0, GENESIS_HASH
    event = AuditEvent(
        sequence=last_sequence + 1,
        occurred_at=timezone.now(),
        actor=as_user(actor),
        actor_label=actor_label_for(actor)[:200],
        verb=verb,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_key=object_key(obj),
        object_repr=str(obj)[:300],
        scope_key=object_key(scope) if scope is not None else "",
        changes=to_json_value(changes or {}),
        is_public=is_public,
        prev_hash=last_hash,
    )
    event.hash = compute_hash(event)
    event.save()
    AuditChainHead.objects.filter(pk=1).update(last_sequence=event.sequence, last_hash=event.hash)
    return event


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def iter_events(chunk_size: int = 2000) -> Iterator[AuditEvent]:
    """Every event in chain order, read in keyset-paginated chunks so memory stays flat."""
    last = 0
    while True:
        chunk = list(AuditEvent.objects.filter(sequence__gt=last).order_by("sequence")[:chunk_size])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].sequence


def verify_chain(progress: Any = None) -> ChainReport:
    """Recompute every hash in order; report the first event that does not match."""
    expected_prev = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for event in iter_events():
        if event.sequence != expected_sequence:
            return ChainReport(
                checked,
                ChainProblem(expected_sequence, f"event #{expected_sequence} is missing"),
            )
        if event.prev_hash != expected_prev:
            return ChainReport(
                checked,
                ChainProblem(event.sequence, "its previous hash does not match the event before"),
            )
        if compute_hash(event) != event.hash:
            return ChainReport(
                checked,
                ChainProblem(event.sequence, "its content does not match its hash"),
            )
        expected_prev = event.hash
        expected_sequence += 1
        checked += 1
        if progress is not None:
            progress(1)
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_sequence != checked:
        return ChainReport(
            checked,
            ChainProblem(checked + 1, f"the chain head expects {head.last_sequence} events"),
        )
    return ChainReport(checked, None)
