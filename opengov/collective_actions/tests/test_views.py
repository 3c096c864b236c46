"""Pages of events and collective actions: status codes, the forms' happy paths, permissions by
role, and query counts that do not grow with the rows shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.collective_actions import services
from opengov.collective_actions.choices import ActionStatus
from opengov.collective_actions.models import CollectiveAction, SignUp
from opengov.organisations.tests.factories import PersonFactory

from .conftest import speaker_for
from .factories import CollectiveActionFactory, EventFactory

pytestmark = pytest.mark.django_db


def fill(event, actions: int, secretariat) -> None:
    for n in range(actions):
        action = CollectiveActionFactory(event=event)
        user, organisation = speaker_for(f"Country {event.pk}-{n}")
        services.sign_up(by=user, action=action, organisation=organisation, statement="We will")
    for _n in range(actions):
        services.add_delegate(by=secretariat, event=event, person=PersonFactory())
        services.add_event_document(
            by=secretariat, event=event, title="Doc", url="https://example.org/d"
        )


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["event-list", "action-list"])
def test_lists_run_the_same_queries_at_10_and_100_rows(client, secretariat, name):
    url = reverse(f"collective_actions:{name}")
    for n in range(10):
        fill(EventFactory(title=f"Event {n}"), 1, secretariat)
    few = _count(client, url)
    for n in range(90):
        fill(EventFactory(title=f"More {n}"), 1, secretariat)
    assert _count(client, url) == few


def test_event_and_action_pages_run_the_same_queries_at_10_and_100_rows(client, secretariat):
    small, large = EventFactory(), EventFactory()
    fill(small, 10, secretariat)
    fill(large, 100, secretariat)
    assert _count(client, small.get_absolute_url()) == _count(client, large.get_absolute_url())
    one = CollectiveActionFactory(event=small)
    many = CollectiveActionFactory(event=large)
    for action, n in ((one, 10), (many, 100)):
        for i in range(n):
            user, organisation = speaker_for(f"Signatory {action.pk}-{i}")
            services.sign_up(by=user, action=action, organisation=organisation)
    client.force_login(secretariat)
    assert _count(client, one.get_absolute_url()) == _count(client, many.get_absolute_url())


def test_the_action_page_shows_progress_in_words_and_signatories_by_kind(client, governments):
    action = CollectiveActionFactory(title="Open contracting")
    services.sign_up(by=governments[0][0], action=action, organisation=governments[0][1])
    page = client.get(action.get_absolute_url()).content.decode()
    assert "1 distinct signatory counted of the 3 needed." in page
    assert "2 more are needed" in page
    assert "National government" in page and "France" in page
    assert "signed up" in page  # the history


def test_a_signatory_signs_up_and_withdraws_through_the_pages(client, governments):
    action = CollectiveActionFactory()
    user, france = governments[0]
    client.force_login(user)
    page = client.get(action.get_absolute_url()).content.decode()
    assert 'name="signatory"' in page
    response = client.post(
        reverse("collective_actions:signup-create", args=[action.pk]),
        {"signatory": str(france.pk), "statement": "We will publish contracts"},
    )
    assert response.status_code == 302
    sign_up = SignUp.objects.get()
    assert sign_up.statement == "We will publish contracts"
    withdraw = reverse("collective_actions:signup-withdraw", args=[sign_up.pk])
    assert client.get(withdraw).status_code == 200
    assert client.post(withdraw).status_code == 302
    assert not SignUp.objects.exists()


def test_an_empty_sign_up_is_refused_on_the_form(client, governments):
    action = CollectiveActionFactory()
    client.force_login(governments[0][0])
    response = client.post(reverse("collective_actions:signup-create", args=[action.pk]), {})
    assert response.status_code == 200 and not SignUp.objects.exists()
    assert "Choose who is signing up" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"), [("participant", 403), ("lead", 403), ("secretariat", 200)]
)
def test_managing_pages_are_for_plan_managers(client, user_for_role, role, expected):
    client.force_login(user_for_role(role))
    assert client.get(reverse("collective_actions:event-create")).status_code == expected
    assert client.get(reverse("collective_actions:action-create")).status_code == expected


def test_a_plan_manager_records_an_event_and_a_collective_action(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("collective_actions:event-create"),
        {"title": "OGP Global Summit", "starts_on_day": "7", "starts_on_month": "12",
         "starts_on_year": "2016", "place": "Paris"},
    )  # fmt: skip
    assert response.status_code == 302
    event = EventFactory._meta.model.objects.get(title="OGP Global Summit")
    assert event.starts_on == dt.date(2016, 12, 7)
    response = client.post(
        reverse("collective_actions:action-create"),
        {"event": event.pk, "title": "Beneficial ownership", "quorum": "3",
         "counted_kinds": ["national_government", "expert"]},
    )  # fmt: skip
    assert response.status_code == 302
    action = CollectiveAction.objects.get()
    assert action.counted_kinds() == ["national_government", "expert"]


def test_a_plan_manager_adopts_a_considered_action(client, governments, government_contact):
    from opengov.action_plans.tests.factories import CommitmentFactory

    action = CollectiveActionFactory()
    for user, organisation in governments:
        services.sign_up(by=user, action=action, organisation=organisation)
    commitment = CommitmentFactory()
    action.refresh_from_db()
    client.force_login(government_contact)
    response = client.post(
        reverse("collective_actions:action-adopt", args=[action.pk]),
        {"commitment": commitment.pk, "version": action.version},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.ADOPTED


def test_the_commitment_page_names_the_collective_action_it_adopted(
    client, governments, government_contact
):
    from opengov.action_plans.tests.factories import CommitmentFactory

    commitment = CommitmentFactory()
    before = _count(client, commitment.get_absolute_url())
    for title in ("Open contracting", "Beneficial ownership"):
        action = CollectiveActionFactory(title=title)
        for user, organisation in governments:
            services.sign_up(by=user, action=action, organisation=organisation)
        action.refresh_from_db()
        services.adopt_collective_action(
            by=government_contact, action=action, commitment=commitment,
            expected_version=action.version,
        )  # fmt: skip
    page = client.get(commitment.get_absolute_url()).content.decode()
    assert "Adopted from the collective action" in page and "Beneficial ownership" in page
    assert _count(client, commitment.get_absolute_url()) == before
