"""The pages that change ideas: setting up and publishing calls, sending an idea, supporting,
commenting, reporting and hiding comments, moderating, scoring and answering (one by one or with a
template). Each loads through `visible_to(user)` (404), checks the named rule (403) and calls one
service (opengov.core.manage_views)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from opengov.core.manage_views import ManageFormView

from .. import services
from ..forms import (
    AnswerForm,
    CallEditForm,
    CallForm,
    CommentForm,
    ConfirmForm,
    HideForm,
    IdeaForm,
    ModerateForm,
    RefuseForm,
    ReportForm,
    ScoreForm,
    TemplateAnswerForm,
    TemplateForm,
)
from ..models import CallForIdeas, Comment, Idea, Score
from .public import page_of

MANAGE = "ideas/manage/"


# Calls ----------------------------------------------------------------------------------------


class ManageCallCreateView(ManageFormView):
    permission = "ideas.add_callforideas"
    form_class = CallForm
    template_name = MANAGE + "call_form.html"
    success_message = _("Call for ideas created as a draft")

    def form_kwargs(self, obj: None) -> dict[str, Any]:
        return {"user": self.request.user}

    def perform(self, form: CallForm, obj: None) -> Model:
        return services.create_call(by=self.request.user, **form.service_kwargs())


class CallFormView(ManageFormView):
    model = CallForIdeas
    related = ("plan",)
    permission = "ideas.change_callforideas"

    def context(self, call: CallForIdeas) -> dict[str, Any]:
        return {"object": call, "call": call}


class ManageCallEditView(CallFormView):
    form_class = CallEditForm
    template_name = MANAGE + "call_form.html"
    success_message = _("Call saved")

    def form_kwargs(self, call: CallForIdeas) -> dict[str, Any]:
        return {"user": self.request.user, "initial": CallEditForm.initial_for(call)}

    def perform(self, form: CallEditForm, call: CallForIdeas) -> Model:
        return services.update_call(by=self.request.user, call=call, **form.service_kwargs())


class ManageCallPublishView(CallFormView):
    permission = "ideas.publish_callforideas"
    form_class = ConfirmForm
    template_name = MANAGE + "call_publish.html"
    success_message = _("Call published")

    def perform(self, form: ConfirmForm, call: CallForIdeas) -> Model:
        return services.publish_call(by=self.request.user, call=call)


class IdeaSubmitView(CallFormView):
    permission = "ideas.submit_idea"
    form_class = IdeaForm
    template_name = MANAGE + "idea_form.html"
    success_message = _(
        "Your idea has been sent. It will be published once a moderator has read it."
    )

    def form_kwargs(self, call: CallForIdeas) -> dict[str, Any]:
        return {"call": call, "user": self.request.user}

    def perform(self, form: IdeaForm, call: CallForIdeas) -> Model:
        return services.submit_idea(by=self.request.user, call=call, **form.service_kwargs())


class ModerationQueueView(LoginRequiredMixin, View):
    """The ideas of a call waiting for a moderator, oldest first."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        calls = CallForIdeas.objects.visible_to(request.user).select_related("plan")
        call = get_object_or_404(calls, pk=pk)
        if not request.user.has_perm("ideas.moderate_idea", call):
            raise PermissionDenied
        waiting = (
            Idea.objects.filter(call=call)
            .awaiting_moderation()
            .select_related("policy_area", "author_person", "author_organisation")
            .order_by("submitted_at", "pk")
        )
        context = {"call": call, "page_obj": page_of(request, waiting)}
        return render(request, MANAGE + "moderation_queue.html", context)


class ManageTemplateCreateView(CallFormView):
    permission = "ideas.add_responsetemplate"
    form_class = TemplateForm
    template_name = MANAGE + "template_form.html"
    success_message = _("Response template saved")

    def perform(self, form: TemplateForm, call: CallForIdeas) -> Model:
        return services.add_response_template(
            by=self.request.user, call=call, **form.service_kwargs()
        )

    def success_url(self, result: Any) -> str:
        return reverse("ideas:call-answer-many", kwargs={"pk": result.call_id})


class ManageTemplateAnswerView(CallFormView):
    permission = "ideas.add_responsetemplate"
    form_class = TemplateAnswerForm
    template_name = MANAGE + "template_answer.html"
    success_message = _("Ideas answered")

    def form_kwargs(self, call: CallForIdeas) -> dict[str, Any]:
        return {"call": call}

    def perform(self, form: TemplateAnswerForm, call: CallForIdeas) -> Model:
        data = form.service_kwargs()
        services.answer_with_template(
            by=self.request.user,
            template=data["template"],
            ideas=list(data["ideas"]),
            organisation=data["organisation"],
        )
        return call

    def success_url(self, call: CallForIdeas) -> str:
        return reverse("ideas:call-report", kwargs={"pk": call.pk})


# Ideas ----------------------------------------------------------------------------------------


class IdeaFormView(ManageFormView):
    model = Idea
    related = ("call__plan", "author_person")

    def context(self, idea: Idea) -> dict[str, Any]:
        return {"object": idea, "idea": idea, "call": idea.call}


class ManageIdeaModerateView(IdeaFormView):
    permission = "ideas.moderate_idea"
    form_class = ModerateForm
    template_name = MANAGE + "idea_moderate.html"
    success_message = _("Idea moved")

    def form_kwargs(self, idea: Idea) -> dict[str, Any]:
        return {"initial": {"version": idea.version}}

    def perform(self, form: ModerateForm, idea: Idea) -> Model:
        return services.moderate_idea(by=self.request.user, idea=idea, **form.service_kwargs())


