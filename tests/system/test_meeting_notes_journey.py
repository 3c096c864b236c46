"""The secretariat uploads the seed meeting note, corrects one attendee in the preview and
confirms; the meeting page, the commitments' timelines and the action register show what the
note said; an action is marked done. axe checks every page visited."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.action_plans.models import Commitment, ProgressUpdate
from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.core.actors import SYSTEM
from opengov.core.audit import verify_chain
from opengov.meetings.models import ActionItem, Attendance, Meeting
from opengov.organisations.models import OrganisationKind
from opengov.organisations.services import create_organisation
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = (
    Path(__file__).resolve().parents[2]
    / "opengov/meetings/fixtures/ogn-meeting-note-2016-11-10.txt"
)
TITLES = {
    "4": "Anti-Corruption Innovation Hub",
    "5": "Open contracting",
    "6": "Grants data",
    "7": "Elections data",
    "11": "Better use of data assets",
}


def checked(page: Page, problems: PageProblems) -> None:
    assert not problems.items, problems.report()
    assert_no_axe_violations(page)


@pytest.fixture
def forum(db):
    """NAP3's commitments that the note updates, the organisations it names by alias, and a
    member of the secretariat."""
    plan = ActionPlanFactory(number=3, title="UK Open Government National Action Plan 2016–18")
    for number, title in TITLES.items():
        CommitmentFactory(plan=plan, number=number, title=title)
    kinds = OrganisationKind
    create_organisation(
        by=SYSTEM, name="Cabinet Office", kind=kinds.GOVERNMENT_DEPARTMENT, aliases=["CO"]
    )
    create_organisation(by=SYSTEM, name="Involve", kind=kinds.CIVIL_SOCIETY)
    create_organisation(
        by=SYSTEM, name="UK Open Government Network", kind=kinds.CIVIL_SOCIETY, aliases=["OGN"]
    )
    secretariat = UserFactory(email="secretariat@example.org", name="Network Coordinator")
    RoleGrant.objects.create(user=secretariat, role=Role.SECRETARIAT)
    return plan, secretariat


def test_secretariat_imports_a_note_and_follows_up_its_actions(page: Page, forum):
    plan, secretariat = forum
    problems = PageProblems(page)
    sign_in(page, secretariat.email, PASSWORD)

    page.goto("/meetings/import/")
    checked(page, problems)
    page.get_by_label("Upload a meeting note").set_input_files(str(NOTE))
    page.locator("input[name$=date_day]").first.fill("10")
    page.locator("input[name$=date_month]").first.fill("11")
    page.locator("input[name$=date_year]").first.fill("2016")
    page.get_by_label("Meeting series (optional)").fill("OGN and Cabinet Office")
    page.get_by_role("button", name="Read the note").click()

    # The preview: every attendee with its match; Gavin Freeguard's organisation is corrected.
    expect(page.get_by_text("Attendee 5: Gavin Freeguard")).to_be_visible()
    expect(page.get_by_text("matches Cabinet Office").first).to_be_visible()
    expect(page.get_by_text("matches UK Open Government Network (alias OGN)").first).to_be_visible()
    checked(page, problems)
    assert not Meeting.objects.exists()
    page.locator("input[name='attendee-4-organisation']").fill("Institute for Government")
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    checked(page, problems)

    meeting = Meeting.objects.get()
    assert meeting.held_on.isoformat() == "2016-11-10"
    assert Attendance.objects.filter(meeting=meeting).count() == 21
    gavin = Attendance.objects.get(meeting=meeting, person__name="Gavin Freeguard")
    assert gavin.organisation.name == "Institute for Government"
    expect(page.locator("main")).to_contain_text("Institute for Government")
    expect(page.locator("main")).to_contain_text("Thom Townsend")

    # Each commitment the note updates shows it on its timeline, linked to the meeting.
    for number in ("4", "11"):
        commitment = Commitment.objects.get(plan=plan, number=number)
        page.goto(commitment.get_absolute_url())
        expect(page.locator("main")).to_contain_text("Reported at")
        expect(page.locator("main")).to_contain_text(meeting.title)
        checked(page, problems)
    assert ProgressUpdate.objects.filter(meeting=meeting).count() == 5
    assert Commitment.objects.get(plan=plan, number="11").status == "postponed"

    # The action register lists the four actions, with the date or the words the note used.
    page.goto("/actions/")
    register = page.locator("main")
    expect(register).to_contain_text("OGN to write to MCO")
    expect(register).to_contain_text("28 November 2016")
    expect(register).to_contain_text("in the New Year")
    checked(page, problems)
    assert ActionItem.objects.filter(meeting=meeting).count() == 4

    page.get_by_role("link", name="OGN to write to MCO").first.click()
    checked(page, problems)
    page.get_by_role("link", name="Change the status").click()
    checked(page, problems)
    page.get_by_label("Done", exact=True).check()
    page.get_by_role("button", name="Save the status").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    checked(page, problems)
    letter = ActionItem.objects.get(meeting=meeting, text__startswith="OGN to write to MCO")
    assert letter.status == "done" and letter.done_on is not None

    page.goto("/actions/?status=open")
    expect(page.locator("main")).not_to_contain_text("OGN to write to MCO")
    checked(page, problems)
    assert verify_chain().ok
