"""The managing pages: who may open them, one happy POST each, errors that write nothing, stale
versions refused without losing what was typed, drafts hidden, and CSRF enforced."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opengov.action_plans.choices import AssessmentKind, MilestoneStatus, PlanStatus
from opengov.action_plans.models import (
    ActionPlan,
    Assessment,
    Commitment,
    DueDateRevision,
    Milestone,
    PolicyArea,
    ProgressUpdate,
)
from opengov.action_plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    MilestoneFactory,
    ProgressUpdateFactory,
)
from opengov.core.models import AuditEvent
from opengov.organisations.models import OrganisationKind
from opengov.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else changed this record"
REASON = "Postponed due to the delayed Digital Strategy"

MANAGER_PAGES = ["plan-create", "plan-edit", "plan-publish", "commitment-create", "commitment-edit"]
LEAD_PAGES = [
    "milestone-create",
    "milestone-edit",
    "update-create",
    "milestone-revise",
    "milestone-complete",
    "assessment-create",
]
ALL_PAGES = MANAGER_PAGES + LEAD_PAGES


def date_parts(name: str, value: dt.date) -> dict[str, str]:
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def page_urls(commitment: Commitment, milestone: Milestone) -> dict[str, str]:
    plan = commitment.plan
    by_plan = ["plan-edit", "plan-publish", "commitment-create"]
    by_commitment = ["commitment-edit", "milestone-create", "update-create", "assessment-create"]
    by_milestone = ["milestone-edit", "milestone-revise", "milestone-complete"]
    return {
        "plan-create": reverse("action_plans:plan-create"),
        **{n: reverse(f"action_plans:{n}", args=[plan.pk]) for n in by_plan},
        **{n: reverse(f"action_plans:{n}", args=[commitment.pk]) for n in by_commitment},
        **{n: reverse(f"action_plans:{n}", args=[milestone.pk]) for n in by_milestone},
    }


@pytest.fixture
def milestone(commitment):
    return MilestoneFactory(commitment=commitment)


@pytest.fixture
def urls(commitment, milestone):
    return page_urls(commitment, milestone)


@pytest.fixture
def draft_urls(lead_organisation):
    """The same pages for a commitment, led by the lead's organisation, in an unpublished plan."""
    plan = ActionPlanFactory(published_at=None)
    commitment = CommitmentFactory(plan=plan, lead_organisations=[lead_organisation])
    return page_urls(commitment, MilestoneFactory(commitment=commitment))


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def role_for(page: str) -> str:
    return "government_contact" if page in MANAGER_PAGES else "lead"


def assert_form_error(response, *texts: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "<title>Error:" in html
    for text in texts:
        assert text in html, text


# Who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("page", ALL_PAGES)
def test_anonymous_is_sent_to_sign_in(client, urls, page):
    sign_in = reverse("accounts:sign-in")
    for response in (client.get(urls[page]), client.post(urls[page], {})):
        assert response.status_code == 302
        assert response["Location"].startswith(f"{sign_in}?next=")


@pytest.mark.parametrize("role", ["participant", "other_lead"])
@pytest.mark.parametrize("page", ALL_PAGES)
def test_users_without_the_rule_cannot_open_managing_pages(user_for_role, urls, role, page):
    client = signed_in(user_for_role(role))
    events = AuditEvent.objects.count()
    assert client.get(urls[page]).status_code == 403
    assert client.post(urls[page], {"title": "x", "text": "x"}).status_code == 403
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("page", ALL_PAGES)
def test_the_right_role_can_open_managing_pages(user_for_role, urls, page):
    response = signed_in(user_for_role(role_for(page))).get(urls[page])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert "govuk-breadcrumbs" in html
    assert 'class="govuk-button"' in html
    assert "csrfmiddlewaretoken" in html
    assert "govuk-error-summary" not in html


def test_lead_cannot_manage_plans(lead, urls):
    client = signed_in(lead)
    for page in MANAGER_PAGES:
        assert client.get(urls[page]).status_code == 403


def test_civil_society_member_can_open_only_the_assessment_page(civil_society_member, urls):
    client = signed_in(civil_society_member)
    assert client.get(urls["assessment-create"]).status_code == 200
    for page in ALL_PAGES:
        if page != "assessment-create":
            assert client.get(urls[page]).status_code == 403, page


@pytest.mark.parametrize("page", LEAD_PAGES)
def test_lead_gets_404_for_pages_of_an_unpublished_plan(lead, draft_urls, page):
    client = signed_in(lead)
    assert client.get(draft_urls[page]).status_code == 404
    assert client.post(draft_urls[page], {}).status_code == 404


@pytest.mark.parametrize("page", ["plan-edit", "plan-publish", "commitment-create"])
def test_unpublished_plan_is_404_for_users_who_do_not_manage_plans(user_for_role, draft_urls, page):
    for role in ("lead", "participant", "civil_society_member"):
        assert signed_in(user_for_role(role)).get(draft_urls[page]).status_code == 404


def test_missing_object_is_404(government_contact):
    url = reverse("action_plans:plan-edit", args=[999_999])
    assert signed_in(government_contact).get(url).status_code == 404


# Plans -----------------------------------------------------------------------------------------


def test_government_contact_can_create_a_plan(government_contact):
    member = MemberFactory()
    data = {
        "member": member.pk,
        "number": "4",
        "title": "UK Open Government National Action Plan 2019–21",
        "description": "The fourth plan.",
        "status": PlanStatus.DRAFTING,
        **date_parts("starts_on", dt.date(2019, 5, 1)),
        **date_parts("ends_on", dt.date(2021, 6, 30)),
    }
    response = signed_in(government_contact).post(reverse("action_plans:plan-create"), data)
    plan = ActionPlan.objects.get(member=member, number=4)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert plan.starts_on == dt.date(2019, 5, 1)
    assert plan.published_at is None
    assert AuditEvent.objects.filter(verb="action_plans.actionplan.created").exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Action plan created. It is not public until you publish it."
    ]


