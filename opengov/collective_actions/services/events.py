"""Events: their details, the delegation attending and their documents. Plan managers only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.text import clean_line, clean_text, is_web_url
from opengov.organisations.models import Organisation, Person

from ..models import Delegate, Event, EventDocument

EVENT_FIELDS = ["title", "starts_on", "ends_on", "place", "description"]


def _event_values(
    *, title: str, starts_on: dt.date | None, ends_on: dt.date | None, place: str, description: str
) -> dict[str, Any]:
    title = " ".join(clean_line(title or "").split())
    if not title:
        raise DomainError(_("Enter the event's title."), field="title")
    if starts_on is None:
        raise DomainError(_("Enter the date the event starts."), field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The event must end on or after the day it starts."), field="ends_on")
    return {
        "title": title[:300],
        "starts_on": starts_on,
        "ends_on": ends_on,
        "place": " ".join(clean_line(place or "").split())[:300],
        "description": clean_text(description or "").strip(),
    }


def create_event(
    *,
    by: Any,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    place: str = "",
    description: str = "",
) -> Event:
    """Record an event (an OGP summit or another gathering)."""
    require("collective_actions.add_event", by)
    values = _event_values(
        title=title, starts_on=starts_on, ends_on=ends_on, place=place, description=description
    )
    with transaction.atomic():
        event = Event.objects.create(**values)
        audit.record(
            actor=by,
            verb="collective_actions.event.created",
            obj=event,
            changes=audit.created(event, EVENT_FIELDS),
        )
    return event


def update_event(
    *,
    by: Any,
    event: Event,
    expected_version: int | None,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    place: str = "",
    description: str = "",
) -> Event:
    """Edit an event's details; a save from a stale version is refused (ConflictError)."""
    require("collective_actions.change_event", by, event)
    values = _event_values(
        title=title, starts_on=starts_on, ends_on=ends_on, place=place, description=description
    )
    with transaction.atomic():
        locked = lock_for_edit(Event, pk=event.pk, expected_version=expected_version)
        before = audit.snapshot(locked, EVENT_FIELDS)
        for name, value in values.items():
            setattr(locked, name, value)
        changes = audit.diff(before, audit.snapshot(locked, EVENT_FIELDS))
        if not changes:
            return locked
        bump_version(locked)
        locked.save()
        audit.record(actor=by, verb="collective_actions.event.changed", obj=locked, changes=changes)
    return locked


def add_delegate(
    *,
    by: Any,
    event: Event,
    person: Person | None,
    organisation: Organisation | None = None,
    note: str = "",
) -> Delegate:
    """Add a person to the delegation attending the event, for an organisation. Their post is
    not recorded here: pages derive it from their tenures on the event's date."""
    require("collective_actions.change_event", by, event)
    if person is None:
        raise DomainError(_("Choose the person attending."), field="person")
    note = " ".join(clean_line(note or "").split())[:300]
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()
        if Delegate.objects.filter(event=event, person=person).exists():
            raise DomainError(_("This person is already in the delegation."), field="person")
        last = Delegate.objects.filter(event=event).aggregate(m=Max("position"))["m"]
        try:
            with transaction.atomic():
                delegate = Delegate.objects.create(
                    event=event,
                    person=person,
                    organisation=organisation,
                    note=note,
                    position=(last or 0) + 1,
                )
        except IntegrityError:
            raise DomainError(
                _("This person is already in the delegation."), field="person"
            ) from None
        audit.record(
            actor=by,
            verb="collective_actions.delegate.added",
            obj=delegate,
            scope=event,
            changes=audit.created(delegate, ["person", "organisation", "note"]),
        )
    return delegate


def remove_delegate(*, by: Any, delegate: Delegate) -> None:
    """Take a person out of an event's delegation. Removing one already removed (by someone
    else, a moment before) is refused and writes nothing."""
    require("collective_actions.change_event", by, delegate.event)
    with transaction.atomic():
        locked = (
            Delegate.objects.select_for_update(of=("self",))
            .select_related("person", "event")
            .filter(pk=delegate.pk)
            .first()
        )
        if locked is None:
            raise DomainError(_("This delegate has already been removed from the delegation."))
        audit.record(
            actor=by,
            verb="collective_actions.delegate.removed",
            obj=locked,
            scope=locked.event,
            changes={
                "person": [str(locked.person_id), None],
                "organisation": [
                    None if locked.organisation_id is None else str(locked.organisation_id),
                    None,
                ],
                "note": [locked.note, None],
            },
        )
        locked.delete()


def add_event_document(*, by: Any, event: Event, title: str, url: str) -> EventDocument:
    """Link a document of the event (a declaration, an agenda) by its title and web address."""
    require("collective_actions.change_event", by, event)
    title = " ".join(clean_line(title or "").split())[:300]
    url = clean_line(url or "").strip()
    if not title:
        raise DomainError(_("Enter the document's title."), field="title")
    if not is_web_url(url) or len(url) > 500:
        raise DomainError(
            _("Enter the document's web address, starting with http:// or https://."),
            field="url",
        )
    with transaction.atomic():
        last = EventDocument.objects.filter(event=event).aggregate(m=Max("position"))["m"]
        document = EventDocument.objects.create(
            event=event, title=title, url=url, position=(last or 0) + 1
        )
        audit.record(
            actor=by,
            verb="collective_actions.eventdocument.added",
            obj=document,
            scope=event,
            changes=audit.created(document, ["title", "url"]),
        )
    return document


def remove_event_document(*, by: Any, document: EventDocument) -> None:
    """Unlink a document from its event. Removing one already removed is refused and writes
    nothing."""
    require("collective_actions.change_event", by, document.event)
    with transaction.atomic():
        locked = (
            EventDocument.objects.select_for_update(of=("self",))
            .select_related("event")
            .filter(pk=document.pk)
            .first()
        )
        if locked is None:
            raise DomainError(_("This document has already been removed from the event."))
        audit.record(
            actor=by,
            verb="collective_actions.eventdocument.removed",
            obj=locked,
            scope=locked.event,
            changes={"title": [locked.title, None], "url": [locked.url, None]},
        )
        locked.delete()
