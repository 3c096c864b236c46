"""Everything the platform holds about one account, as one JSON document written piece by piece
(a long-serving coordinator's audit events can be many): the "download your data" file. It holds
no secret: no password hash, no API token or its hash, no session (docs/privacy.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from opengov.action_plans.models import Assessment, DueDateRevision, ProgressUpdate
from opengov.core.models import AuditEvent
from opengov.meetings.models import ActionItem, ActionItemReview, Attendance, NoteImport
from opengov.organisations.models import Person

from .models import ApiToken, RoleGrant, User
from .withheld import withhold_names_stream

FORMAT = "opengov-your-data/1"
CHUNK = 500


# The apps that hold records of people's own (their privacy.py: SECTIONS, erase_for).
APP_PRIVACY = (
    "opengov.ideas.privacy",
    "opengov.consultations.privacy",
    "opengov.feedback.privacy",
)


def _dump(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def _array(name: str, rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    yield f",\n{_dump(name)}: ["
    separator = "\n"
    for row in rows:
        yield separator + _dump(row)
        separator = ",\n"
    yield "\n]"


def _account(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "public_name": user.public_name,
        "date_joined": user.date_joined,
        "notification_frequency": user.notification_frequency,
        "notifications_waiting_for_the_daily_digest": [
            {"subject": item.subject, "body": item.body, "url": item.url, "at": item.created_at}
            for item in user.digest_items.order_by("created_at", "pk")
        ],
        "last_login": user.last_login,
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
    }


def _person(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {
        "name": person.name,
        "slug": person.slug,
        "url": person.get_absolute_url(),
        "created_at": person.created_at,
    }


def _roles(user: User) -> Iterator[dict[str, Any]]:
    grants = RoleGrant.objects.filter(user=user).select_related("organisation", "commitment")
    for grant in grants.order_by("granted_at", "pk"):
        yield {
            "role": grant.role,
            "role_label": grant.get_role_display(),
            "organisation": grant.organisation.name if grant.organisation else None,
            "commitment": grant.commitment.number if grant.commitment else None,
            "granted_at": grant.granted_at,
        }


def _memberships(person: Person) -> Iterator[dict[str, Any]]:
    for m in person.memberships.select_related("organisation").order_by("pk"):
        yield {
            "organisation": m.organisation.name,
            "role": m.role,
            "start_on": m.start_on,
            "end_on": m.end_on,
        }


def _attendances(person: Person) -> Iterator[dict[str, Any]]:
    rows = Attendance.objects.filter(person=person).select_related("meeting", "organisation")
    for a in rows.order_by("meeting__starts_at", "pk").iterator(chunk_size=CHUNK):
        yield {
            "meeting": a.meeting.title,
            "meeting_starts_at": a.meeting.starts_at,
            "meeting_url": a.meeting.get_absolute_url(),
            "organisation": a.organisation.name if a.organisation else None,
            "role": a.role,
            "sent_apologies": a.sent_apologies,
        }


def _actions_owned(person: Person) -> Iterator[dict[str, Any]]:
    rows = ActionItem.objects.filter(owner_person=person).select_related("meeting")
    for item in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "text": item.text,
            "agreed_at_meeting": item.meeting.title,
            "owner_as_written": item.owner_text,
            "due_on": item.due_on,
            "due_phrase": item.due_phrase,
            "status": item.status,
            "done_on": item.done_on,
            "status_note": item.status_note,
            "url": item.get_absolute_url(),
        }


def _updates(user: User) -> Iterator[dict[str, Any]]:
    rows = ProgressUpdate.objects.filter(author=user).select_related("commitment")
    for u in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "commitment": u.commitment.number,
            "reported_on": u.reported_on,
            "status": u.status,
            "text": u.text,
            "evidence": u.evidence,
            "author_name": u.author_name,
            "created_at": u.created_at,
            "url": u.get_absolute_url(),
        }


def _assessments(user: User) -> Iterator[dict[str, Any]]:
    rows = Assessment.objects.filter(author=user).select_related("commitment", "organisation")
    for a in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "commitment": a.commitment.number,
            "kind": a.kind,
            "organisation": a.organisation.name,
            "period_start": a.period_start,
            "period_end": a.period_end,
            "status": a.status,
            "text": a.text,
            "evidence": a.evidence,
            "author_name": a.author_name,
            "created_at": a.created_at,
        }


def _revisions(user: User) -> Iterator[dict[str, Any]]:
    rows = DueDateRevision.objects.filter(revised_by=user).select_related("milestone")
    for r in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "milestone": r.milestone.text,
            "old_due_on": r.old_due_on,
            "new_due_on": r.new_due_on,
            "reason": r.reason,
            "revised_by_name": r.revised_by_name,
            "revised_at": r.revised_at,
        }


def _reviews(user: User) -> Iterator[dict[str, Any]]:
    rows = ActionItemReview.objects.filter(reviewed_by=user).select_related(
        "action_item", "meeting"
    )
    for r in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "action": r.action_item.text,
            "meeting": r.meeting.title,
            "status": r.status,
            "note": r.note,
            "created_at": r.created_at,
        }


def _note_imports(user: User) -> Iterator[dict[str, Any]]:
    """What was uploaded and when; the notes' text is the meeting's record, not the uploader's."""
    for n in NoteImport.objects.filter(created_by=user).order_by("pk").iterator(chunk_size=CHUNK):
        yield {"filename": n.filename, "status": n.status, "created_at": n.created_at}


