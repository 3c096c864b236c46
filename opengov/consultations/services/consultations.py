"""Consultations and their document versions: create and edit a draft, publish it (comments open
until the deadline), publish a revised version, conclude."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.models import ActionPlan
from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.text import clean_line, clean_text
from opengov.organisations.models import Organisation

from ..document import match_keys, split_blocks
from ..models import Consultation, DocumentVersion, Paragraph

CONSULTATION_FIELDS = ["title", "summary", "owner_organisation", "plan", "closes_at"]
MAX_PARAGRAPHS = 2000


def _check_title(title: str) -> str:
    title = " ".join(clean_line(title or "").split())
    if not title:
        raise DomainError(_("Enter the consultation's title."), field="title")
    if len(title) > 300:
        raise DomainError(_("The title must be 300 characters or fewer."), field="title")
    return title


def _check_text(text: str) -> tuple[str, list[str]]:
    text = clean_text(text or "").strip()
    blocks = split_blocks(text)
    if not blocks:
        raise DomainError(_("Enter the text of the document."), field="text")
    if len(blocks) > MAX_PARAGRAPHS:
        raise DomainError(
            _("The document has more than %(max)d paragraphs: split it into several consultations.")
            % {"max": MAX_PARAGRAPHS},
            field="text",
        )
    return text, blocks


def _check_owner(owner_organisation: Organisation | None) -> Organisation:
    if owner_organisation is None:
        raise DomainError(
            _("Choose the organisation that owns the consultation."), "owner_organisation"
        )
    return owner_organisation


def _check_deadline(closes_at: dt.datetime | None, *, must_be_future: bool) -> dt.datetime:
    if closes_at is None:
        raise DomainError(_("Enter the deadline for comments."), field="closes_at")
    if must_be_future and closes_at <= timezone.now():
        raise DomainError(_("The deadline for comments must be in the future."), field="closes_at")
    return closes_at


def _check_plan(by: Any, plan: ActionPlan | None) -> ActionPlan | None:
    if plan is not None and not ActionPlan.objects.visible_to(by).filter(pk=plan.pk).exists():
        raise DomainError(_("Choose an action plan from the list."), field="plan")
    return plan


def _write_paragraphs(version: DocumentVersion, blocks: list[str], keys: list[str]) -> None:
    Paragraph.objects.bulk_create(
        Paragraph(version=version, position=i, key=key, text=text)
        for i, (key, text) in enumerate(zip(keys, blocks, strict=True), start=1)
    )


def create_consultation(
    *,
    by: Any,
    title: str,
    text: str,
    owner_organisation: Organisation | None,
    closes_at: dt.datetime | None,
    summary: str = "",
    plan: ActionPlan | None = None,
) -> Consultation:
    """Start a draft consultation with its document as version 1. Only plan managers see it
    until it is published."""
    require("consultations.add_consultation", by)
    title = _check_title(title)
    text, blocks = _check_text(text)
    owner = _check_owner(owner_organisation)
    closes_at = _check_deadline(closes_at, must_be_future=False)
    plan = _check_plan(by, plan)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            title=title,
            summary=clean_text(summary or "").strip(),
            owner_organisation=owner,
            plan=plan,
            closes_at=closes_at,
        )
        version = DocumentVersion.objects.create(consultation=consultation, number=1, text=text)
        _write_paragraphs(version, blocks, match_keys([], blocks))
        audit.record(
            actor=by,
            verb="consultations.consultation.created",
            obj=consultation,
            changes=audit.created(consultation, CONSULTATION_FIELDS),
            is_public=False,
        )
    return consultation


def update_consultation(
    *,
    by: Any,
    consultation: Consultation,
    title: str,
    owner_organisation: Organisation | None,
    closes_at: dt.datetime | None,
    summary: str = "",
    plan: ActionPlan | None = None,
    text: str | None = None,
    expected_version: int | None = None,
) -> Consultation:
    """Edit a consultation's details. The document's text can be edited in place only while
    the consultation is a draft (`text`); once published, it changes by a new version. A
    published consultation's deadline may be moved, but not into the past: concluding ends it."""
    require("consultations.change_consultation", by, consultation)
    title = _check_title(title)
    owner = _check_owner(owner_organisation)
    plan = _check_plan(by, plan)
    with transaction.atomic():
        consultation = lock_for_edit(
            Consultation, pk=consultation.pk, expected_version=expected_version
        )
        require("consultations.change_consultation", by, consultation)
        published = consultation.is_published
        moved = closes_at != consultation.closes_at
        closes_at = _check_deadline(closes_at, must_be_future=published and moved)
        if text is not None and published:
            raise DomainError(
                _("A published document changes by publishing a new version."), field="text"
            )
        before = audit.snapshot(consultation, CONSULTATION_FIELDS)
        consultation.title = title
        consultation.summary = clean_text(summary or "").strip()
        consultation.owner_organisation = owner
        consultation.plan = plan
        consultation.closes_at = closes_at
        changes = audit.diff(before, audit.snapshot(consultation, CONSULTATION_FIELDS))
        if text is not None:
            text, blocks = _check_text(text)
            version = consultation.versions.get(number=1)
            if version.text != text:
                old = [(p.key, p.text) for p in version.paragraphs.order_by("position")]
                version.paragraphs.all().delete()
                version.text = text
                version.save(update_fields=["text", "updated_at"])
                _write_paragraphs(version, blocks, match_keys(old, blocks))
                changes["text"] = [None, "changed"]
        if not changes:
            return consultation
        bump_version(consultation)
        consultation.save()
        audit.record(
            actor=by,
            verb="consultations.consultation.changed",
            obj=consultation,
            changes=changes,
            is_public=published,
        )
    return consultation


