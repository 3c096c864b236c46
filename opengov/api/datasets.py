"""The open-data registry: every downloadable resource, its rows (public data only: what an
anonymous visitor may see) and its columns. The one source of truth for the CSV and JSON downloads
and for the data dictionary page. The building blocks are in `dataset_types` (re-exported here);
the meetings' datasets are built in `opengov.meetings.datasets` and merged in their place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch

from opengov.accounts.withheld import withhold_names_stream
from opengov.action_plans.models import (
    ActionPlan,
    Commitment,
    DueDateRevision,
    Member,
    Milestone,
    ProgressUpdate,
)
from opengov.action_plans.schemas import IRM_FIELDS
from opengov.collective_actions.datasets import COLLECTIVE_ACTIONS_DATASETS
from opengov.consultations.datasets import CONSULTATIONS_DATASETS
from opengov.core.history import public_events
from opengov.feedback.datasets import FEEDBACK_DATASETS
from opengov.ideas.datasets import IDEAS_DATASETS
from opengov.meetings.datasets import MEETING_DATASETS
from opengov.nominations.datasets import NOMINATIONS_DATASETS
from opengov.organisations.datasets import ORGANISATIONS_DATASETS
from opengov.organisations.models import Membership, Organisation, Person

from .dataset_types import (
    BOOLEAN,
    DATE,
    DATETIME,
    HISTORY,
    INTEGER,
    INTEGER_LIST,
    OBJECT,
    PAGE,
    TEXT,
    TEXT_LIST,
    URL,
    Column,
    Dataset,
    col,
    label,
    public_user,
)

__all__ = [
    "BOOLEAN",
    "DATASETS",
    "DATE",
    "DATETIME",
    "HISTORY",
    "INTEGER",
    "INTEGER_LIST",
    "OBJECT",
    "PAGE",
    "TEXT",
    "TEXT_LIST",
    "URL",
    "Column",
    "Dataset",
    "col",
    "label",
]


def _slugs(relation: str) -> Callable[[Any], list[str]]:
    return lambda o: [item.slug for item in getattr(o, relation).all()]


def _names(relation: str) -> Callable[[Any], list[str]]:
    return lambda o: [item.name for item in getattr(o, relation).all()]


def _membership_text(m: Membership) -> str:
    """ "Cabinet Office, Minister (2016-07-14 to 2017-06-11)"."""
    text = m.organisation.name + (f", {m.role}" if m.role else "")
    if m.start_on or m.end_on:
        start, end = (d.isoformat() if d else "…" for d in (m.start_on, m.end_on))
        text += f" ({start} to {end})"
    return text


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
            ActionPlan.objects.visible_to(public_user())
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
            Commitment.objects.visible_to(public_user())
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
        lambda: Milestone.objects.visible_to(public_user()).order_by(
            "commitment_id", "position", "pk"
        ),
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
            milestone__in=Milestone.objects.visible_to(public_user())
        ).order_by("revised_at", "pk"),
        [
            col("id", INTEGER, "The revision's identifier."),
            col("milestone_id", INTEGER, "The milestone whose date moved (milestones.id)."),
            col("old_due_on", DATE, "The due date before the move."),
            col("old_due_precision", TEXT, "How precisely the old date was given."),
            col("new_due_on", DATE, "The due date after the move."),
            col("new_due_precision", TEXT, "How precisely the new date is given."),
            col("reason", TEXT, "Why the date moved."),
            col("revised_by", TEXT, "Who moved it, by public name.", "revised_by_label"),
            col("revised_at", DATETIME, "When it moved."),
        ],
    ),
    "updates": Dataset(
        "Progress updates",
        "What government reported about each published commitment, with evidence.",
        lambda: (
            ProgressUpdate.objects.visible_to(public_user())
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
            col("author", TEXT, "Who reported it, by public name.", "author_label"),
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
            col(
                "name",
                TEXT,
                "Their name (“former participant” once they deleted their account).",
                "display_name",
            ),
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
    **MEETING_DATASETS,
    **ORGANISATIONS_DATASETS,
    **COLLECTIVE_ACTIONS_DATASETS,
    **NOMINATIONS_DATASETS,
    **IDEAS_DATASETS,
    **CONSULTATIONS_DATASETS,
    **FEEDBACK_DATASETS,
    "history": Dataset(
        "History",
        "The public audit trail: every public change, oldest first, hash-chained so anyone can "
        "verify it (see the API documentation).",
        lambda: public_events().order_by("sequence"),
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
            col(
                "withheld",
                BOOLEAN,
                "True when a person it names deleted their account: their name is withheld "
                "from actor_label, object_repr and changes, so this event cannot be verified on "
                "its own; its hash still links the chain.",
            ),
        ],
        prepare=withhold_names_stream,
    ),
}
