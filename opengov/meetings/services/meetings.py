"""Meetings, their series, attendance, minutes and decisions."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.models import Commitment
from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.slugs import unique_slug
from opengov.core.submissions import repeated
from opengov.organisations.models import Organisation, Person

from ..choices import ActionStatus, AttendanceRole, MeetingStatus
from ..models import (
    ActionItem,
    ActionItemReview,
    Attendance,
    Decision,
    Meeting,
    MeetingSeries,
    MinutesSection,
)

MEETING_FIELDS = [
    "title",
    "series",
    "starts_at",
    "ends_at",
    "place",
    "online_url",
    "organiser",
    "status",
    "summary",
    "source_url",
    "is_public",
]
AGENDA_HEADING = "Actions from previous meetings"


def _check_url(url: str, field: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if url and (parts.scheme not in ("http", "https") or not parts.netloc):
        raise DomainError(_("Enter a web address starting with http:// or https://."), field)
    return url


def _check_times(starts_at: dt.datetime | None, ends_at: dt.datetime | None) -> None:
    if starts_at is None:
        raise DomainError(_("Enter when the meeting starts."), field="starts_at")
    if ends_at is not None and ends_at < starts_at:
        raise DomainError(_("The meeting must end after it starts."), field="ends_at")


def _check_status(status: str, starts_at: dt.datetime) -> None:
    if status not in MeetingStatus.values:
        raise DomainError(_("Choose the meeting's status."), field="status")
    if status != MeetingStatus.PLANNED and starts_at > timezone.now():
        raise DomainError(
            _("A meeting that has not happened yet can only be planned."), field="status"
        )


def create_series(
    *, by: Any, name: str, description: str = "", organiser: Organisation | None = None
) -> MeetingSeries:
    """Start a series of meetings, such as "OGN and Cabinet Office"."""
    require("meetings.add_meetingseries", by)
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Enter the series' name."), field="name")
    with transaction.atomic():
        if MeetingSeries.objects.filter(name__iexact=name).exists():
            raise DomainError(_("A series with this name already exists."), field="name")
        series = MeetingSeries.objects.create(
            name=name,
            slug=unique_slug(MeetingSeries, name),
            description=description,
            organiser=organiser,
        )
        audit.record(
            actor=by,
            verb="meetings.meetingseries.created",
            obj=series,
            changes=audit.created(series, ["name", "organiser"]),
        )
    return series


def _carry_forward_open_actions(meeting: Meeting, by: Any) -> int:
    """Start a new meeting of a series with an agenda item listing the series' open actions,
    each recorded as reviewed at this meeting."""
    if meeting.series_id is None:
        return 0
    earlier = ActionItem.objects.filter(
        meeting__series_id=meeting.series_id,
        meeting__starts_at__lt=meeting.starts_at,
        status=ActionStatus.OPEN,
    )
    if meeting.is_public:
        # A private meeting's actions never reach a public agenda.
        earlier = earlier.filter(meeting__is_public=True)
    open_items = list(
        earlier.select_related("meeting", "owner_organisation", "owner_person").order_by(
            "meeting__starts_at", "position", "pk"
        )
    )
    if not open_items:
        return 0
    lines = []
    for item in open_items:
        due = item.due_on.isoformat() if item.due_on else item.due_phrase
        owner = item.owner_label
        details = "; ".join(p for p in (owner, due, f"from {item.meeting.held_on:%-d %B %Y}") if p)
        lines.append(f"- {item.text} ({details})")
    MinutesSection.objects.create(
        meeting=meeting, position=0, heading=AGENDA_HEADING, text="\n".join(lines)
    )
    ActionItemReview.objects.bulk_create(
        ActionItemReview(
            action_item=item,
            meeting=meeting,
            status=ActionStatus.OPEN,
            reviewed_by=as_user(by),
        )
        for item in open_items
    )
    return len(open_items)


def create_meeting(
    *,
    by: Any,
    title: str,
    starts_at: dt.datetime,
    series: MeetingSeries | None = None,
    ends_at: dt.datetime | None = None,
    place: str = "",
    online_url: str = "",
    organiser: Organisation | None = None,
    status: str = MeetingStatus.PLANNED,
    summary: str = "",
    source_url: str = "",
    is_public: bool = True,
    import_key: str = "",
) -> Meeting:
    """Schedule (or record) a meeting. A meeting of a series starts with an agenda item listing
    the series' open action items, each marked as reviewed at it."""
    require("meetings.add_meeting", by)
    title = " ".join(title.split())
    if not title:
        raise DomainError(_("Enter the meeting's title."), field="title")
    _check_times(starts_at, ends_at)
    _check_status(status, starts_at)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            title=title,
            series=series,
            starts_at=starts_at,
            ends_at=ends_at,
            place=place.strip(),
            online_url=_check_url(online_url, "online_url"),
            organiser=organiser,
            status=status,
            summary=summary,
            source_url=_check_url(source_url, "source_url"),
            is_public=is_public,
            minutes_published_at=timezone.now()
            if status == MeetingStatus.MINUTES_PUBLISHED
            else None,
            import_key=import_key,
        )
        carried = _carry_forward_open_actions(meeting, by)
        changes = audit.created(meeting, MEETING_FIELDS)
        if carried:
            changes["actions_carried_forward"] = [None, carried]
        audit.record(
            actor=by,
            verb="meetings.meeting.created",
            obj=meeting,
            changes=changes,
            is_public=is_public,
        )
    return meeting


