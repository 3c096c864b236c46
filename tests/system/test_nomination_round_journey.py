"""A full nomination round in a real browser: the secretariat sets up a Steering Committee round
and opens it; a member nominates, another seconds, the nominee accepts; three members vote on
the vote form; the secretariat counts and publishes; the round page shows the results and the
committee page its new members. axe checks every page visited.

Between steps the round's dates are moved as time would move them (test setup): a round's phase
follows its dates and the clock."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.core.audit import verify_chain
from opengov.nominations.choices import RoundStatus
from opengov.nominations.models import Ballot, BodyMembership, NominationRound, VoteRecord
from opengov.nominations.tests.factories import move_to, network_of, standing_nomination
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page: Page, problems: PageProblems) -> None:
    assert not problems.items, problems.report()
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def as_user(page: Page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email, PASSWORD)


def told(page: Page, message: str) -> None:
    expect(page.locator(".govuk-notification-banner")).to_contain_text(message)


def fill_date(page: Page, name: str, day: dt.date) -> None:
    page.locator(f"input[name={name}_day]").fill(str(day.day))
    page.locator(f"input[name={name}_month]").fill(str(day.month))
    page.locator(f"input[name={name}_year]").fill(str(day.year))


def test_a_full_round_with_three_voters(page: Page, transactional_db):
    secretariat = UserFactory(email="secretariat@example.org", name="Network Coordinator")
    RoleGrant.objects.create(user=secretariat, role=Role.SECRETARIAT)
    net = network_of(3, secretariat)
    problems = PageProblems(page)
    today = dt.date.today()

    # The secretariat sets up the round (a draft) and opens it.
    as_user(page, secretariat.email)
    page.goto(net.body.get_absolute_url())
    checked(page, problems)
    page.get_by_role("link", name="Set up a nomination round").click()
    checked(page, problems)
    page.get_by_label("Title").fill("Steering Committee election")
    page.get_by_label("General seats").fill("2")
    page.get_by_label("Seconders each nomination needs").fill("1")
    page.get_by_label("Plurality (the most votes win)").check()
    for i, name in enumerate(
        ("nominations_open_at", "nominations_close_at", "voting_opens_at", "voting_closes_at")
    ):
        fill_date(page, f"{name}_on", today + dt.timedelta(days=i))
        page.locator(f"input[name={name}_time]").fill("00:00" if i == 0 else "23:00")
    fill_date(page, "term_starts_on", today + dt.timedelta(days=10))
    page.get_by_role("button", name="Save the round").click()
    told(page, "Round set up as a draft")
    checked(page, problems)
    page.get_by_role("link", name="Open the round").click()
    checked(page, problems)
    page.get_by_role("button", name="Open the round").click()
    told(page, "Round opened")
    round_ = NominationRound.objects.get()
    assert round_.status == RoundStatus.NOMINATIONS_OPEN

    # Member 0 nominates Nominee 0; member 1 seconds; the nominee accepts.
    as_user(page, net.voters[0].email)
    page.goto(round_.get_absolute_url())
    page.get_by_role("link", name="Nominate someone").click()
    checked(page, problems)
    page.get_by_label("Nominee", exact=True).select_option(label="Nominee 0")
    page.get_by_label("Why you nominate them").fill("Has chaired the network's working group.")
    page.get_by_role("button", name="Make the nomination").click()
    told(page, "Nomination made")
    checked(page, problems)
    nomination_url = page.url

    as_user(page, net.voters[1].email)
    page.goto(nomination_url)
    page.get_by_role("link", name="Second this nomination").click()
    checked(page, problems)
    page.get_by_role("button", name="Second the nomination").click()
    told(page, "Nomination seconded")

    as_user(page, net.nominees[0].user.email)
    page.goto(nomination_url)
    page.get_by_role("link", name="Accept or decline").click()
    checked(page, problems)
    page.get_by_label("Yes, I accept and will stand").check()
    page.get_by_role("button", name="Send your answer").click()
    told(page, "Your answer is saved")

    # Two more candidates stand (made through the services), then voting opens.
    for i in (1, 2):
        standing_nomination(net, round_, i, by_member=i)
    round_ = move_to(round_, RoundStatus.VOTING_OPEN)
    for voter, names in zip(
        net.voters, (["Nominee 0", "Nominee 1"], ["Nominee 0"], ["Nominee 2", "Nominee 0"]),
        strict=True,
    ):  # fmt: skip
        as_user(page, voter.email)
        page.goto(round_.get_absolute_url())
        page.get_by_role("link", name="Vote").click()
        checked(page, problems)
        for name in names:
            page.get_by_label(name, exact=True).check()
        page.get_by_role("button", name="Cast the vote").click()
        told(page, "Your member's vote is cast")
        checked(page, problems)
    assert VoteRecord.objects.count() == 3 and Ballot.objects.count() == 3

    # Voting closes; the secretariat counts and publishes.
    round_ = move_to(round_, RoundStatus.COUNTING)
    as_user(page, secretariat.email)
    page.goto(round_.get_absolute_url())
    page.get_by_role("link", name="Count the votes and publish the results").click()
    checked(page, problems)
    page.get_by_role("button", name="Count and publish").click()
    told(page, "Results published")
    checked(page, problems)
    results = page.get_by_role("table", name="Result: General seats")
    expect(results.get_by_role("row", name="Nominee 0")).to_contain_text("3")
    expect(results.get_by_role("row", name="Nominee 0")).to_contain_text("Elected")

    page.context.clear_cookies()
    page.goto(net.body.get_absolute_url())
    checked(page, problems)
    expect(page.get_by_text("Nominee 0").first).to_be_visible()
    assert BodyMembership.objects.filter(elected_in=round_).count() == 2
    assert verify_chain().ok
