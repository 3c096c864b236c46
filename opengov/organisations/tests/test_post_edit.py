"""Editing a post: the service (rule, validation, optimistic concurrency, audit with the changed
fields, single-holder only when no tenures overlap) and its page (linked from the post's page for
plan managers, a stale edit refused on the form with the input kept)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations import tenures
from opengov.organisations.models import Post
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory
from opengov.organisations.tests.post_factories import PostFactory, TenureFactory

pytestmark = pytest.mark.django_db

D = dt.date


def edit(post: Post, by, **changes):
    values = {
        "title": post.title,
        "organisation": post.organisation,
        "description": post.description,
        "is_single_holder": post.is_single_holder,
        "expected_version": post.version,
        **changes,
    }
    return tenures.update_post(by=by, post=post, **values)


# The service ----------------------------------------------------------------------------------


def test_edit_changes_the_post_keeps_its_address_and_records_the_changed_fields(secretariat):
    cabinet_office = OrganisationFactory(name="Cabinet Office")
    post = tenures.create_post(by=secretariat, title="Minister for the Cabinet Office")
    slug = post.slug
    changed = edit(
        post,
        secretariat,
        title="Minister for the Constitution",
        organisation=cabinet_office,
        description="Leads on  *open government*.\r\n",
    )
    changed.refresh_from_db()
    assert changed.title == "Minister for the Constitution"
    assert changed.organisation == cabinet_office and changed.slug == slug
    assert changed.description == "Leads on  *open government*."
    assert changed.version == post.version + 1
    event = AuditEvent.objects.get(verb="organisations.post.changed")
    assert set(event.changes) == {"title", "organisation", "description"}
    assert event.changes["title"] == [
        "Minister for the Cabinet Office",
        "Minister for the Constitution",
    ]


def test_an_edit_that_changes_nothing_writes_nothing(secretariat):
    post = tenures.create_post(by=secretariat, title="Anti-Corruption Champion")
    same = edit(post, secretariat)
    assert same.version == post.version
    assert not AuditEvent.objects.filter(verb="organisations.post.changed").exists()


def test_a_stale_edit_is_refused_and_changes_nothing(secretariat, government_contact):
    post = tenures.create_post(by=secretariat, title="Anti-Corruption Champion")
    stale = Post.objects.get(pk=post.pk)
    edit(post, government_contact, description="Appointed by the Prime Minister.")
    with pytest.raises(ConflictError, match="Someone else changed this record"):
        edit(stale, secretariat, title="Champion")
    post.refresh_from_db()
    assert post.title == "Anti-Corruption Champion"
    assert post.description == "Appointed by the Prime Minister."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  \u200b "}, "title", "Enter the post's title"),
        ({"title": "minister for the cabinet office"}, "title", "already exists"),
    ],
)
def test_bad_input_is_refused_naming_the_field(secretariat, changes, field, message):
    office = OrganisationFactory()
    tenures.create_post(
        by=secretariat, title="Minister for the Cabinet Office", organisation=office
    )
    post = tenures.create_post(by=secretariat, title="Paymaster General", organisation=office)
    with pytest.raises(DomainError, match=message) as error:
        edit(post, secretariat, **changes)
    assert error.value.field == field
    post.refresh_from_db()
    assert post.title == "Paymaster General" and post.version == 1


def test_a_post_becomes_single_holder_only_when_its_tenures_do_not_overlap(secretariat):
    post = PostFactory(title="Commissioner", is_single_holder=False)
    TenureFactory(post=post, person=PersonFactory(name="Ann Ames"), start_on=D(2015, 1, 1))
    TenureFactory(
        post=post,
        person=PersonFactory(name="Bob Burns"),
        start_on=D(2016, 1, 1),
        end_on=D(2016, 6, 30),
    )
    with pytest.raises(DomainError, match="Ann Ames held it from 1 January 2015") as error:
        edit(post, secretariat, is_single_holder=True)
    assert error.value.field == "is_single_holder"
    post.refresh_from_db()
    assert not post.is_single_holder
    ann = post.tenures.get(person__name="Ann Ames")
    ann.end_on = D(2015, 12, 31)
    ann.save()
    assert edit(post, secretariat, is_single_holder=True).is_single_holder


@pytest.mark.parametrize("role", ["participant", "civil_society_member", "lead"])
def test_only_plan_managers_edit_posts(user_for_role, role, administrator):
    post = tenures.create_post(by=administrator, title="Anti-Corruption Champion")
    with pytest.raises(PermissionDeniedError):
        edit(post, user_for_role(role), title="Champion")
    post.refresh_from_db()
    assert post.title == "Anti-Corruption Champion"


# The page -------------------------------------------------------------------------------------


def form_data(post: Post, **changes) -> dict[str, str]:
    return {
        "title": post.title,
        "organisation": str(post.organisation_id or ""),
        "description": post.description,
        "is_single_holder": "on" if post.is_single_holder else "",
        "version": str(post.version),
        **changes,
    }


def test_post_page_links_the_edit_for_plan_managers_only(client, government_contact):
    post = PostFactory()
    url = reverse("organisations:post-edit", args=[post.slug])
    assert url not in client.get(post.get_absolute_url()).content.decode()
    client.force_login(government_contact)
    assert url in client.get(post.get_absolute_url()).content.decode()


def test_edit_page_saves_and_returns_to_the_post(client, government_contact):
    post = PostFactory(title="Minister for the Cabinet Office", description="")
    url = reverse("organisations:post-edit", args=[post.slug])
    client.force_login(government_contact)
    page = client.get(url)
    body = page.content.decode()
    assert page.status_code == 200 and body.count("<h1") == 1
    assert 'value="Minister for the Cabinet Office"' in body
    data = form_data(post, title="Minister for Implementation", description="Since 2016.")
    response = client.post(url, data, follow=True)
    assert response.redirect_chain[-1][0] == post.get_absolute_url()
    body = response.content.decode()
    assert "Post saved" in body and "Minister for Implementation" in body
    post.refresh_from_db()
    assert post.title == "Minister for Implementation" and post.version == 2


def test_a_stale_edit_is_shown_on_the_form_with_the_input_kept(client, secretariat):
    post = PostFactory(title="Anti-Corruption Champion")
    stale = form_data(post, title="Champion against corruption")
    edit(post, secretariat, description="Changed meanwhile.")
    client.force_login(secretariat)
    response = client.post(reverse("organisations:post-edit", args=[post.slug]), stale)
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "Someone else changed this record" in body
    assert 'value="Champion against corruption"' in body
    post.refresh_from_db()
    assert post.title == "Anti-Corruption Champion"


def test_edit_page_by_role(client, participant, lead, secretariat):
    post = PostFactory()
    url = reverse("organisations:post-edit", args=[post.slug])
    response = client.get(url)
    assert response.status_code == 302 and "sign-in" in response["Location"]
    for user, status in ((participant, 403), (lead, 403), (secretariat, 200)):
        client.force_login(user)
        assert client.get(url).status_code == status
    assert client.get(reverse("organisations:post-edit", args=["none"])).status_code == 404