def update_meeting(
    *, by: Any, meeting: Meeting, expected_version: int | None, **fields: Any
) -> Meeting:
    """Edit a meeting's details; a save from a stale version is refused (ConflictError)."""
    require("meetings.change_meeting", by, meeting)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = " ".join(str(fields["title"]).split())
        if not fields["title"]:
            raise DomainError(_("Enter the meeting's title."), field="title")
    for field in ("online_url", "source_url"):
        if field in fields:
            fields[field] = _check_url(fields[field], field)
    with transaction.atomic():
        locked = lock_for_edit(Meeting, pk=meeting.pk, expected_version=expected_version)
        before = audit.snapshot(locked, MEETING_FIELDS)
        for name, value in fields.items():
            setattr(locked, name, value)
        _check_times(locked.starts_at, locked.ends_at)
        _check_status(locked.status, locked.starts_at)
        changes = audit.diff(before, audit.snapshot(locked, MEETING_FIELDS))
        if not changes:
            return locked
        if locked.status == MeetingStatus.MINUTES_PUBLISHED and not locked.minutes_published_at:
            locked.minutes_published_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="meetings.meeting.changed",
            obj=locked,
            changes=changes,
            is_public=locked.is_public,
        )
    return locked


def publish_minutes(*, by: Any, meeting: Meeting) -> Meeting:
    """Publish a held meeting's minutes; they then appear in the minutes feed."""
    require("meetings.publish_minutes", by, meeting)
    with transaction.atomic():
        locked = lock_for_edit(Meeting, pk=meeting.pk, expected_version=None)
        if locked.status == MeetingStatus.MINUTES_PUBLISHED:
            raise DomainError(_("These minutes are already published."))
        if locked.starts_at > timezone.now():
            raise DomainError(_("A meeting's minutes can be published only after it is held."))
        changes = {"status": [locked.status, MeetingStatus.MINUTES_PUBLISHED]}
        locked.status = MeetingStatus.MINUTES_PUBLISHED
        locked.minutes_published_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="meetings.meeting.minutes_published",
            obj=locked,
            changes=changes,
            is_public=locked.is_public,
        )
    return locked


def record_attendance(
    *,
    by: Any,
    meeting: Meeting,
    person: Person,
    organisation: Organisation | None = None,
    role: str = AttendanceRole.ATTENDEE,
    sent_apologies: bool = False,
) -> Attendance:
    """Record that a person attended (or sent apologies), for an organisation, in a role.
    Recording the same person again updates their attendance."""
    require("meetings.change_meeting", by, meeting)
    if role not in AttendanceRole.values:
        raise DomainError(_("Choose the person's role at the meeting."), field="role")
    with transaction.atomic():
        existing = Attendance.objects.filter(meeting=meeting, person=person).first()
        values = {"organisation": organisation, "role": role, "sent_apologies": sent_apologies}
        if existing is not None:
            before = audit.snapshot(existing, list(values))
            for name, value in values.items():
                setattr(existing, name, value)
            changes = audit.diff(before, audit.snapshot(existing, list(values)))
            if not changes:
                return existing
            existing.save()
            attendance, verb = existing, "meetings.attendance.changed"
        else:
            position = Attendance.objects.filter(meeting=meeting).count() + 1
            attendance = Attendance.objects.create(
                meeting=meeting, person=person, position=position, **values
            )
            changes = audit.created(attendance, ["person", *values])
            verb = "meetings.attendance.recorded"
        audit.record(
            actor=by,
            verb=verb,
            obj=attendance,
            changes=changes,
            scope=meeting,
            is_public=meeting.is_public,
        )
    return attendance


