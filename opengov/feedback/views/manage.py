"""The managing pages of feedback: the inbox of those who answer or moderate it, and the forms
that answer, publish and hide feedback, each calling one service (core's ManageFormView: sign
in, load through `visible_to(user)`, check the named rule, bind the form, call the service)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from opengov.core.errors import DomainError
from opengov.core.manage_views import ManageFormView

from .. import services
from ..forms import AnswerForm, HideForm, InboxFilterForm, PublishForm
from ..models import Feedback
from .public import page_of

MANAGE = "feedback/manage/"


class FeedbackInboxView(LoginRequiredMixin, TemplateView):
    template_name = MANAGE + "inbox.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("feedback.view_inbox"):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filters = InboxFilterForm(self.request.GET or None)
        rows = filters.apply(Feedback.objects.inbox_for(self.request.user).for_list())
        # Oldest first: the longest waiting is dealt with first.
        page = page_of(self.request, rows.order_by("submitted_at", "pk"))
        return {**super().get_context_data(**kwargs), "filters": filters, "page_obj": page}


class FeedbackFormView(ManageFormView):
    model = Feedback
    related = ("commitment__plan",)

    def context(self, feedback: Feedback) -> dict[str, Any]:
        return {"object": feedback, "feedback": feedback}

    def form_kwargs(self, feedback: Feedback) -> dict[str, Any]:
        return {"initial": {"version": feedback.version}}


class ManageFeedbackAnswerView(FeedbackFormView):
    permission = "feedback.answer_feedback"
    form_class = AnswerForm
    template_name = MANAGE + "answer_form.html"
    success_message = _("Answer published")

    def perform(self, form: AnswerForm, feedback: Feedback) -> Model:
        return services.answer_feedback(
            by=self.request.user, feedback=feedback, **form.service_kwargs()
        )


class ManageFeedbackHideView(FeedbackFormView):
    permission = "feedback.hide_feedback"
    form_class = HideForm
    template_name = MANAGE + "hide_form.html"
    success_message = _("Feedback hidden")

    def perform(self, form: HideForm, feedback: Feedback) -> Model:
        return services.hide_feedback(
            by=self.request.user, feedback=feedback, **form.service_kwargs()
        )


class ManageFeedbackPublishView(LoginRequiredMixin, View):
    """The publish button on a feedback page awaiting moderation posts here."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        feedback = get_object_or_404(Feedback.objects.visible_to(request.user), pk=pk)
        if not request.user.has_perm("feedback.publish_feedback", feedback):
            raise PermissionDenied
        form = PublishForm(data=request.POST)
        version = form.cleaned_data.get("version") if form.is_valid() else None
        try:
            services.publish_feedback(by=request.user, feedback=feedback, expected_version=version)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Feedback published"))
        return redirect(feedback.get_absolute_url())
