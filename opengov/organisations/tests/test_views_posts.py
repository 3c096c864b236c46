"""The pages of posts, tenures and projects: what they show, who may use the managing pages,
one happy POST per form, refusals shown on the form, and constant query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.organisations.models import Post, Project, Tenure
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory
from opengov.organisations.tests.post_factories import (
    NetworkFactory,
    PostFactory,
    ProjectFactory,
    TenureFactory,
)

pytestmark = pytest.mark.django_db

D = dt.date


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def date_fields(name: str, day: dt.date | None) -> dict[str, str]:
    if day is None:
        return {f"{name}_day": "", f"{name}_month": "", f"{name}_year": ""}
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def test_post_page_shows_the_holder_and_those_before(client):
    post = PostFactory(title="Minister for the Cabinet Office")
    TenureFactory(
        post=post,
        person=PersonFactory(name="Matt Hancock"),
        start_on=D(2015, 5, 11),
        end_on=D(2016, 7, 13),
    )
    TenureFactory(
        post=post,
        person=PersonFactory(name="Ben Gummer"),
        start_on=D(2016, 7, 14),
        note="Went to the Paris Summit.",
    )
    response = client.get(post.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    held_now, held_before = body.split("Held before")
    assert "Ben Gummer" in held_now and "Matt Hancock" not in held_now
    assert "Matt Hancock" in held_before and "13 July 2016" in held_before
    assert "Record a holder" not in body


def test_post_list_shows_current_holders(client):
    TenureFactory(
        post=PostFactory(title="Anti-Corruption Champion"),
        person=PersonFactory(name="Sir Eric Pickles"),
        start_on=D(2016, 1, 1),
    )
    body = client.get(reverse("organisations:post-list")).content.decode()
    assert "Anti-Corruption Champion" in body and "Sir Eric Pickles" in body


def test_person_page_lists_their_posts(client):
    tenure = TenureFactory(post=PostFactory(title="Anti-Corruption Champion"))
    body = client.get(tenure.person.get_absolute_url()).content.decode()
    assert "Anti-Corruption Champion" in body


def test_network_page_and_project_page_show_the_project(client):
    partner = OrganisationFactory(name="NI Open Government Network")
    project = ProjectFactory(
        title="Open government and the SDGs",
        funder=OrganisationFactory(name="The Big Lottery Fund"),
    )
    project.partners.add(partner)
    network_page = client.get(project.network.get_absolute_url()).content.decode()
    assert "Open government and the SDGs" in network_page and "The Big Lottery Fund" in network_page
    body = client.get(project.get_absolute_url()).content.decode()
    assert body.count("<h1") == 1
    assert "NI Open Government Network" in body and "Active" in body


def grow_posts(n: int) -> None:
    for _ in range(n):
        post = PostFactory()
        TenureFactory(post=post, start_on=D(2010, 1, 1), end_on=D(2014, 12, 31))
        TenureFactory(post=post, start_on=D(2015, 1, 1))


def test_post_list_query_count_is_constant(client):
    grow_posts(10)
    small = count_queries(client, reverse("organisations:post-list"))
    grow_posts(100)
    assert count_queries(client, reverse("organisations:post-list")) == small


def test_post_page_query_count_is_constant(client, secretariat):
    client.force_login(secretariat)
    post = PostFactory()
    for year in range(2000, 2010):
        TenureFactory(post=post, start_on=D(year, 1, 1), end_on=D(year, 12, 31))
    small = count_queries(client, post.get_absolute_url())
    for year in range(1900, 1990):
        TenureFactory(post=post, start_on=D(year, 1, 1), end_on=D(year, 12, 31))
    assert count_queries(client, post.get_absolute_url()) == small


def test_person_page_query_count_is_constant(client):
    person = PersonFactory()
    for _ in range(10):
        TenureFactory(person=person)
    small = count_queries(client, person.get_absolute_url())
    for _ in range(90):
        TenureFactory(person=person)
    assert count_queries(client, person.get_absolute_url()) == small


def test_network_and_project_page_query_counts_are_constant(client):
    network = NetworkFactory()
    project = ProjectFactory(network=network)

    def grow(n: int) -> None:
        for _ in range(n):
            ProjectFactory(network=network)
            project.partners.add(OrganisationFactory())

    grow(10)
    small_network = count_queries(client, network.get_absolute_url())
    small_project = count_queries(client, project.get_absolute_url())
    grow(90)
    assert count_queries(client, network.get_absolute_url()) == small_network
    assert count_queries(client, project.get_absolute_url()) == small_project


# Managing pages -------------------------------------------------------------------------------


def manage_urls() -> list[str]:
    tenure = TenureFactory()
    project = ProjectFactory()
    return [
        reverse("organisations:post-create"),
        reverse("organisations:tenure-create", args=[tenure.post.slug]),
        reverse("organisations:tenure-correct", args=[tenure.pk]),
        reverse("organisations:tenure-end", args=[tenure.pk]),
        reverse("organisations:project-create", args=[project.network.slug]),
        reverse("organisations:project-edit", args=[project.slug]),
    ]


def test_anonymous_is_sent_to_sign_in_from_managing_pages(client):
    for url in manage_urls():
        response = client.get(url)
        assert response.status_code == 302 and "sign-in" in response["Location"], url


def test_participant_is_refused_managing_pages(client, participant):
    client.force_login(participant)
    for url in manage_urls():
        assert client.get(url).status_code == 403, url


def test_government_contact_may_record_posts_but_not_projects(client, government_contact):
    client.force_login(government_contact)
    statuses = [client.get(url).status_code for url in manage_urls()]
    assert statuses == [200, 200, 200, 200, 403, 403]


def test_secretariat_sees_every_managing_page(client, secretariat):
    client.force_login(secretariat)
    for url in manage_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1


def test_unknown_post_tenure_and_project_are_404(client, secretariat):
    client.force_login(secretariat)
    for url in [
        reverse("organisations:post-detail", args=["none"]),
        reverse("organisations:tenure-create", args=["none"]),
        reverse("organisations:tenure-end", args=[999999]),
        reverse("organisations:project-detail", args=["none"]),
        reverse("organisations:project-edit", args=["none"]),
    ]:
        assert client.get(url).status_code == 404, url


def test_secretariat_adds_a_post_and_records_a_transition(client, secretariat):
    client.force_login(secretariat)
    office = OrganisationFactory(name="Cabinet Office")
    response = client.post(
        reverse("organisations:post-create"),
        {
            "title": "Minister for the Cabinet Office",
            "organisation": office.pk,
            "is_single_holder": "on",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    hancock, gummer = PersonFactory(name="Matt Hancock"), PersonFactory(name="Ben Gummer")
    TenureFactory(post=post, person=hancock, start_on=D(2015, 5, 11))
    response = client.post(
        reverse("organisations:tenure-create", args=[post.slug]),
        {
            "person": gummer.pk,
            **date_fields("start_on", D(2016, 7, 14)),
            **date_fields("end_on", None),
            "appointment": "appointed",
            "end_previous": "on",
            "source_url": "https://www.gov.uk/government/people/ben-gummer",
            "note": "",
        },
    )
    assert response.status_code == 302
    assert Tenure.objects.get(person=hancock).end_on == D(2016, 7, 13)
    assert Tenure.objects.get(person=gummer).end_on is None


def test_an_overlapping_holder_is_refused_on_the_form(client, secretariat):
    client.force_login(secretariat)
    held = TenureFactory(start_on=D(2016, 7, 14))
    response = client.post(
        reverse("organisations:tenure-create", args=[held.post.slug]),
        {
            "person": PersonFactory().pk,
            **date_fields("start_on", D(2016, 11, 10)),
            **date_fields("end_on", None),
            "appointment": "appointed",
        },
    )
    assert response.status_code == 200
    assert "from 14 July 2016" in response.content.decode()
    assert Tenure.objects.count() == 1


def test_secretariat_ends_and_corrects_a_tenure(client, secretariat):
    client.force_login(secretariat)
    tenure = TenureFactory(start_on=D(2016, 7, 14))
    response = client.post(
        reverse("organisations:tenure-end", args=[tenure.pk]),
        {**date_fields("end_on", D(2017, 6, 11)), "version": 1},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("organisations:tenure-correct", args=[tenure.pk]),
        {
            **date_fields("start_on", D(2016, 7, 15)),
            **date_fields("end_on", D(2017, 6, 11)),
            "appointment": "appointed",
            "source_url": "",
            "note": "",
            "version": 1,
        },
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    response = client.post(
        reverse("organisations:tenure-correct", args=[tenure.pk]),
        {
            **date_fields("start_on", D(2016, 7, 15)),
            **date_fields("end_on", D(2017, 6, 11)),
            "appointment": "appointed",
            "source_url": "",
            "note": "",
            "version": 2,
        },
    )
    assert response.status_code == 302
    tenure.refresh_from_db()
    assert (tenure.start_on, tenure.end_on, tenure.version) == (D(2016, 7, 15), D(2017, 6, 11), 3)


def test_secretariat_adds_and_changes_a_project(client, secretariat):
    client.force_login(secretariat)
    network = NetworkFactory()
    funder, partner = OrganisationFactory(name="NESTA"), OrganisationFactory(name="SCVO")
    response = client.post(
        reverse("organisations:project-create", args=[network.slug]),
        {
            "title": "Reach and impact",
            "funder": funder.pk,
            "funder_name": "",
            "purpose": "To expand the reach and impact of the OGN.",
            "partners": [partner.pk],
            **date_fields("start_on", None),
            **date_fields("end_on", None),
            "status": "planned",
            "url": "",
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert list(project.partners.all()) == [partner]
    response = client.post(
        reverse("organisations:project-edit", args=[project.slug]),
        {
            "title": "Reach and impact",
            "funder": funder.pk,
            "funder_name": "",
            "purpose": project.purpose,
            **date_fields("start_on", None),
            **date_fields("end_on", None),
            "status": "active",
            "url": "",
            "version": 1,
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.status, project.partners.count()) == ("active", 0)
