"""The open datasets of events and collective actions: events, delegations (with the posts held
on the event's first day), collective actions and sign-ups. Merged into the registry by
`opengov.api.datasets`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from opengov.api.dataset_types import (
    DATE,
    DATETIME,
    HISTORY,
    INTEGER,
    PAGE,
    TEXT,
    TEXT_LIST,
    Column,
    Dataset,
    col,
    label,
    public_user,
)
from opengov.organisations.posts import posts_held

from .models import CollectiveAction, Delegate, Event, SignUp


def _with_posts(delegates: Iterator[Delegate]) -> Iterator[Delegate]:
    """Each delegate with the posts held on the event's first day, looked up per chunk of 200."""
    chunk: list[Delegate] = []
    for delegate in delegates:
        chunk.append(delegate)
        if len(chunk) == 200:
            yield from _posts_for(chunk)
            chunk = []
    yield from _posts_for(chunk)


def _posts_for(chunk: list[Delegate]) -> list[Delegate]:
    held = posts_held((d.person_id, d.event.starts_on) for d in chunk)
    for d in chunk:
        d.posts_then = [t.post.title for t in held[(d.person_id, d.event.starts_on)]]  # type: ignore[attr-defined]
    return chunk


def _posts(delegate: Any) -> list[str]:
    return list(getattr(delegate, "posts_then", []))


COLLECTIVE_ACTIONS_DATASETS: dict[str, Dataset] = {
    "events": Dataset(
        "Events",
        "OGP summits and other gatherings, with their dates and place.",
        lambda: Event.objects.visible_to(public_user()).order_by("starts_on", "pk"),
        [
            col("id", INTEGER, "The event's identifier."),
            col("title", TEXT, "The event's title."),
            col("starts_on", DATE, "Its first day."),
            col("ends_on", DATE, "Its last day, where known."),
            col("place", TEXT, "Where it took place."),
            col("description", TEXT, "What it is (Markdown)."),
            PAGE,
            HISTORY,
        ],
    ),
    "delegations": Dataset(
        "Delegations",
        "Who attended each event, for which organisation, and the posts they held on its first "
        "day; names only, no contact details.",
        lambda: Delegate.objects.select_related("event", "person", "organisation").order_by(
            "event_id", "position", "pk"
        ),
        [
            col("event_id", INTEGER, "The event (events.id)."),
            col("person", TEXT, "The person's name.", "person.display_name"),
            col("person_slug", TEXT, "The person's slug.", "person.slug"),
            col("organisation", TEXT, "The organisation they attended for.", "organisation.name"),
            col("organisation_slug", TEXT, "Its slug.", "organisation.slug"),
            Column("posts", TEXT_LIST, "The posts they held on the event's first day.", _posts),
            col("note", TEXT, "A note on their attendance."),
        ],
        prepare=_with_posts,
    ),
    "collective-actions": Dataset(
        "Collective actions",
        "Collective actions with their quorum, the kinds of signatory that count, the number "
        "counted so far and their status.",
        lambda: (
            CollectiveAction.objects.visible_to(public_user())
            .select_related("event")
            .order_by("pk")
        ),
        [
            col("id", INTEGER, "The collective action's identifier."),
            col("title", TEXT, "Its title."),
            col("theme", TEXT, "Its theme."),
            col("description", TEXT, "What it asks (Markdown)."),
            col("event_id", INTEGER, "The event it belongs to (events.id)."),
            col("sign_up_deadline", DATE, "The last day to sign up, if any."),
            col("quorum", INTEGER, "How many distinct counted signatories make it considered."),
            Column(
                "counted_kinds",
                TEXT_LIST,
                "The kinds of signatory that count.",
                lambda o: o.counted_kinds(),
            ),
            col("counted_signatories", INTEGER, "Distinct counted signatories so far."),
            col("status", TEXT, "gathering, considered or adopted."),
            label("status_label", "The status"),
            col("considered_at", DATETIME, "When it last reached its quorum."),
            col("adopted_at", DATETIME, "When it was adopted into a plan."),
            PAGE,
            HISTORY,
        ],
    ),
    "sign-ups": Dataset(
        "Sign-ups to collective actions",
        "Who signed up to each collective action, as which kind of signatory, with their "
        "statement; names only, no contact details.",
        lambda: (
            SignUp.objects.visible_to(public_user())
            .select_related("organisation", "person")
            .order_by("action_id", "signed_on", "pk")
        ),
        [
            col("id", INTEGER, "The sign-up's identifier."),
            col("action_id", INTEGER, "The collective action (collective-actions.id)."),
            col(
                "kind",
                TEXT,
                "national_government, subnational_government, expert or civil_society.",
            ),
            label("kind_label", "The kind of signatory"),
            col("organisation", TEXT, "The organisation signed up.", "organisation.name"),
            col("organisation_slug", TEXT, "Its slug.", "organisation.slug"),
            col("person", TEXT, "The expert's name.", "person.display_name"),
            col("statement", TEXT, "What they said they will do."),
            col("signed_on", DATE, "When they signed up."),
        ],
    ),
}
