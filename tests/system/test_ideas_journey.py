"""A participant sends an idea to an open call; the secretariat publishes it after moderation;
another participant supports it and comments; the government contact accepts it with a reason,
and it becomes a draft commitment of the plan being drafted, linked both ways; the call's
reasoned-response report lists it. Another idea is not published at moderation: its author sees
why, and the report counts it by reason without its text. axe checks every page visited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.action_plans.models import Commitment
from opengov.action_plans.tests.factories import ActionPlanFactory
from opengov.ideas.models import Idea
from opengov.ideas.tests.factories import CallFactory, PolicyAreaFactory
from opengov.organisations.tests.factories import OrganisationFactory
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page: Page, problems: PageProblems) -> None:
    assert not problems.items, problems.report()
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def switch_to(page: Page, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, email, PASSWORD)


@pytest.fixture
def call(db):
    plan = ActionPlanFactory(number=4, title="National Action Plan 4", status="drafting")
    health = PolicyAreaFactory(name="Health", slug="health")
    today = timezone.localdate()
    OrganisationFactory(name="Department of Health")
    return CallFactory(
        plan=plan,
        title="Ideas for the next plan",
        policy_areas=[health],
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=30),
    )


def people():
    ann = UserFactory(email="ann@example.org", name="Ann Example")
    ben = UserFactory(email="ben@example.org", name="Ben Example")
    secretariat = UserFactory(email="sec@example.org", name="Sam Coordinator")
    RoleGrant.objects.create(user=secretariat, role=Role.SECRETARIAT)
    contact = UserFactory(email="gov@example.org", name="Gus Contact")
    RoleGrant.objects.create(user=contact, role=Role.GOVERNMENT_CONTACT)
    return ann, ben, secretariat, contact


def test_an_idea_is_sent_supported_answered_and_becomes_a_draft_commitment(page: Page, call):
    ann, ben, secretariat, contact = people()
    problems = PageProblems(page)

    # Ann sends an idea.
    sign_in(page, ann.email, PASSWORD)
    page.goto("/ideas/")
    checked(page, problems)
    page.get_by_role("link", name="Ideas for the next plan").click()
    checked(page, problems)
    page.get_by_role("link", name="Send an idea").click()
    checked(page, problems)
    page.get_by_label("Title of your idea").fill("Publish hospital waiting times monthly")
    page.get_by_label("Your idea", exact=True).fill(
        "Monthly open data on waiting times, trust by trust."
    )
    page.get_by_label("Health", exact=True).check()
    page.get_by_role("button", name="Send the idea").click()
    expect(page.locator("h1")).to_have_text("Publish hospital waiting times monthly")
    expect(page.get_by_text("Awaiting moderation")).to_be_visible()
    checked(page, problems)
    idea = Idea.objects.get()

    # The secretariat publishes it.
    switch_to(page, secretariat.email)
    page.goto(f"/ideas/calls/{call.pk}/moderation/")
    checked(page, problems)
    page.get_by_role("link", name="Publish hospital waiting times monthly", exact=True).click()
    checked(page, problems)
    page.get_by_label("Published", exact=True).check()
    page.get_by_role("button", name="Save the stage").click()
    checked(page, problems)

    # Ben supports it and comments; Ann is told of the comment.
    switch_to(page, ben.email)
    page.goto(idea.get_absolute_url())
    checked(page, problems)
    page.get_by_role("button", name="Support this idea").click()
    expect(page.get_by_text("1 person supports this idea.")).to_be_visible()
    checked(page, problems)
    # He changes his mind, then back: withdrawing is a plain form, no JavaScript needed.
    page.get_by_role("button", name="Withdraw your support").click()
    expect(page.get_by_text("You no longer support this idea")).to_be_visible()
    expect(page.get_by_text("0 people support this idea.")).to_be_visible()
    checked(page, problems)
    page.get_by_role("button", name="Support this idea").click()
    expect(page.get_by_text("1 person supports this idea.")).to_be_visible()
    page.get_by_label("Your comment").fill("Yes: and publish the method too.")
    page.get_by_role("button", name="Post the comment").click()
    expect(page.get_by_text("Yes: and publish the method too.")).to_be_visible()
    checked(page, problems)
    assert [m.to for m in mail.outbox] == [[ann.email]]

    # The government contact accepts it.
    switch_to(page, contact.email)
    page.goto(idea.get_absolute_url())
    page.get_by_role("link", name="Answer the idea").click()
    checked(page, problems)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Reason", exact=True).fill("It fits the plan's focus on public services.")
    page.get_by_label("Responding organisation (optional)").select_option(
        label="Department of Health"
    )
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_text("It fits the plan's focus on public services.")).to_be_visible()
    checked(page, problems)
    commitment = Commitment.objects.get(origin_idea=idea)
    assert commitment.plan == call.plan
    page.get_by_role("link", name=f"{commitment.number}. {commitment.title}").click()
    expect(page.get_by_text("This commitment came from the idea")).to_be_visible()
    checked(page, problems)
    assert mail.outbox[-1].to == [ann.email]

    # The report lists it, its reason and the commitment it became.
    page.context.clear_cookies()
    page.goto(f"/ideas/calls/{call.pk}/responses/")
    row = page.locator("tr", has_text="Publish hospital waiting times monthly")
    expect(row).to_contain_text("Accepted")
    expect(row).to_contain_text(f"{commitment.number}. {commitment.title}")
    checked(page, problems)


def test_an_idea_not_published_at_moderation_is_shown_to_its_author_with_the_reason(
    page: Page, call
):
    ann, _ben, secretariat, _contact = people()
    problems = PageProblems(page)
    sign_in(page, ann.email, PASSWORD)
    page.goto(f"/ideas/calls/{call.pk}/send/")
    page.get_by_label("Title of your idea").fill("Call my neighbour about the hospital")
    page.get_by_label("Your idea", exact=True).fill("Her number is 0123 456 789.")
    page.get_by_label("Health", exact=True).check()
    page.get_by_role("button", name="Send the idea").click()
    idea = Idea.objects.get()

    # The secretariat refuses it from the moderation queue.
    switch_to(page, secretariat.email)
    page.goto(f"/ideas/calls/{call.pk}/moderation/")
    page.get_by_role("link", name="Do not publish Call my neighbour about the hospital").click()
    checked(page, problems)
    page.get_by_role("button", name="Do not publish the idea").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked(page, problems)
    page.get_by_label("Contains someone's personal data").check()
    page.get_by_label("Explanation for its author").fill("It gives a person's phone number.")
    page.get_by_role("button", name="Do not publish the idea").click()
    expect(page.get_by_text("No idea is waiting for moderation.")).to_be_visible()
    checked(page, problems)
    assert mail.outbox[-1].to == [ann.email]
    assert "It gives a person's phone number." in mail.outbox[-1].body

    # Ann sees it, with the reason; nobody else does.
    switch_to(page, ann.email)
    page.goto(idea.get_absolute_url())
    expect(page.get_by_text("Not published at moderation")).to_be_visible()
    expect(page.get_by_text("It gives a person's phone number.")).to_be_visible()
    checked(page, problems)
    page.context.clear_cookies()
    response = page.goto(idea.get_absolute_url())
    assert response is not None and response.status == 404
    page.goto(f"/ideas/calls/{call.pk}/responses/")
    expect(page.locator("#not-published")).to_contain_text("1 idea was not published")
    expect(page.locator("#not-published")).to_contain_text("Contains someone's personal data: 1")
    expect(page.get_by_text("Call my neighbour")).to_have_count(0)
    checked(page, problems)
