"""Public pages of ideas: the calls, a call with its ideas (filtered, sorted, paginated) and its
answer rate, the steering committee's ranking, the reasoned-response report (page, CSV, PDF) and an
idea with its supports, comments and response. Everything loads through `visible_to(user)` (404
otherwise) and each page runs a fixed number of queries, however many rows it shows."""

from __future__ import annotations

import csv
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView, TemplateView

from opengov.action_plans.models import Commitment
from opengov.action_plans.views.public import recent_history
from opengov.api.data import csv_cell
from opengov.core.audit import object_key
from opengov.core.paging import page_of

from .. import reports
from ..choices import UNPUBLISHED
from ..filters import IdeaFilterForm
from ..forms import CommentForm
from ..models import CallForIdeas, Comment, Idea, ScoringCriterion, Support
from ..pdf import report_pdf
from ..querysets import is_moderator


def filter_form(query: Any, areas: list[Any]) -> IdeaFilterForm:
    """The call page's filters from the address: parameters it does not know, and values it
    cannot use (a link from elsewhere, an old bookmark), are left out, as if not given."""
    params = {name: query[name] for name in IdeaFilterForm.base_fields if query.get(name)}
    form = IdeaFilterForm(params or None, areas=areas)
    if form.is_bound and not form.is_valid():
        params = {name: value for name, value in params.items() if name not in form.errors}
        form = IdeaFilterForm(params or None, areas=areas)
    return form


def visible_call(request: HttpRequest, pk: int) -> CallForIdeas:
    calls = CallForIdeas.objects.visible_to(request.user).select_related("plan")
    return get_object_or_404(calls, pk=pk)


class CallListView(TemplateView):
    template_name = "ideas/call_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        calls = CallForIdeas.objects.visible_to(self.request.user).select_related("plan")
        return {**super().get_context_data(**kwargs), "page_obj": page_of(self.request, calls)}


class CallDetailView(TemplateView):
    template_name = "ideas/call_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        call = get_object_or_404(
            CallForIdeas.objects.visible_to(user)
            .select_related("plan")
            .prefetch_related("policy_areas", "criteria"),
            pk=self.kwargs["pk"],
        )
        areas = list(call.policy_areas.all())
        filters = filter_form(self.request.GET, areas)
        ideas = filters.apply(
            Idea.objects.visible_to(user)
            .filter(call=call)
            .exclude(status__in=UNPUBLISHED)
            .select_related("policy_area", "author_person", "author_organisation")
        )
        awaiting = (
            Idea.objects.filter(call=call).awaiting_moderation().count()
            if is_moderator(user)
            else None
        )
        return {
            **super().get_context_data(**kwargs),
            "call": call,
            "plan_visible": call.plan.is_published or user.has_perm("ideas.add_callforideas"),
            "filters": filters,
            "page_obj": page_of(self.request, ideas),
            "rate": reports.answer_rate(call),
            "awaiting": awaiting,
            "history": recent_history(call),
            "history_key": object_key(call),
        }


class CallRankingView(TemplateView):
    template_name = "ideas/call_ranking.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = visible_call(self.request, self.kwargs["pk"])
        criteria, rows = reports.ranking(call, self.request.user)
        return {
            **super().get_context_data(**kwargs),
            "call": call,
            "criteria": criteria,
            "rows": rows,
        }


class CallReportView(TemplateView):
    template_name = "ideas/call_report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        call = visible_call(self.request, self.kwargs["pk"])
        page = page_of(self.request, reports.report_ideas(call, self.request.user))
        return {
            **super().get_context_data(**kwargs),
            "call": call,
            "page_obj": page,
            "rows": [reports.report_row(idea) for idea in page.object_list],
            "rate": reports.answer_rate(call),
        }


class _Echo:
    def write(self, value: str) -> str:
        return value


class CallReportCsvView(View):
    def get(self, request: HttpRequest, pk: int) -> StreamingHttpResponse:
        call = visible_call(request, pk)
        writer = csv.writer(_Echo())

        def lines() -> Any:
            yield "\ufeff" + writer.writerow(reports.REPORT_COLUMNS)
            for row in reports.report_rows(call, request.user):
                yield writer.writerow([csv_cell(row[name]) for name in reports.REPORT_COLUMNS])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-responses.csv"'
        return response


class CallReportPdfView(View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        call = visible_call(request, pk)
        rows = list(reports.report_rows(call, request.user))
        content = report_pdf(call, reports.answer_rate(call), rows)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="call-{call.pk}-responses.pdf"'
        return response


def idea_page_queryset(user: Any) -> QuerySet[Idea]:
    return (
        Idea.objects.visible_to(user)
        .select_related(
            "call__plan",
            "policy_area",
            "author_person",
            "author_organisation",
            "merged_into",
            "response__organisation",
        )
        .prefetch_related(
            Prefetch("commitment", Commitment.objects.visible_to(user), "visible_commitment"),
            Prefetch(
                "merged_ideas",
                Idea.objects.visible_to(user).order_by("title", "pk"),
                "visible_merged_ideas",
            ),
            Prefetch("call__criteria", ScoringCriterion.objects.all()),
        )
    )


class IdeaDetailView(DetailView):
    template_name = "ideas/idea_detail.html"
    context_object_name = "idea"

    def get_queryset(self) -> QuerySet[Idea]:
        return idea_page_queryset(self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        idea, user = self.object, self.request.user
        threads = (
            Comment.objects.filter(idea=idea, parent__isnull=True)
            .select_related("author")
            .prefetch_related(Prefetch("replies", Comment.objects.order_by("created_at", "pk")))
        )
        page = page_of(self.request, threads, "comments")
        can_comment = user.has_perm("ideas.comment_idea", idea)
        supported = bool(
            user.is_authenticated and Support.objects.filter(idea=idea, user=user).exists()
        )
        context.update(
            call=idea.call,
            response=reports._response(idea),
            comments_page=page,
            comment_form=CommentForm(idea=idea) if can_comment else None,
            supported=supported,
            sees_hidden=user.has_perm("ideas.view_hidden_comment"),
            history=recent_history(idea),
            history_key=object_key(idea),
        )
        return context
