"""Services for posts and tenures: who may record them, the overlap rule, ending the previous
holder, corrections against a stale version, and the audit trail."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.models import Appointment, Post, Tenure
from opengov.organisations.tenures import correct_tenure, create_post, end_tenure, start_tenure
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory
from opengov.organisations.tests.post_factories import PostFactory, TenureFactory

pytestmark = pytest.mark.django_db

D = dt.date
MANAGERS = ["government_contact", "secretariat", "administrator"]
NOT_MANAGERS = ["anonymous", "participant", "civil_society_member", "lead", "forum_member"]


@pytest.mark.parametrize("role", MANAGERS)
def test_manager_can_create_post(user_for_role, role):
    office = OrganisationFactory(name="Cabinet Office")
    post = create_post(
        by=user_for_role(role),
        title="  Minister for the\nCabinet Office ",
        organisation=office,
        description="Leads the Cabinet Office.",
    )
    assert post.title == "Minister for the Cabinet Office"
    assert post.slug == "minister-for-the-cabinet-office"
    assert post.is_single_holder
    event = AuditEvent.objects.get(verb="organisations.post.created")
    assert event.changes["title"] == [None, "Minister for the Cabinet Office"]


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_others_cannot_create_post(user_for_role, role):
    with pytest.raises(PermissionDeniedError):
        create_post(by=user_for_role(role), title="Anti-Corruption Champion")
    assert not Post.objects.exists()


def test_create_post_refuses_an_empty_or_repeated_title(secretariat):
    with pytest.raises(DomainError) as error:
        create_post(by=secretariat, title=" \u200b ")
    assert error.value.field == "title"
    create_post(by=secretariat, title="Anti-Corruption Champion")
    with pytest.raises(DomainError, match="already exists"):
        create_post(by=secretariat, title="anti-corruption champion")
    assert Post.objects.count() == 1


@pytest.mark.parametrize("role", MANAGERS)
def test_manager_can_start_tenure(user_for_role, role):
    post, person = PostFactory(), PersonFactory()
    tenure = start_tenure(
        by=user_for_role(role),
        post=post,
        person=person,
        start_on=D(2016, 7, 14),
        appointment=Appointment.APPOINTED,
        source_url="https://www.gov.uk/government/news/example",
    )
    assert (tenure.post, tenure.person, tenure.end_on) == (post, person, None)
    event = AuditEvent.objects.get(verb="organisations.tenure.started")
    assert event.scope_key == f"organisations.post:{post.pk}"
    assert event.changes["start_on"] == [None, "2016-07-14"]


@pytest.mark.parametrize("role", NOT_MANAGERS)
def test_others_cannot_start_tenure(user_for_role, role):
    with pytest.raises(PermissionDeniedError):
        start_tenure(
            by=user_for_role(role),
            post=PostFactory(),
            person=PersonFactory(),
            start_on=D(2016, 1, 1),
        )
    assert not Tenure.objects.exists()


def test_start_tenure_refuses_an_overlap_naming_the_other_holders_dates(secretariat):
    held = TenureFactory(start_on=D(2015, 5, 11), end_on=D(2016, 7, 13))
    held.person.name = "Matt Hancock"
    held.person.save()
    with pytest.raises(DomainError) as error:
        start_tenure(
            by=secretariat, post=held.post, person=PersonFactory(), start_on=D(2016, 7, 13)
        )
    assert error.value.field == "start_on"
    assert "Matt Hancock held it from 11 May 2015 to 13 July 2016" in str(error.value)
    assert Tenure.objects.count() == 1
    assert not AuditEvent.objects.filter(verb="organisations.tenure.started").exists()


def test_start_tenure_refuses_a_period_surrounding_another(secretariat):
    held = TenureFactory(start_on=D(2016, 1, 1), end_on=D(2016, 2, 1))
    with pytest.raises(DomainError, match="from 1 January 2016 to 1 February 2016"):
        start_tenure(
            by=secretariat,
            post=held.post,
            person=PersonFactory(),
            start_on=D(2015, 1, 1),
            end_on=D(2017, 1, 1),
        )


def test_start_tenure_refuses_an_open_ended_overlap_with_an_open_tenure(secretariat):
    held = TenureFactory(start_on=D(2016, 1, 1))
    with pytest.raises(DomainError, match="from 1 January 2016"):
        start_tenure(by=secretariat, post=held.post, person=PersonFactory(), start_on=D(2017, 1, 1))


def test_start_tenure_allows_the_day_after_and_several_holders_of_a_shared_post(secretariat):
    held = TenureFactory(start_on=D(2016, 1, 1), end_on=D(2016, 2, 1))
    start_tenure(by=secretariat, post=held.post, person=PersonFactory(), start_on=D(2016, 2, 2))
    shared = PostFactory(title="Commissioner", is_single_holder=False)
    TenureFactory(post=shared, start_on=D(2016, 1, 1))
    start_tenure(by=secretariat, post=shared, person=PersonFactory(), start_on=D(2016, 1, 1))
    assert Tenure.objects.count() == 4


def test_start_tenure_ends_the_previous_holders_tenure_the_day_before_when_asked(secretariat):
    previous = TenureFactory(start_on=D(2015, 5, 11))
    tenure = start_tenure(
        by=secretariat,
        post=previous.post,
        person=PersonFactory(),
        start_on=D(2016, 7, 14),
        end_previous=True,
    )
    previous.refresh_from_db()
    assert previous.end_on == D(2016, 7, 13)
    assert previous.version == 2
    assert tenure.end_on is None
    ended = AuditEvent.objects.get(verb="organisations.tenure.ended")
    assert ended.changes == {"end_on": [None, "2016-07-13"]}


def test_start_tenure_ending_the_previous_one_writes_nothing_when_it_still_overlaps(secretariat):
    previous = TenureFactory(start_on=D(2015, 5, 11))
    later = TenureFactory(post=previous.post, start_on=D(2014, 1, 1), end_on=D(2014, 12, 31))
    with pytest.raises(DomainError):
        start_tenure(
            by=secretariat,
            post=previous.post,
            person=PersonFactory(),
            start_on=D(2014, 6, 1),
            end_previous=True,
        )
    previous.refresh_from_db()
    later.refresh_from_db()
    assert (previous.end_on, later.end_on) == (None, D(2014, 12, 31))
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"start_on": None}, "start_on"),
        ({"end_on": D(2015, 12, 31)}, "end_on"),
        ({"appointment": "crowned"}, "appointment"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
    ],
)
def test_start_tenure_refuses_bad_input(secretariat, values, field):
    arguments = {"start_on": D(2016, 1, 1), **values}
    with pytest.raises(DomainError) as error:
        start_tenure(by=secretariat, post=PostFactory(), person=PersonFactory(), **arguments)
    assert error.value.field == field
    assert not Tenure.objects.exists()


def test_end_tenure_records_the_last_day(government_contact):
    tenure = TenureFactory(start_on=D(2016, 7, 14))
    ended = end_tenure(
        by=government_contact, tenure=tenure, end_on=D(2017, 6, 11), expected_version=1
    )
    assert (ended.end_on, ended.version) == (D(2017, 6, 11), 2)
    assert AuditEvent.objects.filter(verb="organisations.tenure.ended").count() == 1


def test_end_tenure_refuses_an_ended_tenure_an_early_day_and_a_stale_version(secretariat):
    tenure = TenureFactory(start_on=D(2016, 7, 14))
    with pytest.raises(DomainError, match="on or after the day it started"):
        end_tenure(by=secretariat, tenure=tenure, end_on=D(2016, 7, 13))
    with pytest.raises(ConflictError):
        end_tenure(by=secretariat, tenure=tenure, end_on=D(2017, 1, 1), expected_version=7)
    end_tenure(by=secretariat, tenure=tenure, end_on=D(2017, 1, 1))
    with pytest.raises(DomainError, match="already ended on 1 January 2017"):
        end_tenure(by=secretariat, tenure=tenure, end_on=D(2017, 2, 1))


def test_participant_cannot_end_tenure(participant):
    tenure = TenureFactory()
    with pytest.raises(PermissionDeniedError):
        end_tenure(by=participant, tenure=tenure, end_on=D(2017, 1, 1))


def test_correct_tenure_changes_the_record_and_its_version(secretariat):
    tenure = TenureFactory(start_on=D(2016, 7, 15))
    corrected = correct_tenure(
        by=secretariat,
        tenure=tenure,
        expected_version=1,
        start_on=D(2016, 7, 14),
        end_on=None,
        appointment=Appointment.REAPPOINTED,
        source_url="https://www.gov.uk/government/people/example",
        note="Reappointed.",
    )
    assert (corrected.start_on, corrected.appointment, corrected.version) == (
        D(2016, 7, 14),
        "reappointed",
        2,
    )
    event = AuditEvent.objects.get(verb="organisations.tenure.corrected")
    assert event.changes["start_on"] == ["2016-07-15", "2016-07-14"]


def test_correct_tenure_refuses_a_stale_version_and_an_overlap(secretariat):
    first = TenureFactory(start_on=D(2015, 1, 1), end_on=D(2015, 12, 31))
    second = TenureFactory(post=first.post, start_on=D(2016, 1, 1))
    with pytest.raises(ConflictError):
        correct_tenure(
            by=secretariat,
            tenure=second,
            expected_version=5,
            start_on=D(2016, 1, 2),
            end_on=None,
            appointment="appointed",
        )
    with pytest.raises(DomainError, match="from 1 January 2015 to 31 December 2015"):
        correct_tenure(
            by=secretariat,
            tenure=second,
            expected_version=1,
            start_on=D(2015, 12, 31),
            end_on=None,
            appointment="appointed",
        )
    second.refresh_from_db()
    assert (second.start_on, second.version) == (D(2016, 1, 1), 1)
    # A tenure does not overlap itself.
    correct_tenure(
        by=secretariat,
        tenure=second,
        expected_version=1,
        start_on=D(2016, 1, 2),
        end_on=None,
        appointment="appointed",
    )


def test_start_tenure_twice_with_one_submission_token_writes_once(secretariat):
    post, person = PostFactory(), PersonFactory()
    token = uuid.uuid4()
    arguments = {"post": post, "person": person, "start_on": D(2016, 7, 14)}
    first = start_tenure(by=secretariat, submission_token=token, **arguments)
    again = start_tenure(by=secretariat, submission_token=token, **arguments)
    assert again == first
    assert AuditEvent.objects.filter(verb="organisations.tenure.started").count() == 1
