"""Public pages of feedback: the form (with its honeypot and rate limit, see spam.py), the
confirmation, the list of published feedback and a feedback page with its answer. Everything
loads through `visible_to(request.user)` (404 otherwise) and runs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, TemplateView

from opengov.action_plans.views.public import recent_history
from opengov.core.audit import object_key
from opengov.core.errors import DomainError
from opengov.core.paging import page_of

from .. import services
from ..forms import FeedbackFilterForm, FeedbackForm
from ..models import Feedback
from ..spam import submission_wait


def throttled(request: HttpRequest, seconds: int) -> HttpResponse:
    """429 Too Many Requests, as opengov.accounts.throttle answers, with this form's words."""
    context = {
        "minutes": max(1, math.ceil(seconds / 60)),
        "retry_at": timezone.localtime() + dt.timedelta(seconds=seconds),
    }
    response = render(request, "feedback/throttled.html", context, status=429)
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response


class FeedbackCreateView(View):
    template_name = "feedback/feedback_form.html"

    def initial(self) -> dict[str, Any]:
        user, initial = self.request.user, {}
        if user.is_authenticated:
            initial["name"] = getattr(user, "name", "")
        if subject := self.request.GET.get("commitment"):
            initial.update(subject="commitment", commitment=subject)
        return initial

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(FeedbackForm(initial=self.initial()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = FeedbackForm(data=request.POST)
        spam = form.is_spam()
        if spam or form.is_valid():
            if wait := submission_wait(request):
                return throttled(request, wait)
            if spam:  # looks accepted, stores nothing (spam.py says why)
                return redirect("feedback:feedback-sent")
            try:
                services.submit_feedback(by=request.user, **form.service_kwargs())
            except DomainError as error:
                form.add_domain_error(error)
            else:
                return redirect("feedback:feedback-sent")
        return self.render(form)

    def render(self, form: FeedbackForm) -> HttpResponse:
        return render(self.request, self.template_name, {"form": form})


class FeedbackSentView(TemplateView):
    template_name = "feedback/feedback_sent.html"


class FeedbackListView(TemplateView):
    template_name = "feedback/feedback_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filters = FeedbackFilterForm(self.request.GET or None)
        rows = filters.apply(Feedback.objects.published()).for_list()
        page = page_of(self.request, rows.order_by("-submitted_at", "-pk"))
        return {**super().get_context_data(**kwargs), "filters": filters, "page_obj": page}


class FeedbackDetailView(DetailView):
    template_name = "feedback/feedback_detail.html"
    context_object_name = "feedback"

    def get_queryset(self) -> QuerySet[Feedback]:
        return Feedback.objects.visible_to(self.request.user).for_list()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        feedback = self.object
        shows_content = not feedback.is_hidden or self.request.user.has_perm(
            "feedback.view_hidden_feedback", feedback
        )
        answer = getattr(feedback, "answer", None) if feedback.is_answered else None
        context.update(
            shows_content=shows_content,
            answer=answer,
            history=recent_history(feedback),
            history_key=object_key(feedback),
        )
        return context