def remove_attendance(*, by: Any, attendance: Attendance) -> None:
    """Take a person off a meeting's attendance (a correction)."""
    meeting = attendance.meeting
    require("meetings.change_meeting", by, meeting)
    with transaction.atomic():
        audit.record(
            actor=by,
            verb="meetings.attendance.removed",
            obj=attendance,
            changes={"person": [attendance.person.name, None]},
            scope=meeting,
            is_public=meeting.is_public,
        )
        attendance.delete()


def add_minutes_section(
    *,
    by: Any,
    meeting: Meeting,
    heading: str,
    text: str,
    commitments: Iterable[Commitment] = (),
) -> MinutesSection:
    """Add a section of minutes (Markdown), linked to the commitments it discusses."""
    require("meetings.change_meeting", by, meeting)
    heading, text = heading.strip(), text.strip()
    if not heading and not text:
        raise DomainError(_("Enter the section's heading or text."), field="text")
    with transaction.atomic():
        last = meeting.sections.aggregate(models.Max("position"))["position__max"] or 0
        section = MinutesSection.objects.create(
            meeting=meeting, position=last + 1, heading=heading[:300], text=text
        )
        linked = list(commitments)
        section.commitments.set(linked)
        changes = audit.created(section, ["heading", "text"])
        if linked:
            changes["commitments"] = [None, sorted(c.pk for c in linked)]
        audit.record(
            actor=by,
            verb="meetings.minutessection.added",
            obj=section,
            changes=changes,
            scope=meeting,
            is_public=meeting.is_public,
        )
    return section


def update_minutes_section(
    *,
    by: Any,
    section: MinutesSection,
    heading: str,
    text: str,
    commitments: Iterable[Commitment] | None = None,
) -> MinutesSection:
    """Correct a section of minutes."""
    meeting = section.meeting
    require("meetings.change_meeting", by, meeting)
    heading, text = heading.strip(), text.strip()
    if not heading and not text:
        raise DomainError(_("Enter the section's heading or text."), field="text")
    with transaction.atomic():
        before = {
            **audit.snapshot(section, ["heading", "text"]),
            "commitments": sorted(section.commitments.values_list("pk", flat=True)),
        }
        section.heading, section.text = heading[:300], text
        section.save()
        if commitments is not None:
            section.commitments.set(list(commitments))
        after = {
            **audit.snapshot(section, ["heading", "text"]),
            "commitments": sorted(section.commitments.values_list("pk", flat=True)),
        }
        changes = audit.diff(before, after)
        if changes:
            audit.record(
                actor=by,
                verb="meetings.minutessection.changed",
                obj=section,
                changes=changes,
                scope=meeting,
                is_public=meeting.is_public,
            )
    return section


def record_decision(
    *,
    by: Any,
    meeting: Meeting,
    text: str,
    section: MinutesSection | None = None,
    submission_token: uuid.UUID | None = None,
) -> Decision:
    """Record a decision the meeting took. `submission_token` (core.submissions) makes a form
    sent twice record one decision; the second gets the first, or a DomainError if it differs."""
    require("meetings.change_meeting", by, meeting)
    text = text.strip()
    if not text:
        raise DomainError(_("Enter the decision."), field="text")
    if section is not None and section.meeting_id != meeting.pk:
        raise DomainError(_("That section belongs to another meeting."), field="section")
    with transaction.atomic():
        # Lock the meeting: decisions recorded at once take turns (and distinct positions).
        Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
        if submission_token is not None:
            earlier = Decision.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                section_id = section.pk if section else None
                return repeated(earlier, meeting_id=meeting.pk, section_id=section_id, text=text)
        last = meeting.decisions.aggregate(models.Max("position"))["position__max"] or 0
        decision = Decision.objects.create(
            meeting=meeting,
            section=section,
            position=last + 1,
            text=text,
            submission_token=submission_token,
        )
        audit.record(
            actor=by,
            verb="meetings.decision.recorded",
            obj=decision,
            changes=audit.created(decision, ["text"]),
            scope=meeting,
            is_public=meeting.is_public,
        )
    return decision