class ManageIdeaRefuseView(IdeaFormView):
    """Refuse to publish an idea awaiting moderation, with a reason told to its author."""

    permission = "ideas.refuse_idea"
    form_class = RefuseForm
    template_name = MANAGE + "idea_refuse.html"
    success_message = _("Idea not published: its author has been told why")

    def form_kwargs(self, idea: Idea) -> dict[str, Any]:
        return {"initial": {"version": idea.version}}

    def perform(self, form: RefuseForm, idea: Idea) -> Model:
        return services.refuse_idea(by=self.request.user, idea=idea, **form.service_kwargs())

    def success_url(self, idea: Idea) -> str:
        return reverse("ideas:call-moderation", kwargs={"pk": idea.call_id})


class ManageIdeaAnswerView(IdeaFormView):
    permission = "ideas.answer_idea"
    form_class = AnswerForm
    template_name = MANAGE + "idea_answer.html"
    success_message = _("Reasoned response published")

    def form_kwargs(self, idea: Idea) -> dict[str, Any]:
        return {"idea": idea, "initial": {"version": idea.version}}

    def perform(self, form: AnswerForm, idea: Idea) -> Model:
        data = form.service_kwargs()
        services.answer_idea(by=self.request.user, idea=idea, **data)
        return idea


class ManageIdeaScoreView(IdeaFormView):
    permission = "ideas.score_idea"
    form_class = ScoreForm
    template_name = MANAGE + "idea_score.html"
    success_message = _("Scores saved")

    def form_kwargs(self, idea: Idea) -> dict[str, Any]:
        mine = Score.objects.filter(idea=idea, scorer_id=self.request.user.pk)
        return {"idea": idea, "current": dict(mine.values_list("criterion_id", "value"))}

    def perform(self, form: ScoreForm, idea: Idea) -> Model:
        services.score_idea(by=self.request.user, idea=idea, **form.service_kwargs())
        return idea

    def success_url(self, idea: Idea) -> str:
        return reverse("ideas:call-ranking", kwargs={"pk": idea.call_id})


class IdeaCommentView(IdeaFormView):
    """The comment form on its own page: for a reply (?parent=), or when the form on the idea's
    page was sent with a problem."""

    permission = "ideas.comment_idea"
    form_class = CommentForm
    template_name = MANAGE + "comment_form.html"
    success_message = _("Comment posted")

    def form_kwargs(self, idea: Idea) -> dict[str, Any]:
        parent = self.request.GET.get("parent", "")
        return {"idea": idea, "initial": {"parent": parent if parent.isdigit() else None}}

    def context(self, idea: Idea) -> dict[str, Any]:
        parent = self.request.GET.get("parent", "")
        replying_to = (
            idea.comments.filter(pk=int(parent), parent__isnull=True).first()
            if parent.isdigit()
            else None
        )
        return {**super().context(idea), "replying_to": replying_to}

    def perform(self, form: CommentForm, idea: Idea) -> Model:
        return services.post_comment(by=self.request.user, idea=idea, **form.service_kwargs())


class IdeaSupportView(IdeaFormView):
    """Support an idea: the button on the idea's page posts here; the page itself asks to
    confirm (a link to it works without the idea's page). Supporting twice is once."""

    permission = "ideas.support_idea"
    form_class = ConfirmForm
    template_name = MANAGE + "idea_support.html"
    success_message = _("You support this idea")

    def perform(self, form: ConfirmForm, idea: Idea) -> Model:
        services.support_idea(by=self.request.user, idea=idea)
        return idea

    def success_url(self, idea: Idea) -> str:
        return idea.get_absolute_url() + "#supports"


class IdeaSupportWithdrawView(IdeaFormView):
    """Withdraw one's support: the button on the idea's page posts here; the page itself asks to
    confirm. Withdrawing a support one does not give is refused on the page, changing nothing."""

    permission = "ideas.withdraw_support"
    form_class = ConfirmForm
    template_name = MANAGE + "idea_support_withdraw.html"
    success_message = _("You no longer support this idea")

    def perform(self, form: ConfirmForm, idea: Idea) -> Model:
        services.withdraw_support(by=self.request.user, idea=idea)
        return idea

    def success_url(self, idea: Idea) -> str:
        return idea.get_absolute_url() + "#supports"


# Comments -------------------------------------------------------------------------------------


class CommentFormView(ManageFormView):
    model = Comment
    related = ("idea__call",)

    def context(self, comment: Comment) -> dict[str, Any]:
        return {"object": comment, "comment": comment, "idea": comment.idea}


class CommentReportView(CommentFormView):
    permission = "ideas.report_comment"
    form_class = ReportForm
    template_name = MANAGE + "comment_report.html"
    success_message = _("Thank you: a moderator will look at the comment")

    def perform(self, form: ReportForm, comment: Comment) -> Model:
        services.report_comment(by=self.request.user, comment=comment, **form.service_kwargs())
        return comment


class ManageCommentHideView(CommentFormView):
    permission = "ideas.hide_comment"
    form_class = HideForm
    template_name = MANAGE + "comment_hide.html"
    success_message = _("Comment hidden")

    def perform(self, form: HideForm, comment: Comment) -> Model:
        return services.hide_comment(by=self.request.user, comment=comment, **form.service_kwargs())
