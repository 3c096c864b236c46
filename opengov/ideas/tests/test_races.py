"""Double clicks at the same moment, in real threads with their own connections (SQLite as a WAL
file as in production, or PostgreSQL): one support, one idea, one comment."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection

from opengov.accounts.tests.factories import UserFactory
from opengov.core.audit import verify_chain
from opengov.core.models import AuditEvent
from opengov.ideas import services
from opengov.ideas.models import Comment, Idea, Support
from tests.reliability.helpers import run_in_threads, sqlite_file_copy

from .factories import CallFactory, IdeaFactory


@pytest.fixture
def production_db(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        yield None
        return
    with sqlite_file_copy(tmp_path / "opengov.sqlite3") as path:
        yield path


def no_errors(outcomes) -> list:
    assert [o.error for o in outcomes] == [None] * len(outcomes), [o.error for o in outcomes]
    return [o.value for o in outcomes]


def test_a_double_click_on_support_writes_one_support(production_db):
    idea, user = IdeaFactory(), UserFactory()

    def support():
        return services.support_idea(by=user, idea=idea)[1]

    created = no_errors(run_in_threads(support, support, support))
    assert sorted(created) == [False, False, True]
    assert Support.objects.count() == 1
    assert Idea.objects.get().supports_count == 1
    assert AuditEvent.objects.filter(verb="ideas.idea.supported").count() == 1
    assert verify_chain().ok


def test_the_same_idea_sent_twice_at_once_is_sent_once(production_db):
    call, user, token = CallFactory(), UserFactory(), uuid.uuid4()

    def send():
        return services.submit_idea(
            by=user, call=call, title="T", text="X", submission_token=token
        ).pk

    assert len(set(no_errors(run_in_threads(send, send)))) == 1
    assert Idea.objects.count() == 1


def test_the_same_comment_sent_twice_at_once_is_posted_once(production_db):
    idea, user, token = IdeaFactory(), UserFactory(), uuid.uuid4()

    def post():
        return services.post_comment(by=user, idea=idea, text="Hi", submission_token=token).pk

    assert len(set(no_errors(run_in_threads(post, post)))) == 1
    assert Comment.objects.count() == 1
    assert Idea.objects.get().comments_count == 1


def test_two_people_withdrawing_at_once_leave_the_counts_true(production_db):
    idea = IdeaFactory()
    people = [UserFactory() for _ in range(3)]
    for person in people:
        services.support_idea(by=person, idea=idea)

    def withdraw(person):
        return lambda: services.withdraw_support(by=person, idea=idea)

    no_errors(run_in_threads(withdraw(people[0]), withdraw(people[1])))
    idea.refresh_from_db()
    assert Support.objects.filter(idea=idea).count() == 1
    assert (idea.supports_count, idea.combined_supports_count) == (1, 1)
    assert verify_chain().ok


def test_a_double_click_on_withdraw_withdraws_once(production_db):
    idea, user, other = IdeaFactory(), UserFactory(), UserFactory()
    services.support_idea(by=user, idea=idea)
    services.support_idea(by=other, idea=idea)

    def withdraw():
        return services.withdraw_support(by=user, idea=idea)

    outcomes = run_in_threads(withdraw, withdraw)
    errors = [o.error for o in outcomes]
    assert errors.count(None) == 1
    assert [type(e).__name__ for e in errors if e is not None] == ["DomainError"]
    idea.refresh_from_db()
    assert (idea.supports_count, idea.combined_supports_count) == (1, 1)
    assert AuditEvent.objects.filter(verb="ideas.idea.support_withdrawn").count() == 1


def test_supporting_and_withdrawing_at_once_leave_the_counts_true(production_db):
    idea, leaving, joining = IdeaFactory(), UserFactory(), UserFactory()
    services.support_idea(by=leaving, idea=idea)
    no_errors(
        run_in_threads(
            lambda: services.withdraw_support(by=leaving, idea=idea),
            lambda: services.support_idea(by=joining, idea=idea),
        )
    )
    idea.refresh_from_db()
    assert list(Support.objects.values_list("user_id", flat=True)) == [joining.pk]
    assert (idea.supports_count, idea.combined_supports_count) == (1, 1)
