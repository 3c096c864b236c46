"""The totals of numbered lists, counted once per data generation (opengov/core/paging.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.core import audit
from opengov.core.actors import SYSTEM
from opengov.core.paging import CountedPaginator, cached_count
from opengov.meetings.tests.factories import ActionItemFactory, MeetingFactory
from opengov.organisations.models import Organisation
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counts_kept(settings):
    settings.OPENGOV_COUNT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def a_write() -> None:
    """What every service write does: append an audit event, which moves the generation."""
    with transaction.atomic():
        audit.record(actor=SYSTEM, verb="test.write", obj=OrganisationFactory())


def count_queries(queryset) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        value = cached_count(queryset)
    return value, sum("COUNT(" in q["sql"].upper() for q in queries)


def test_a_count_is_kept_until_the_next_write(counts_kept):
    a_write()
    OrganisationFactory.create_batch(3)  # factories write no audit event
    rows = Organisation.objects.all()

    assert count_queries(rows) == (4, 1)
    assert count_queries(rows) == (4, 0)  # kept

    a_write()

    assert count_queries(rows) == (5, 1)  # the generation moved: counted again


def test_each_query_has_its_own_count(counts_kept):
    a_write()
    OrganisationFactory(name="Involve")
    OrganisationFactory(name="mySociety")

    assert cached_count(Organisation.objects.filter(name="Involve")) == 1
    assert cached_count(Organisation.objects.filter(name__in=["Involve", "mySociety"])) == 2
    assert cached_count(Organisation.objects.filter(name="Nobody")) == 0
    assert cached_count(Organisation.objects.filter(pk__in=[])) == 0
    assert cached_count(Organisation.objects.none()) == 0
    assert cached_count(Organisation.objects.all()) == 3


def test_a_count_taken_in_a_transaction_that_rolled_back_is_never_read_again(counts_kept):
    """The transaction appended an event and counted its own row, then rolled back; the next
    write takes the same sequence, but not the same hash."""
    a_write()
    rows = Organisation.objects.all()
    assert count_queries(rows) == (1, 1)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(actor=SYSTEM, verb="test.write", obj=OrganisationFactory())
        assert count_queries(rows) == (2, 1)
        raise RuntimeError("a failure half-way")
    assert count_queries(rows) == (1, 0)

    with transaction.atomic():
        audit.record(actor=SYSTEM, verb="test.other", obj=OrganisationFactory(), is_public=False)
        OrganisationFactory()

    assert count_queries(rows) == (3, 1)


def test_nothing_is_kept_when_the_setting_is_zero(settings):
    settings.OPENGOV_COUNT_CACHE_SECONDS = 0
    OrganisationFactory()
    assert count_queries(Organisation.objects.all()) == (1, 1)
    assert count_queries(Organisation.objects.all()) == (1, 1)


def test_the_paginator_counts_querysets_through_the_cache_and_lists_directly(counts_kept):
    a_write()
    OrganisationFactory.create_batch(3)
    paginator = CountedPaginator(Organisation.objects.order_by("pk"), 2)
    assert (paginator.count, paginator.num_pages) == (4, 2)
    assert CountedPaginator([1, 2, 3], 2).count == 3


def test_the_action_register_counts_once_per_generation_and_per_viewer(
    client, counts_kept, user_for_role
):
    """Anonymous visitors and the secretariat see different totals of the same register: the
    secretariat's count takes in the private meeting's actions."""
    a_write()
    ActionItemFactory.create_batch(2, meeting=MeetingFactory())
    ActionItemFactory.create_batch(3, meeting=MeetingFactory(is_public=False))
    url = reverse("meetings:action-register")

    def shown(response) -> str:
        assert response.status_code == 200
        return response.text

    assert "2 actions" in shown(client.get(url))
    with CaptureQueriesContext(connection) as queries:
        assert "2 actions" in shown(client.get(url))
    assert not any("COUNT(" in q["sql"].upper() for q in queries)

    ActionItemFactory(meeting=MeetingFactory())  # no audit event: the kept total stands
    assert "2 actions" in shown(client.get(url))
    a_write()
    assert "3 actions" in shown(client.get(url))

    client.force_login(user_for_role("secretariat"))
    assert "6 actions" in shown(client.get(url))
