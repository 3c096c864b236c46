"""An anonymous visitor sends feedback on a commitment, giving a contact address; the secretariat
finds it in the inbox and answers it, which publishes it; the answer is public, the address
appears on no public page, API answer or download, and the sender's e-mail is in the outbox. axe
checks every page visited."""

from __future__ import annotations

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from opengov.accounts.models import Role, RoleGrant
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.action_plans.tests.factories import ActionPlanFactory, CommitmentFactory
from opengov.core.audit import verify_chain
from opengov.feedback.models import Feedback
from opengov.organisations.tests.factories import OrganisationFactory
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDRESS = "sam.sender@example.net"
FEEDBACK = "Please publish the grants data in the 360Giving standard."
ANSWER = "We will publish it in the 360Giving standard from April."


def checked(page: Page, problems: PageProblems) -> None:
    assert not problems.items, problems.report()
    assert_no_axe_violations(page)


@pytest.fixture
def forum(db):
    plan = ActionPlanFactory(number=3, title="UK Open Government National Action Plan 2016–18")
    commitment = CommitmentFactory(plan=plan, number="6", title="Grants data")
    OrganisationFactory(name="Cabinet Office", slug="cabinet-office")
    secretariat = UserFactory(email="secretariat@example.org", name="Network Coordinator")
    RoleGrant.objects.create(user=secretariat, role=Role.SECRETARIAT)
    return commitment, secretariat


def test_visitor_sends_feedback_and_the_secretariat_answers_it(page: Page, forum):
    commitment, secretariat = forum
    problems = PageProblems(page)

    # An anonymous visitor: the commitment choice appears once "A commitment" is chosen.
    page.goto("/feedback/new/")
    checked(page, problems)
    select = page.get_by_label("Which commitment?")
    expect(select).to_be_hidden()
    page.get_by_label("A commitment", exact=True).check()
    expect(select).to_be_visible()
    select.select_option(str(commitment.pk))
    page.get_by_label("Your feedback").fill(FEEDBACK)
    page.get_by_label("Your e-mail address (optional)").fill(ADDRESS)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", name="Feedback sent")).to_be_visible()
    checked(page, problems)
    feedback = Feedback.objects.get()
    assert feedback.commitment == commitment and feedback.contact_email == ADDRESS
    assert feedback.is_pending

    # Not public until moderated.
    page.goto("/feedback/")
    expect(page.locator("main")).not_to_contain_text(FEEDBACK)
    checked(page, problems)

    # The secretariat answers it from the inbox; answering publishes it.
    sign_in(page, secretariat.email, PASSWORD)
    page.goto("/feedback/inbox/")
    expect(page.locator("main")).to_contain_text(FEEDBACK)
    checked(page, problems)
    page.get_by_role("link", name=str(feedback)).click()
    expect(page.locator("main")).to_contain_text("awaits moderation")
    checked(page, problems)
    page.get_by_role("link", name="Answer", exact=True).click()
    expect(page.locator("main")).not_to_contain_text(ADDRESS)
    checked(page, problems)
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked(page, problems)
    page.get_by_label("Answer", exact=True).fill(ANSWER)
    page.get_by_label("Answering for").select_option(label="Cabinet Office")
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    checked(page, problems)

    # The answer is public; the address is nowhere public, and has been erased.
    page.get_by_role("button", name="Sign out").click()
    for path in (feedback.get_absolute_url(), "/feedback/", "/history/"):
        page.goto(path)
        expect(page.locator("main")).not_to_contain_text(ADDRESS)
        checked(page, problems)
    page.goto(feedback.get_absolute_url())
    expect(page.locator("main")).to_contain_text(ANSWER)
    expect(page.locator("main")).to_contain_text(FEEDBACK)
    page.goto("/feedback/?status=answered")
    expect(page.locator("main")).to_contain_text(FEEDBACK)
    for path in ("/api/v1/feedback", f"/api/v1/feedback/{feedback.pk}", "/data/feedback.csv"):
        assert ADDRESS not in page.request.get(path).text()
    feedback.refresh_from_db()
    assert feedback.is_answered and feedback.contact_email == ""

    (message,) = [m for m in mail.outbox if ADDRESS in m.to]
    assert feedback.get_absolute_url() in message.body and FEEDBACK not in message.body
    assert verify_chain().ok


def test_secretariat_hides_abuse_and_the_public_sees_only_the_reason(page: Page, forum):
    _commitment, secretariat = forum
    problems = PageProblems(page)
    page.goto("/feedback/new/")
    page.get_by_label("The open government process", exact=True).check()
    page.get_by_label("Your feedback").fill("Abusive words about a named official")
    page.get_by_label("Your name (optional)").fill("Troll")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_role("heading", name="Feedback sent")).to_be_visible()
    feedback = Feedback.objects.get()

    sign_in(page, secretariat.email, PASSWORD)
    page.goto(feedback.get_absolute_url())
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    checked(page, problems)
    page.get_by_role("link", name="Hide").click()
    checked(page, problems)
    page.get_by_role("button", name="Hide the feedback").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    checked(page, problems)
    page.get_by_label("Why is it hidden?").fill("It was abusive")
    page.get_by_role("button", name="Hide the feedback").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.goto("/feedback/inbox/?show=hidden")
    expect(page.locator("main")).to_contain_text("Abusive words")
    checked(page, problems)

    page.get_by_role("button", name="Sign out").click()
    page.goto(feedback.get_absolute_url())
    expect(page.locator("main")).to_contain_text("It was abusive")
    expect(page.locator("main")).not_to_contain_text("Abusive words")
    expect(page.locator("main")).not_to_contain_text("Troll")
    checked(page, problems)
    page.goto("/feedback/?subject=process")
    expect(page.locator("main")).not_to_contain_text("Abusive words")
    checked(page, problems)
