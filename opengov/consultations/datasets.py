"""The open datasets of consultations: published consultations, the paragraphs of every
published version, the comments that are not hidden (commenters by public name only), and the
owner's answers. Merged into the registry by `opengov.api.datasets`."""

from __future__ import annotations

from django.db.models import QuerySet

from opengov.api.dataset_types import (
    DATETIME,
    HISTORY,
    INTEGER,
    PAGE,
    TEXT,
    URL,
    Column,
    Dataset,
    col,
    public_user,
)

from .models import Answer, Comment, Consultation, Paragraph


def _published() -> QuerySet[Consultation]:
    return Consultation.objects.visible_to(public_user())


CONSULTATIONS_DATASETS: dict[str, Dataset] = {
    "consultations": Dataset(
        "Consultations",
        "Draft documents opened for comments until a deadline, with their owner and status.",
        lambda: _published().select_related("owner_organisation", "plan").order_by("pk"),
        [
            col("id", INTEGER, "The consultation's identifier."),
            col("title", TEXT, "Its title."),
            col("summary", TEXT, "What the document is and what comments are sought (Markdown)."),
            col("owner", TEXT, "The owner organisation's slug.", "owner_organisation.slug"),
            col("owner_name", TEXT, "The owner organisation's name.", "owner_organisation.name"),
            col("plan_id", INTEGER, "The action plan it concerns, if any (plans.id)."),
            Column(
                "status",
                TEXT,
                "open, closed (the deadline has passed) or concluded, when the file was made.",
                lambda o: o.status.value,
            ),
            col("published_at", DATETIME, "When it opened for comments."),
            col("closes_at", DATETIME, "The deadline for comments."),
            col("concluded_at", DATETIME, "When it was concluded."),
            col("conclusion", TEXT, "What comes of it (Markdown)."),
            PAGE,
            HISTORY,
        ],
    ),
    "consultation-paragraphs": Dataset(
        "Consultation paragraphs",
        "Every version of every published consultation's document, paragraph by paragraph. "
        "A paragraph's key stays the same across versions while it is kept or changed a little.",
        lambda: (
            Paragraph.objects.filter(version__consultation__in=_published())
            .select_related("version")
            .order_by("version__consultation_id", "version__number", "position")
        ),
        [
            col(
                "consultation_id",
                INTEGER,
                "The consultation (consultations.id).",
                "version.consultation_id",
            ),
            col("version", INTEGER, "The version's number.", "version.number"),
            col(
                "version_published_at",
                DATETIME,
                "When the version was published.",
                "version.published_at",
            ),
            col("version_change_note", TEXT, "What changed in the version.", "version.change_note"),
            col("position", INTEGER, "The paragraph's place in the version, from 1."),
            col("key", TEXT, "The paragraph's stable key."),
            col("text", TEXT, "The paragraph (Markdown)."),
        ],
    ),
    "consultation-comments": Dataset(
        "Consultation comments",
        "Comments on the paragraphs of published consultations and replies to them, except "
        "those a moderator hid; "
        "commenters by their public name only.",
        lambda: (
            Comment.objects.visible_to(public_user())
            .select_related("author", "paragraph__version", "consultation")
            .order_by("pk")
        ),
        [
            col("id", INTEGER, "The comment's identifier."),
            col("consultation_id", INTEGER, "The consultation (consultations.id)."),
            col("version", INTEGER, "The version commented on.", "paragraph.version.number"),
            col(
                "paragraph_position",
                INTEGER,
                "The paragraph's place in that version.",
                "paragraph.position",
            ),
            col("paragraph_key", TEXT, "The paragraph's stable key."),
            col(
                "parent_id",
                INTEGER,
                "For a reply, the comment it replies to (consultation-comments.id); empty for a "
                "comment on the paragraph.",
            ),
            col("author", TEXT, "The commenter's public name.", "author.public_name"),
            col("text", TEXT, "The comment."),
            col("created_at", DATETIME, "When it was made."),
            Column("url", URL, "The comment on its page.", lambda o: o.get_absolute_url()),
        ],
    ),
    "consultation-answers": Dataset(
        "Consultation answers",
        "The owner's answers, to one comment or to a paragraph as a whole.",
        lambda: (
            Answer.objects.visible_to(public_user())
            .select_related("organisation", "consultation")
            .order_by("pk")
        ),
        [
            col("id", INTEGER, "The answer's identifier."),
            col("consultation_id", INTEGER, "The consultation (consultations.id)."),
            col("comment_id", INTEGER, "The comment answered (consultation-comments.id), if one."),
            col("paragraph_key", TEXT, "The paragraph's stable key."),
            col("organisation", TEXT, "The answering organisation's slug.", "organisation.slug"),
            col("organisation_name", TEXT, "Its name.", "organisation.name"),
            col("text", TEXT, "The answer (Markdown)."),
            col("created_at", DATETIME, "When it was given."),
            Column("url", URL, "The answer on its page.", lambda o: o.get_absolute_url()),
        ],
    ),
}
