"""The audit trail: events appended by real services verify; tampering with, or removing, a stored
event is caught and named; the database and the ORM refuse to change events."""

import datetime as dt
import hashlib
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from opengov.core import audit
from opengov.core.actors import SYSTEM
from opengov.core.models import AuditEvent
from opengov.organisations.models import OrganisationKind
from opengov.organisations.services import create_organisation, create_person

DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER core_auditevent_no_update",
        "DROP TRIGGER core_auditevent_no_delete",
    ],
    "postgresql": ["DROP TRIGGER core_auditevent_no_change ON core_auditevent"],
}


@pytest.fixture
def events(db):
    """Four events, appended by the organisations services."""
    create_organisation(
        by=SYSTEM, name="Cabinet Office", kind=OrganisationKind.GOVERNMENT_DEPARTMENT
    )
    create_organisation(by=SYSTEM, name="Involve", kind=OrganisationKind.CIVIL_SOCIETY)
    create_person(by=SYSTEM, name="Tim Hughes")
    create_person(by=SYSTEM, name="Thom Townsend")
    return list(AuditEvent.objects.order_by("sequence"))


def drop_triggers():
    """What someone with direct database access would do first. The test's transaction is rolled
    back afterwards, triggers included (DDL is transactional on SQLite and PostgreSQL)."""
    with connection.cursor() as cursor:
        for sql in DROP_TRIGGERS[connection.vendor]:
            cursor.execute(sql)


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def run_verify():
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("audit", "verify", "--no-progress", stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def test_events_appended_by_services_verify(events):
    assert [e.sequence for e in events] == [1, 2, 3, 4]
    report = audit.verify_chain()
    assert report.ok and report.checked == 4
    code, out, _err = run_verify()
    assert code == 0
    assert out.strip() == "Audit trail verified: 4 events, chain intact."


def test_verify_reports_progress_over_every_event(events):
    steps = []
    audit.verify_chain(progress=steps.append)
    assert sum(steps) == 4


def test_the_database_refuses_a_raw_update(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        raw("UPDATE core_auditevent SET actor_label = %s WHERE sequence = %s", ["someone", 2])
    assert AuditEvent.objects.get(sequence=2).actor_label == "opengov (system)"


def test_the_database_refuses_a_raw_delete(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        raw("DELETE FROM core_auditevent WHERE sequence = %s", [2])
    assert AuditEvent.objects.filter(sequence=2).exists()


def test_an_altered_actor_is_caught_and_named(events):
    drop_triggers()
    raw("UPDATE core_auditevent SET actor_label = %s WHERE sequence = %s", ["someone else", 2])
    report = audit.verify_chain()
    assert not report.ok
    assert report.problem.sequence == 2
    assert report.checked == 1
    code, _out, err = run_verify()
    assert code == 1
    assert err.strip() == "Audit trail BROKEN at event #2: its content does not match its hash"
    assert "Traceback" not in err


def test_altered_changes_are_caught_and_named(events):
    drop_triggers()
    forged = json.dumps({"name": [None, "Forged name"]})
    cast = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    raw(f"UPDATE core_auditevent SET changes = {cast} WHERE sequence = %s", [forged, 3])
    assert AuditEvent.objects.get(sequence=3).changes == {"name": [None, "Forged name"]}
    code, _out, err = run_verify()
    assert code == 1
    assert "BROKEN at event #3" in err


def test_a_deleted_event_is_caught_and_named(events):
    drop_triggers()
    raw("DELETE FROM core_auditevent WHERE sequence = %s", [2])
    report = audit.verify_chain()
    assert report.problem.sequence == 2
    assert "missing" in report.problem.reason
    code, _out, err = run_verify()
    assert code == 1
    assert err.strip() == "Audit trail BROKEN at event #2: event #2 is missing"


def test_a_deleted_last_event_is_caught_by_the_chain_head(events):
    drop_triggers()
    raw("DELETE FROM core_auditevent WHERE sequence = %s", [4])
    report = audit.verify_chain()
    assert report.problem.sequence == 4
    assert "expects 4 events" in report.problem.reason


def test_the_orm_refuses_to_change_or_delete_events(events):
    event = AuditEvent.objects.get(sequence=1)
    event.actor_label = "someone else"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.update(actor_label="someone else")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(sequence=1).update(actor_label="someone else")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(sequence=1).delete()
    assert AuditEvent.objects.count() == 4
    assert audit.verify_chain().ok


def test_show_prints_one_event_with_what_a_reader_needs_to_check_it(events):
    out = StringIO()
    call_command("audit", "show", "2", stdout=out)
    shown = json.loads(out.getvalue())
    assert shown["sequence"] == 2
    assert shown["verb"] == "organisations.organisation.created"
    assert shown["object_repr"] == "Involve"
    assert shown["prev_hash"] == events[0].hash
    assert shown["hash"] == events[1].hash
    assert shown["hash_matches"] is True
    digest = hashlib.sha256(shown["canonical_payload"].encode("utf-8")).hexdigest()
    assert digest == shown["hash"]


def test_show_says_when_a_tampered_event_no_longer_matches(events):
    drop_triggers()
    raw("UPDATE core_auditevent SET actor_label = %s WHERE sequence = %s", ["someone else", 1])
    out = StringIO()
    call_command("audit", "show", "1", stdout=out)
    assert json.loads(out.getvalue())["hash_matches"] is False


def test_show_refuses_an_unknown_event(events):
    with pytest.raises(CommandError, match="no audit event #99"):
        call_command("audit", "show", "99")


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_raises():
    from opengov.organisations.models import Organisation

    organisation = Organisation(pk=1, name="Unsaved", slug="unsaved", kind="other")
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        audit.record(actor=SYSTEM, verb="organisations.organisation.created", obj=organisation)
    assert not AuditEvent.objects.exists()


text = st.text(st.characters(codec="utf-8"))  # any Unicode that can be stored (no lone surrogates)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=8,
)


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    sequence=st.integers(min_value=1, max_value=2**62),
    occurred_at=st.datetimes(timezones=st.just(dt.UTC)),
    actor_id=st.none() | st.integers(min_value=1, max_value=2**62),
    texts=st.lists(text, min_size=6, max_size=6),
    changes=st.dictionaries(text, json_values, max_size=4),
    is_public=st.booleans(),
)
def test_payload_parts_make_the_canonical_payload_and_its_hash(
    sequence, occurred_at, actor_id, texts, changes, is_public
):
    """The seed's fast path writes the text canonical_json writes, for any text (quotes,
    backslashes, control characters, any Unicode) and any changes."""
    actor_label, verb, object_type, object_id, object_repr, scope_key = texts
    payload = {
        "sequence": sequence,
        "occurred_at": occurred_at.isoformat(),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "verb": verb,
        "object_type": object_type,
        "object_id": object_id,
        "object_repr": object_repr,
        "scope_key": scope_key,
        "changes": changes,
        "is_public": is_public,
        "prev_hash": hashlib.sha256(object_id.encode()).hexdigest(),
    }
    values = {**payload, "changes": audit.canonical_changes(changes)}
    prev_hash = values.pop("prev_hash")
    before, after = audit.payload_parts(**values)
    assert before + json.dumps(prev_hash) + after == audit.canonical_json(payload)
    assert audit.chain_hash((before, after), prev_hash) == audit.payload_hash(payload)
    assert json.loads(audit.canonical_changes(changes)) == changes
