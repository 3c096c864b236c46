"""The managing pages of meetings: GOV.UK forms that each call one service.

Every page signs the user in, loads its object through `visible_to(user)` (404 otherwise), checks
the named rule (403 otherwise), binds its form and, on POST, calls its one service. A refusal
(DomainError, or ConflictError for a stale version) is shown on the form, which keeps what was
typed; success redirects with a message. The shared flow is core's ManageFormView."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from opengov.core.errors import DomainError
from opengov.core.manage_forms import ManageForm
from opengov.core.manage_views import ManageFormView

from .. import services
from ..forms import (
    ActionItemForm,
    ActionStatusForm,
    AttendanceForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
    MinutesSectionForm,
    PublishMinutesForm,
    SeriesForm,
)
from ..models import ActionItem, Attendance, Meeting, MeetingSeries, MinutesSection

MANAGE = "meetings/manage/"


class MeetingFormView(ManageFormView):
    """A page about one meeting, found among those the user may see."""

    model = Meeting
    related = ("series",)
    permission = "meetings.change_meeting"

    def context(self, meeting: Meeting) -> dict[str, Any]:
        return {"object": meeting, "meeting": meeting}


# Meetings -------------------------------------------------------------------------------------


class ManageMeetingCreateView(ManageFormView):
    permission = "meetings.add_meeting"
    form_class = MeetingForm
    template_name = MANAGE + "meeting_form.html"
    success_message = _("Meeting created")

    def form_kwargs(self, obj: None) -> dict[str, Any]:
        slug = self.request.GET.get("series", "")
        series = MeetingSeries.objects.filter(slug=slug).first() if slug else None
        return {"initial": {"series": series, "title": series.name if series else ""}}

    def perform(self, form: MeetingForm, obj: None) -> Model:
        return services.create_meeting(by=self.request.user, **form.service_kwargs())


class ManageMeetingEditView(MeetingFormView):
    form_class = MeetingEditForm
    template_name = MANAGE + "meeting_form.html"
    success_message = _("Meeting saved")

    def form_kwargs(self, meeting: Meeting) -> dict[str, Any]:
        return {"initial": MeetingEditForm.initial_for(meeting)}

    def perform(self, form: MeetingEditForm, meeting: Meeting) -> Model:
        return services.update_meeting(
            by=self.request.user, meeting=meeting, **form.service_kwargs()
        )


class ManageMeetingPublishView(MeetingFormView):
    permission = "meetings.publish_minutes"
    form_class = PublishMinutesForm
    template_name = MANAGE + "meeting_publish.html"
    success_message = _("Minutes published")

    def perform(self, form: PublishMinutesForm, meeting: Meeting) -> Model:
        return services.publish_minutes(by=self.request.user, meeting=meeting)


# Attendance -----------------------------------------------------------------------------------


class ManageAttendanceEditView(MeetingFormView):
    form_class = AttendanceForm
    template_name = MANAGE + "attendance_form.html"
    success_message = _("Attendance recorded")

    def perform(self, form: AttendanceForm, meeting: Meeting) -> Model:
        return services.record_attendance(
            by=self.request.user, meeting=meeting, **form.service_kwargs()
        )

    def success_url(self, attendance: Attendance) -> str:
        return reverse("meetings:attendance-edit", kwargs={"pk": attendance.meeting_id})

    def context(self, meeting: Meeting) -> dict[str, Any]:
        attendances = meeting.attendances.select_related("person", "organisation")
        return {**super().context(meeting), "attendances": list(attendances)}


class ManageAttendanceRemoveView(LoginRequiredMixin, View):
    """A correction: the remove button next to each attendee posts here."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        meetings = Meeting.objects.visible_to(request.user)
        attendance = get_object_or_404(
            Attendance.objects.select_related("meeting", "person"), pk=pk, meeting__in=meetings
        )
        if not request.user.has_perm("meetings.change_meeting", attendance.meeting):
            raise PermissionDenied
        try:
            services.remove_attendance(by=request.user, attendance=attendance)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            name = attendance.person.display_name
            messages.success(request, _("%(name)s removed from the attendance") % {"name": name})
        return redirect("meetings:attendance-edit", pk=attendance.meeting_id)


