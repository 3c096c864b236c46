"""Progress updates and assessments: what government and civil society report, side by side."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.accounts.predicates import civil_society_organisation_ids
from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.submissions import repeated
from opengov.organisations.models import Organisation, OrganisationKind

from ..choices import AssessmentKind, Completion, ProgressStatus, UpdateSource
from ..models import Assessment, Commitment, Milestone, ProgressUpdate

MAX_EVIDENCE = 20
MAX_TEXT = 20_000


def clean_evidence(links: Iterable[dict[str, str] | str] | None) -> list[dict[str, str]]:
    """Evidence links as [{"url", "title"}]: web addresses only (http or https)."""
    cleaned: list[dict[str, str]] = []
    for item in links or []:
        url, title = (
            (item, "") if isinstance(item, str) else (item.get("url", ""), item.get("title", ""))
        )
        url, title = (url or "").strip(), (title or "").strip()
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
            raise DomainError(
                _(
                    "Evidence links must be web addresses starting with http:// or https://: "
                    "%(url)s is not."
                )
                % {"url": url[:100]},
                field="evidence",
            )
        cleaned.append({"url": url, "title": title[:300]})
    if len(cleaned) > MAX_EVIDENCE:
        raise DomainError(
            _("Give at most %(max)s evidence links.") % {"max": MAX_EVIDENCE}, field="evidence"
        )
    return cleaned


def _check_text(text: str, field: str, missing: str) -> str:
    text = text.strip()
    if not text:
        raise DomainError(missing, field=field)
    if len(text) > MAX_TEXT:
        raise DomainError(
            _("The text must be %(max)s characters or fewer.") % {"max": MAX_TEXT}, field
        )
    return text


def post_progress_update(
    *,
    by: Any,
    commitment: Commitment,
    status: str,
    text: str,
    reported_on: dt.date | None = None,
    evidence: Iterable[dict[str, str] | str] | None = None,
    milestone: Milestone | None = None,
    organisation: Organisation | None = None,
    author_name: str = "",
    import_key: str = "",
    meeting: Any = None,
    submission_token: uuid.UUID | None = None,
) -> ProgressUpdate:
    """Publish government's progress on a commitment. The commitment's status becomes the status
    of its most recent update. `import_key` makes imports idempotent: a second post with the same
    key returns the first update unchanged. `meeting` links an update minuted at a meeting.
    `submission_token` (core.submissions) makes a form sent twice post once: the second gets the
    first update, or a DomainError if its answers differ."""
    require("action_plans.post_progressupdate", by, commitment)
    if status not in ProgressStatus.values:
        raise DomainError(_("Choose a status."), field="status")
    text = _check_text(text, "text", _("Enter the update."))
    today = timezone.localdate()
    reported_on = reported_on or today
    if reported_on > today:
        raise DomainError(_("The report date cannot be in the future."), field="reported_on")
    if milestone is not None and milestone.commitment_id != commitment.pk:
        raise DomainError(_("That milestone belongs to another commitment."), field="milestone")
    links = clean_evidence(evidence)
    with transaction.atomic():
        if import_key:
            existing = ProgressUpdate.objects.filter(commitment=commitment, import_key=import_key)
            if first := existing.first():
                return first
        locked = (
            Commitment.objects.select_for_update(of=("self",))
            .select_related("plan")
            .get(pk=commitment.pk)
        )
        if submission_token is not None:
            earlier = ProgressUpdate.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(
                    earlier,
                    commitment_id=locked.pk,
                    milestone_id=milestone.pk if milestone else None,
                    status=status,
                    text=text,
                    reported_on=reported_on,
                    evidence=links,
                )
        update = ProgressUpdate.objects.create(
            commitment=locked,
            milestone=milestone,
            status=status,
            text=text,
            evidence=links,
            reported_on=reported_on,
            source=UpdateSource.GOVERNMENT,
            author=as_user(by),
            author_name=(author_name or audit.actor_label_for(by))[:200],
            organisation=organisation,
            import_key=import_key,
            meeting=meeting,
            submission_token=submission_token,
        )
        changes = audit.created(update, ["status", "text", "reported_on", "evidence"])
        latest = (
            ProgressUpdate.objects.filter(commitment=locked, source=UpdateSource.GOVERNMENT)
            .order_by("-reported_on", "-pk")
            .values_list("pk", flat=True)
            .first()
        )
        if latest == update.pk:
            commitment_changes = audit.diff(
                {
                    "status": locked.status,
                    "last_update_on": audit.to_json_value(locked.last_update_on),
                },
                {"status": status, "last_update_on": reported_on.isoformat()},
            )
            Commitment.objects.filter(pk=locked.pk).update(
                status=status, last_update_on=reported_on
            )
            changes.update({f"commitment.{k}": v for k, v in commitment_changes.items()})
        audit.record(
            actor=by,
            verb="action_plans.progressupdate.posted",
            obj=update,
            changes=changes,
            scope=locked,
            is_public=locked.plan.is_published,
        )
    return update


def record_assessment(
    *,
    by: Any,
    commitment: Commitment,
    kind: str,
    organisation: Organisation,
    period_start: dt.date,
    period_end: dt.date,
    status: str,
    text: str,
    completion: str = "",
    evidence: Iterable[dict[str, str] | str] | None = None,
    contests: ProgressUpdate | None = None,
) -> Assessment:
    """Record government's self-assessment or a civil-society organisation's assessment of a
    commitment for a period. A civil-society member speaks only for an organisation their role is
    scoped to; contesting a reported status requires evidence."""
    if kind == AssessmentKind.GOVERNMENT:
        require("action_plans.add_government_assessment", by, commitment)
        if organisation.kind not in OrganisationKind.governmental():
            raise DomainError(
                _("A government self-assessment is made on behalf of a government body."),
                field="organisation",
            )
    elif kind == AssessmentKind.CIVIL_SOCIETY:
        require("action_plans.add_civil_society_assessment", by, commitment)
        if organisation.pk not in civil_society_organisation_ids(by):
            raise DomainError(
                _("You can only assess on behalf of an organisation you represent."),
                field="organisation",
            )
    else:
        raise DomainError(_("Choose the kind of assessment."), field="kind")
    if status not in ProgressStatus.values:
        raise DomainError(_("Choose a status."), field="status")
    if completion and completion not in Completion.values:
        raise DomainError(_("Choose a completion level."), field="completion")
    if period_end < period_start:
        raise DomainError(
            _("The end of the period must be on or after its start."), field="period_end"
        )
    text = _check_text(text, "text", _("Enter the assessment."))
    links = clean_evidence(evidence)
    if contests is not None:
        if contests.commitment_id != commitment.pk:
            raise DomainError(_("That update belongs to another commitment."), field="contests")
        if kind != AssessmentKind.CIVIL_SOCIETY:
            raise DomainError(_("Only civil society can contest a reported status."), "contests")
        if not links:
            raise DomainError(
                _("Give at least one evidence link when contesting a reported status."),
                field="evidence",
            )
    with transaction.atomic():
        assessment = Assessment.objects.create(
            commitment=commitment,
            kind=kind,
            organisation=organisation,
            period_start=period_start,
            period_end=period_end,
            status=status,
            completion=completion,
            text=text,
            evidence=links,
            contests=contests,
            author=as_user(by),
            author_name=audit.actor_label_for(by)[:200],
        )
        audit.record(
            actor=by,
            verb="action_plans.assessment.recorded",
            obj=assessment,
            changes=audit.created(
                assessment,
                [
                    "kind",
                    "organisation",
                    "period_start",
                    "period_end",
                    "status",
                    "completion",
                    "text",
                    "evidence",
                    "contests",
                ],
            ),
            scope=commitment,
            is_public=commitment.plan.is_published,
        )
    return assessment
