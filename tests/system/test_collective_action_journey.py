"""Three governments sign up to a collective action through its page, which becomes
"considered" at its quorum of three; one withdraws and it is gathering sign-ups again. axe checks
every page visited."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.collective_actions.choices import ActionStatus
from opengov.collective_actions.models import CollectiveAction, SignUp
from opengov.collective_actions.tests.factories import CollectiveActionFactory, EventFactory
from opengov.core.actors import SYSTEM
from opengov.core.audit import verify_chain
from opengov.organisations.models import OrganisationKind
from opengov.organisations.services import create_organisation
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COUNTRIES = ("France", "Mexico", "United Kingdom")


def checked(page: Page, problems: PageProblems) -> None:
    assert not problems.items, problems.report()
    assert_no_axe_violations(page)


@pytest.fixture
def summit(db):
    """A collective action of the Paris summit, and a user speaking for each of three national
    governments."""
    event = EventFactory(title="OGP Global Summit", place="Paris")
    action = CollectiveActionFactory(event=event, title="Open contracting")
    speakers = []
    for number, country in enumerate(COUNTRIES):
        organisation = create_organisation(
            by=SYSTEM, name=country, kind=OrganisationKind.NATIONAL_GOVERNMENT
        )
        user = UserFactory(email=f"contact{number}@example.org", name=f"Contact for {country}")
        RoleGrant.objects.create(user=user, role=Role.FORUM_MEMBER, organisation=organisation)
        speakers.append(user)
    return action, speakers


def status(action: CollectiveAction) -> str:
    action.refresh_from_db()
    return action.status


def test_three_governments_make_an_action_considered_and_a_withdrawal_undoes_it(page: Page, summit):
    action, speakers = summit
    problems = PageProblems(page)
    page.goto(action.get_absolute_url())
    expect(page.locator("#quorum-text")).to_contain_text("0 distinct signatories counted of the 3")
    checked(page, problems)

    for user, country in zip(speakers, COUNTRIES, strict=True):
        page.context.clear_cookies()
        sign_in(page, user.email, PASSWORD)
        page.goto(action.get_absolute_url())
        checked(page, problems)
        page.get_by_label(country, exact=True).check()
        page.get_by_label("Statement (optional)").fill(f"{country} will publish its contracts.")
        page.get_by_role("button", name="Sign up", exact=True).click()
        expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
        expect(page.locator("#signatories")).to_be_visible()
        checked(page, problems)

    assert status(action) == ActionStatus.CONSIDERED
    expect(page.locator("#action-status")).to_contain_text("Considered")
    expect(page.locator("#quorum-text")).to_contain_text("3 distinct signatories counted of the 3")
    expect(page.locator("#quorum-text")).to_contain_text("The quorum has been reached.")

    # The last signatory (the United Kingdom) withdraws.
    page.get_by_role("link", name="Withdraw United Kingdom").click()
    checked(page, problems)
    page.get_by_role("button", name="Withdraw the sign-up").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("#action-status")).to_contain_text("Gathering sign-ups")
    expect(page.locator("#quorum-text")).to_contain_text("1 more is needed")
    expect(page.locator("#history")).to_be_visible()
    expect(page.locator("main")).to_contain_text("withdrew a sign-up")
    checked(page, problems)

    assert status(action) == ActionStatus.GATHERING
    assert SignUp.objects.filter(action=action).count() == 2
    assert verify_chain().ok