def test_plan_create_errors_write_nothing(government_contact):
    client = signed_in(government_contact)
    data = {"number": "0", "title": "", **date_parts("starts_on", dt.date(2019, 5, 1))}
    data["starts_on_month"] = ""
    response = client.post(reverse("action_plans:plan-create"), data)
    assert_form_error(
        response,
        "Choose the member the plan belongs to",
        "Enter the plan&#x27;s title",
        "The plan number must be 1 or more",
        "The date must include a month",
    )
    assert not ActionPlan.objects.exists()
    assert not AuditEvent.objects.exists()


def test_plan_create_shows_the_services_refusal_on_its_field(government_contact, commitment):
    plan = commitment.plan
    data = {"member": plan.member_id, "number": plan.number, "title": "Again", "status": "drafting"}
    response = signed_in(government_contact).post(reverse("action_plans:plan-create"), data)
    assert_form_error(response, "already has an action plan numbered", 'href="#id_number"')
    assert ActionPlan.objects.count() == 1


def plan_edit_data(plan, **changes):
    return {
        "number": plan.number,
        "title": plan.title,
        "description": plan.description,
        "status": plan.status,
        "version": plan.version,
        **date_parts("starts_on", plan.starts_on),
        **date_parts("ends_on", plan.ends_on),
        **changes,
    }


