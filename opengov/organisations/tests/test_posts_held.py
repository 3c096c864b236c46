"""posts_held: the posts people held on given days, in one query."""

from __future__ import annotations

import datetime as dt

import pytest

from opengov.organisations.posts import posts_held
from opengov.organisations.tests.factories import PersonFactory
from opengov.organisations.tests.post_factories import PostFactory, TenureFactory

pytestmark = pytest.mark.django_db

D = dt.date


def test_posts_held_returns_the_tenures_held_that_day_inclusive(django_assert_num_queries):
    post = PostFactory(title="Minister for the Cabinet Office")
    hancock, gummer = PersonFactory(), PersonFactory()
    first = TenureFactory(post=post, person=hancock, start_on=D(2015, 5, 11), end_on=D(2016, 7, 13))
    second = TenureFactory(post=post, person=gummer, start_on=D(2016, 7, 14))
    pairs = [
        (hancock.pk, D(2016, 7, 13)),
        (hancock.pk, D(2016, 7, 14)),
        (gummer.pk, D(2016, 7, 14)),
        (gummer.pk, D(2016, 11, 10)),
        (gummer.pk, D(2016, 7, 13)),
    ]
    with django_assert_num_queries(1):
        held = posts_held(pairs)
        # The post and its organisation come with the tenure: no further query.
        assert held[(gummer.pk, D(2016, 11, 10))][0].post.organisation.name
    assert held == {
        (hancock.pk, D(2016, 7, 13)): [first],
        (hancock.pk, D(2016, 7, 14)): [],
        (gummer.pk, D(2016, 7, 14)): [second],
        (gummer.pk, D(2016, 11, 10)): [second],
        (gummer.pk, D(2016, 7, 13)): [],
    }


def test_posts_held_lists_every_post_held_that_day_oldest_first():
    person = PersonFactory()
    older = TenureFactory(person=person, start_on=D(2010, 1, 1))
    newer = TenureFactory(person=person, start_on=D(2016, 1, 1), end_on=D(2016, 12, 31))
    TenureFactory(person=person, start_on=D(2017, 1, 1))  # after the day
    TenureFactory(start_on=D(2016, 1, 1))  # someone else's
    assert posts_held([(person.pk, D(2016, 11, 10))]) == {
        (person.pk, D(2016, 11, 10)): [older, newer]
    }


def test_posts_held_for_no_pairs_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert posts_held([]) == {}


def test_posts_held_counts_one_query_for_many_people(django_assert_num_queries):
    people = [PersonFactory() for _ in range(30)]
    for person in people:
        TenureFactory(person=person, start_on=D(2016, 1, 1))
    pairs = [(p.pk, D(2016, 6, 1) + dt.timedelta(days=i)) for i, p in enumerate(people)]
    with django_assert_num_queries(1):
        held = posts_held(iter(pairs))  # any iterable, consumed once
    assert all(len(held[pair]) == 1 for pair in pairs)


def test_posts_held_accepts_a_repeated_pair():
    tenure = TenureFactory(start_on=D(2016, 1, 1))
    day = D(2016, 2, 1)
    assert posts_held([(tenure.person_id, day), (tenure.person_id, day)]) == {
        (tenure.person_id, day): [tenure]
    }
