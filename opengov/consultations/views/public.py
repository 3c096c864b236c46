"""Public pages of consultations: the list, the document page (each paragraph with its first
comment threads and its answers, and the comment forms while open), a paragraph's comments
(every thread, a comment with its replies under it, paginated by thread), the versions, one
version, and the changes between two versions. Everything loads through
`visible_to(request.user)` (404 otherwise) and each page runs a fixed number of queries, however
many paragraphs and comments it shows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from opengov.action_plans.views.public import recent_history
from opengov.core.audit import object_key
from opengov.core.paging import page_of

from ..choices import ConsultationStatus
from ..document import compare
from ..forms import AnswerForm, CommentForm
from ..models import Answer, Comment, CommentReport, Consultation, DocumentVersion, Paragraph
from ..querysets import moderates

STATUS_FILTERS = {
    ConsultationStatus.OPEN.value: lambda qs, now: qs.open_at(now),
    ConsultationStatus.CLOSED.value: lambda qs, now: qs.closed_at(now),
    ConsultationStatus.CONCLUDED.value: lambda qs, now: qs.concluded(),
    ConsultationStatus.DRAFT.value: lambda qs, now: qs.drafts(),
}


def consultation_for(user: Any, pk: int) -> Consultation:
    visible = Consultation.objects.visible_to(user).select_related("owner_organisation", "plan")
    return get_object_or_404(visible, pk=pk)


class ConsultationListView(TemplateView):
    template_name = "consultations/consultation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user, now = self.request.user, timezone.now()
        status = self.request.GET.get("status", "")
        consultations = Consultation.objects.visible_to(user)
        if status in STATUS_FILTERS:
            consultations = STATUS_FILTERS[status](consultations, now)
        else:
            status = ""
        rows = (
            consultations.select_related("owner_organisation")
            .annotate(comment_count=Count("comments", filter=Q(comments__hidden_at__isnull=True)))
            .order_by("-closes_at", "-pk")
        )
        page = page_of(self.request, rows)
        choices = [
            (key, label)
            for key, label in ConsultationStatus.choices
            if key != ConsultationStatus.DRAFT or user.has_perm("consultations.add_consultation")
        ]
        return {
            **super().get_context_data(**kwargs),
            "page_obj": page,
            "status": status,
            "status_choices": choices,
            "now": now,
        }


# The threads each paragraph shows on the document page; the paragraph's comments page has all.
PREVIEW_THREADS = 5


@dataclass
class ParagraphRow:
    paragraph: Paragraph
    # The first PREVIEW_THREADS top-level comments, each with its replies in `thread`.
    comments: list[Comment] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)
    thread_count: int = 0
    reply_count: int = 0
    # The submission token of this paragraph's comment form (core.submissions).
    token: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def more_threads(self) -> bool:
        return self.thread_count > len(self.comments)


def comment_rows() -> QuerySet[Comment]:
    """Comments as the pages show them: author, version and answer joined, with the number of
    reports (for moderators)."""
    reports = (
        CommentReport.objects.filter(comment=OuterRef("pk"))
        .order_by()
        .values("comment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Comment.objects.select_related("author", "paragraph__version", "answer__organisation")
        .defer("author__password")  # a page never needs it
        # A subquery, not a join and GROUP BY: grouping would drag every column of the
        # authors' accounts (their password hashes among them) into the statement.
        .annotate(report_count=Coalesce(Subquery(reports), 0))
    )


def with_threads(comments: QuerySet[Comment]) -> QuerySet[Comment]:
    """Top-level comments, each with its replies, oldest first, in `thread` (one query)."""
    replies = comment_rows().order_by("created_at", "pk")
    return comments.filter(parent__isnull=True).prefetch_related(
        Prefetch("replies", queryset=replies, to_attr="thread")
    )


def document_rows(consultation: Consultation, version: DocumentVersion) -> list[ParagraphRow]:
    """The version's paragraphs, each with its first threads (comments made on this version or
    an earlier one, following the paragraph's key), the number of threads and replies, and the
    paragraph answers. Five queries, however many comments there are."""
    rows = {p.key: ParagraphRow(p) for p in version.paragraphs.order_by("position")}
    keys = list(rows)
    mine = Comment.objects.filter(consultation=consultation, paragraph_key__in=keys)
    counts = (
        mine.order_by()
        .values("paragraph_key")
        .annotate(
            thread_total=Count("pk", filter=Q(parent__isnull=True)),
            reply_total=Count("pk", filter=Q(parent__isnull=False)),
        )
    )
    for count in counts:
        row = rows[count["paragraph_key"]]
        row.thread_count, row.reply_count = count["thread_total"], count["reply_total"]
    ranked = (
        comment_rows()
        .filter(consultation=consultation, paragraph_key__in=keys, parent__isnull=True)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("paragraph_key")],
                order_by=[F("created_at").asc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=PREVIEW_THREADS)
    )
    first = with_threads(ranked)
    for comment in first.order_by("created_at", "pk"):
        rows[comment.paragraph_key].comments.append(comment)
    answers = (
        Answer.objects.filter(
            consultation=consultation, comment__isnull=True, paragraph_key__in=keys
        )
        .select_related("organisation", "paragraph__version")
        .order_by("created_at", "pk")
    )
    for answer in answers:
        rows[answer.paragraph_key].answers.append(answer)
    return list(rows.values())


class ConsultationDetailView(TemplateView):
    template_name = "consultations/consultation_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        consultation = consultation_for(user, self.kwargs["pk"])
        versions = list(consultation.versions.order_by("-number"))
        current = versions[0]
        has = user.has_perm
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "version": current,
            "version_count": len(versions),
            "rows": document_rows(consultation, current),
            "can_comment": has("consultations.add_comment", consultation),
            # Replies follow the rule of comments (open, signed in); hidden ones take none.
            "can_reply": has("consultations.add_comment", consultation),
            "can_answer": has("consultations.answer_consultation", consultation),
            "can_change": has("consultations.change_consultation", consultation),
            "can_publish": has("consultations.publish_consultation", consultation),
            "can_revise": has("consultations.add_documentversion", consultation),
            "can_conclude": has("consultations.conclude_consultation", consultation),
            "can_moderate": moderates(user),
            "comment_form": CommentForm(),
            "answer_form": AnswerForm(),
            "history": recent_history(consultation),
            "history_key": object_key(consultation),
        }


class ParagraphCommentsView(TemplateView):
    """Every comment on a paragraph (following its key through the versions), thread by thread:
    each comment with its replies under it, paginated by thread, with the reply links while the
    consultation is open."""

    template_name = "consultations/paragraph_comments.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        paragraph = get_object_or_404(
            Paragraph.objects.visible_to(user).select_related(
                "version__consultation__owner_organisation"
            ),
            pk=self.kwargs["pk"],
        )
        consultation = paragraph.version.consultation
        current = consultation.versions.order_by("-number").values_list("pk", flat=True)[0]
        threads = with_threads(
            comment_rows().filter(consultation=consultation, paragraph_key=paragraph.key)
        ).order_by("created_at", "pk")
        page = page_of(self.request, threads)
        answers = (
            Answer.objects.filter(
                consultation=consultation, comment__isnull=True, paragraph_key=paragraph.key
            )
            .select_related("organisation", "paragraph__version")
            .order_by("created_at", "pk")
        )
        has = user.has_perm
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "paragraph": paragraph,
            "is_current": paragraph.version_id == current,
            "version": paragraph.version,
            "page_obj": page,
            "answers": list(answers),
            "can_reply": has("consultations.add_comment", consultation),
            "can_comment": has("consultations.add_comment", consultation)
            and paragraph.version_id == current,
            "can_answer": has("consultations.answer_consultation", consultation),
            "can_moderate": moderates(user),
        }


class VersionListView(TemplateView):
    template_name = "consultations/version_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consultation = consultation_for(self.request.user, self.kwargs["pk"])
        versions = consultation.versions.annotate(paragraph_count=Count("paragraphs"))
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "versions": list(versions.order_by("-number")),
        }


def version_of(consultation: Consultation, number: Any) -> DocumentVersion:
    return get_object_or_404(DocumentVersion, consultation=consultation, number=number)


class VersionDetailView(TemplateView):
    template_name = "consultations/version_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consultation = consultation_for(self.request.user, self.kwargs["pk"])
        version = version_of(consultation, self.kwargs["number"])
        latest = consultation.versions.order_by("-number").values_list("number", flat=True)[0]
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "version": version,
            "paragraphs": list(version.paragraphs.order_by("position")),
            "is_latest": version.number == latest,
        }


class VersionChangesView(TemplateView):
    """The changes to a version from an earlier one (`?from=`, by default the one before):
    paragraph by paragraph, with the words added and removed inside a changed paragraph."""

    template_name = "consultations/version_changes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consultation = consultation_for(self.request.user, self.kwargs["pk"])
        version = version_of(consultation, self.kwargs["number"])
        numbers = list(consultation.versions.order_by("number").values_list("number", flat=True))
        raw_from = self.request.GET.get("from", "")
        earlier = [n for n in numbers if n < version.number]
        if raw_from.isdigit() and int(raw_from) in earlier:
            from_number: int | None = int(raw_from)
        elif raw_from:
            raise Http404(_("There is no earlier version with this number."))
        else:
            from_number = earlier[-1] if earlier else None
        old: list[tuple[str, str]] = []
        if from_number is not None:
            previous = version_of(consultation, from_number)
            old = list(previous.paragraphs.order_by("position").values_list("key", "text"))
        new = list(version.paragraphs.order_by("position").values_list("key", "text"))
        changes = compare(old, new)
        return {
            **super().get_context_data(**kwargs),
            "consultation": consultation,
            "version": version,
            "from_number": from_number,
            "earlier": earlier,
            "changes": changes,
            "changed_count": sum(c.kind != "same" for c in changes),
        }
