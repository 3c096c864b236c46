"""Every write to feedback. Each service checks its named rule, validates with a clear message
naming the field, writes in one transaction and appends an audit event. No audit event carries
the sender's contact address, and the events of feedback awaiting moderation are private."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.models import Commitment
from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.notifications import notify
from opengov.core.services import require
from opengov.core.submissions import repeated
from opengov.core.text import clean_line, clean_text
from opengov.organisations.models import Organisation

from .choices import FeedbackStatus, FeedbackSubject, Moderation
from .models import Answer, Feedback

MAX_TEXT = 5000
MAX_ANSWER = 10000


def _check_text(text: str, *, field: str, missing: str, limit: int) -> str:
    text = clean_text(text or "").strip()
    if not text:
        raise DomainError(missing, field=field)
    if len(text) > limit:
        raise DomainError(
            _("%(what)s must be %(limit)s characters or fewer.")
            % {"what": _("Your feedback") if field == "text" else _("The answer"), "limit": limit},
            field=field,
        )
    return text


def _check_subject(subject: str, commitment: Commitment | None) -> Commitment | None:
    if subject not in FeedbackSubject.values:
        raise DomainError(_("Choose what your feedback is about."), field="subject")
    if subject != FeedbackSubject.COMMITMENT:
        return None
    if commitment is None:
        raise DomainError(_("Choose the commitment your feedback is about."), field="commitment")
    if not Commitment.objects.published().filter(pk=commitment.pk).exists():
        # Feedback is public: a commitment of a plan not yet published cannot be named in it.
        raise DomainError(_("Choose a commitment of a published plan."), field="commitment")
    return commitment


def _check_email(email: str) -> str:
    email = (email or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise DomainError(
            _("Enter an e-mail address in the correct format, like name@example.com"),
            field="contact_email",
        ) from None
    return email


def submit_feedback(
    *,
    by: Any,
    subject: str,
    text: str,
    commitment: Commitment | None = None,
    name: str = "",
    contact_email: str = "",
    submission_token: uuid.UUID | None = None,
) -> Feedback:
    """Receive feedback from anyone, signed in (`by` a user, kept as its sender) or not. It
    awaits moderation: nothing of it is public until a moderator publishes it. `name` is shown
    with it (empty: anonymous); `contact_email`, optional, is private and used only to send the
    answer. The same form sent twice (the same `submission_token`) writes once."""
    require("feedback.add_feedback", by)
    commitment = _check_subject(subject, commitment)
    text = _check_text(text, field="text", missing=_("Enter your feedback."), limit=MAX_TEXT)
    name = " ".join(clean_line(name or "").split())
    if len(name) > 200:
        raise DomainError(_("Your name must be 200 characters or fewer."), field="name")
    contact_email = _check_email(contact_email)
    if submission_token is not None:
        earlier = Feedback.objects.filter(submission_token=submission_token).first()
        if earlier is not None:
            return repeated(earlier, text=text, subject=subject)
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                subject=subject,
                commitment=commitment,
                text=text,
                name=name,
                contact_email=contact_email,
                sender=as_user(by),
                submission_token=submission_token,
            )
            audit.record(
                actor=by,
                verb="feedback.feedback.submitted",
                obj=feedback,
                # The subject only: what it says is public once published, and the address never.
                changes={
                    **audit.created(feedback, ["subject", "commitment"]),
                    "asked_for_answer_by_email": [None, bool(contact_email)],
                },
                scope=commitment,
                is_public=False,
            )
    except IntegrityError:
        # The same token sent at the same moment: the other request wrote it.
        earlier = Feedback.objects.filter(submission_token=submission_token).first()
        if submission_token is None or earlier is None:
            raise
        return repeated(earlier, text=text, subject=subject)
    return feedback


def _publish(feedback: Feedback, by: Any) -> None:
    feedback.moderation = Moderation.PUBLISHED
    feedback.published_at = timezone.now()
    bump_version(feedback)
    feedback.save(update_fields=["moderation", "published_at", "version", "updated_at"])
    audit.record(
        actor=by,
        verb="feedback.feedback.published",
        obj=feedback,
        changes={"moderation": [Moderation.PENDING, Moderation.PUBLISHED]},
        scope=feedback.commitment,
    )


def publish_feedback(
    *, by: Any, feedback: Feedback, expected_version: int | None = None
) -> Feedback:
    """A moderator publishes feedback awaiting moderation: its text, its sender's name and its
    subject become public, on its page, in the list, the API and the open data."""
    require("feedback.publish_feedback", by, feedback)
    with transaction.atomic():
        locked = lock_for_edit(Feedback, pk=feedback.pk, expected_version=expected_version)
        if locked.moderation != Moderation.PENDING:
            raise DomainError(_("This feedback is not awaiting moderation."))
        _publish(locked, by)
    return locked


def hide_feedback(
    *, by: Any, feedback: Feedback, reason: str, expected_version: int | None = None
) -> Feedback:
    """A moderator hides abuse or spam, giving a public reason. From then on its page shows only
    that it was hidden, when and why; its text, name and answer are seen by moderators alone.
    The contact address is erased: no answer will be sent."""
    require("feedback.hide_feedback", by, feedback)
    reason = " ".join(clean_text(reason or "").split())
    if not reason:
        raise DomainError(_("Enter why the feedback is hidden: it is shown publicly."), "reason")
    if len(reason) > 1000:
        raise DomainError(_("The reason must be 1000 characters or fewer."), field="reason")
    with transaction.atomic():
        locked = lock_for_edit(Feedback, pk=feedback.pk, expected_version=expected_version)
        if locked.moderation == Moderation.HIDDEN:
            raise DomainError(_("This feedback is already hidden."))
        before = locked.moderation
        locked.moderation = Moderation.HIDDEN
        locked.hidden_reason = reason
        locked.hidden_at = timezone.now()
        locked.contact_email = ""
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="feedback.feedback.hidden",
            obj=locked,
            changes={"moderation": [before, Moderation.HIDDEN], "hidden_reason": [None, reason]},
            scope=locked.commitment,
        )
    return locked


def answer_feedback(
    *,
    by: Any,
    feedback: Feedback,
    text: str,
    organisation: Organisation | None,
    expected_version: int | None = None,
) -> Answer:
    """Answer feedback in public, for an organisation. Feedback awaiting moderation that a
    moderator answers is published with it. The sender is told: at their contact address, which
    is then erased, or, if they sent it signed in without one, as their account's notifications
    say. Feedback is answered once; a second answer is refused."""
    require("feedback.answer_feedback", by, feedback)
    text = _check_text(text, field="text", missing=_("Enter the answer."), limit=MAX_ANSWER)
    if organisation is None:
        raise DomainError(_("Choose the organisation you answer for."), field="organisation")
    with transaction.atomic():
        locked = lock_for_edit(Feedback, pk=feedback.pk, expected_version=expected_version)
        if locked.status == FeedbackStatus.ANSWERED:
            raise DomainError(_("This feedback has already been answered."))
        if locked.moderation == Moderation.HIDDEN:
            raise DomainError(_("Hidden feedback cannot be answered."))
        if locked.moderation == Moderation.PENDING:
            require("feedback.publish_feedback", by, locked)
            _publish(locked, by)
        answer = Answer.objects.create(
            feedback=locked,
            text=text,
            organisation=organisation,
            answered_by=as_user(by),
            answered_by_name=audit.actor_label_for(by)[:200],
        )
        recipient: Any = locked.contact_email or locked.sender
        locked.status = FeedbackStatus.ANSWERED
        locked.contact_email = ""
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="feedback.feedback.answered",
            obj=locked,
            changes={
                "status": [FeedbackStatus.RECEIVED, FeedbackStatus.ANSWERED],
                "answer": [None, text],
                "organisation": [None, organisation.pk],
            },
            scope=locked.commitment,
        )
        if recipient:
            _tell_sender(recipient, locked)
    return answer


def _tell_sender(recipient: Any, feedback: Feedback) -> None:
    """The e-mail says only the site's own words and the link: the contact address is not
    verified, so an e-mail carrying what anyone typed could relay spam to someone else's."""
    body = render_to_string(
        "feedback/email/answered.txt",
        {"feedback": feedback, "by_address": isinstance(recipient, str)},
    )
    notify(
        to=recipient,
        subject=_("Your feedback has been answered"),
        body=body,
        kind="feedback.answered",
        url=feedback.get_absolute_url(),
    )
