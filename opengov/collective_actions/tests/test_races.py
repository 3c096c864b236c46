"""Sign-ups at the same moment, in real threads with their own connections, on SQLite (a WAL file,
as in production) and PostgreSQL: two signatories at quorum − 1 both count and the action is
considered; the same signatory twice at once signs once."""

from __future__ import annotations

import pytest
from django.db import connection

from opengov.collective_actions import services
from opengov.collective_actions.choices import ActionStatus
from opengov.collective_actions.models import SignUp
from opengov.core.audit import verify_chain
from opengov.core.errors import DomainError
from opengov.core.models import AuditEvent
from tests.reliability.helpers import run_in_threads, sqlite_file_copy

from .conftest import speaker_for
from .factories import CollectiveActionFactory


@pytest.fixture
def production_db(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        yield None
        return
    with sqlite_file_copy(tmp_path / "opengov.sqlite3") as path:
        yield path


pytestmark = pytest.mark.usefixtures("production_db")


def test_two_sign_ups_at_quorum_minus_one_both_count_and_make_it_considered():
    action = CollectiveActionFactory()
    first, second, third = (speaker_for(n) for n in ("France", "Mexico", "Chile"))
    services.sign_up(by=first[0], action=action, organisation=first[1])
    outcomes = run_in_threads(
        lambda: services.sign_up(by=second[0], action=action, organisation=second[1]),
        lambda: services.sign_up(by=third[0], action=action, organisation=third[1]),
    )
    assert [o.error for o in outcomes] == [None, None]
    action.refresh_from_db()
    assert (action.counted_signatories, action.status) == (3, ActionStatus.CONSIDERED)
    changed = AuditEvent.objects.filter(verb="collective_actions.collectiveaction.status_changed")
    assert changed.count() == 1
    assert verify_chain().ok


def test_the_same_signatory_signing_twice_at_once_signs_once():
    action = CollectiveActionFactory()
    user, france = speaker_for("France")
    outcomes = run_in_threads(
        lambda: services.sign_up(by=user, action=action, organisation=france),
        lambda: services.sign_up(by=user, action=action, organisation=france),
    )
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and isinstance(errors[0], DomainError)
    assert SignUp.objects.count() == 1
    action.refresh_from_db()
    assert action.counted_signatories == 1
    assert AuditEvent.objects.filter(verb="collective_actions.signup.created").count() == 1


def test_a_withdrawal_and_a_sign_up_at_once_leave_the_count_right():
    action = CollectiveActionFactory()
    speakers = [speaker_for(n) for n in ("France", "Mexico", "Chile", "Kenya")]
    sign_ups = [services.sign_up(by=u, action=action, organisation=o) for u, o in speakers[:3]]
    outcomes = run_in_threads(
        lambda: services.withdraw_sign_up(by=speakers[0][0], sign_up=sign_ups[0]),
        lambda: services.sign_up(by=speakers[3][0], action=action, organisation=speakers[3][1]),
    )
    assert [o.error for o in outcomes] == [None, None]
    action.refresh_from_db()
    assert (action.counted_signatories, action.status) == (3, ActionStatus.CONSIDERED)


def test_the_same_delegate_removed_twice_at_once_is_removed_once(secretariat):
    from opengov.collective_actions.models import Delegate
    from opengov.organisations.tests.factories import PersonFactory

    from .factories import EventFactory

    event = EventFactory()
    delegate = services.add_delegate(by=secretariat, event=event, person=PersonFactory())
    delegate = Delegate.objects.select_related("event").get(pk=delegate.pk)
    outcomes = run_in_threads(
        lambda: services.remove_delegate(by=secretariat, delegate=delegate),
        lambda: services.remove_delegate(by=secretariat, delegate=delegate),
    )
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and isinstance(errors[0], DomainError), errors
    assert not Delegate.objects.exists()
    assert AuditEvent.objects.filter(verb="collective_actions.delegate.removed").count() == 1
    assert verify_chain().ok
