"""Every write to posts and to who held them (tenures). A single-holder post (a minister, the
Anti-Corruption Champion) has at most one holder on any day: tenures may not overlap."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.slugs import unique_slug
from opengov.core.submissions import repeated
from opengov.core.text import clean_line, clean_text, is_web_url

from .models import Appointment, Organisation, Person, Post, Tenure

POST_FIELDS = ["title", "organisation", "description", "is_single_holder"]
TENURE_FIELDS = ["post", "person", "start_on", "end_on", "appointment", "source_url", "note"]
ONE_DAY = dt.timedelta(days=1)
RESERVED_SLUGS = {"new"}


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


def _period(tenure: Tenure) -> str:
    if tenure.end_on is None:
        return _("from %(start)s") % {"start": _day(tenure.start_on)}
    return _("from %(start)s to %(end)s") % {
        "start": _day(tenure.start_on),
        "end": _day(tenure.end_on),
    }


def create_post(
    *,
    by: Any,
    title: str,
    organisation: Organisation | None = None,
    description: str = "",
    is_single_holder: bool = True,
) -> Post:
    """Add a post, such as Minister for the Cabinet Office. Two posts of one organisation may not
    share a title."""
    require("organisations.add_post", by)
    title = " ".join(clean_line(title).split())
    if not title:
        raise DomainError(_("Enter the post's title."), field="title")
    with transaction.atomic():
        if Post.objects.filter(title__iexact=title, organisation=organisation).exists():
            raise DomainError(
                _("A post called %(title)s already exists.") % {"title": title}, field="title"
            )
        slug = unique_slug(Post, title)
        if slug in RESERVED_SLUGS:  # "posts/new/" is the page that adds a post
            slug = unique_slug(Post, f"{title} post")
        post = Post.objects.create(
            title=title,
            slug=slug,
            organisation=organisation,
            description=clean_text(description).strip(),
            is_single_holder=is_single_holder,
        )
        audit.record(
            actor=by,
            verb="organisations.post.created",
            obj=post,
            changes=audit.created(post, ["title", "organisation", "is_single_holder"]),
        )
    return post


def _first_overlap(post: Post) -> tuple[Tenure, Tenure] | None:
    """Two tenures of `post` sharing a day, if any (the earliest such pair)."""
    tenures = list(post.tenures.select_related("person").order_by("start_on", "pk"))
    for earlier, later in itertools.pairwise(tenures):
        if earlier.end_on is None or earlier.end_on >= later.start_on:
            return earlier, later
    return None


def update_post(
    *,
    by: Any,
    post: Post,
    expected_version: int | None,
    title: str,
    organisation: Organisation | None = None,
    description: str = "",
    is_single_holder: bool = True,
) -> Post:
    """Change a post's title, organisation, description and whether one person holds it at a
    time. Its address (slug) stays, so links to it keep working. Refused when someone changed it
    since `expected_version`, when another post of the organisation has the title, or when it
    is made single-holder while two of its tenures overlap (the error names them)."""
    require("organisations.change_post", by, post)
    title = " ".join(clean_line(title).split())[:300]
    if not title:
        raise DomainError(_("Enter the post's title."), field="title")
    description = clean_text(description).strip()
    with transaction.atomic():
        locked = lock_for_edit(Post, pk=post.pk, expected_version=expected_version)
        twins = Post.objects.filter(title__iexact=title, organisation=organisation)
        if twins.exclude(pk=locked.pk).exists():
            raise DomainError(
                _("A post called %(title)s already exists.") % {"title": title}, field="title"
            )
        if is_single_holder and not locked.is_single_holder:
            pair = _first_overlap(locked)
            if pair is not None:
                raise DomainError(
                    _(
                        "%(first)s held it %(first_period)s and %(second)s %(second_period)s: "
                        "correct their dates before making it a post held by one person at a "
                        "time."
                    )
                    % {
                        "first": pair[0].person.display_name,
                        "first_period": _period(pair[0]),
                        "second": pair[1].person.display_name,
                        "second_period": _period(pair[1]),
                    },
                    field="is_single_holder",
                )
        before = audit.snapshot(locked, POST_FIELDS)
        locked.title, locked.organisation = title, organisation
        locked.description, locked.is_single_holder = description, is_single_holder
        changes = audit.diff(before, audit.snapshot(locked, POST_FIELDS))
        if changes:
            bump_version(locked)
            locked.save(update_fields=[*POST_FIELDS, "version", "updated_at"])
            audit.record(actor=by, verb="organisations.post.changed", obj=locked, changes=changes)
    return locked


def _validate(
    *, start_on: dt.date | None, end_on: dt.date | None, appointment: str, source_url: str
) -> None:
    if start_on is None:
        raise DomainError(_("Enter the date the tenure started."), field="start_on")
    if end_on is not None and end_on < start_on:
        raise DomainError(
            _("The tenure must end on or after the day it started (%(start)s).")
            % {"start": _day(start_on)},
            field="end_on",
        )
    if appointment not in Appointment.values:
        raise DomainError(_("Choose how the holder was appointed."), field="appointment")
    if source_url and not is_web_url(source_url):
        raise DomainError(
            _("Enter the source as a web address starting with http:// or https://."),
            field="source_url",
        )


def _overlapping(
    post: Post, start_on: dt.date, end_on: dt.date | None, *, excluding: int | None = None
) -> Tenure | None:
    """The first tenure of a single-holder post sharing a day with [start_on, end_on]."""
    if not post.is_single_holder:
        return None
    others = Tenure.objects.filter(post=post).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=start_on)
    )
    if end_on is not None:
        others = others.filter(start_on__lte=end_on)
    if excluding is not None:
        others = others.exclude(pk=excluding)
    return others.select_related("person").order_by("start_on", "pk").first()


def _refuse_overlap(post: Post, other: Tenure) -> None:
    raise DomainError(
        _(
            "%(post)s has one holder at a time, and %(person)s held it %(period)s. "
            "Change the dates so the tenures do not overlap."
        )
        % {"post": post.title, "person": other.person.display_name, "period": _period(other)},
        field="start_on",
    )


def start_tenure(
    *,
    by: Any,
    post: Post,
    person: Person,
    start_on: dt.date,
    end_on: dt.date | None = None,
    appointment: str = Appointment.APPOINTED,
    source_url: str = "",
    note: str = "",
    end_previous: bool = False,
    submission_token: uuid.UUID | None = None,
) -> Tenure:
    """Record that `person` holds (or held) `post` from `start_on`. With `end_previous`, the
    tenure of whoever held the post until then ends the day before `start_on`. A second
    submission with the same `submission_token` returns the first one's tenure, writing nothing.
    On a single-holder post the new tenure may not overlap another: the error names the other
    holder's dates."""
    require("organisations.add_tenure", by, post)
    source_url, note = source_url.strip(), " ".join(clean_line(note).split())
    _validate(start_on=start_on, end_on=end_on, appointment=appointment, source_url=source_url)
    with transaction.atomic():
        # Locking the post makes concurrent tenures of one post take their turn.
        post = Post.objects.select_for_update().get(pk=post.pk)
        if submission_token is not None:
            earlier = Tenure.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, post_id=post.pk, person_id=person.pk, start_on=start_on)
        if end_previous:
            _end_previous(by=by, post=post, start_on=start_on)
        other = _overlapping(post, start_on, end_on)
        if other is not None:
            _refuse_overlap(post, other)
        tenure = Tenure.objects.create(
            post=post,
            person=person,
            start_on=start_on,
            end_on=end_on,
            appointment=appointment,
            source_url=source_url,
            note=note,
            submission_token=submission_token,
        )
        audit.record(
            actor=by,
            verb="organisations.tenure.started",
            obj=tenure,
            changes=audit.created(tenure, TENURE_FIELDS),
            scope=post,
        )
    return tenure


