"""Services for a network's projects."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.models import Project, ProjectStatus
from opengov.organisations.projects import create_project, update_project
from opengov.organisations.tests.factories import OrganisationFactory
from opengov.organisations.tests.post_factories import NetworkFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["secretariat", "administrator"])
def test_secretariat_and_administrator_can_create_project(user_for_role, role):
    network, funder = NetworkFactory(), OrganisationFactory(name="NESTA")
    partner = OrganisationFactory(name="NI Open Government Network")
    project = create_project(
        by=user_for_role(role),
        network=network,
        title="Reach and impact",
        funder=funder,
        funder_name="ignored when an organisation is given",
        purpose="To expand the reach and impact of the OGN.",
        partners=[partner],
        status=ProjectStatus.ACTIVE,
        url="https://www.involve.org.uk/",
    )
    assert project.funder_display == "NESTA"
    assert project.funder_name == ""
    assert list(project.partners.all()) == [partner]
    event = AuditEvent.objects.get(verb="organisations.project.created")
    assert event.changes["partners"] == [None, ["NI Open Government Network"]]
    assert event.scope_key == f"organisations.network:{network.pk}"


@pytest.mark.parametrize(
    "role", ["anonymous", "participant", "government_contact", "civil_society_member", "lead"]
)
def test_others_cannot_create_project(user_for_role, role):
    with pytest.raises(PermissionDeniedError):
        create_project(by=user_for_role(role), network=NetworkFactory(), title="A project")
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"start_on": dt.date(2017, 1, 1), "end_on": dt.date(2016, 1, 1)}, "end_on"),
        ({"status": "abandoned"}, "status"),
        ({"url": "ftp://example.org/"}, "url"),
    ],
)
def test_create_project_refuses_bad_input(secretariat, values, field):
    arguments = {"title": "A project", **values}
    with pytest.raises(DomainError) as error:
        create_project(by=secretariat, network=NetworkFactory(), **arguments)
    assert error.value.field == field
    assert not Project.objects.exists()


def test_create_project_with_a_funder_named_only(secretariat):
    project = create_project(
        by=secretariat, network=NetworkFactory(), title="Audit", funder_name=" A  trust "
    )
    assert (project.funder, project.funder_display) == (None, "A trust")


def test_update_project_changes_status_and_partners_with_a_version(secretariat):
    project = ProjectFactory(status=ProjectStatus.PLANNED)
    partner = OrganisationFactory(name="SCVO")
    updated = update_project(
        by=secretariat,
        project=project,
        expected_version=1,
        title=project.title,
        funder=project.funder,
        purpose=project.purpose,
        partners=[partner],
        status=ProjectStatus.COMPLETED,
    )
    assert (updated.status, updated.version) == ("completed", 2)
    event = AuditEvent.objects.get(verb="organisations.project.changed")
    assert event.changes["status"] == ["planned", "completed"]
    assert event.changes["partners"] == [[], ["SCVO"]]
    with pytest.raises(ConflictError):
        update_project(by=secretariat, project=project, expected_version=1, title="Late")
    project.refresh_from_db()
    assert project.title != "Late"


def test_government_contact_cannot_update_project(government_contact):
    project = ProjectFactory()
    with pytest.raises(PermissionDeniedError):
        update_project(by=government_contact, project=project, expected_version=1, title="X")


def test_create_project_twice_with_one_submission_token_writes_once(secretariat):
    network, token = NetworkFactory(), uuid.uuid4()
    first = create_project(by=secretariat, network=network, title="Audit", submission_token=token)
    again = create_project(by=secretariat, network=network, title="Audit", submission_token=token)
    assert again == first
    assert Project.objects.count() == 1
    with pytest.raises(DomainError, match="already sent"):
        create_project(by=secretariat, network=network, title="Other", submission_token=token)
