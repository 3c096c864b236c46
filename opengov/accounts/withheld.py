"""What the history shows of a deleted account. Audit events are never rewritten (their hash covers
every field), so the names they hold are withheld when they are shown: the account's deletion event
lists the records to withhold, and every door to the history (its pages, the API, the open-data
download, the home page, your-data download) shows events through `Withheld` (ADR 7)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from opengov.core.models import AuditEvent

from .models import FORMER_PARTICIPANT

ERASED_VERB = "accounts.user.erased"
PERSON_ERASED_VERB = "organisations.person.erased"
# The fields of `changes` that can hold a person's name as text ("person" holds it when an
# attendee is removed; "owner_text" is an action's owner as the note wrote it).
NAME_FIELDS = frozenset({"name", "person", "owner_text"})
# Keys of the deletion event's `changes` that list object keys ("app.model:pk").
RECORDS_KEY = "withheld_records"
MENTIONS_KEY = "withheld_mentions"


def _listed(changes: Any, key: str) -> list[str]:
    values = changes.get(key) if isinstance(changes, dict) else None
    new = values[1] if isinstance(values, list) and len(values) == 2 else None
    return [str(item) for item in new] if isinstance(new, list) else []


def _record_label(object_type: str) -> str:
    try:
        noun = str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        noun = _("record")
    return _("%(record)s of a former participant") % {"record": noun}


@dataclass(frozen=True)
class Withheld:
    """Whose names to withhold: the deleted accounts (as actors), their records (the account,
    the person, memberships, attendances, API tokens: described only as "… of a former
    participant") and the records that mention them (the actions they owned)."""

    actor_ids: frozenset[int] = field(default_factory=frozenset)
    records: frozenset[str] = field(default_factory=frozenset)
    mentions: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def load(cls) -> Withheld:
        """Read every account deletion (one query, on the indexed verb)."""
        actor_ids: set[int] = set()
        records: set[str] = set()
        mentions: set[str] = set()
        rows = AuditEvent.objects.filter(verb=ERASED_VERB).values_list("object_id", "changes")
        for object_id, changes in rows:
            actor_ids.add(int(object_id))
            records.update(_listed(changes, RECORDS_KEY))
            mentions.update(_listed(changes, MENTIONS_KEY))
        return cls(frozenset(actor_ids), frozenset(records), frozenset(mentions))

    def show(self, event: AuditEvent) -> AuditEvent:
        """The event as it is shown: itself (with `withheld = False`) when it names nobody who
        deleted their account, otherwise an unsaved copy with their names replaced and
        `withheld = True`. The stored event, and so the chain, is untouched."""
        is_actor = event.actor_id is not None and event.actor_id in self.actor_ids
        is_record = event.object_key in self.records or event.scope_key in self.records
        names_in_changes = is_record or event.object_key in self.mentions
        changes = event.changes if isinstance(event.changes, dict) else {}
        hidden = {
            name: [None if value is None else _("withheld") for value in values]
            for name, values in changes.items()
            if names_in_changes and name in NAME_FIELDS and isinstance(values, list)
        }
        if not (is_actor or is_record or hidden):
            event.withheld = False  # type: ignore[attr-defined]
            return event
        shown = copy.copy(event)
        shown.withheld = True  # type: ignore[attr-defined]
        if is_actor:
            shown.actor_label = str(FORMER_PARTICIPANT)
        if is_record:
            own = event.object_type in ("accounts.user", "organisations.person")
            shown.object_repr = str(FORMER_PARTICIPANT) if own else _record_label(event.object_type)
        shown.changes = {**changes, **hidden}
        return shown


def withhold_names(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """The events as they are shown (see `Withheld.show`); no query when there are none."""
    events = list(events)
    if not events:
        return events
    withheld = Withheld.load()
    return [withheld.show(event) for event in events]


def withhold_names_stream(events: Iterable[AuditEvent]) -> Iterator[AuditEvent]:
    """The same for a download: the deletions are read once, the events one at a time."""
    withheld: Withheld | None = None
    for event in events:
        if withheld is None:
            withheld = Withheld.load()
        yield withheld.show(event)
