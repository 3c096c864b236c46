"""Parallel writes to posts and projects, with real threads, each with its own database
connection (SQLite as a WAL file, as in production; PostgreSQL): two holders recorded for one
single-holder post at once never overlap; the same project form sent twice at once writes once."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection

from opengov.core.errors import DomainError
from opengov.core.models import AuditEvent
from opengov.organisations.models import Project, Tenure
from opengov.organisations.projects import create_project
from opengov.organisations.tenures import start_tenure
from opengov.organisations.tests.factories import PersonFactory
from opengov.organisations.tests.post_factories import NetworkFactory, PostFactory
from tests.reliability.helpers import run_in_threads, sqlite_file_copy


@pytest.fixture
def production_db(transactional_db, tmp_path):
    if connection.vendor != "sqlite":
        yield None
        return
    with sqlite_file_copy(tmp_path / "opengov.sqlite3") as path:
        yield path


pytestmark = pytest.mark.usefixtures("production_db")


def test_two_holders_of_one_post_recorded_at_once_do_not_overlap(secretariat):
    post = PostFactory()
    people = [PersonFactory(), PersonFactory()]

    def record(person):
        return lambda: start_tenure(
            by=secretariat, post=post, person=person, start_on=dt.date(2016, 7, 14)
        )

    outcomes = run_in_threads(record(people[0]), record(people[1]))
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and isinstance(errors[0], DomainError), errors
    assert Tenure.objects.filter(post=post).count() == 1
    assert AuditEvent.objects.filter(verb="organisations.tenure.started").count() == 1


def test_the_same_project_form_sent_twice_at_once_writes_once(secretariat):
    network, token = NetworkFactory(), uuid.uuid4()

    def send():
        return create_project(
            by=secretariat, network=network, title="Audit", submission_token=token
        ).pk

    outcomes = run_in_threads(send, send)
    assert [o.error for o in outcomes] == [None, None]
    assert outcomes[0].value == outcomes[1].value
    assert Project.objects.count() == 1
    assert AuditEvent.objects.filter(verb="organisations.project.created").count() == 1


def test_two_edits_of_one_post_from_the_same_version_save_once(secretariat, government_contact):
    from opengov.core.errors import ConflictError
    from opengov.organisations.models import Post
    from opengov.organisations.tenures import update_post

    post = PostFactory(title="Anti-Corruption Champion")

    def edit(by, title):
        return lambda: update_post(
            by=by, post=post, expected_version=post.version, title=title, organisation=None
        )

    outcomes = run_in_threads(
        edit(secretariat, "UK Anti-Corruption Champion"), edit(government_contact, "Champion")
    )
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and isinstance(errors[0], ConflictError), errors
    saved = Post.objects.get(pk=post.pk)
    assert saved.version == 2
    assert saved.title in {"UK Anti-Corruption Champion", "Champion"}
    assert AuditEvent.objects.filter(verb="organisations.post.changed").count() == 1
