"""The open-data registry: every downloadable resource, its rows (public data only: what an
anonymous visitor may see) and its columns. The one source of truth for the CSV and JSON downloads
and for the data dictionary page."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet

from opengov.action_plans.models import (
    ActionPlan,
    Commitment,
    DueDateRevision,
    Member,
    Milestone,
    ProgressUpdate,
)
from opengov.action_plans.schemas import IRM_FIELDS
from opengov.core.models import AuditEvent
from opengov.core.schemas import history_url
from opengov.meetings.models import ActionItem, Attendance, Decision, Meeting, MinutesSection
from opengov.organisations.models import Membership, Organisation, Person

INTEGER, TEXT, DATE, DATETIME, BOOLEAN = "integer", "text", "date", "date and time", "boolean"
TEXT_LIST, URL, OBJECT = "list of text", "URL path", "object"
INTEGER_LIST = "list of integers"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    getter: Callable[[Any], Any]


@dataclass(frozen=True)
class Dataset:
    title: str
    description: str
    queryset_factory: Callable[[], QuerySet[Any]]
    columns: list[Column] = field(default_factory=list)

    def rows(self, chunk_size: int = 1000) -> Any:
        """Each object as {column: value}, read in chunks so memory stays flat."""
        for obj in self.queryset_factory().iterator(chunk_size=chunk_size):
            yield {column.name: column.getter(obj) for column in self.columns}


def _public() -> AnonymousUser:
    return AnonymousUser()


def col(name: str, type_: str, description: str, path: str | None = None) -> Column:
    """A column read from an attribute (dotted `path`, default `name`); missing links give None."""
    getter = operator.attrgetter(path or name)

    def get(obj: Any) -> Any:
        try:
            return getter(obj)
        except AttributeError:
            return None

    return Column(name, type_, description, get)


def label(name: str, what: str, attribute: str | None = None) -> Column:
    """The human label of the choice in `attribute` (default: `name` without "_label")."""
    source = attribute or name.removesuffix("_label")
    return Column(
        name,
        TEXT,
        f"{what}, as shown on the site.",
        lambda o: str(getattr(o, f"get_{source}_display")()),
    )


def _slugs(relation: str) -> Callable[[Any], list[str]]:
    return lambda o: [item.slug for item in getattr(o, relation).all()]


def _names(relation: str) -> Callable[[Any], list[str]]:
    return lambda o: [item.name for item in getattr(o, relation).all()]


PAGE = Column("url", URL, "The object's page on this site.", lambda o: o.get_absolute_url())
HISTORY = Column("history_url", URL, "The page listing every change to it.", history_url)


def _membership_text(m: Membership) -> str:
    """ "Cabinet Office, Minister (2016-07-14 to 2017-06-11)"."""
    text = m.organisation.name + (f", {m.role}" if m.role else "")
    if m.start_on or m.end_on:
        start, end = (d.isoformat() if d else "…" for d in (m.start_on, m.end_on))
        text += f" ({start} to {end})"
    return text


def _public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(_public())


def _visible_commitment_id(obj: Any) -> int | None:
    """The commitment an object names, unless it belongs to a plan that is not published."""
    return obj.commitment.pk if obj.commitment is not None else None


def _irm_columns() -> list[Column]:
    return [
        col(f"irm_{name}", TEXT, f"The IRM's value for “{name.replace('_', ' ')}” (a key).", name)
        for name in IRM_FIELDS
    ]


DATASETS: dict[str, Dataset] = {
    "members": Dataset(
        "Members",
        "OGP members: national and local governments taking part in the partnership.",
        lambda: Member.objects.order_by("name", "pk"),
        [
            col("slug", TEXT, "The member's identifier in this site's addresses."),
            col("name", TEXT, "The member's name."),
            col("kind", TEXT, "national or local."),
            col("code", TEXT, "OGP's code for the member, such as GBR."),
            col("region", TEXT, "OGP region."),
            PAGE,
        ],
    ),
    "plans": Dataset(
        "Action plans",
        "Published national (or local) action plans.",
        lambda: (
            ActionPlan.objects.visible_to(_public())
            .select_related("member")
            .order_by("member__name", "-number", "pk")
        ),
        [
            col("id", INTEGER, "The plan's identifier."),
            col("member", TEXT, "The member's slug.", "member.slug"),
            col("number", INTEGER, "The plan's number for its member (NAP3 is 3)."),
            col("title", TEXT, "The plan's title."),
            col("description", TEXT, "What the plan is about (Markdown)."),
            col("status", TEXT, "drafting, consultation, implementing or ended."),
            label("status_label", "The status"),
            col("starts_on", DATE, "When the plan's period starts."),
            col("ends_on", DATE, "When the plan's period ends."),
            col("ogp_id", TEXT, "OGP's identifier for the plan."),
            col("published_at", DATETIME, "When the plan was published here."),
            PAGE,
            HISTORY,
        ],
    ),
    "commitments": Dataset(
        "Commitments",
        "The numbered commitments of published plans, with their leads, progress and the IRM's "
        "assessment.",
        lambda: (
            Commitment.objects.visible_to(_public())
            .for_table()
            .prefetch_related("supporting_organisations")
            .order_by("plan_id", "position", "pk")
        ),
        [
            col("id", INTEGER, "The commitment's identifier."),
            col("plan_id", INTEGER, "The plan it belongs to (plans.id)."),
            col("number", TEXT, "Its number in the plan, as written (such as 2 or 10.2)."),
            col("title", TEXT, "The commitment's title."),
            col("short_title", TEXT, "A short title, where one is given."),
            col("description", TEXT, "What the commitment sets out to do (Markdown)."),
            col(
                "government",
                TEXT,
                "The slug of the government it belongs to; empty when it "
                "belongs to the member as a whole.",
                "government.slug",
            ),
            Column(
                "lead_organisations",
                TEXT_LIST,
                "Slugs of the lead organisations.",
                _slugs("lead_organisations"),
            ),
            Column(
                "lead_organisation_names",
                TEXT_LIST,
                "Names of the lead organisations.",
                _names("lead_organisations"),
            ),
            Column(
                "supporting_organisations",
                TEXT_LIST,
                "Slugs of supporting organisations.",
                _slugs("supporting_organisations"),
            ),
            Column("policy_areas", TEXT_LIST, "Slugs of its policy areas.", _slugs("policy_areas")),
            col("theme", TEXT, "Its theme, as written in the plan."),
            col("starts_on", DATE, "When work starts."),
            col("ends_on", DATE, "When work ends."),
            col(
                "status",
                TEXT,
                "Its latest reported status (a key: not_started, on_track, "
                "delayed, postponed, complete, withdrawn).",
            ),
            label("status_label", "The status"),
            col("milestones_total", INTEGER, "Its milestones, not counting withdrawn ones."),
            col("milestones_complete", INTEGER, "Its complete milestones."),
            col("progress_percent", INTEGER, "Milestones complete, as a percentage."),
            col("last_update_on", DATE, "The date of its latest progress update."),
            col("ogp_id", TEXT, "OGP's identifier for the commitment."),
            col("ogp_url", TEXT, "Its page on the OGP website."),
            *_irm_columns(),
            PAGE,
            HISTORY,
        ],
    ),
    "milestones": Dataset(
        "Milestones",
        "The milestones of published commitments, with their original and current due dates.",
        lambda: Milestone.objects.visible_to(_public()).order_by("commitment_id", "position", "pk"),
        [
            col("id", INTEGER, "The milestone's identifier."),
            col("commitment_id", INTEGER, "The commitment it belongs to (commitments.id)."),
            col("position", INTEGER, "Its order within the commitment."),
            col("text", TEXT, "The milestone."),
            col("original_due_on", DATE, "The due date first given."),
            col(
                "original_due_precision",
                TEXT,
                "day, month, quarter or year: how precisely the "
                "original due date was given (a month means its last day).",
            ),
            col("due_on", DATE, "The current due date."),
            col("due_precision", TEXT, "How precisely the current due date is given."),
            col("completed_on", DATE, "When it was completed."),
            col("status", TEXT, "not_started, in_progress, complete or withdrawn."),
            label("status_label", "The status"),
            col("source_url", TEXT, "Where the milestone is published."),
            PAGE,
            HISTORY,
        ],
    ),
    "revisions": Dataset(
        "Due-date revisions",
        "Every move of a milestone's due date, with its reason.",
        lambda: DueDateRevision.objects.filter(
            milestone__in=Milestone.objects.visible_to(_public())
        ).order_by("revised_at", "pk"),
        [
            col("id", INTEGER, "The revision's identifier."),
            col("milestone_id", INTEGER, "The milestone whose date moved (milestones.id)."),
            col("old_due_on", DATE, "The due date before the move."),
            col("old_due_precision", TEXT, "How precisely the old date was given."),
            col("new_due_on", DATE, "The due date after the move."),
            col("new_due_precision", TEXT, "How precisely the new date is given."),
            col("reason", TEXT, "Why the date moved."),
            col("revised_by", TEXT, "Who moved it, by public name.", "revised_by_name"),
            col("revised_at", DATETIME, "When it moved."),
        ],
    ),
    "updates": Dataset(
        "Progress updates",
        "What government reported about each published commitment, with evidence.",
        lambda: (
            ProgressUpdate.objects.visible_to(_public())
            .select_related("organisation")
            .order_by("reported_on", "pk")
        ),
        [
            col("id", INTEGER, "The update's identifier."),
            col("commitment_id", INTEGER, "The commitment it reports on (commitments.id)."),
            col("milestone_id", INTEGER, "The milestone it is about, if any (milestones.id)."),
            col("reported_on", DATE, "The date of the report."),
            col("status", TEXT, "The status reported (a key, as in commitments.status)."),
            label("status_label", "The status"),
            col("source", TEXT, "government or civil_society."),
            col("text", TEXT, "The update (Markdown)."),
            Column(
                "evidence",
                TEXT_LIST,
                "Web addresses of the evidence given.",
                lambda o: [item.get("url", "") for item in o.evidence or []],
            ),
            col("author", TEXT, "Who reported it, by public name.", "author_name"),
            col("organisation", TEXT, "The reporting organisation's slug.", "organisation.slug"),
            col("created_at", DATETIME, "When it was posted here."),
            PAGE,
            HISTORY,
        ],
    ),
    "organisations": Dataset(
        "Organisations",
        "Government departments, governments, civil-society organisations and others.",
        lambda: (
            Organisation.objects.select_related("parent")
            .prefetch_related("aliases")
            .order_by("name", "pk")
        ),
        [
            col("slug", TEXT, "The organisation's identifier in this site's addresses."),
            col("name", TEXT, "Its name."),
            col("kind", TEXT, "Its kind (a key, such as government_department)."),
            label("kind_label", "The kind"),
            col("parent", TEXT, "The slug of the organisation it is part of.", "parent.slug"),
            Column(
                "aliases",
                TEXT_LIST,
                "Other names it is known by.",
                lambda o: [a.alias for a in o.aliases.all()],
            ),
            col("website", TEXT, "Its website."),
            col("description", TEXT, "About it."),
            PAGE,
            HISTORY,
        ],
    ),
    "people": Dataset(
        "People",
        "People named in the process, with their organisations and roles; no contact details.",
        lambda: Person.objects.prefetch_related(
            Prefetch("memberships", Membership.objects.select_related("organisation"))
        ).order_by("name", "pk"),
        [
            col("slug", TEXT, "The person's identifier in this site's addresses."),
            col("name", TEXT, "Their name."),
            Column(
                "memberships",
                TEXT_LIST,
                "Organisation, role and dates of each membership.",
                lambda o: [_membership_text(m) for m in o.memberships.all()],
            ),
            PAGE,
            HISTORY,
        ],
    ),
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
            col("person", TEXT, "The person's name.", "person.name"),
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
                    Commitment.objects.visible_to(_public()).order_by("pk"),
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
            ActionItem.objects.visible_to(_public())
            .select_related("owner_organisation", "owner_person")
            .prefetch_related(Prefetch("commitment", Commitment.objects.visible_to(_public())))
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
            col("owner_person", TEXT, "The owning person's name.", "owner_person.name"),
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
    "history": Dataset(
        "History",
        "The public audit trail: every public change, oldest first, hash-chained so anyone can "
        "verify it (see the API documentation).",
        lambda: AuditEvent.objects.public().order_by("sequence"),
        [
            col("sequence", INTEGER, "The event's number in the chain."),
            Column(
                "occurred_at",
                TEXT,
                "When it happened, in UTC, exactly as hashed.",
                lambda e: e.occurred_at.astimezone(dt.UTC).isoformat(),
            ),
            col("actor_id", INTEGER, "The acting account's number (empty for the system)."),
            col("actor_label", TEXT, "Who did it, by public name."),
            col("verb", TEXT, "What happened, such as action_plans.milestone.completed."),
            col("object_type", TEXT, "The kind of object changed (app.model)."),
            col("object_id", TEXT, "The changed object's identifier."),
            col("object_key", TEXT, "object_type:object_id."),
            col("object_repr", TEXT, "The object's description at the time."),
            col("scope_key", TEXT, "The object it happened within, if any."),
            col("changes", OBJECT, "{field: [old, new]} for each changed field (JSON)."),
            col("is_public", BOOLEAN, "Always true in this download."),
            col("prev_hash", TEXT, "The previous event's hash."),
            col("hash", TEXT, "SHA-256 of this event's canonical JSON."),
        ],
    ),
}