# Minutes and decisions ------------------------------------------------------------------------


class SectionFormMixin:
    """Both minutes pages: the same form and template; success returns to the section."""

    form_class: type[ManageForm] = MinutesSectionForm
    template_name = MANAGE + "section_form.html"

    def success_url(self, section: MinutesSection) -> str:
        return f"{section.meeting.get_absolute_url()}#section-{section.pk}"


class ManageSectionCreateView(SectionFormMixin, MeetingFormView):
    success_message = _("Section of the minutes added")

    def form_kwargs(self, meeting: Meeting) -> dict[str, Any]:
        return {"user": self.request.user}

    def perform(self, form: MinutesSectionForm, meeting: Meeting) -> Model:
        return services.add_minutes_section(
            by=self.request.user, meeting=meeting, **form.service_kwargs()
        )


class ManageSectionEditView(SectionFormMixin, ManageFormView):
    """A section is found through the meetings the user may see; the rule is the meeting's."""

    model = MinutesSection
    related = ("meeting__series",)
    permission = "meetings.change_meeting"
    success_message = _("Section of the minutes saved")

    def get_object(self) -> MinutesSection:
        meetings = Meeting.objects.visible_to(self.request.user)
        sections = MinutesSection.objects.select_related(*self.related)
        return get_object_or_404(sections, pk=self.kwargs["pk"], meeting__in=meetings)

    def check_permission(self, section: MinutesSection) -> None:
        super().check_permission(section.meeting)

    def form_kwargs(self, section: MinutesSection) -> dict[str, Any]:
        return {"user": self.request.user, "section": section}

    def perform(self, form: MinutesSectionForm, section: MinutesSection) -> Model:
        return services.update_minutes_section(
            by=self.request.user, section=section, **form.service_kwargs()
        )

    def context(self, section: MinutesSection) -> dict[str, Any]:
        return {"object": section, "section": section, "meeting": section.meeting}


class ManageDecisionCreateView(MeetingFormView):
    form_class = DecisionForm
    template_name = MANAGE + "decision_form.html"
    success_message = _("Decision recorded")

    def form_kwargs(self, meeting: Meeting) -> dict[str, Any]:
        return {"meeting": meeting}

    def perform(self, form: DecisionForm, meeting: Meeting) -> Model:
        return services.record_decision(
            by=self.request.user, meeting=meeting, **form.service_kwargs()
        )

    def success_url(self, decision: Any) -> str:
        return f"{decision.meeting.get_absolute_url()}#decisions"


# Action items ---------------------------------------------------------------------------------


class ManageActionCreateView(MeetingFormView):
    permission = "meetings.add_actionitem"
    form_class = ActionItemForm
    template_name = MANAGE + "action_form.html"
    success_message = _("Action added")

    def form_kwargs(self, meeting: Meeting) -> dict[str, Any]:
        return {"user": self.request.user}

    def perform(self, form: ActionItemForm, meeting: Meeting) -> Model:
        return services.add_action_item(
            by=self.request.user, meeting=meeting, **form.service_kwargs()
        )

    def success_url(self, item: ActionItem) -> str:
        return f"{item.meeting.get_absolute_url()}#actions"


class ManageActionStatusView(ManageFormView):
    model = ActionItem
    related = ("meeting__series", "owner_organisation", "owner_person")
    permission = "meetings.change_actionitem"
    form_class = ActionStatusForm
    template_name = MANAGE + "action_status.html"
    success_message = _("Action status updated")

    def form_kwargs(self, item: ActionItem) -> dict[str, Any]:
        return {"item": item, "user": self.request.user}

    def perform(self, form: ActionStatusForm, item: ActionItem) -> Model:
        return services.set_action_item_status(
            by=self.request.user, action_item=item, **form.service_kwargs()
        )

    def context(self, item: ActionItem) -> dict[str, Any]:
        return {"object": item, "action": item, "meeting": item.meeting}


class ManageSeriesCreateView(ManageFormView):
    permission = "meetings.add_meetingseries"
    form_class = SeriesForm
    template_name = MANAGE + "series_form.html"
    success_message = _("Series started")

    def perform(self, form: SeriesForm, obj: None) -> Model:
        return services.create_series(by=self.request.user, **form.service_kwargs())
