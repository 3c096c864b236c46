"""Removing a delegate and a document of an event: the services (rule, audit, a second removal
refused and writing nothing) and their confirmation pages (GET shows what goes, POST removes,
success banner, links from the event's page for plan managers only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opengov.collective_actions import services
from opengov.collective_actions.models import Delegate, EventDocument
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(secretariat):
    event = EventFactory(title="OGP Global Summit")
    services.add_delegate(
        by=secretariat,
        event=event,
        person=PersonFactory(name="Ben Gummer"),
        organisation=OrganisationFactory(name="Cabinet Office"),
        note="Likely on Wednesday and Thursday",
    )
    services.add_delegate(by=secretariat, event=event, person=PersonFactory(name="Tim Hughes"))
    services.add_event_document(
        by=secretariat, event=event, title="Paris Declaration", url="https://example.org/decl"
    )
    return event


def delegate_named(name: str) -> Delegate:
    return Delegate.objects.select_related("event").get(person__name=name)


def remove_delegate_url(delegate: Delegate) -> str:
    return reverse("collective_actions:delegate-remove", args=[delegate.event_id, delegate.pk])


def remove_document_url(document: EventDocument) -> str:
    return reverse("collective_actions:document-remove", args=[document.event_id, document.pk])


# Services -------------------------------------------------------------------------------------


def test_removing_a_delegate_records_who_was_removed_in_the_event_history(event, secretariat):
    delegate = delegate_named("Ben Gummer")
    services.remove_delegate(by=secretariat, delegate=delegate)
    assert list(event.delegates.values_list("person__name", flat=True)) == ["Tim Hughes"]
    removed = AuditEvent.objects.get(verb="collective_actions.delegate.removed")
    assert removed.actor_id == secretariat.pk
    assert removed.changes["person"] == [str(delegate.person_id), None]
    assert removed.changes["note"] == ["Likely on Wednesday and Thursday", None]
    assert removed.scope_key == f"collective_actions.event:{event.pk}"


def test_removing_a_document_records_its_title_and_address(event, secretariat):
    document = EventDocument.objects.select_related("event").get()
    services.remove_event_document(by=secretariat, document=document)
    assert not event.documents.exists()
    removed = AuditEvent.objects.get(verb="collective_actions.eventdocument.removed")
    assert removed.changes == {
        "title": ["Paris Declaration", None],
        "url": ["https://example.org/decl", None],
    }


def test_a_second_removal_is_refused_and_writes_nothing(event, secretariat):
    delegate = delegate_named("Ben Gummer")
    document = EventDocument.objects.select_related("event").get()
    services.remove_delegate(by=secretariat, delegate=delegate)
    services.remove_event_document(by=secretariat, document=document)
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="already been removed"):
        services.remove_delegate(by=secretariat, delegate=delegate)
    with pytest.raises(DomainError, match="already been removed"):
        services.remove_event_document(by=secretariat, document=document)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("role", ["participant", "civil_society_member", "lead"])
def test_only_plan_managers_remove(event, user_for_role, role):
    user = user_for_role(role)
    with pytest.raises(PermissionDeniedError):
        services.remove_delegate(by=user, delegate=delegate_named("Ben Gummer"))
    with pytest.raises(PermissionDeniedError):
        services.remove_event_document(
            by=user, document=EventDocument.objects.select_related("event").get()
        )
    assert Delegate.objects.count() == 2 and EventDocument.objects.count() == 1


# Pages ----------------------------------------------------------------------------------------


def test_event_page_links_each_removal_for_plan_managers_only(client, event, secretariat):
    delegate = delegate_named("Ben Gummer")
    document = EventDocument.objects.get()
    links = [remove_delegate_url(delegate), remove_document_url(document)]
    body = client.get(event.get_absolute_url()).content.decode()
    assert not any(link in body for link in links)
    client.force_login(secretariat)
    body = client.get(event.get_absolute_url()).content.decode()
    assert all(link in body for link in links)


def test_delegate_removal_page_shows_what_goes_then_removes_it(client, event, government_contact):
    client.force_login(government_contact)
    delegate = delegate_named("Ben Gummer")
    page = client.get(remove_delegate_url(delegate))
    body = page.content.decode()
    assert page.status_code == 200 and body.count("<h1") == 1
    assert "Ben Gummer" in body and "Cabinet Office" in body and "Likely on Wednesday" in body
    assert Delegate.objects.filter(pk=delegate.pk).exists()
    response = client.post(remove_delegate_url(delegate), follow=True)
    assert response.redirect_chain[-1][0] == event.get_absolute_url()
    body = response.content.decode()
    assert "Delegate removed" in body
    assert not Delegate.objects.filter(pk=delegate.pk).exists()
    assert AuditEvent.objects.filter(verb="collective_actions.delegate.removed").count() == 1


def test_document_removal_page_shows_what_goes_then_removes_it(client, event, secretariat):
    client.force_login(secretariat)
    document = EventDocument.objects.get()
    body = client.get(remove_document_url(document)).content.decode()
    assert "Paris Declaration" in body and "https://example.org/decl" in body
    response = client.post(remove_document_url(document), follow=True)
    assert "Document removed" in response.content.decode()
    assert not EventDocument.objects.exists()


def test_a_removed_part_or_one_of_another_event_is_not_found(client, event, secretariat):
    client.force_login(secretariat)
    delegate = delegate_named("Tim Hughes")
    document = EventDocument.objects.get()
    other = EventFactory()
    wrong = [
        reverse("collective_actions:delegate-remove", args=[other.pk, delegate.pk]),
        reverse("collective_actions:document-remove", args=[other.pk, document.pk]),
    ]
    for url in wrong:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert client.post(remove_delegate_url(delegate)).status_code == 302
    assert client.post(remove_delegate_url(delegate)).status_code == 404
    assert Delegate.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [("participant", 403), ("civil_society_member", 403), ("lead", 403), ("administrator", 200)],
)
def test_removal_pages_by_role(client, event, user_for_role, role, status):
    client.force_login(user_for_role(role))
    delegate, document = delegate_named("Ben Gummer"), EventDocument.objects.get()
    for url in (remove_delegate_url(delegate), remove_document_url(document)):
        assert client.get(url).status_code == status, url
    if status == 403:
        assert client.post(remove_delegate_url(delegate)).status_code == 403
        assert Delegate.objects.filter(pk=delegate.pk).exists()


def test_anonymous_is_sent_to_sign_in(client, event):
    response = client.get(remove_delegate_url(delegate_named("Ben Gummer")))
    assert response.status_code == 302 and "sign-in" in response["Location"]
