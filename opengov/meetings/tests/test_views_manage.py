"""The managing pages of meetings: who may open them, one happy POST each (through the service,
with its audit event), errors that write nothing, a stale version refused without losing what
was typed, private meetings hidden, and CSRF enforced."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from opengov.core.models import AuditEvent
from opengov.meetings.choices import ActionStatus, AttendanceRole, MeetingStatus
from opengov.meetings.models import (
    ActionItem,
    ActionItemReview,
    Attendance,
    Decision,
    Meeting,
    MinutesSection,
)
from opengov.meetings.services.meetings import AGENDA_HEADING
from opengov.meetings.tests.factories import (
    ActionItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    MinutesSectionFactory,
    held_on,
)
from opengov.organisations.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

CONFLICT = "Someone else changed this record"
BY_MEETING = [
    "meeting-edit",
    "meeting-publish",
    "attendance-edit",
    "section-create",
    "decision-create",
    "action-create",
]
SECRETARIAT_PAGES = ["meeting-create", *BY_MEETING, "section-edit", "action-status"]


def date_parts(name: str, value: dt.date) -> dict[str, str]:
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def assert_form_error(response, *texts: str) -> None:
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "<title>Error:" in html
    for text in texts:
        assert text in html, text


@pytest.fixture
def series():
    return MeetingSeriesFactory(name="OGN and Cabinet Office", slug="ogn-cabinet-office")


@pytest.fixture
def meeting(series):
    return MeetingFactory(title="Where we've got to", series=series)


@pytest.fixture
def owned_action(meeting, lead_organisation):
    """An action owned by the lead's organisation (the Cabinet Office)."""
    return ActionItemFactory(
        meeting=meeting,
        text="Cabinet Office to arrange a meeting",
        owner_organisation=lead_organisation,
    )


def page_urls(meeting: Meeting, section: MinutesSection, action: ActionItem) -> dict[str, str]:
    return {
        "meeting-create": reverse("meetings:meeting-create"),
        **{name: reverse(f"meetings:{name}", args=[meeting.pk]) for name in BY_MEETING},
        "section-edit": reverse("meetings:section-edit", args=[section.pk]),
        "action-status": reverse("meetings:action-status", args=[action.pk]),
    }


@pytest.fixture
def urls(meeting, owned_action):
    return page_urls(meeting, MinutesSectionFactory(meeting=meeting), owned_action)


@pytest.fixture
def private_urls(series, lead_organisation):
    private = MeetingFactory(title="Closed session", series=series, is_public=False)
    action = ActionItemFactory(meeting=private, owner_organisation=lead_organisation)
    return page_urls(private, MinutesSectionFactory(meeting=private), action)


# Who may open the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_anonymous_is_sent_to_sign_in(client, urls, page):
    sign_in = reverse("accounts:sign-in")
    for response in (client.get(urls[page]), client.post(urls[page], {})):
        assert response.status_code == 302
        assert response["Location"].startswith(f"{sign_in}?next=")


def test_anonymous_cannot_remove_attendance(client, meeting):
    attendance = AttendanceFactory(meeting=meeting)
    response = client.post(reverse("meetings:attendance-remove", args=[attendance.pk]))
    assert response.status_code == 302
    assert Attendance.objects.filter(pk=attendance.pk).exists()


@pytest.mark.parametrize("role", ["participant", "lead", "government_contact"])
@pytest.mark.parametrize("page", [p for p in SECRETARIAT_PAGES if p != "action-status"])
def test_users_who_do_not_run_meetings_get_403(user_for_role, urls, role, page):
    client = signed_in(user_for_role(role))
    assert client.get(urls[page]).status_code == 403
    assert client.post(urls[page], {"title": "x", "text": "x"}).status_code == 403
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("role", ["participant", "other_lead", "civil_society_member"])
def test_only_the_owners_lead_or_secretariat_may_change_an_actions_status(
    user_for_role, urls, role
):
    client = signed_in(user_for_role(role))
    assert client.get(urls["action-status"]).status_code == 403
    assert client.post(urls["action-status"], {"status": "done"}).status_code == 403


def test_participant_cannot_remove_attendance(participant, meeting):
    attendance = AttendanceFactory(meeting=meeting)
    url = reverse("meetings:attendance-remove", args=[attendance.pk])
    assert signed_in(participant).post(url).status_code == 403
    assert Attendance.objects.filter(pk=attendance.pk).exists()


