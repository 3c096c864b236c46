"""The managing pages of consultations, and the comment, reply, report, hide and answer forms:
each a GOV.UK form calling one service, through core's ManageFormView (sign in, load through
`visible_to(user)`, check the named rule, bind, call, show a refusal on the form or redirect)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from opengov.core.manage_views import ManageFormView

from .. import services
from ..forms import (
    AnswerForm,
    CommentForm,
    ConcludeForm,
    ConfirmForm,
    ConsultationEditForm,
    ConsultationForm,
    HideForm,
    ReplyForm,
    ReportForm,
    VersionForm,
)
from ..models import Comment, Consultation, Paragraph

PAGES = "consultations/manage/"


class ManageConsultationCreateView(ManageFormView):
    permission = "consultations.add_consultation"
    form_class = ConsultationForm
    template_name = PAGES + "consultation_form.html"
    success_message = _("Draft consultation created: publish it to open it for comments")

    def form_kwargs(self, obj: None) -> dict[str, Any]:
        return {"user": self.request.user}

    def perform(self, form: ConsultationForm, obj: None) -> Model:
        return services.create_consultation(by=self.request.user, **form.service_kwargs())


class ConsultationFormView(ManageFormView):
    """A page about one consultation, found among those the user may see."""

    model = Consultation
    related = ("owner_organisation",)
    permission = "consultations.change_consultation"

    def context(self, consultation: Consultation) -> dict[str, Any]:
        return {"object": consultation, "consultation": consultation}


class ManageConsultationEditView(ConsultationFormView):
    form_class = ConsultationEditForm
    template_name = PAGES + "consultation_form.html"
    success_message = _("Consultation saved")

    def form_kwargs(self, consultation: Consultation) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"user": self.request.user, "consultation": consultation}
        if self.request.method == "GET":
            kwargs["initial"] = ConsultationEditForm.initial_for(consultation)
        return kwargs

    def perform(self, form: ConsultationEditForm, consultation: Consultation) -> Model:
        return services.update_consultation(
            by=self.request.user, consultation=consultation, **form.service_kwargs()
        )


class ManageConsultationPublishView(ConsultationFormView):
    permission = "consultations.publish_consultation"
    form_class = ConfirmForm
    template_name = PAGES + "consultation_publish.html"
    success_message = _("Consultation published: it is open for comments")

    def form_kwargs(self, consultation: Consultation) -> dict[str, Any]:
        return {"initial": {"version": consultation.version}}

    def perform(self, form: ConfirmForm, consultation: Consultation) -> Model:
        return services.publish_consultation(
            by=self.request.user, consultation=consultation, **form.service_kwargs()
        )


class ManageVersionCreateView(ConsultationFormView):
    permission = "consultations.add_documentversion"
    form_class = VersionForm
    template_name = PAGES + "version_form.html"
    success_message = _("Revised version published")

    def form_kwargs(self, consultation: Consultation) -> dict[str, Any]:
        if self.request.method != "GET":
            return {}
        latest = consultation.versions.order_by("-number").first()
        text = latest.text if latest else ""
        return {"initial": {"text": text, "version": consultation.version}}

    def perform(self, form: VersionForm, consultation: Consultation) -> Model:
        return services.publish_version(
            by=self.request.user, consultation=consultation, **form.service_kwargs()
        )

    def success_url(self, version: Any) -> str:
        return str(version.get_absolute_url()) + "changes/"


class ManageConsultationConcludeView(ConsultationFormView):
    permission = "consultations.conclude_consultation"
    form_class = ConcludeForm
    template_name = PAGES + "consultation_conclude.html"
    success_message = _("Consultation concluded")

    def form_kwargs(self, consultation: Consultation) -> dict[str, Any]:
        return {"initial": {"version": consultation.version}}

    def perform(self, form: ConcludeForm, consultation: Consultation) -> Model:
        return services.conclude_consultation(
            by=self.request.user, consultation=consultation, **form.service_kwargs()
        )


class ParagraphFormView(ManageFormView):
    model = Paragraph
    related = ("version__consultation__owner_organisation",)

    def check_permission(self, paragraph: Paragraph) -> None:
        super().check_permission(paragraph.version.consultation)

    def context(self, paragraph: Paragraph) -> dict[str, Any]:
        return {"paragraph": paragraph, "consultation": paragraph.version.consultation}


class CommentCreateView(ParagraphFormView):
    """The comment form of one paragraph: the document page shows it under each paragraph, and
    it posts here; this page shows it again with its errors."""

    permission = "consultations.add_comment"
    form_class = CommentForm
    template_name = PAGES + "comment_form.html"
    success_message = _("Your comment has been published")

    def perform(self, form: CommentForm, paragraph: Paragraph) -> Model:
        return services.add_comment(by=self.request.user, paragraph=paragraph, **form.cleaned_data)


class ParagraphAnswerView(ParagraphFormView):
    permission = "consultations.answer_consultation"
    form_class = AnswerForm
    template_name = PAGES + "answer_form.html"
    success_message = _("Answer published")

    def perform(self, form: AnswerForm, paragraph: Paragraph) -> Model:
        return services.answer_paragraph(
            by=self.request.user, paragraph=paragraph, **form.cleaned_data
        )


class CommentFormView(ManageFormView):
    model = Comment
    related: tuple[str, ...] = ("consultation__owner_organisation", "author", "paragraph")

    def context(self, comment: Comment) -> dict[str, Any]:
        return {"comment": comment, "consultation": comment.consultation}


class CommentReplyView(CommentFormView):
    """The reply form of a comment (one click from the comment). A reply to a reply joins the
    thread of the comment it belongs to; success shows the thread on the paragraph's comments."""

    permission = "consultations.reply_comment"
    form_class = ReplyForm
    template_name = PAGES + "comment_reply.html"
    related = ("consultation__owner_organisation", "author", "paragraph", "parent__author")
    success_message = _("Your reply has been published")

    def perform(self, form: ReplyForm, comment: Comment) -> Model:
        return services.reply_to_comment(by=self.request.user, comment=comment, **form.cleaned_data)

    def success_url(self, result: Any) -> str:
        return str(result.thread_url())


class CommentAnswerView(CommentFormView):
    permission = "consultations.answer_comment"
    form_class = AnswerForm
    template_name = PAGES + "answer_form.html"
    success_message = _("Answer published")

    def perform(self, form: AnswerForm, comment: Comment) -> Model:
        return services.answer_comment(by=self.request.user, comment=comment, **form.cleaned_data)


class CommentReportView(CommentFormView):
    permission = "consultations.report_comment"
    form_class = ReportForm
    template_name = PAGES + "comment_report.html"
    success_message = _("Thank you: the moderators will look at this comment")

    def perform(self, form: ReportForm, comment: Comment) -> Model:
        services.report_comment(by=self.request.user, comment=comment, **form.cleaned_data)
        return comment


class CommentHideView(CommentFormView):
    permission = "consultations.hide_comment"
    form_class = HideForm
    template_name = PAGES + "comment_hide.html"
    success_message = _("Comment hidden")

    def perform(self, form: HideForm, comment: Comment) -> Model:
        return services.hide_comment(by=self.request.user, comment=comment, **form.cleaned_data)
