"""A commitment lead signs in, posts a progress update and moves a milestone's due date with a
reason; the public commitment page shows both, and its history records them. axe checks every
page visited."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.action_plans import services
from opengov.action_plans.models import DueDateRevision, ProgressUpdate
from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.core.actors import SYSTEM
from opengov.core.audit import verify_chain
from opengov.organisations.tests.factories import OrganisationFactory
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Postponed due to the delayed publication of the Digital Strategy"
UPDATE = "The departmental data plans are drafted; **publication** follows the strategy."


def checked(page: Page, problems: PageProblems) -> None:
    """Every page a person sees: nothing failed to load, and axe finds no violations."""
    assert not problems.items, problems.report()
    assert_no_axe_violations(page)


@pytest.fixture
def lead_setup(db):
    cabinet_office = OrganisationFactory(name="Cabinet Office", slug="cabinet-office")
    plan = ActionPlanFactory(title="UK Open Government National Action Plan 2016–18", number=3)
    commitment = CommitmentFactory(
        plan=plan,
        number="11",
        title="Better use of data assets",
        lead_organisations=[cabinet_office],
    )
    milestone = services.add_milestone(
        by=SYSTEM,
        commitment=commitment,
        text="Publish departmental data plans",
        due_on=dt.date(2016, 12, 31),
    )
    lead = UserFactory(email="lead@example.org", name="Data Lead")
    RoleGrant.objects.create(user=lead, role=Role.COMMITMENT_LEAD, organisation=cabinet_office)
    return commitment, milestone, lead


def test_commitment_lead_posts_update_and_moves_due_date(page: Page, lead_setup):
    commitment, milestone, lead = lead_setup
    problems = PageProblems(page)

    sign_in(page, lead.email, PASSWORD)
    expect(page.get_by_text("lead@example.org")).to_be_visible()
    checked(page, problems)

    page.goto(commitment.get_absolute_url())
    checked(page, problems)
    page.get_by_role("link", name="Post a progress update").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    checked(page, problems)

    # A first attempt with no text shows GOV.UK's error summary and keeps the choice made.
    page.get_by_label("Postponed", exact=True).check()
    page.get_by_role("button", name="Post update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the update")
    assert page.title().startswith("Error:")
    checked(page, problems)
    assert not ProgressUpdate.objects.exists()

    page.get_by_label("Update", exact=True).fill(UPDATE)
    page.get_by_label("Evidence link 1: web address (optional)").fill(
        "https://www.gov.uk/government/publications/government-transformation-strategy-2017-to-2020"
    )
    page.get_by_label("Evidence link 1: title (optional)").fill(
        "Government Transformation Strategy"
    )
    page.get_by_role("button", name="Post update").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    checked(page, problems)

    page.goto(milestone.get_absolute_url())
    checked(page, problems)
    page.get_by_role("link", name="Move the due date").click()
    checked(page, problems)
    page.locator("input[name=new_due_on_day]").fill("31")
    page.locator("input[name=new_due_on_month]").fill("3")
    page.locator("input[name=new_due_on_year]").fill("2017")
    page.get_by_label("Why is the due date moving?").fill(REASON)
    page.get_by_role("button", name="Move due date").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    checked(page, problems)

    # Anyone, signed out, sees both on the public commitment page, and in its history.
    page.context.clear_cookies()
    page.goto(commitment.get_absolute_url())
    updates = page.locator("#updates").locator("xpath=following-sibling::ol[1]")
    expect(updates).to_contain_text("publication")
    expect(updates.locator("strong", has_text="publication")).to_be_visible()
    expect(updates.get_by_role("link", name="Government Transformation Strategy")).to_be_visible()
    milestones = page.locator("table").filter(has_text="Publish departmental data plans")
    expect(milestones).to_contain_text("31 December 2016")
    expect(milestones).to_contain_text("31 March 2017")
    expect(milestones).to_contain_text(REASON)
    expect(page.locator("#history").locator("xpath=following-sibling::ol[1]")).to_contain_text(
        "moved a milestone's due date"
    )
    checked(page, problems)

    page.get_by_role("link", name="See the full history of every change").click()
    expect(page.locator("table")).to_contain_text("Data Lead")
    expect(page.locator("table")).to_contain_text("Posted a progress update")
    checked(page, problems)
    page.locator("table a").first.click()
    expect(page.locator(".og-hash").first).to_be_visible()
    checked(page, problems)

    revision = DueDateRevision.objects.get()
    assert revision.reason == REASON and revision.revised_by == lead
    assert revision.old_due_on == dt.date(2016, 12, 31)
    assert revision.new_due_on == dt.date(2017, 3, 31)
    update = ProgressUpdate.objects.get()
    assert update.status == "postponed" and update.author == lead
    assert verify_chain().ok