@pytest.mark.parametrize("page", SECRETARIAT_PAGES)
def test_the_secretariat_can_open_managing_pages(secretariat, urls, page):
    response = signed_in(secretariat).get(urls[page])
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert "govuk-breadcrumbs" in html
    assert 'class="govuk-button"' in html
    assert "csrfmiddlewaretoken" in html
    assert "govuk-error-summary" not in html


def test_the_owners_lead_can_open_the_status_page(lead, urls):
    assert signed_in(lead).get(urls["action-status"]).status_code == 200


@pytest.mark.parametrize("page", [p for p in SECRETARIAT_PAGES if p != "meeting-create"])
def test_pages_of_a_private_meeting_are_404_except_for_the_secretariat(
    lead, secretariat, private_urls, page
):
    assert signed_in(lead).get(private_urls[page]).status_code == 404
    assert signed_in(lead).post(private_urls[page], {}).status_code == 404
    assert signed_in(secretariat).get(private_urls[page]).status_code == 200


def test_missing_objects_are_404(secretariat):
    client = signed_in(secretariat)
    for name in ["meeting-edit", "section-edit", "action-status", "attendance-edit"]:
        assert client.get(reverse(f"meetings:{name}", args=[999_999])).status_code == 404
    assert client.post(reverse("meetings:attendance-remove", args=[999_999])).status_code == 404


def test_meeting_page_shows_managing_links_only_to_those_who_may_use_them(
    client, secretariat, lead, meeting, owned_action
):
    edit = reverse("meetings:meeting-edit", args=[meeting.pk])
    status = reverse("meetings:action-status", args=[owned_action.pk])
    public = client.get(meeting.get_absolute_url()).text
    assert edit not in public and status not in public
    as_lead = signed_in(lead).get(meeting.get_absolute_url()).text
    assert edit not in as_lead and status in as_lead
    as_secretariat = signed_in(secretariat).get(meeting.get_absolute_url()).text
    assert edit in as_secretariat and status in as_secretariat


# Meetings -------------------------------------------------------------------------------------


def meeting_data(**changes) -> dict[str, str]:
    return {
        "title": "Where we've got to; the OGP Summit",
        **date_parts("starts_on", dt.date(2016, 11, 10)),
        "starts_time": "14:00",
        "ends_time": "16:30",
        "place": "70 Whitehall",
        "status": MeetingStatus.HELD,
        "summary": "A review of progress.",
        "is_public": "on",
        **changes,
    }


def test_secretariat_can_create_a_meeting_of_a_series_with_its_open_actions(
    secretariat, meeting, series
):
    ActionItemFactory(meeting=meeting, text="OGN to write to MCO", owner_text="OGN")
    client = signed_in(secretariat)
    url = reverse("meetings:meeting-create")
    form = client.get(url, {"series": series.slug}).context["form"]
    assert form.initial["series"] == series
    data = meeting_data(series=series.pk, **date_parts("starts_on", dt.date(2017, 1, 12)))
    response = client.post(url, data)
    created = Meeting.objects.exclude(pk=meeting.pk).get()
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    local = timezone.localtime(created.starts_at)
    assert (local.date(), local.hour, local.minute) == (dt.date(2017, 1, 12), 14, 0)
    assert timezone.localtime(created.ends_at).hour == 16
    agenda = created.sections.get()
    assert agenda.heading == AGENDA_HEADING and "OGN to write to MCO" in agenda.text
    assert AuditEvent.objects.filter(verb="meetings.meeting.created").exists()
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Meeting created"]


def test_meeting_create_errors_write_nothing(secretariat):
    client = signed_in(secretariat)
    data = meeting_data(title="", starts_time="25:99", online_url="ftp://example.org")
    data["starts_on_month"] = ""
    response = client.post(reverse("meetings:meeting-create"), data)
    assert_form_error(
        response,
        "Enter the meeting&#x27;s title",
        "The date must include a month",
        "Enter a time, like 10:00 or 14:30",
        "Enter a web address starting with http:// or https://",
    )
    assert not Meeting.objects.exists()
    assert not AuditEvent.objects.exists()


