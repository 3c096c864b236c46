"""Services for organisations, people, memberships and networks, and matching names."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest

from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.models import (
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    Person,
    match_key,
)
from opengov.organisations.services import (
    add_membership,
    add_network_member,
    add_organisation_alias,
    create_network,
    create_organisation,
    create_person,
    find_organisation,
    find_person,
)
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

DIRECTORY_MANAGERS = ["government_contact", "secretariat", "administrator"]
NOT_DIRECTORY_MANAGERS = [
    "anonymous",
    "participant",
    "civil_society_member",
    "forum_member",
    "other_lead",
    "lead",
]
NETWORK_MANAGERS = ["secretariat", "administrator"]
NOT_NETWORK_MANAGERS = [*NOT_DIRECTORY_MANAGERS, "government_contact"]
DEPARTMENT = OrganisationKind.GOVERNMENT_DEPARTMENT
# Ukrainian ministries of justice and of finance: names whose letters are all Cyrillic.
JUSTICE = "Міністерство юстиції"
FINANCE = "Міністерство фінансів"


@contextmanager
def nothing_written(*models):
    """Assert that the block adds or removes no rows, audit events included."""
    tracked = (*models, AuditEvent)
    before = {model: model.objects.count() for model in tracked}
    yield
    assert {model: model.objects.count() for model in tracked} == before


def last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()


@pytest.fixture
def cabinet_office_with_alias(lead_organisation):
    OrganisationAlias.objects.create(organisation=lead_organisation, alias="CO", match_name="co")
    return lead_organisation


@pytest.fixture
def network(db):
    return Network.objects.create(name="Open Government Network", slug="ogn")


# match_key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Cabinet Office", "cabinet office"),
        ("  CABINET   OFFICE. ", "cabinet office"),
        ("Cabinet-Office", "cabinet office"),
        ("Cabinet\u2013Office", "cabinet office"),
        ("Cabinet\u2014Office", "cabinet office"),
        ("\u201cCabinet Office\u201d", "cabinet office"),
        ("King\u2019s College London", "king s college london"),
        ("King's College London", "king s college london"),
        ("Ministère de l\u2019Économie", "ministere de l economie"),
        ("HM Treasury & Co.", "hm treasury and co"),
        ("Straße", "strasse"),
        ("snake_case", "snake case"),
        (JUSTICE, "міністерство юстиціі"),
        ("ΥΠΟΥΡΓΕΊΟ", "υπουργειο"),
        ("中国政府", "中国政府"),
        ("Open Data 2.0", "open data 2 0"),
        ("  ", ""),
        ("\u2026 \u2013 !", ""),
    ],
)
def test_match_key_ignores_case_accents_spacing_and_punctuation(text, key):
    assert match_key(text) == key


# find_organisation


@pytest.mark.parametrize(
    "name",
    [
        "Cabinet Office",
        "cabinet office",
        "  CABINET   OFFICE. ",
        "Cabinet-Office",
        "Cabinet\u2013Office",
        "\u201cCabinet Office\u201d",
        "CO",
        "co.",
        " Co ",
        "\u2018CO\u2019",
    ],
)
def test_find_organisation_matches_name_or_alias_ignoring_case_and_punctuation(
    name, cabinet_office_with_alias
):
    assert find_organisation(name) == cabinet_office_with_alias


def test_find_organisation_ignores_accents(db):
    ministry = OrganisationFactory(name="Ministère de l'Économie")
    assert find_organisation("ministere de l economie") == ministry
    assert find_organisation("MINISTERE DE L'ECONOMIE") == ministry
    assert find_organisation("Ministère de l\u2019Économie") == ministry


@pytest.mark.parametrize("name", ["", "   ", "...", "Home Office", "Cabinet"])
def test_find_organisation_finds_nothing_for_blank_or_unknown_names(
    name, cabinet_office_with_alias
):
    assert find_organisation(name) is None


def test_find_organisation_tells_apart_names_in_other_scripts(db):
    justice = OrganisationFactory(name=JUSTICE)
    finance = OrganisationFactory(name=FINANCE)
    assert find_organisation(JUSTICE.upper()) == justice
    assert find_organisation("міністерство  фінансів.") == finance
    assert find_organisation("Міністерство освіти") is None


# create_organisation


@pytest.mark.parametrize("role", DIRECTORY_MANAGERS)
def test_create_organisation_adds_it_with_aliases_and_audits(
    role, user_for_role, lead_organisation
):
    user = user_for_role(role)

    organisation = create_organisation(
        by=user,
        name="  Government   Digital Service ",
        kind=OrganisationKind.AGENCY,
        parent=lead_organisation,
        aliases=["GDS"],
        website="https://www.gov.uk/gds",
    )

    organisation.refresh_from_db()
    assert (organisation.name, organisation.slug, organisation.match_name) == (
        "Government Digital Service",
        "government-digital-service",
        "government digital service",
    )
    assert organisation.kind == OrganisationKind.AGENCY
    assert organisation.parent == lead_organisation
    assert list(organisation.aliases.values_list("alias", "match_name")) == [("GDS", "gds")]
    assert find_organisation("gds") == organisation
    event = last_event()
    assert event.verb == "organisations.organisation.created"
    assert event.object_key == f"organisations.organisation:{organisation.pk}"
    assert event.actor_id == user.pk
    assert event.changes == {
        "name": [None, "Government Digital Service"],
        "kind": [None, "agency"],
        "parent": [None, lead_organisation.pk],
        "website": [None, "https://www.gov.uk/gds"],
        "aliases": [None, ["GDS"]],
    }


def test_create_organisation_without_aliases_records_none(administrator):
    organisation = create_organisation(
        by=administrator, name="mySociety", kind=OrganisationKind.CIVIL_SOCIETY
    )
    assert organisation.aliases.count() == 0
    assert "aliases" not in last_event().changes


@pytest.mark.parametrize("role", NOT_DIRECTORY_MANAGERS)
def test_role_cannot_create_organisation(role, user_for_role):
    user = user_for_role(role)
    with nothing_written(Organisation, OrganisationAlias), pytest.raises(PermissionDeniedError):
        create_organisation(by=user, name="Government Digital Service", kind=DEPARTMENT)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"name": "  \t "}, "name"), ({"kind": "charity"}, "kind")],
    ids=["blank-name", "unknown-kind"],
)
def test_create_organisation_refuses_invalid_input(administrator, kwargs, field):
    arguments = {"name": "Government Digital Service", "kind": DEPARTMENT, **kwargs}
    with nothing_written(Organisation, OrganisationAlias), pytest.raises(DomainError) as error:
        create_organisation(by=administrator, **arguments)
    assert error.value.field == field


@pytest.mark.parametrize(
    "name",
    [
        "CABINET OFFICE",
        "cabinet-office.",
        "  Cabinet   Office ",
        "Cabinet\u2013Office",
        "CO",
        "co.",
        "King\u2019s College London",
        "KING'S COLLEGE, LONDON",
        "MINISTERE DE L\u2019ECONOMIE",
    ],
)
def test_create_organisation_refuses_a_name_already_taken(
    administrator, cabinet_office_with_alias, name
):
    OrganisationFactory(name="King's College London", kind=OrganisationKind.ACADEMIC)
    OrganisationFactory(name="Ministère de l'Économie", kind=OrganisationKind.NATIONAL_GOVERNMENT)
    with nothing_written(Organisation, OrganisationAlias), pytest.raises(DomainError) as error:
        create_organisation(by=administrator, name=name, kind=DEPARTMENT)
    assert error.value.field == "name"


@pytest.mark.parametrize("alias", ["CO", "Cabinet Office", "cabinet\u2013office"])
def test_create_organisation_refuses_an_alias_naming_another_organisation(
    administrator, cabinet_office_with_alias, alias
):
    with nothing_written(Organisation, OrganisationAlias), pytest.raises(DomainError) as error:
        create_organisation(
            by=administrator, name="Central Office", kind=DEPARTMENT, aliases=["Central", alias]
        )
    assert error.value.field == "aliases"
    assert find_organisation("Central Office") is None


def test_create_organisation_accepts_names_in_other_scripts(administrator):
    justice = create_organisation(by=administrator, name=JUSTICE, kind=DEPARTMENT)
    finance = create_organisation(by=administrator, name=FINANCE, kind=DEPARTMENT)
    assert justice.pk != finance.pk
    assert justice.slug != finance.slug
    with nothing_written(Organisation), pytest.raises(DomainError) as error:
        create_organisation(by=administrator, name=JUSTICE.upper(), kind=DEPARTMENT)
    assert error.value.field == "name"


# add_organisation_alias


@pytest.mark.parametrize("role", DIRECTORY_MANAGERS)
def test_add_organisation_alias_lets_it_be_found_by_another_name(
    role, user_for_role, lead_organisation
):
    alias = add_organisation_alias(
        by=user_for_role(role), organisation=lead_organisation, alias=" CO "
    )

    alias.refresh_from_db()
    assert (alias.organisation, alias.alias, alias.match_name) == (lead_organisation, "CO", "co")
    assert find_organisation("co.") == lead_organisation
    event = last_event()
    assert event.verb == "organisations.organisation.alias_added"
    assert event.object_key == f"organisations.organisation:{lead_organisation.pk}"
    assert event.changes == {"alias": [None, "CO"]}


@pytest.mark.parametrize("alias", ["CO", "co.", "\u2018Co\u2019"])
def test_add_organisation_alias_twice_writes_nothing(administrator, lead_organisation, alias):
    first = add_organisation_alias(by=administrator, organisation=lead_organisation, alias="CO")

    with nothing_written(OrganisationAlias):
        again = add_organisation_alias(
            by=administrator, organisation=lead_organisation, alias=alias
        )

    assert again.pk == first.pk
    assert again.alias == "CO"


def test_add_organisation_alias_refuses_blank_alias(administrator, lead_organisation):
    with nothing_written(OrganisationAlias), pytest.raises(DomainError) as error:
        add_organisation_alias(by=administrator, organisation=lead_organisation, alias=" - ")
    assert error.value.field == "aliases"


@pytest.mark.parametrize("alias", ["Co", "Home Office", "HOME-OFFICE", "HO"])
def test_add_organisation_alias_refuses_a_name_already_taken(
    administrator, cabinet_office_with_alias, alias
):
    home_office = OrganisationFactory(name="Home Office")
    OrganisationAlias.objects.create(organisation=home_office, alias="HO", match_name="ho")
    target = home_office if alias == "Co" else cabinet_office_with_alias
    with nothing_written(OrganisationAlias), pytest.raises(DomainError) as error:
        add_organisation_alias(by=administrator, organisation=target, alias=alias)
    assert error.value.field == "aliases"


@pytest.mark.parametrize("role", NOT_DIRECTORY_MANAGERS)
def test_role_cannot_add_organisation_alias(role, user_for_role, lead_organisation):
    user = user_for_role(role)
    with nothing_written(OrganisationAlias), pytest.raises(PermissionDeniedError):
        add_organisation_alias(by=user, organisation=lead_organisation, alias="CO")


# create_person and find_person


@pytest.mark.parametrize("role", DIRECTORY_MANAGERS)
def test_create_person_adds_them_and_audits(role, user_for_role):
    person = create_person(by=user_for_role(role), name="  Ada   Lovelace ")

    person.refresh_from_db()
    assert (person.name, person.slug, person.match_name) == (
        "Ada Lovelace",
        "ada-lovelace",
        "ada lovelace",
    )
    assert find_person("ADA LOVELACE.") == person
    event = last_event()
    assert event.verb == "organisations.person.created"
    assert event.object_key == f"organisations.person:{person.pk}"
    assert event.changes == {"name": [None, "Ada Lovelace"]}


def test_create_person_allows_people_with_the_same_name(administrator):
    first = create_person(by=administrator, name="John Smith")
    second = create_person(by=administrator, name="John Smith")
    assert first.pk != second.pk
    assert (first.slug, second.slug) == ("john-smith", "john-smith-2")


@pytest.mark.parametrize("name", ["", "  ", "Ada Byron", "Lovelace"])
def test_find_person_finds_nothing_for_blank_or_unknown_names(name):
    PersonFactory(name="Ada Lovelace")
    assert find_person(name) is None


def test_create_person_refuses_blank_name(administrator):
    with nothing_written(Person), pytest.raises(DomainError) as error:
        create_person(by=administrator, name="  ")
    assert error.value.field == "name"


@pytest.mark.parametrize("role", NOT_DIRECTORY_MANAGERS)
def test_role_cannot_create_person(role, user_for_role):
    user = user_for_role(role)
    with nothing_written(Person), pytest.raises(PermissionDeniedError):
        create_person(by=user, name="Ada Lovelace")


# add_membership


@pytest.mark.parametrize("role", DIRECTORY_MANAGERS)
def test_add_membership_records_it_once(role, user_for_role, lead_organisation):
    user = user_for_role(role)
    person = PersonFactory()

    membership = add_membership(
        by=user,
        person=person,
        organisation=lead_organisation,
        role=" Open government lead ",
        start_on=dt.date(2016, 1, 1),
    )

    assert membership.role == "Open government lead"
    event = last_event()
    assert event.verb == "organisations.membership.created"
    assert event.object_key == f"organisations.membership:{membership.pk}"
    assert event.scope_key == f"organisations.organisation:{lead_organisation.pk}"
    assert event.changes["person"] == [None, person.pk]
    assert event.changes["start_on"] == [None, "2016-01-01"]

    with nothing_written(Membership):
        again = add_membership(
            by=user,
            person=person,
            organisation=lead_organisation,
            role="Open government lead",
            start_on=dt.date(2016, 1, 1),
        )
    assert again.pk == membership.pk


def test_add_membership_for_another_period_or_role_adds_another_row(
    administrator, lead_organisation
):
    person = PersonFactory()
    first = add_membership(
        by=administrator,
        person=person,
        organisation=lead_organisation,
        role="Open government lead",
        start_on=dt.date(2016, 1, 1),
        end_on=dt.date(2017, 12, 31),
    )
    later = add_membership(
        by=administrator,
        person=person,
        organisation=lead_organisation,
        role="Open government lead",
        start_on=dt.date(2019, 1, 1),
    )
    other_role = add_membership(
        by=administrator,
        person=person,
        organisation=lead_organisation,
        role="Director",
        start_on=dt.date(2016, 1, 1),
    )
    assert len({first.pk, later.pk, other_role.pk}) == 3
    assert Membership.objects.filter(person=person).count() == 3
    assert AuditEvent.objects.filter(verb="organisations.membership.created").count() == 3
    first.refresh_from_db()
    assert first.end_on == dt.date(2017, 12, 31)


def test_add_membership_refuses_end_before_start(administrator, lead_organisation):
    with nothing_written(Membership), pytest.raises(DomainError) as error:
        add_membership(
            by=administrator,
            person=PersonFactory(),
            organisation=lead_organisation,
            start_on=dt.date(2017, 1, 1),
            end_on=dt.date(2016, 12, 31),
        )
    assert error.value.field == "end_on"


@pytest.mark.parametrize("role", NOT_DIRECTORY_MANAGERS)
def test_role_cannot_add_membership(role, user_for_role, lead_organisation):
    user = user_for_role(role)
    person = PersonFactory()
    with nothing_written(Membership), pytest.raises(PermissionDeniedError):
        add_membership(by=user, person=person, organisation=lead_organisation)


# networks


@pytest.mark.parametrize("role", NETWORK_MANAGERS)
def test_create_network_adds_it_and_audits(role, user_for_role, civil_society_organisation):
    network = create_network(
        by=user_for_role(role),
        name=" UK  Open Government Network ",
        coordinator=civil_society_organisation,
    )

    network.refresh_from_db()
    assert (network.name, network.slug) == (
        "UK Open Government Network",
        "uk-open-government-network",
    )
    assert network.coordinator == civil_society_organisation
    event = last_event()
    assert event.verb == "organisations.network.created"
    assert event.object_key == f"organisations.network:{network.pk}"
    assert event.changes["coordinator"] == [None, civil_society_organisation.pk]


def test_create_network_refuses_blank_name(administrator):
    with nothing_written(Network), pytest.raises(DomainError) as error:
        create_network(by=administrator, name="   ")
    assert error.value.field == "name"


@pytest.mark.parametrize("role", NOT_NETWORK_MANAGERS)
def test_role_cannot_create_network(role, user_for_role):
    user = user_for_role(role)
    with nothing_written(Network), pytest.raises(PermissionDeniedError):
        create_network(by=user, name="UK Open Government Network")


@pytest.mark.parametrize("role", NETWORK_MANAGERS)
def test_add_network_member_twice_creates_one_row_and_one_event(
    role, user_for_role, network, civil_society_organisation
):
    user = user_for_role(role)

    membership = add_network_member(
        by=user,
        network=network,
        organisation=civil_society_organisation,
        joined_on=dt.date(2012, 5, 1),
    )
    event = last_event()
    with nothing_written(NetworkMembership):
        again = add_network_member(
            by=user, network=network, organisation=civil_society_organisation
        )

    assert again.pk == membership.pk
    assert again.joined_on == dt.date(2012, 5, 1)
    assert list(network.members.all()) == [civil_society_organisation]
    assert event.verb == "organisations.network.member_added"
    assert event.object_key == f"organisations.network:{network.pk}"
    assert event.changes == {"members": [None, "Involve"]}


@pytest.mark.parametrize("role", NOT_NETWORK_MANAGERS)
def test_role_cannot_add_network_member(role, user_for_role, network, civil_society_organisation):
    user = user_for_role(role)
    with nothing_written(NetworkMembership), pytest.raises(PermissionDeniedError):
        add_network_member(by=user, network=network, organisation=civil_society_organisation)