def publish_consultation(
    *, by: Any, consultation: Consultation, expected_version: int | None = None
) -> Consultation:
    """Open a draft for comments: it becomes public, with its version 1, until its deadline."""
    require("consultations.publish_consultation", by, consultation)
    with transaction.atomic():
        consultation = lock_for_edit(
            Consultation, pk=consultation.pk, expected_version=expected_version
        )
        if consultation.is_published:
            raise DomainError(_("This consultation is already published."))
        _check_deadline(consultation.closes_at, must_be_future=True)
        now = timezone.now()
        consultation.published_at = now
        bump_version(consultation)
        consultation.save(update_fields=["published_at", "version", "updated_at"])
        DocumentVersion.objects.filter(consultation=consultation, number=1).update(published_at=now)
        audit.record(
            actor=by,
            verb="consultations.consultation.published",
            obj=consultation,
            changes={"published_at": [None, audit.to_json_value(now)]},
        )
    return consultation


def publish_version(
    *,
    by: Any,
    consultation: Consultation,
    text: str,
    change_note: str,
    expected_version: int | None = None,
) -> DocumentVersion:
    """Publish a revised document as the next version. Its paragraphs keep the keys of those
    they replace when unchanged or close (document.match_keys), so comments and answers follow
    them; its differences from the previous version are shown on the changes page."""
    require("consultations.add_documentversion", by, consultation)
    text, blocks = _check_text(text)
    change_note = clean_text(change_note or "").strip()
    if not change_note:
        raise DomainError(_("Say what changed in this version."), field="change_note")
    with transaction.atomic():
        consultation = lock_for_edit(
            Consultation, pk=consultation.pk, expected_version=expected_version
        )
        require("consultations.add_documentversion", by, consultation)
        previous = consultation.versions.order_by("-number").first()
        assert previous is not None  # every consultation is created with version 1
        if previous.text == text:
            raise DomainError(
                _("The text is the same as version %(number)d's.") % {"number": previous.number},
                field="text",
            )
        old = [(p.key, p.text) for p in previous.paragraphs.order_by("position")]
        version = DocumentVersion.objects.create(
            consultation=consultation,
            number=previous.number + 1,
            text=text,
            change_note=change_note,
            published_at=timezone.now(),
        )
        _write_paragraphs(version, blocks, match_keys(old, blocks))
        bump_version(consultation)
        consultation.save(update_fields=["version", "updated_at"])
        audit.record(
            actor=by,
            verb="consultations.documentversion.published",
            obj=version,
            changes={"number": [None, version.number], "change_note": [None, change_note]},
            scope=consultation,
        )
    return version


def conclude_consultation(
    *, by: Any, consultation: Consultation, conclusion: str, expected_version: int | None = None
) -> Consultation:
    """Conclude a published consultation with a public statement of what comes of it: comments
    and answers close for good. Concluding before the deadline also closes comments early."""
    require("consultations.conclude_consultation", by, consultation)
    conclusion = clean_text(conclusion or "").strip()
    if not conclusion:
        raise DomainError(_("Say what comes of the consultation."), field="conclusion")
    with transaction.atomic():
        consultation = lock_for_edit(
            Consultation, pk=consultation.pk, expected_version=expected_version
        )
        require("consultations.conclude_consultation", by, consultation)
        now = timezone.now()
        consultation.concluded_at = now
        consultation.conclusion = conclusion
        bump_version(consultation)
        consultation.save(update_fields=["concluded_at", "conclusion", "version", "updated_at"])
        audit.record(
            actor=by,
            verb="consultations.consultation.concluded",
            obj=consultation,
            changes={
                "concluded_at": [None, audit.to_json_value(now)],
                "conclusion": [None, conclusion],
            },
        )
    return consultation