def test_meeting_ending_before_it_starts_is_refused_on_the_end_time(secretariat):
    data = meeting_data(starts_time="14:00", ends_time="9:00")
    response = signed_in(secretariat).post(reverse("meetings:meeting-create"), data)
    assert_form_error(response, "The meeting must end after it starts.", 'href="#id_ends_time"')
    assert 'value="Where we&#x27;ve got to; the OGP Summit"' in response.content.decode()
    assert not Meeting.objects.exists()


def edit_data(meeting: Meeting, **changes) -> dict[str, str]:
    return meeting_data(
        title=meeting.title,
        series=meeting.series_id or "",
        **date_parts("starts_on", meeting.held_on),
        starts_time="10:00",
        ends_time="",
        version=meeting.version,
        **changes,
    )


def test_secretariat_can_edit_a_meeting(secretariat, meeting):
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    client = signed_in(secretariat)
    assert 'value="10:00"' in client.get(url).content.decode()
    response = client.post(url, edit_data(meeting, place="Involve, 33 Corsham Street"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.place == "Involve, 33 Corsham Street"
    assert meeting.version == 2
    assert AuditEvent.objects.filter(verb="meetings.meeting.changed").exists()


def test_stale_meeting_edit_is_refused_and_keeps_the_typed_text(secretariat, meeting):
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    Meeting.objects.filter(pk=meeting.pk).update(version=F("version") + 1)
    response = signed_in(secretariat).post(url, edit_data(meeting, place="My careful place"))
    assert_form_error(response, CONFLICT, 'value="My careful place"')
    meeting.refresh_from_db()
    assert meeting.place == ""
    assert not AuditEvent.objects.exists()


def test_secretariat_can_publish_the_minutes(secretariat, meeting):
    url = reverse("meetings:meeting-publish", args=[meeting.pk])
    client = signed_in(secretariat)
    assert "Publish the minutes" in client.get(url).content.decode()
    response = client.post(url, {})
    assert response.status_code == 302
    assert response["Location"] == meeting.get_absolute_url()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.MINUTES_PUBLISHED
    assert AuditEvent.objects.filter(verb="meetings.meeting.minutes_published").exists()


def test_publishing_a_future_meeting_shows_the_refusal(secretariat, series):
    future = MeetingFactory(
        series=series, starts_at=timezone.now() + dt.timedelta(days=7), status="planned"
    )
    response = signed_in(secretariat).post(reverse("meetings:meeting-publish", args=[future.pk]))
    assert_form_error(response, "can be published only after it is held")
    future.refresh_from_db()
    assert future.status == MeetingStatus.PLANNED
    assert not AuditEvent.objects.exists()


# Attendance -----------------------------------------------------------------------------------


def test_secretariat_can_record_and_remove_attendance(
    secretariat, meeting, civil_society_organisation
):
    person = PersonFactory(name="Tim Hughes")
    url = reverse("meetings:attendance-edit", args=[meeting.pk])
    client = signed_in(secretariat)
    data = {
        "person": person.pk,
        "organisation": civil_society_organisation.pk,
        "role": AttendanceRole.CHAIR,
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == url
    attendance = Attendance.objects.get(meeting=meeting, person=person)
    assert attendance.role == AttendanceRole.CHAIR and not attendance.sent_apologies
    assert AuditEvent.objects.filter(verb="meetings.attendance.recorded").exists()
    page = client.get(url).content.decode()
    remove = reverse("meetings:attendance-remove", args=[attendance.pk])
    assert f'action="{remove}"' in page
    response = client.post(remove)
    assert response.status_code == 302 and response["Location"] == url
    assert not Attendance.objects.filter(pk=attendance.pk).exists()
    assert AuditEvent.objects.filter(verb="meetings.attendance.removed").exists()


def test_attendance_errors_write_nothing(secretariat, meeting):
    url = reverse("meetings:attendance-edit", args=[meeting.pk])
    response = signed_in(secretariat).post(url, {"person": "", "role": "boss"})
    assert_form_error(response, "Choose the person")
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.exists()


def test_attendance_remove_is_post_only(secretariat, meeting):
    attendance = AttendanceFactory(meeting=meeting)
    url = reverse("meetings:attendance-remove", args=[attendance.pk])
    assert signed_in(secretariat).get(url).status_code == 405


# Minutes and decisions ------------------------------------------------------------------------


def test_secretariat_can_add_and_edit_minutes_linked_to_commitments(
    secretariat, meeting, commitment
):
    client = signed_in(secretariat)
    url = reverse("meetings:section-create", args=[meeting.pk])
    assert f'value="{commitment.pk}"' in client.get(url).content.decode()
    data = {
        "heading": "Update on NAP3",
        "text": "Broadly on track.",
        "commitments": [commitment.pk],
    }
    response = client.post(url, data)
    section = MinutesSection.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert response["Location"] == f"{meeting.get_absolute_url()}#section-{section.pk}"
    assert list(section.commitments.all()) == [commitment]
    assert AuditEvent.objects.filter(verb="meetings.minutessection.added").exists()

    edit = reverse("meetings:section-edit", args=[section.pk])
    assert "Update on NAP3" in client.get(edit).content.decode()
    response = client.post(edit, {"heading": "Update on NAP3 commitments", "text": "On track."})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.heading == "Update on NAP3 commitments"
    assert not section.commitments.exists()
    assert AuditEvent.objects.filter(verb="meetings.minutessection.changed").exists()


def test_empty_section_is_refused(secretariat, meeting):
    url = reverse("meetings:section-create", args=[meeting.pk])
    response = signed_in(secretariat).post(url, {"heading": " ", "text": ""})
    assert_form_error(response, "Enter the section&#x27;s heading or text.", 'href="#id_text"')
    assert not MinutesSection.objects.exists()
    assert not AuditEvent.objects.exists()


def test_secretariat_can_record_a_decision(secretariat, meeting):
    section = MinutesSectionFactory(meeting=meeting)
    url = reverse("meetings:decision-create", args=[meeting.pk])
    data = {"text": "OGN to trigger its nomination process", "section": section.pk}
    response = signed_in(secretariat).post(url, data)
    assert response.status_code == 302
    decision = Decision.objects.get(meeting=meeting)
    assert decision.section == section
    assert AuditEvent.objects.filter(verb="meetings.decision.recorded").exists()


def test_decision_errors_write_nothing(secretariat, meeting):
    other = MinutesSectionFactory()  # of another meeting: not a choice here
    url = reverse("meetings:decision-create", args=[meeting.pk])
    response = signed_in(secretariat).post(url, {"text": "", "section": other.pk})
    assert_form_error(response, "Enter the decision", "Select a valid choice")
    assert not Decision.objects.exists()


# Action items ---------------------------------------------------------------------------------


def test_secretariat_can_add_an_action_with_a_due_date(secretariat, meeting, lead_organisation):
    person = PersonFactory(name="Thom Townsend")
    url = reverse("meetings:action-create", args=[meeting.pk])
    data = {
        "text": "OGN to write to MCO",
        "owner_organisation": lead_organisation.pk,
        "owner_person": person.pk,
        **date_parts("due_on", dt.date(2016, 11, 28)),
    }
    response = signed_in(secretariat).post(url, data)
    assert response.status_code == 302
    item = ActionItem.objects.get(meeting=meeting)
    assert (item.owner_organisation, item.owner_person) == (lead_organisation, person)
    assert item.due_on == dt.date(2016, 11, 28)
    assert AuditEvent.objects.filter(verb="meetings.actionitem.agreed").exists()


def test_secretariat_can_add_an_action_due_as_written(secretariat, meeting):
    url = reverse("meetings:action-create", args=[meeting.pk])
    data = {
        "text": "Arrange a meeting",
        "owner_text": "Cabinet Office",
        "due_phrase": "in the New Year",
    }
    assert signed_in(secretariat).post(url, data).status_code == 302
    item = ActionItem.objects.get(meeting=meeting)
    assert item.due_on is None and item.due_phrase == "in the New Year"


def test_action_errors_write_nothing(secretariat, meeting):
    url = reverse("meetings:action-create", args=[meeting.pk])
    data = {"text": "", **date_parts("due_on", dt.date(2016, 11, 28)), "due_on_year": "16"}
    response = signed_in(secretariat).post(url, data)
    assert_form_error(response, "Enter the action", "The year must include 4 numbers")
    assert not ActionItem.objects.exists()
    assert not AuditEvent.objects.exists()


def test_lead_can_mark_their_action_done_at_a_later_meeting(lead, owned_action, series):
    later = MeetingFactory(series=series, starts_at=held_on(dt.date(2016, 12, 8)))
    earlier = MeetingFactory(series=series, starts_at=held_on(dt.date(2016, 10, 1)))
    url = reverse("meetings:action-status", args=[owned_action.pk])
    client = signed_in(lead)
    choices = list(client.get(url).context["form"].fields["at_meeting"].queryset)
    assert choices == [later] and earlier not in choices
    data = {
        "status": ActionStatus.DONE,
        **date_parts("done_on", dt.date(2016, 12, 1)),
        "note": "Meeting held on 1 December",
        "at_meeting": later.pk,
        "version": owned_action.version,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == owned_action.get_absolute_url()
    owned_action.refresh_from_db()
    assert owned_action.status == ActionStatus.DONE
    assert owned_action.done_on == dt.date(2016, 12, 1)
    review = ActionItemReview.objects.get(action_item=owned_action)
    assert review.meeting == later and review.status == ActionStatus.DONE
    assert AuditEvent.objects.filter(verb="meetings.actionitem.status_changed").exists()


def test_dropping_an_action_needs_a_reason(secretariat, owned_action):
    url = reverse("meetings:action-status", args=[owned_action.pk])
    data = {"status": ActionStatus.DROPPED, "note": "", "version": owned_action.version}
    response = signed_in(secretariat).post(url, data)
    assert_form_error(response, "Say why the action is dropped.", 'href="#id_note"')
    owned_action.refresh_from_db()
    assert owned_action.status == ActionStatus.OPEN
    assert not AuditEvent.objects.exists()


def test_stale_status_change_shows_the_conflict_and_keeps_the_note(secretariat, owned_action):
    url = reverse("meetings:action-status", args=[owned_action.pk])
    ActionItem.objects.filter(pk=owned_action.pk).update(version=F("version") + 1)
    data = {"status": ActionStatus.DROPPED, "note": "Overtaken by events", "version": 1}
    response = signed_in(secretariat).post(url, data)
    assert_form_error(response, CONFLICT, "Overtaken by events")
    owned_action.refresh_from_db()
    assert owned_action.status == ActionStatus.OPEN
    assert not AuditEvent.objects.exists()


# CSRF -----------------------------------------------------------------------------------------


def test_managing_posts_need_the_csrf_token(secretariat, meeting, owned_action):
    client = signed_in(secretariat, enforce_csrf_checks=True)
    attendance = AttendanceFactory(meeting=meeting)
    posts = [
        (reverse("meetings:meeting-create"), meeting_data()),
        (reverse("meetings:decision-create", args=[meeting.pk]), {"text": "Agreed"}),
        (
            reverse("meetings:action-status", args=[owned_action.pk]),
            {"status": "done", "version": owned_action.version},
        ),
        (reverse("meetings:attendance-remove", args=[attendance.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Meeting.objects.count() == 1
    assert not Decision.objects.exists()
    assert Attendance.objects.filter(pk=attendance.pk).exists()
    assert not AuditEvent.objects.exists()


def test_secretariat_can_start_a_series(client, secretariat):
    from opengov.core.models import AuditEvent
    from opengov.meetings.models import MeetingSeries

    client.force_login(secretariat)
    assert client.get("/meetings/series/new/").status_code == 200
    response = client.post(
        "/meetings/series/new/", {"name": "OGN and Cabinet Office", "description": "Quarterly"}
    )
    series = MeetingSeries.objects.get()
    assert response.status_code == 302 and response.url == series.get_absolute_url()
    assert AuditEvent.objects.filter(verb="meetings.meetingseries.created").exists()
    again = client.post("/meetings/series/new/", {"name": "ogn and cabinet office"})
    assert again.status_code == 200 and "govuk-error-summary" in again.text
    assert MeetingSeries.objects.count() == 1


@pytest.mark.parametrize("role", ["anonymous", "participant", "lead"])
def test_others_cannot_start_a_series(client, user_for_role, role):
    if role != "anonymous":
        client.force_login(user_for_role(role))
    response = client.get("/meetings/series/new/")
    assert response.status_code == (302 if role == "anonymous" else 403)
