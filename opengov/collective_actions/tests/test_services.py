"""The services of events and collective actions: every rule, every refusal (nothing written),
the status kept with the quorum, and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from opengov.action_plans.tests.factories import CommitmentFactory
from opengov.collective_actions import services
from opengov.collective_actions.choices import ActionStatus, SignatoryKind
from opengov.collective_actions.models import CollectiveAction, Delegate, Event, SignUp
from opengov.core.audit import verify_chain
from opengov.core.errors import ConflictError, DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.models import OrganisationKind, Person
from opengov.organisations.tests.factories import PersonFactory

from .conftest import speaker_for
from .factories import EventFactory

pytestmark = pytest.mark.django_db


def status_of(action: CollectiveAction) -> str:
    action.refresh_from_db()
    return action.status


# Events ---------------------------------------------------------------------------------------


def test_create_event_records_it_and_its_audit_event(secretariat):
    event = services.create_event(
        by=secretariat, title="  OGP Global Summit ", starts_on=dt.date(2016, 12, 7),
        ends_on=dt.date(2016, 12, 9), place="Paris",
    )  # fmt: skip
    assert event.title == "OGP Global Summit"
    assert AuditEvent.objects.get(verb="collective_actions.event.created").object_id == str(
        event.pk
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": " ", "starts_on": dt.date(2016, 12, 7)}, "title"),
        ({"title": "Summit", "starts_on": None}, "starts_on"),
        (
            {"title": "Summit", "starts_on": dt.date(2016, 12, 7), "ends_on": dt.date(2016, 12, 6)},
            "ends_on",
        ),
    ],
)
def test_create_event_refuses_bad_input_and_writes_nothing(secretariat, kwargs, field):
    with pytest.raises(DomainError) as error:
        services.create_event(by=secretariat, **kwargs)
    assert error.value.field == field
    assert not Event.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ["participant", "civil_society_member", "lead"])
def test_only_plan_managers_create_events(user_for_role, role):
    with pytest.raises(PermissionDeniedError):
        services.create_event(by=user_for_role(role), title="S", starts_on=dt.date(2016, 1, 1))


def test_update_event_refuses_a_stale_version(secretariat):
    event = EventFactory()
    services.update_event(
        by=secretariat, event=event, expected_version=1, title="New", starts_on=event.starts_on
    )
    with pytest.raises(ConflictError):
        services.update_event(
            by=secretariat,
            event=event,
            expected_version=1,
            title="Other",
            starts_on=event.starts_on,
        )
    event.refresh_from_db()
    assert (event.title, event.version) == ("New", 2)


def test_delegates_are_added_once_and_documents_need_a_web_address(secretariat):
    event, person = EventFactory(), PersonFactory()
    services.add_delegate(by=secretariat, event=event, person=person, note="Wednesday")
    with pytest.raises(DomainError, match="already in the delegation"):
        services.add_delegate(by=secretariat, event=event, person=person)
    assert Delegate.objects.count() == 1
    with pytest.raises(DomainError) as error:
        services.add_event_document(
            by=secretariat, event=event, title="Declaration", url="javascript:alert(1)"
        )
    assert error.value.field == "url"
    document = services.add_event_document(
        by=secretariat, event=event, title="Paris Declaration", url="https://example.org/d"
    )
    services.remove_event_document(by=secretariat, document=document)
    services.remove_delegate(by=secretariat, delegate=Delegate.objects.get())
    assert not event.documents.exists() and not event.delegates.exists()


# Collective actions ---------------------------------------------------------------------------


def test_create_collective_action_defaults_to_a_quorum_of_three_without_civil_society(
    secretariat,
):
    action = services.create_collective_action(
        by=secretariat, event=EventFactory(), title="Open contracting"
    )
    assert action.quorum == 3
    assert action.counted_kinds() == [
        SignatoryKind.NATIONAL_GOVERNMENT, SignatoryKind.SUBNATIONAL_GOVERNMENT,
        SignatoryKind.EXPERT,
    ]  # fmt: skip
    assert action.status == ActionStatus.GATHERING


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"title": ""}, "title"),
        ({"quorum": 0}, "quorum"),
        ({"quorum": None}, "quorum"),
        ({"counted_kinds": []}, "counted_kinds"),
        ({"event": None}, "event"),
    ],
)
def test_create_collective_action_refuses_bad_input(secretariat, kwargs, field):
    values = {"event": EventFactory(), "title": "Open contracting", **kwargs}
    with pytest.raises(DomainError) as error:
        services.create_collective_action(by=secretariat, **values)
    assert error.value.field == field
    assert not CollectiveAction.objects.exists()


# Signing up -----------------------------------------------------------------------------------


def test_the_third_distinct_government_makes_the_action_considered(action, governments):
    for number, (user, organisation) in enumerate(governments, start=1):
        sign_up = services.sign_up(by=user, action=action, organisation=organisation)
        assert sign_up.kind == SignatoryKind.NATIONAL_GOVERNMENT
        action.refresh_from_db()
        assert action.counted_signatories == number
    assert action.status == ActionStatus.CONSIDERED and action.considered_at is not None
    change = AuditEvent.objects.get(verb="collective_actions.collectiveaction.status_changed")
    assert change.changes["status"] == ["gathering", "considered"]
    assert verify_chain().ok


def test_two_departments_of_one_government_count_once(action, governments):
    _user, uk = governments[1]
    _home_user, home_office = speaker_for(
        "Home Office", OrganisationKind.GOVERNMENT_DEPARTMENT, parent=uk
    )
    _co_user, cabinet = speaker_for(
        "Cabinet Office", OrganisationKind.GOVERNMENT_DEPARTMENT, parent=uk
    )
    services.sign_up(by=_home_user, action=action, organisation=home_office)
    services.sign_up(by=_co_user, action=action, organisation=cabinet)
    action.refresh_from_db()
    assert SignUp.objects.count() == 2 and action.counted_signatories == 1


def test_a_devolved_administration_signs_as_a_sub_national_government(action):
    user, scotland = speaker_for("Scottish Government", OrganisationKind.DEVOLVED_ADMINISTRATION)
    assert services.sign_up(by=user, action=action, organisation=scotland).kind == (
        SignatoryKind.SUBNATIONAL_GOVERNMENT
    )


def test_civil_society_signs_up_without_counting_unless_the_action_says_so(action):
    user, involve = speaker_for("Involve", OrganisationKind.CIVIL_SOCIETY)
    sign_up = services.sign_up(by=user, action=action, organisation=involve, statement="Yes")
    action.refresh_from_db()
    assert (sign_up.kind, action.counted_signatories) == (SignatoryKind.CIVIL_SOCIETY, 0)


def test_an_expert_signs_for_themselves_with_a_person_record(action, forum_member):
    forum_member.name = "Ada Expert"
    forum_member.save()
    sign_up = services.sign_up(by=forum_member, action=action)
    assert sign_up.kind == SignatoryKind.EXPERT
    assert sign_up.person == Person.objects.get(user=forum_member)
    action.refresh_from_db()
    assert action.counted_signatories == 1


def test_a_participant_without_a_role_cannot_sign_up(action, participant):
    with pytest.raises(PermissionDeniedError):
        services.sign_up(by=participant, action=action)
    assert not SignUp.objects.exists()


def test_nobody_signs_for_an_organisation_they_hold_no_role_for(action, governments):
    user, _france = governments[0]
    _other, mexico = governments[2]
    with pytest.raises(DomainError) as error:
        services.sign_up(by=user, action=action, organisation=mexico)
    assert error.value.field == "organisation" and not SignUp.objects.exists()


def test_a_signatory_signs_up_once(action, governments):
    user, france = governments[0]
    services.sign_up(by=user, action=action, organisation=france)
    with pytest.raises(DomainError, match="already signed up"):
        services.sign_up(by=user, action=action, organisation=france)
    assert SignUp.objects.count() == 1


def test_no_sign_up_after_the_deadline(action, governments):
    action.sign_up_deadline = dt.date(2016, 12, 9)
    action.save()
    user, france = governments[0]
    with pytest.raises(PermissionDeniedError):
        services.sign_up(by=user, action=action, organisation=france)


def test_withdrawing_below_quorum_makes_a_considered_action_gathering_again(action, governments):
    sign_ups = [services.sign_up(by=u, action=action, organisation=o) for u, o in governments]
    assert status_of(action) == ActionStatus.CONSIDERED
    services.withdraw_sign_up(by=governments[0][0], sign_up=sign_ups[0])
    assert status_of(action) == ActionStatus.GATHERING
    assert action.counted_signatories == 2
    verbs = list(
        AuditEvent.objects.filter(verb__startswith="collective_actions.").values_list(
            "verb", flat=True
        )
    )
    assert verbs.count("collective_actions.collectiveaction.status_changed") == 2
    assert "collective_actions.signup.withdrawn" in verbs


def test_only_its_signatory_or_an_administrator_withdraws_a_sign_up(
    action, governments, administrator
):
    sign_up = services.sign_up(by=governments[0][0], action=action, organisation=governments[0][1])
    with pytest.raises(PermissionDeniedError):
        services.withdraw_sign_up(by=governments[1][0], sign_up=sign_up)
    services.withdraw_sign_up(by=administrator, sign_up=sign_up)
    with pytest.raises(DomainError, match="already been withdrawn"):
        services.withdraw_sign_up(by=administrator, sign_up=sign_up)


def test_raising_the_quorum_makes_it_gathering_again(action, governments, secretariat):
    for user, organisation in governments:
        services.sign_up(by=user, action=action, organisation=organisation)
    action.refresh_from_db()
    services.update_collective_action(
        by=secretariat, action=action, expected_version=action.version, event=action.event,
        title=action.title, quorum=4,
    )  # fmt: skip
    assert status_of(action) == ActionStatus.GATHERING


# Adopting -------------------------------------------------------------------------------------


def test_only_a_considered_action_is_adopted_and_it_stays_adopted(
    action, governments, government_contact
):
    commitment = CommitmentFactory()
    with pytest.raises(PermissionDeniedError):
        services.adopt_collective_action(
            by=government_contact, action=action, commitment=commitment, expected_version=1
        )
    sign_ups = [services.sign_up(by=u, action=action, organisation=o) for u, o in governments]
    action.refresh_from_db()
    adopted = services.adopt_collective_action(
        by=government_contact, action=action, commitment=commitment,
        expected_version=action.version,
    )  # fmt: skip
    assert adopted.status == ActionStatus.ADOPTED and adopted.adopted_commitment == commitment
    services.withdraw_sign_up(by=governments[0][0], sign_up=sign_ups[0])
    assert status_of(action) == ActionStatus.ADOPTED
    assert action.counted_signatories == 2


def test_adopting_needs_a_commitment_and_plan_manager(action, governments, lead):
    for user, organisation in governments:
        services.sign_up(by=user, action=action, organisation=organisation)
    action.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        services.adopt_collective_action(
            by=lead, action=action, commitment=CommitmentFactory(), expected_version=None
        )
