"""Parallel duplicate writes and two editors of one record, with real threads, each with its own
database connection, on SQLite (a WAL file, as in production) and on PostgreSQL.

- The same form sent twice at once (a double click, a resent POST) writes once: one row, one
  audit event; both senders get the same result (core.submissions).
- Two people saving the same record from the same version: one change is saved, the other is
  refused with a clear message and keeps what was typed (core.concurrency); nothing is lost.
- Different writes at the same moment are all kept, and the audit chain stays whole."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from opengov.accounts.tokens import create_api_token
from opengov.action_plans.models import Commitment, Milestone, ProgressUpdate
from opengov.action_plans.services import complete_milestone, post_progress_update
from opengov.action_plans.tests.factories import MilestoneFactory
from opengov.core.audit import verify_chain
from opengov.core.errors import ConflictError, DomainError
from opengov.core.models import AuditEvent
from opengov.core.submissions import idempotency_key
from opengov.meetings.models import ActionItem, Decision
from opengov.meetings.services import record_decision, set_action_item_status
from opengov.meetings.tests.factories import ActionItemFactory, MeetingFactory

from .helpers import run_in_threads

pytestmark = pytest.mark.usefixtures("production_db")
TODAY = dt.date.today()


def events(verb: str) -> int:
    return AuditEvent.objects.filter(verb=verb).count()


def values(outcomes) -> list:
    assert [o.error for o in outcomes] == [None] * len(outcomes), [o.error for o in outcomes]
    return [o.value for o in outcomes]


# The same submission twice --------------------------------------------------------------------


def test_the_same_progress_update_posted_twice_at_once_is_posted_once(lead, commitment):
    token = uuid.uuid4()

    def post():
        return post_progress_update(
            by=lead,
            commitment=commitment,
            status="delayed",
            text="Waiting.",
            submission_token=token,
        ).pk

    first, second = values(run_in_threads(post, post))
    assert first == second
    assert ProgressUpdate.objects.filter(commitment=commitment).count() == 1
    assert events("action_plans.progressupdate.posted") == 1
    assert Commitment.objects.get(pk=commitment.pk).status == "delayed"


def test_different_progress_updates_posted_at_once_are_all_kept(lead, commitment):
    """The control: without a shared token both are posted, and the chain stays whole."""

    def post(text):
        return lambda: (
            post_progress_update(by=lead, commitment=commitment, status="on_track", text=text).pk
        )

    first, second, third = values(run_in_threads(post("A"), post("B"), post("C")))
    assert len({first, second, third}) == 3
    assert events("action_plans.progressupdate.posted") == 3
    assert verify_chain().ok


def token_from(html: str) -> str:
    match = re.search(r'name="submission_token" value="([0-9a-f-]{36})"', html)
    assert match, "the form carries a submission token"
    return match.group(1)


def test_the_update_form_sent_twice_at_once_posts_once(lead, commitment):
    url = reverse("action_plans:update-create", args=[commitment.pk])
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.force_login(lead)
    form = browsers[0].get(url).content.decode()
    assert token_from(browsers[0].get(url).content.decode()) != token_from(form)  # new each time
    data = {
        "status": "complete",
        "text": "Published the data.",
        "reported_on_day": str(TODAY.day),
        "reported_on_month": str(TODAY.month),
        "reported_on_year": str(TODAY.year),
        "submission_token": token_from(form),
    }
    responses = values(run_in_threads(*[lambda b=b: b.post(url, data) for b in browsers]))
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {commitment.get_absolute_url()}
    assert ProgressUpdate.objects.filter(commitment=commitment).count() == 1
    assert events("action_plans.progressupdate.posted") == 1


@pytest.mark.parametrize("page", ["decision", "action status"])
def test_the_meeting_forms_sent_twice_write_once(secretariat, page):
    """The decision and action-status forms carry the token too: the second sending is
    answered like the first (a redirect) and writes nothing."""
    meeting = MeetingFactory()
    item = ActionItemFactory(meeting=meeting)
    if page == "decision":
        url = reverse("meetings:decision-create", args=[meeting.pk])
        data, verb = {"text": "Publish the draft plan."}, "meetings.decision.recorded"
    else:
        url = reverse("meetings:action-status", args=[item.pk])
        data, verb = {"status": "done", "version": "1"}, "meetings.actionitem.status_changed"
    browser = Client()
    browser.force_login(secretariat)
    data["submission_token"] = token_from(browser.get(url).content.decode())
    first, second = browser.post(url, data), browser.post(url, data)
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    assert events(verb) == 1
    assert Decision.objects.count() == (1 if page == "decision" else 0)


def test_a_form_sent_again_with_different_answers_is_refused_and_changes_nothing(lead, commitment):
    token = uuid.uuid4()
    first = post_progress_update(
        by=lead, commitment=commitment, status="delayed", text="Waiting.", submission_token=token
    )
    with pytest.raises(DomainError, match="already sent, with different answers"):
        post_progress_update(
            by=lead, commitment=commitment, status="complete", text="Done.", submission_token=token
        )
    assert list(ProgressUpdate.objects.filter(commitment=commitment)) == [first]
    assert Commitment.objects.get(pk=commitment.pk).status == "delayed"
    assert events("action_plans.progressupdate.posted") == 1


def test_the_same_decision_recorded_twice_at_once_is_recorded_once(secretariat):
    meeting = MeetingFactory()
    token = uuid.uuid4()

    def record():
        return record_decision(
            by=secretariat, meeting=meeting, text="Publish the draft.", submission_token=token
        ).pk

    first, second = values(run_in_threads(record, record))
    assert first == second
    assert Decision.objects.filter(meeting=meeting).count() == 1
    assert events("meetings.decision.recorded") == 1


def test_the_same_action_closed_twice_at_once_is_closed_once(secretariat):
    item = ActionItemFactory()
    token = uuid.uuid4()

    def close():
        closed = set_action_item_status(
            by=secretariat,
            action_item=item,
            status="done",
            expected_version=item.version,
            submission_token=token,
        )
        return closed.status, closed.version

    assert values(run_in_threads(close, close)) == [("done", 2), ("done", 2)]
    assert ActionItem.objects.get(pk=item.pk).status == "done"
    assert events("meetings.actionitem.status_changed") == 1


# Two people, the same record ------------------------------------------------------------------


def assert_one_saved_one_told(outcomes) -> None:
    errors = [o.error for o in outcomes if o.error is not None]
    assert len(errors) == 1 and len(outcomes) == 2, errors
    assert isinstance(errors[0], DomainError)
    if isinstance(errors[0], ConflictError):
        assert "Someone else changed this record" in errors[0].message


def test_two_people_closing_the_same_action_at_once_one_is_told(secretariat, administrator):
    item = ActionItemFactory()

    def close(by, status, note):
        return lambda: set_action_item_status(
            by=by, action_item=item, status=status, note=note, expected_version=item.version
        )

    outcomes = run_in_threads(
        close(secretariat, "done", ""), close(administrator, "dropped", "Overtaken")
    )
    assert_one_saved_one_told(outcomes)
    saved = ActionItem.objects.get(pk=item.pk)
    assert saved.version == 2 and saved.status in {"done", "dropped"}
    assert events("meetings.actionitem.status_changed") == 1


@pytest.mark.parametrize("from_a_form", [True, False], ids=["same-version", "no-version"])
def test_the_same_milestone_completed_twice_at_once_is_completed_once(
    lead, commitment, from_a_form
):
    """From a form both carry the version they read (ConflictError for the second); from the CLI
    or an import there is none, and the second finds it already complete (DomainError)."""
    milestone = MilestoneFactory(commitment=commitment)
    MilestoneFactory(commitment=commitment)
    version = milestone.version if from_a_form else None

    def complete():
        return complete_milestone(by=lead, milestone=milestone, expected_version=version).pk

    assert_one_saved_one_told(run_in_threads(complete, complete))
    assert Milestone.objects.get(pk=milestone.pk).status == "complete"
    assert events("action_plans.milestone.completed") == 1
    counted = Commitment.objects.get(pk=commitment.pk)
    assert (counted.milestones_complete, counted.progress_percent) == (1, 50)


def test_two_editors_of_a_milestone_the_second_is_told_and_keeps_their_text(lead, commitment):
    milestone = MilestoneFactory(commitment=commitment, text="Publish the strategy")
    url = reverse("action_plans:milestone-edit", args=[milestone.pk])
    first, second = Client(), Client()
    for browser in (first, second):
        browser.force_login(lead)
        assert browser.get(url).status_code == 200  # both start from version 1
    saved = first.post(url, {"text": "Publish the strategy by March", "version": "1"})
    refused = second.post(url, {"text": "Publish the strategy and its data", "version": "1"})
    assert saved.status_code == 302
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else changed this record while you were editing it." in html
    assert "Publish the strategy and its data</textarea>" in html  # nothing typed is lost
    assert Milestone.objects.get(pk=milestone.pk).text == "Publish the strategy by March"
    assert events("action_plans.milestone.changed") == 1


def test_two_api_clients_completing_a_milestone_at_once_one_gets_409(lead, commitment):
    milestone = MilestoneFactory(commitment=commitment)
    _token, raw = create_api_token(by=lead, name="test")
    url = f"/api/v1/milestones/{milestone.pk}/complete"

    def complete():
        return Client().post(
            url,
            {"version": milestone.version},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
        )

    responses = sorted(values(run_in_threads(complete, complete)), key=lambda r: r.status_code)
    assert [r.status_code for r in responses] == [200, 409]
    assert responses[0].json()["status"]["key"] == "complete"
    assert "Someone else changed this record" in responses[1].json()["detail"]
    assert events("action_plans.milestone.completed") == 1


# The API ---------------------------------------------------------------------------------------


def test_an_api_update_retried_with_its_idempotency_key_is_posted_once(lead, commitment):
    _token, raw = create_api_token(by=lead, name="test")
    key = str(uuid.uuid4())

    def post():
        return Client().post(
            f"/api/v1/commitments/{commitment.pk}/updates",
            {"status": "delayed", "text": "Waiting for the strategy."},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {raw}",
            HTTP_IDEMPOTENCY_KEY=key,
        )

    responses = values(run_in_threads(post, post))
    assert [r.status_code for r in responses] == [201, 201]
    assert responses[0].json()["id"] == responses[1].json()["id"]
    assert ProgressUpdate.objects.filter(commitment=commitment).count() == 1


def test_the_idempotency_key_header_is_read_as_a_uuid():
    key = uuid.uuid4()
    assert idempotency_key({"Idempotency-Key": f" {key} "}) == key
    assert idempotency_key({}) is None
    with pytest.raises(DomainError, match="must be a UUID") as refused:
        idempotency_key({"Idempotency-Key": "twice"})
    assert refused.value.field == "Idempotency-Key"