def _tokens(user: User) -> Iterator[dict[str, Any]]:
    """Each token's metadata; never the token or its hash."""
    for t in ApiToken.objects.filter(user=user).order_by("created_at", "pk"):
        yield {
            "name": t.name,
            "starts_with": t.prefix,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "revoked_at": t.revoked_at,
        }


def _events(user: User) -> Iterator[dict[str, Any]]:
    """Every change this account made, public or not, oldest first."""
    events = AuditEvent.objects.filter(actor=user).order_by("sequence").iterator(chunk_size=CHUNK)
    for e in withhold_names_stream(events):
        yield {
            "sequence": e.sequence,
            "occurred_at": e.occurred_at,
            "verb": e.verb,
            "object_key": e.object_key,
            "object_repr": e.object_repr,
            "scope_key": e.scope_key,
            "changes": e.changes,
            "is_public": e.is_public,
            "hash": e.hash,
        }


def your_data(user: User) -> Iterator[str]:
    """The document, in pieces: the account and person record, then one array per kind of
    record (the memberships, attendance and actions of their person record; what they wrote)."""
    person = Person.objects.filter(user=user).first()
    yield "{" + f"\n{_dump('format')}: {_dump(FORMAT)}"
    yield f",\n{_dump('generated_at')}: {_dump(timezone.now())}"
    yield f",\n{_dump('site')}: {_dump(str(settings.OPENGOV_SITE_NAME))}"
    yield f",\n{_dump('account')}: {_dump(_account(user))}"
    yield f",\n{_dump('person')}: {_dump(_person(person))}"
    yield from _array("roles", _roles(user))
    yield from _array("memberships", _memberships(person) if person else [])
    yield from _array("attendances", _attendances(person) if person else [])
    yield from _array("action_items_owned", _actions_owned(person) if person else [])
    yield from _array("progress_updates", _updates(user))
    yield from _array("assessments", _assessments(user))
    yield from _array("due_date_revisions", _revisions(user))
    yield from _array("action_item_reviews", _reviews(user))
    yield from _array("note_imports", _note_imports(user))
    for module in APP_PRIVACY:
        for name, rows in import_module(module).SECTIONS.items():
            yield from _array(name, rows(user))
    yield from _array("api_tokens", _tokens(user))
    yield from _array("audit_events", _events(user))
    yield "\n}\n"
