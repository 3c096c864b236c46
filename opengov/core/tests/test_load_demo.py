"""The demo loader: NAP3 and its commitments exactly as nap3.json gives them, the people of the 10
November 2016 meeting note, its progress updates, one user per role, and nothing twice."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import TestCase

from opengov.accounts.models import Role, RoleGrant, User
from opengov.action_plans.choices import DuePrecision, PlanStatus, ProgressStatus
from opengov.action_plans.models import ActionPlan, Commitment, ProgressUpdate
from opengov.core.audit import verify_chain
from opengov.core.models import AuditEvent
from opengov.demo.loader import describe, load_demo, read_nap3
from opengov.demo.people import ATTENDEES, DEMO_PASSWORD, DEMO_USERS, OTHER_PEOPLE
from opengov.organisations.models import Membership, Network, OrganisationKind, Person
from opengov.organisations.services import find_organisation

NOTE_DAY = dt.date(2016, 11, 10)


def commitment(number):
    return Commitment.objects.get(plan__number=3, number=str(number))


def lead_names(number):
    return sorted(o.name for o in commitment(number).lead_organisations.all())


class TestLoadedDemo(TestCase):
    """Read the demo loaded once for the class; each test runs in its own savepoint."""

    @classmethod
    def setUpTestData(cls):
        cls.demo = load_demo(with_users=True)

    def test_load_demo_creates_the_uk_and_nap3(self):
        plan = ActionPlan.objects.get(number=3)
        assert plan.member.name == "United Kingdom"
        assert (plan.member.code, plan.member.kind, plan.member.region) == (
            "GBR",
            "national",
            "Europe",
        )
        assert plan.number == 3
        assert plan.title == "UK Open Government National Action Plan 2016–18"
        assert (plan.starts_on, plan.ends_on) == (dt.date(2016, 5, 12), dt.date(2018, 6, 30))
        assert plan.status == PlanStatus.IMPLEMENTING
        assert plan.is_published

    def test_load_demo_creates_all_13_commitments(self):
        assert not self.demo.warnings
        nap3 = Commitment.objects.filter(plan__number=3)
        assert list(nap3.values_list("number", flat=True)) == [str(n) for n in range(1, 14)]
        unknown = commitment(8)
        assert unknown.title == "" and unknown.display_title == "Title not known"
        assert unknown.ogp_id == "" and unknown.lead_text == "" and unknown.description == ""
        assert not unknown.lead_organisations.exists()
        assert commitment(4).ogp_url.endswith("/commitments/UK0066/")

    def test_titled_commitments_hold_the_facts_of_nap3_json(self):
        first = commitment(1)
        assert first.title == "Beneficial ownership"
        assert first.ogp_id == "UK0063"
        assert first.description.startswith("We will establish a public register of company")
        assert lead_names(1) == ["Department for Business, Innovation and Skills"]
        for entry in read_nap3():
            if entry["title"]:
                loaded = commitment(entry["number"])
                assert loaded.title == entry["title"]
                assert loaded.ogp_id == entry["ogp_id"]
                assert loaded.lead_text == entry["lead"]
                assert (
                    loaded.description in entry["notes"] or loaded.description[1:] in entry["notes"]
                )

    def test_lead_strings_are_split_into_organisations(self):
        assert lead_names(2) == [
            "Department for Business, Innovation and Skills",
            "Department for International Development",
            "Department of Energy and Climate Change",
            "Financial Conduct Authority",
            "HM Treasury",
        ]
        assert commitment(2).lead_text.startswith(
            "Department for Business, Innovation and Skills, "
        )
        assert lead_names(3) == ["Cabinet Office", "Home Office"]
        assert lead_names(4) == ["Government Digital Service"]
        assert lead_names(11) == ["Government Digital Service", "Office for National Statistics"]
        gds = find_organisation("Government Digital Service")
        assert gds.parent.name == "Cabinet Office"

    def test_descriptions_come_only_from_quoted_commitment_text(self):
        assert commitment(3).description.startswith(
            "To develop, in consultation with civil society"
        )
        assert commitment(6).description == (
            "Increased release of information about government grant making as open, "
            "machinereadable data."
        )
        assert commitment(7).description.startswith("To simplify and improve how the UK collects")
        assert commitment(11).description.startswith("Improve the availability, quality and use")
        assert commitment(2).description == ""
        assert commitment(4).description == ""
        assert commitment(5).description == ""

    def test_milestones_keep_their_due_dates_and_sources(self):
        first, second = commitment(1).milestones.all()
        assert first.due_on is None
        assert (second.due_on, second.due_precision) == (dt.date(2018, 4, 30), DuePrecision.MONTH)
        assert second.original_due_on == second.due_on
        assert second.source_url.startswith("https://opengovernment.org.uk/2018/04/16/")
        (ocds,) = commitment(5).milestones.all()
        assert (ocds.due_on, ocds.due_precision) == (dt.date(2016, 10, 31), DuePrecision.MONTH)
        assert commitment(12).milestones.count() == 4
        assert all(m.due_on is None for m in commitment(12).milestones.all())
        assert commitment(2).milestones.count() == 0

    def test_the_21_attendees_are_people_in_their_organisations(self):
        assert len(ATTENDEES) == 21
        for attendee in ATTENDEES:
            person = Person.objects.get(name=attendee.name)
            memberships = list(person.memberships.select_related("organisation"))
            if attendee.organisation:
                assert [m.organisation for m in memberships] == [
                    find_organisation(attendee.organisation)
                ]
                assert memberships[0].role == "" and memberships[0].start_on is None
            else:
                assert memberships == []
        assert not Membership.objects.filter(person__name="Gavin Freeguard").exists()
        assert not Membership.objects.filter(person__name="Colin Horswell").exists()
        assert Membership.objects.get(person__name="Tonu Basu").organisation.name == "OGP"
        assert (
            Membership.objects.get(person__name="Rachel Davies").organisation.name
            == "Transparency International"
        )

    def test_the_minister_and_the_anti_corruption_champion(self):
        minister = Membership.objects.get(person__name="Ben Gummer")
        assert minister.organisation.name == "Cabinet Office"
        assert minister.role == "Minister for the Cabinet Office"
        champion = Person.objects.get(name="Sir Eric Pickles")
        assert not champion.memberships.exists()
        note_people = {p.name for p in (*ATTENDEES, *OTHER_PEOPLE)}
        assert Person.objects.filter(name__in=note_people).count() == len(note_people) == 23

    def test_organisations_have_their_kinds_parents_and_aliases(self):
        assert find_organisation("TI").name == "Transparency International"
        assert find_organisation("CO").name == "Cabinet Office"
        assert find_organisation("Democratic Society").name == "Demsoc"
        assert find_organisation("Open Government Partnership").name == "OGP"
        assert find_organisation("OGP Support Unit").name == "OGP"
        assert find_organisation("Office of National Statistics").name == (
            "Office for National Statistics"
        )
        assert find_organisation("ONS").name == "Office for National Statistics"
        assert find_organisation("LGA").name == "Local Government Association"
        ccs = find_organisation("CCS")
        assert ccs.name == "Crown Commercial Service"
        assert ccs.kind == OrganisationKind.AGENCY and ccs.parent.name == "Cabinet Office"
        assert find_organisation("Involve").kind == OrganisationKind.CIVIL_SOCIETY
        assert find_organisation("OGP").kind == OrganisationKind.INTERNATIONAL_BODY
        for funder in ("The Big Lottery Fund", "The Potter Foundation", "NESTA"):
            assert find_organisation(funder).kind == OrganisationKind.FUNDER
        # The note names no devolved administration.
        assert find_organisation("Scottish Government") is None

    def test_the_network_is_coordinated_by_involve_with_the_civil_society_attendees(self):
        network = Network.objects.get(name="UK Open Government Network")
        assert network.coordinator.name == "Involve"
        members = set(network.members.values_list("name", flat=True))
        assert len(members) == 13
        assert {"Involve", "Demsoc", "NI Open Government Network", "360Giving"} <= members
        assert not {"Cabinet Office", "OGP"} & members
        assert set(network.members.values_list("kind", flat=True)) == {
            OrganisationKind.CIVIL_SOCIETY
        }

    def test_the_notes_progress_updates(self):
        updates = ProgressUpdate.objects.filter(reported_on=NOTE_DAY).select_related("commitment")
        assert sorted(int(u.commitment.number) for u in updates) == [4, 5, 6, 7, 11]
        statuses = {int(u.commitment.number): u.status for u in updates}
        assert statuses == {
            4: ProgressStatus.ON_TRACK,
            5: ProgressStatus.ON_TRACK,
            6: ProgressStatus.ON_TRACK,
            7: ProgressStatus.ON_TRACK,
            11: ProgressStatus.POSTPONED,
        }
        hub = updates.get(commitment__number="4")
        assert hub.text == (
            "CO are returning to this following other priorities over the summer, and will "
            "be beginning to operationalise the Hub in early 2017. The next meeting of the Hub "
            "will be taking place on 23 November 2016."
        )
        assert hub.meeting is not None and hub.meeting.held_on == NOTE_DAY
        assert hub.meeting.title == "Where we’ve got to; the OGP Summit; & what’s next"
        assert hub.organisation.name == "Government Digital Service"
        assert updates.get(commitment__number="5").organisation.name == "Crown Commercial Service"
        assert commitment(11).status == ProgressStatus.POSTPONED
        assert commitment(11).last_update_on == NOTE_DAY
        assert hub.evidence[0]["url"].startswith("https://opengovernment.org.uk/2016/11/28/")

    def test_one_demo_user_per_role(self):
        for demo_user in DEMO_USERS:
            user = User.objects.get(email=demo_user.email)
            assert user.check_password(DEMO_PASSWORD)
            roles = list(user.grants.values_list("role", flat=True))
            assert roles == ([] if demo_user.role == Role.PARTICIPANT else [demo_user.role])
        admin = User.objects.get(email="admin@example.org")
        assert admin.is_superuser and admin.is_staff
        assert not User.objects.get(email="secretariat@example.org").is_staff
        lead = RoleGrant.objects.get(user__email="lead@example.org")
        assert lead.organisation.name == "Cabinet Office"
        cso = RoleGrant.objects.get(user__email="cso@example.org")
        assert cso.organisation.name == "Involve"
        assert not hasattr(User.objects.get(email="secretariat@example.org"), "person")

    def test_a_second_run_creates_nothing_and_records_nothing(self):
        events = AuditEvent.objects.count()
        people = Person.objects.count()
        again = load_demo(with_users=True)
        assert describe(again.created) == ""
        assert AuditEvent.objects.count() == events
        assert Person.objects.count() == people
        out = StringIO()
        call_command("load_demo", "--demo-users", stdout=out, stderr=StringIO())
        assert "Demo data already loaded: nothing to do." in out.getvalue()
        assert AuditEvent.objects.count() == events

    def test_the_audit_trail_verifies_after_loading(self):
        report = verify_chain()
        assert report.ok
        assert report.checked == AuditEvent.objects.count() > 0
        # Accounts are private; the plan's contents are public.
        assert not AuditEvent.objects.filter(verb__startswith="accounts.", is_public=True).exists()
        assert AuditEvent.objects.filter(verb="action_plans.progressupdate.posted", is_public=True)

    def test_demo_signins_lists_only_demo_users_with_the_demo_password(self):
        User.objects.create_user(email="someone@example.org", password=DEMO_PASSWORD)
        changed = User.objects.get(email="forum@example.org")
        changed.set_password("a-new-and-private-passphrase")
        changed.save()
        out = StringIO()
        call_command("demo_signins", "--url", "http://127.0.0.1:8000/", stdout=out)
        text = out.getvalue()
        assert text.startswith("opengov is running at http://127.0.0.1:8000/")
        assert "admin@example.org" in text and DEMO_PASSWORD in text
        assert "Civil-society member" in text
        assert "forum@example.org" not in text
        assert "someone@example.org" not in text


def test_the_packaged_nap3_has_its_13_commitments():
    entries = read_nap3()
    assert [e["number"] for e in entries] == list(range(1, 14))


@pytest.mark.django_db
def test_the_command_prints_a_summary_and_the_demo_credentials_warning(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "Demo data loaded: 1 member, 2 action plans," in text  # NAP3, and the next in drafting
    assert "demo credentials" in text
    assert User.objects.filter(email="admin@example.org").exists()


@pytest.mark.django_db
def test_the_command_skips_demo_users_when_debug_is_off(settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    assert "Demo users skipped" in out.getvalue()
    # The sample voters and nominees of the demo's election have accounts nobody can sign in to.
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert ActionPlan.objects.filter(number=3).exists()


@pytest.mark.django_db
def test_demo_signins_prints_no_table_without_demo_users():
    out = StringIO()
    call_command("demo_signins", "--url", "http://127.0.0.1:8000/", stdout=out)
    assert out.getvalue().strip() == "opengov is running at http://127.0.0.1:8000/"
