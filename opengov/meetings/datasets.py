"""The meetings' open datasets: public meetings, who attended them, their minutes section by
section, their decisions and their action items. Merged into the registry by
`opengov.api.datasets`, which fixes their place in the downloads and the data dictionary."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from opengov.action_plans.models import Commitment
from opengov.api.dataset_types import (
    BOOLEAN,
    DATE,
    DATETIME,
    HISTORY,
    INTEGER,
    INTEGER_LIST,
    PAGE,
    TEXT,
    Column,
    Dataset,
    col,
    label,
    public_user,
)

from .models import ActionItem, Attendance, Decision, Meeting, MinutesSection


def _public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(public_user())


def _visible_commitment_id(obj: Any) -> int | None:
    """The commitment an object names, unless it belongs to a plan that is not published."""
    return obj.commitment.pk if obj.commitment is not None else None


MEETING_DATASETS: dict[str, Dataset] = {
    "meetings": Dataset(
        "Meetings",
        "Public meetings of the forum, with their series, place, status and summary.",
        lambda: (
            _public_meetings().select_related("series", "organiser").order_by("starts_at", "pk")
        ),
        [
            col("id", INTEGER, "The meeting's identifier."),
            col("title", TEXT, "The meeting's title."),
            col("series", TEXT, "The slug of the series it belongs to.", "series.slug"),
            col("series_name", TEXT, "The name of the series.", "series.name"),
            col("starts_at", DATETIME, "When it starts."),
            col("ends_at", DATETIME, "When it ends, where known."),
            col("place", TEXT, "Where it takes place."),
            col("online_url", TEXT, "The link to join it online, if any."),
            col("organiser", TEXT, "The organising organisation's slug.", "organiser.slug"),
            col("status", TEXT, "planned, held or minutes_published."),
            label("status_label", "The status"),
            col("summary", TEXT, "What it was about (Markdown)."),
            col("source_url", TEXT, "Where its note is published, if anywhere."),
            col("minutes_published_at", DATETIME, "When its minutes were published."),
            PAGE,
            HISTORY,
        ],
    ),
    "attendances": Dataset(
        "Attendance",
        "Who came to each public meeting, for which organisation and in which role, and who "
        "sent apologies; names only, no contact details.",
        lambda: (
            Attendance.objects.filter(meeting__in=_public_meetings())
            .select_related("person", "organisation")
            .order_by("meeting_id", "sent_apologies", "position", "pk")
        ),
        [
            col("meeting_id", INTEGER, "The meeting (meetings.id)."),
            col("person", TEXT, "The person's name.", "person.display_name"),
            col("person_slug", TEXT, "The person's slug (people.slug).", "person.slug"),
            col("organisation", TEXT, "The organisation they came for.", "organisation.name"),
            col("organisation_slug", TEXT, "Its slug.", "organisation.slug"),
            col("role", TEXT, "chair, attendee, guest or note_taker."),
            label("role_label", "The role"),
            col("sent_apologies", BOOLEAN, "True when they sent apologies instead of coming."),
        ],
    ),
    "minutes-sections": Dataset(
        "Minutes sections",
        "The minutes of public meetings, section by section, with the commitments discussed.",
        lambda: (
            MinutesSection.objects.filter(meeting__in=_public_meetings())
            .prefetch_related(
                Prefetch(
                    "commitments",
                    Commitment.objects.visible_to(public_user()).order_by("pk"),
                    to_attr="visible_commitments",
                )
            )
            .order_by("meeting_id", "position", "pk")
        ),
        [
            col("id", INTEGER, "The section's identifier."),
            col("meeting_id", INTEGER, "The meeting (meetings.id)."),
            col("position", INTEGER, "Its order in the minutes."),
            col("heading", TEXT, "Its heading."),
            col("text", TEXT, "The minutes (Markdown)."),
            Column(
                "commitment_ids",
                INTEGER_LIST,
                "The commitments it discusses (commitments.id).",
                lambda o: [c.pk for c in o.visible_commitments],
            ),
        ],
    ),
    "decisions": Dataset(
        "Decisions",
        "What public meetings decided.",
        lambda: Decision.objects.filter(meeting__in=_public_meetings()).order_by(
            "meeting_id", "position", "pk"
        ),
        [
            col("id", INTEGER, "The decision's identifier."),
            col("meeting_id", INTEGER, "The meeting (meetings.id)."),
            col("section_id", INTEGER, "The minutes section it belongs to (minutes-sections.id)."),
            col("position", INTEGER, "Its order in the meeting."),
            col("text", TEXT, "The decision."),
        ],
    ),
    "action-items": Dataset(
        "Action items",
        "What public meetings agreed someone would do: owner, due date and status.",
        lambda: (
            ActionItem.objects.visible_to(public_user())
            .select_related("owner_organisation", "owner_person")
            .prefetch_related(Prefetch("commitment", Commitment.objects.visible_to(public_user())))
            .order_by("meeting_id", "position", "pk")
        ),
        [
            col("id", INTEGER, "The action's identifier."),
            col("meeting_id", INTEGER, "The meeting that agreed it (meetings.id)."),
            col("position", INTEGER, "Its order in the meeting."),
            col("text", TEXT, "The action."),
            col("owner", TEXT, "Who owns it, as shown on the site.", "owner_label"),
            col(
                "owner_organisation",
                TEXT,
                "The owning organisation's slug.",
                "owner_organisation.slug",
            ),
            col("owner_person", TEXT, "The owning person's name.", "owner_person.display_name"),
            col("due_on", DATE, "When it is due."),
            col("due_phrase", TEXT, "When no date was given, the words used."),
            col("status", TEXT, "open, done or dropped."),
            label("status_label", "The status"),
            col("done_on", DATE, "When it was done."),
            col("status_note", TEXT, "A note on its status."),
            Column(
                "commitment_id",
                INTEGER,
                "The commitment it is about (commitments.id).",
                _visible_commitment_id,
            ),
            PAGE,
            HISTORY,
        ],
    ),
}