def _end_previous(*, by: Any, post: Post, start_on: dt.date) -> None:
    """End, the day before `start_on`, the tenures that began before it and run past it."""
    running = Tenure.objects.filter(post=post, start_on__lt=start_on).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=start_on)
    )
    for previous in running.select_for_update():
        before = audit.snapshot(previous, ["end_on"])
        previous.end_on = start_on - ONE_DAY
        bump_version(previous)
        previous.save(update_fields=["end_on", "version", "updated_at"])
        audit.record(
            actor=by,
            verb="organisations.tenure.ended",
            obj=previous,
            changes=audit.diff(before, audit.snapshot(previous, ["end_on"])),
            scope=post,
        )


def end_tenure(
    *, by: Any, tenure: Tenure, end_on: dt.date, expected_version: int | None = None
) -> Tenure:
    """Record the last day a holder held the post. Only an open tenure can be ended; a tenure
    with an end date is corrected instead."""
    require("organisations.change_tenure", by, tenure)
    if end_on is None:
        raise DomainError(_("Enter the last day of the tenure."), field="end_on")
    with transaction.atomic():
        locked = lock_for_edit(Tenure, pk=tenure.pk, expected_version=expected_version)
        if locked.end_on is not None:
            raise DomainError(
                _("This tenure already ended on %(end)s: correct it to change its dates.")
                % {"end": _day(locked.end_on)},
                field="end_on",
            )
        if end_on < locked.start_on:
            raise DomainError(
                _("The tenure must end on or after the day it started (%(start)s).")
                % {"start": _day(locked.start_on)},
                field="end_on",
            )
        locked.end_on = end_on
        bump_version(locked)
        locked.save(update_fields=["end_on", "version", "updated_at"])
        audit.record(
            actor=by,
            verb="organisations.tenure.ended",
            obj=locked,
            changes={"end_on": [None, end_on.isoformat()]},
            scope=locked.post,
        )
    return locked


def correct_tenure(
    *,
    by: Any,
    tenure: Tenure,
    expected_version: int | None,
    start_on: dt.date,
    end_on: dt.date | None,
    appointment: str,
    source_url: str = "",
    note: str = "",
) -> Tenure:
    """Correct a tenure's dates, how the holder was appointed, its source and note. Refused when
    someone changed it since `expected_version`, or when the new dates overlap another holder of
    a single-holder post."""
    require("organisations.change_tenure", by, tenure)
    source_url, note = source_url.strip(), " ".join(clean_line(note).split())
    _validate(start_on=start_on, end_on=end_on, appointment=appointment, source_url=source_url)
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=tenure.post_id)
        locked = lock_for_edit(Tenure, pk=tenure.pk, expected_version=expected_version)
        other = _overlapping(post, start_on, end_on, excluding=locked.pk)
        if other is not None:
            _refuse_overlap(post, other)
        fields = ["start_on", "end_on", "appointment", "source_url", "note"]
        before = audit.snapshot(locked, fields)
        locked.start_on, locked.end_on = start_on, end_on
        locked.appointment, locked.source_url, locked.note = appointment, source_url, note
        changes = audit.diff(before, audit.snapshot(locked, fields))
        if changes:
            bump_version(locked)
            locked.save(update_fields=[*fields, "version", "updated_at"])
            audit.record(
                actor=by,
                verb="organisations.tenure.corrected",
                obj=locked,
                changes=changes,
                scope=post,
            )
    return locked