def test_government_contact_can_edit_a_plan(government_contact, commitment):
    plan = commitment.plan
    data = plan_edit_data(plan, title="NAP3 (revised)")
    response = signed_in(government_contact).post(
        reverse("action_plans:plan-edit", args=[plan.pk]), data
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "NAP3 (revised)"
    assert plan.version == 2
    assert AuditEvent.objects.filter(verb="action_plans.actionplan.changed").exists()


def test_plan_edit_errors_write_nothing(government_contact, commitment):
    plan = commitment.plan
    data = plan_edit_data(plan, title="", **date_parts("ends_on", dt.date(2010, 1, 1)))
    response = signed_in(government_contact).post(
        reverse("action_plans:plan-edit", args=[plan.pk]), data
    )
    assert_form_error(response, "Enter the plan&#x27;s title")
    plan.refresh_from_db()
    assert plan.version == 1
    assert not AuditEvent.objects.exists()


def test_government_contact_can_publish_a_plan(government_contact):
    plan = ActionPlanFactory(published_at=None)
    url = reverse("action_plans:plan-publish", args=[plan.pk])
    client = signed_in(government_contact)
    assert "Publish action plan" in client.get(url).content.decode()
    response = client.post(url, {})
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    plan.refresh_from_db()
    assert plan.published_at is not None
    assert AuditEvent.objects.filter(verb="action_plans.actionplan.published").exists()


def test_publishing_twice_shows_the_refusal(government_contact, commitment):
    url = reverse("action_plans:plan-publish", args=[commitment.plan.pk])
    response = signed_in(government_contact).post(url, {})
    assert_form_error(response, "This plan is already published.")
    assert not AuditEvent.objects.exists()


# Commitments -----------------------------------------------------------------------------------


def test_commitment_form_offers_governments_and_organisations(government_contact, commitment):
    scotland = OrganisationFactory(
        name="Scottish Government", kind=OrganisationKind.DEVOLVED_ADMINISTRATION
    )
    url = reverse("action_plans:commitment-create", args=[commitment.plan.pk])
    response = signed_in(government_contact).get(url)
    government = response.context["form"]["government"]
    assert [choice[1] for choice in government.field.choices][1:] == ["Scottish Government"]
    html = response.content.decode()
    assert f'value="{scotland.pk}"' in html
    assert "govuk-checkboxes" in html  # fewer than 30 organisations
    assert "<optgroup" in html  # policy areas, grouped


def test_government_contact_can_add_a_commitment(government_contact, commitment):
    plan = commitment.plan
    department = OrganisationFactory(name="Department for Education")
    area = PolicyArea.objects.order_by("pk").first()
    data = {
        "number": "14",
        "title": "Open contracting in education",
        "short_title": "Open contracting",
        "description": "Publish **every** contract.",
        "government": "",
        "lead_organisations": [department.pk],
        "supporting_organisations": [],
        "policy_areas": [area.pk],
        "ogp_id": "UK0099",
    }
    url = reverse("action_plans:commitment-create", args=[plan.pk])
    response = signed_in(government_contact).post(url, data)
    created = Commitment.objects.get(plan=plan, number="14")
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert list(created.lead_organisations.all()) == [department]
    assert list(created.policy_areas.all()) == [area]
    assert created.government is None
    assert AuditEvent.objects.filter(verb="action_plans.commitment.created").exists()


def test_commitment_create_errors_write_nothing(government_contact, commitment):
    url = reverse("action_plans:commitment-create", args=[commitment.plan.pk])
    client = signed_in(government_contact)
    response = client.post(url, {"number": "", "title": ""})
    assert_form_error(response, "Enter the commitment&#x27;s number")
    response = client.post(url, {"number": commitment.number, "title": "Duplicate"})
    assert_form_error(response, f"already has a commitment numbered {commitment.number}")
    assert Commitment.objects.count() == 1
    assert not AuditEvent.objects.exists()


def commitment_edit_data(commitment, **changes):
    return {
        "number": commitment.number,
        "title": commitment.title,
        "short_title": commitment.short_title,
        "description": commitment.description,
        "government": "",
        "lead_organisations": [o.pk for o in commitment.lead_organisations.all()],
        "ogp_id": commitment.ogp_id,
        "version": commitment.version,
        **changes,
    }


def test_government_contact_can_edit_a_commitment(government_contact, commitment):
    url = reverse("action_plans:commitment-edit", args=[commitment.pk])
    client = signed_in(government_contact)
    assert f'value="{commitment.title}"' in client.get(url).content.decode()
    response = client.post(url, commitment_edit_data(commitment, title="Open contracting"))
    assert response.status_code == 302
    assert response["Location"] == commitment.get_absolute_url()
    commitment.refresh_from_db()
    assert commitment.title == "Open contracting"
    assert AuditEvent.objects.filter(verb="action_plans.commitment.changed").exists()


def test_commitment_edit_errors_write_nothing(government_contact, commitment):
    url = reverse("action_plans:commitment-edit", args=[commitment.pk])
    response = signed_in(government_contact).post(
        url, commitment_edit_data(commitment, title="", version="")
    )
    assert_form_error(response, "Enter the commitment&#x27;s title")
    commitment.refresh_from_db()
    assert commitment.version == 1
    assert not AuditEvent.objects.exists()


def test_stale_commitment_edit_is_refused_and_keeps_the_typed_text(government_contact, commitment):
    url = reverse("action_plans:commitment-edit", args=[commitment.pk])
    client = signed_in(government_contact)
    client.get(url)
    Commitment.objects.filter(pk=commitment.pk).update(version=F("version") + 1)
    data = commitment_edit_data(commitment, title="My careful new title", version=1)
    response = client.post(url, data)
    assert_form_error(response, CONFLICT, 'value="My careful new title"')
    commitment.refresh_from_db()
    assert commitment.title != "My careful new title"
    assert not AuditEvent.objects.exists()


# Milestones ------------------------------------------------------------------------------------


def test_lead_can_add_a_milestone(lead, commitment):
    url = reverse("action_plans:milestone-create", args=[commitment.pk])
    data = {"text": "Publish the data", **date_parts("due_on", dt.date(2017, 10, 31))}
    response = signed_in(lead).post(url, data)
    milestone = Milestone.objects.get(commitment=commitment)
    assert response.status_code == 302
    assert milestone.due_on == milestone.original_due_on == dt.date(2017, 10, 31)
    assert AuditEvent.objects.filter(verb="action_plans.milestone.created").exists()


def test_milestone_create_errors_write_nothing(lead, commitment):
    url = reverse("action_plans:milestone-create", args=[commitment.pk])
    data = {"text": "  ", **date_parts("due_on", dt.date(2017, 10, 31)), "due_on_day": "32"}
    response = signed_in(lead).post(url, data)
    assert_form_error(response, "Enter the milestone", "Enter a real date")
    assert not Milestone.objects.exists()
    assert not AuditEvent.objects.exists()


def test_lead_can_reword_a_milestone(lead, milestone):
    url = reverse("action_plans:milestone-edit", args=[milestone.pk])
    response = signed_in(lead).post(url, {"text": "Publish all the data", "version": 1})
    assert response.status_code == 302
    assert response["Location"] == milestone.get_absolute_url()
    milestone.refresh_from_db()
    assert milestone.text == "Publish all the data"
    assert AuditEvent.objects.filter(verb="action_plans.milestone.changed").exists()


def test_milestone_edit_errors_write_nothing(lead, milestone):
    url = reverse("action_plans:milestone-edit", args=[milestone.pk])
    response = signed_in(lead).post(url, {"text": "", "version": 1})
    assert_form_error(response, "Enter the milestone")
    assert not AuditEvent.objects.exists()


def test_revise_page_shows_current_and_original_due_dates(lead, milestone):
    Milestone.objects.filter(pk=milestone.pk).update(due_on=dt.date(2017, 6, 30))
    url = reverse("action_plans:milestone-revise", args=[milestone.pk])
    html = signed_in(lead).get(url).content.decode()
    assert "30 June 2017" in html
    assert "31 March 2017" in html
    assert 'name="version" value="1"' in html


def test_lead_can_move_a_due_date_with_a_reason(lead, milestone):
    url = reverse("action_plans:milestone-revise", args=[milestone.pk])
    data = {"reason": REASON, "version": 1, **date_parts("new_due_on", dt.date(2017, 12, 31))}
    response = signed_in(lead).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == milestone.get_absolute_url()
    revision = DueDateRevision.objects.get(milestone=milestone)
    assert revision.reason == REASON
    assert revision.new_due_on == dt.date(2017, 12, 31)
    assert AuditEvent.objects.filter(verb="action_plans.milestone.due_date_revised").exists()


def test_revise_errors_write_nothing(lead, milestone):
    url = reverse("action_plans:milestone-revise", args=[milestone.pk])
    client = signed_in(lead)
    response = client.post(url, {"reason": "", "version": 1})
    assert_form_error(response, "Enter the new due date", "Enter the reason the due date is moving")
    same_date = date_parts("new_due_on", milestone.due_on)
    response = client.post(url, {"reason": REASON, "version": 1, **same_date})
    assert_form_error(response, "The new due date is the same as the current one.")
    assert REASON in response.content.decode()
    assert not DueDateRevision.objects.exists()
    assert not AuditEvent.objects.exists()


def test_stale_revision_is_refused_and_keeps_the_typed_reason(lead, milestone):
    url = reverse("action_plans:milestone-revise", args=[milestone.pk])
    Milestone.objects.filter(pk=milestone.pk).update(version=F("version") + 1)
    data = {"reason": REASON, "version": 1, **date_parts("new_due_on", dt.date(2017, 12, 31))}
    response = signed_in(lead).post(url, data)
    assert_form_error(response, CONFLICT, f"{REASON}</textarea>", 'value="2017"')
    assert not DueDateRevision.objects.exists()
    assert not AuditEvent.objects.exists()


def test_complete_page_defaults_to_today(lead, milestone):
    url = reverse("action_plans:milestone-complete", args=[milestone.pk])
    html = signed_in(lead).get(url).content.decode()
    assert f'value="{timezone.localdate().year}"' in html


def test_lead_can_complete_a_milestone(lead, milestone):
    url = reverse("action_plans:milestone-complete", args=[milestone.pk])
    data = {"version": 1, **date_parts("completed_on", dt.date(2017, 3, 20))}
    response = signed_in(lead).post(url, data)
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.COMPLETE
    assert milestone.completed_on == dt.date(2017, 3, 20)
    assert AuditEvent.objects.filter(verb="action_plans.milestone.completed").exists()


def test_complete_errors_write_nothing(lead, milestone):
    url = reverse("action_plans:milestone-complete", args=[milestone.pk])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = signed_in(lead).post(url, {"version": 1, **date_parts("completed_on", tomorrow)})
    assert_form_error(response, "The completion date cannot be in the future.")
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.NOT_STARTED
    assert not AuditEvent.objects.exists()


def test_stale_completion_is_refused_and_keeps_the_typed_date(lead, milestone):
    url = reverse("action_plans:milestone-complete", args=[milestone.pk])
    Milestone.objects.filter(pk=milestone.pk).update(version=F("version") + 1)
    data = {"version": 1, **date_parts("completed_on", dt.date(2017, 3, 20))}
    response = signed_in(lead).post(url, data)
    assert_form_error(response, CONFLICT, 'value="20"')
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.NOT_STARTED
    assert not AuditEvent.objects.exists()


# Progress updates ------------------------------------------------------------------------------


def test_update_form_limits_milestones_and_defaults_the_lead_organisation(
    lead, commitment, milestone, lead_organisation
):
    other = MilestoneFactory()
    url = reverse("action_plans:update-create", args=[commitment.pk])
    response = signed_in(lead).get(url)
    form = response.context["form"]
    assert list(form.fields["milestone"].queryset) == [milestone]
    assert other not in form.fields["milestone"].queryset
    assert form["organisation"].value() == lead_organisation.pk
    html = response.content.decode()
    assert "Markdown" in html
    assert 'name="evidence_url_5"' in html
    assert 'name="evidence_title_5"' in html


def test_lead_can_post_a_progress_update(lead, commitment, milestone, lead_organisation):
    url = reverse("action_plans:update-create", args=[commitment.pk])
    data = {
        "status": "delayed",
        "text": "Waiting for the *Digital Strategy*.",
        "milestone": milestone.pk,
        "organisation": lead_organisation.pk,
        "evidence_url_1": "https://www.gov.uk/report",
        "evidence_title_1": "Report",
        "evidence_url_3": "https://example.org/minutes",
        **date_parts("reported_on", dt.date(2016, 11, 10)),
    }
    response = signed_in(lead).post(url, data)
    assert response.status_code == 302
    assert response["Location"] == commitment.get_absolute_url()
    update = ProgressUpdate.objects.get(commitment=commitment)
    assert update.milestone == milestone
    assert update.organisation == lead_organisation
    assert update.evidence == [
        {"url": "https://www.gov.uk/report", "title": "Report"},
        {"url": "https://example.org/minutes", "title": ""},
    ]
    commitment.refresh_from_db()
    assert commitment.status == "delayed"
    assert AuditEvent.objects.filter(verb="action_plans.progressupdate.posted").exists()


def test_update_errors_write_nothing(lead, commitment):
    url = reverse("action_plans:update-create", args=[commitment.pk])
    data = {
        "text": "",
        "milestone": MilestoneFactory().pk,
        "evidence_url_1": "ftp://example.org/file",
        "evidence_title_2": "A title without a link",
        **date_parts("reported_on", dt.date(2016, 11, 10)),
    }
    response = signed_in(lead).post(url, data)
    assert_form_error(
        response,
        "Choose the commitment&#x27;s status",
        "Enter the update",
        "Select a valid choice",
        "Enter a web address starting with http:// or https://",
        "Enter the web address for this title",
    )
    assert not ProgressUpdate.objects.exists()
    assert not AuditEvent.objects.exists()


# Assessments -----------------------------------------------------------------------------------


def assessment_data(organisation, **changes):
    return {
        "organisation": organisation.pk,
        "status": "delayed",
        "completion": "limited",
        "text": "Less has happened than reported.",
        **date_parts("period_start", dt.date(2016, 7, 1)),
        **date_parts("period_end", dt.date(2016, 12, 31)),
        **changes,
    }


def test_lead_records_a_government_self_assessment(lead, commitment, lead_organisation):
    url = reverse("action_plans:assessment-create", args=[commitment.pk])
    client = signed_in(lead)
    page = client.get(url)
    assert "government self-assessment" in page.content.decode()
    assert "contests" not in page.context["form"].fields
    response = client.post(url, assessment_data(lead_organisation))
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.kind == AssessmentKind.GOVERNMENT
    assert assessment.organisation == lead_organisation
    assert AuditEvent.objects.filter(verb="action_plans.assessment.recorded").exists()


def test_civil_society_member_contests_an_update(
    civil_society_member, commitment, civil_society_organisation
):
    update = ProgressUpdateFactory(commitment=commitment)
    url = reverse("action_plans:assessment-create", args=[commitment.pk])
    client = signed_in(civil_society_member)
    form = client.get(url).context["form"]
    assert list(form.fields["organisation"].queryset) == [civil_society_organisation]
    assert list(form.fields["contests"].queryset) == [update]
    data = assessment_data(
        civil_society_organisation,
        contests=update.pk,
        evidence_url_1="https://involve.org.uk/review",
        evidence_title_1="Our review",
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.kind == AssessmentKind.CIVIL_SOCIETY
    assert assessment.contests == update
    assert assessment.evidence == [{"url": "https://involve.org.uk/review", "title": "Our review"}]


def test_civil_society_member_cannot_speak_for_another_organisation(
    civil_society_member, commitment, lead_organisation
):
    url = reverse("action_plans:assessment-create", args=[commitment.pk])
    response = signed_in(civil_society_member).post(url, assessment_data(lead_organisation))
    assert_form_error(response, "Select a valid choice")
    assert not Assessment.objects.exists()


def test_assessment_errors_write_nothing(
    civil_society_member, commitment, civil_society_organisation
):
    update = ProgressUpdateFactory(commitment=commitment)
    url = reverse("action_plans:assessment-create", args=[commitment.pk])
    client = signed_in(civil_society_member)
    response = client.post(url, {"organisation": civil_society_organisation.pk})
    assert_form_error(response, "Enter the assessment", "Enter the start of the period")
    data = assessment_data(civil_society_organisation, contests=update.pk)
    response = client.post(url, data)
    assert_form_error(response, "Give at least one evidence link when contesting")
    data = assessment_data(
        civil_society_organisation, **date_parts("period_end", dt.date(2016, 1, 1))
    )
    assert_form_error(client.post(url, data), "The end of the period must be on or after")
    assert not Assessment.objects.exists()
    assert not AuditEvent.objects.exists()


# CSRF ------------------------------------------------------------------------------------------


def test_post_without_csrf_token_is_refused(lead, milestone):
    url = reverse("action_plans:milestone-revise", args=[milestone.pk])
    client = Client(enforce_csrf_checks=True)
    client.force_login(lead)
    data = {"reason": REASON, "version": 1, **date_parts("new_due_on", dt.date(2017, 12, 31))}
    assert client.post(url, data).status_code == 403
    assert not DueDateRevision.objects.exists()
    client.get(url)
    token = client.cookies["csrftoken"].value
    assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert DueDateRevision.objects.count() == 1


def test_lead_can_post_an_update_reported_at_a_meeting(client, lead, commitment):
    from django.utils import timezone

    from opengov.action_plans.models import ProgressUpdate
    from opengov.meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory(starts_at=timezone.now() - timezone.timedelta(days=3))
    client.force_login(lead)
    response = client.post(
        f"/commitments/{commitment.pk}/updates/new/",
        {
            "status": "on_track",
            "text": "Discussed at the forum.",
            "reported_on_day": "1",
            "reported_on_month": "1",
            "reported_on_year": "2017",
            "meeting": meeting.pk,
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.meeting == meeting
    page = client.get(commitment.get_absolute_url()).text
    assert f"/meetings/{meeting.pk}/" in page
