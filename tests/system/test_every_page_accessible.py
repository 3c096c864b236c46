"""Every kind of page, with the demo data loaded, as the public sees it and as the people who
manage plans see it: each loads all its assets, has one h1, and axe finds no violations."""

from __future__ import annotations

from importlib import import_module

import pytest
from playwright.sync_api import Page

from opengov.accounts.models import User
from opengov.action_plans.models import ActionPlan, Commitment, Milestone, ProgressUpdate
from opengov.demo.loader import load_demo
from opengov.meetings.models import ActionItem, Meeting
from opengov.organisations.models import Network, Organisation, Person
from tests.system.axe import assert_no_axe_violations
from tests.system.journeys import PageProblems, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_PASSWORD = "demo-password-1"
# Each app's own pages (tests/axe_pages.py: public_paths(), manager_paths()), with the demo loaded.
APP_PAGES = [
    import_module(f"opengov.{app}.tests.axe_pages")
    for app in (
        "organisations", "collective_actions", "nominations", "ideas", "consultations", "feedback"
    )
]  # fmt: skip


def public_paths() -> list[str]:
    plan = ActionPlan.objects.get(number=3)
    commitment = Commitment.objects.get(plan=plan, number="5")
    meeting = Meeting.objects.get()
    action = ActionItem.objects.filter(meeting=meeting).first()
    return [
        "/",
        "/plans/",
        plan.get_absolute_url(),
        plan.get_absolute_url() + "?status=on_track&lead=crown-commercial-service",
        plan.member.get_absolute_url(),
        commitment.get_absolute_url(),
        Commitment.objects.get(plan=plan, number="8").get_absolute_url(),
        Milestone.objects.filter(commitment=commitment).first().get_absolute_url(),
        ProgressUpdate.objects.filter(commitment=commitment).first().get_absolute_url(),
        "/organisations/",
        Organisation.objects.get(name="Cabinet Office").get_absolute_url(),
        Person.objects.get(name="Tim Hughes").get_absolute_url(),
        Network.objects.get().get_absolute_url(),
        "/history/",
        "/history/1/",
        "/data/",
        "/data/dictionary/",
        "/api/v1/docs",
        "/accessibility/",
        "/privacy/",
        "/take-part/",
        "/accounts/sign-in/",
        "/accounts/password-reset/",
        "/meetings/",
        meeting.get_absolute_url(),
        meeting.series.get_absolute_url(),
        "/actions/",
        "/actions/?status=open&overdue=yes",
        action.get_absolute_url(),
        *(path for pages in APP_PAGES for path in pages.public_paths()),
    ]


def manager_paths() -> list[str]:
    plan = ActionPlan.objects.get(number=3)
    commitment = Commitment.objects.get(plan=plan, number="1")
    milestone = Milestone.objects.filter(commitment=commitment).first()
    meeting = Meeting.objects.get()
    action = ActionItem.objects.filter(meeting=meeting).first()
    return [
        "/plans/new/",
        f"/plans/{plan.pk}/edit/",
        f"/plans/{plan.pk}/commitments/new/",
        f"/commitments/{commitment.pk}/edit/",
        f"/commitments/{commitment.pk}/milestones/new/",
        f"/commitments/{commitment.pk}/updates/new/",
        f"/commitments/{commitment.pk}/assessments/new/",
        f"/milestones/{milestone.pk}/edit/",
        f"/milestones/{milestone.pk}/revise/",
        f"/milestones/{milestone.pk}/complete/",
        "/accounts/tokens/",
        "/accounts/your-data/",
        "/accounts/notifications/",
        "/accounts/your-data/delete/",
        "/meetings/new/",
        "/meetings/series/new/",
        "/meetings/import/",
        f"/meetings/{meeting.pk}/edit/",
        f"/meetings/{meeting.pk}/attendance/",
        f"/meetings/{meeting.pk}/sections/new/",
        f"/meetings/{meeting.pk}/decisions/new/",
        f"/meetings/{meeting.pk}/actions/new/",
        f"/actions/{action.pk}/status/",
        *(path for pages in APP_PAGES for path in pages.manager_paths()),
    ]


def visit_and_check(page: Page, path: str) -> None:
    problems = PageProblems(page)
    response = page.goto(path)
    assert response is not None and response.ok, f"{path}: {response and response.status}"
    assert page.locator("h1").count() == 1, path
    assert not problems.items, f"{path}: {problems.report()}"
    assert_no_axe_violations(page)


def test_every_public_page_is_accessible(page: Page):
    load_demo(with_users=False)
    for path in public_paths():
        visit_and_check(page, path)


def test_every_managing_page_is_accessible_including_its_errors(page: Page):
    load_demo(with_users=True)
    admin = User.objects.get(email="admin@example.org")
    sign_in(page, admin.email, DEMO_PASSWORD)
    for path in manager_paths():
        visit_and_check(page, path)
    # A form sent empty shows the error summary and messages: checked too.
    plan = ActionPlan.objects.get(number=3)
    visit_and_check(page, f"/plans/{plan.pk}/commitments/new/")
    page.get_by_role("button", name="Add commitment").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_no_axe_violations(page)
