"""Named permissions for consultations.

- Plan managers (administrators, the secretariat, government points of contact) create
  consultations, edit them, publish them, publish revised versions and conclude them; they alone
  see drafts.
- Anyone signed in comments on a paragraph while the consultation is open (published, before its
  deadline, not concluded), replies to a comment that is not hidden under the same rule, and may
  report a comment or reply they did not write.
- Answers come from the owner organisation: any user holding a role scoped to it other than
  participant (a commitment lead, a civil-society member, a government contact… for that
  organisation), and plan managers, who run the process. They may answer once the consultation
  is published and until it is concluded: while open as well as after the deadline. Answers are
  to top-level comments (or a paragraph as a whole), never to a reply.
- Moderators (the secretariat and administrators) hide a comment or a reply with a public reason.
"""

from __future__ import annotations

from typing import Any

import rules

from opengov.accounts.models import Role
from opengov.accounts.predicates import (
    is_administrator,
    is_plan_manager,
    is_secretariat,
    is_signed_in,
)

from .choices import ConsultationStatus
from .models import Answer, Comment, Consultation, DocumentVersion, Paragraph

is_moderator = is_administrator | is_secretariat


def consultation_of(obj: Any) -> Consultation | None:
    if isinstance(obj, Consultation):
        return obj
    if isinstance(obj, Comment | Answer):
        return obj.consultation
    if isinstance(obj, DocumentVersion):
        return obj.consultation
    if isinstance(obj, Paragraph):
        return obj.version.consultation
    return None


def _status(obj: Any) -> ConsultationStatus | None:
    consultation = consultation_of(obj)
    return consultation.status if consultation is not None else None


@rules.predicate
def is_published(user: Any, obj: Any) -> bool:
    consultation = consultation_of(obj)
    return consultation is not None and consultation.is_published


@rules.predicate
def is_draft(user: Any, obj: Any) -> bool:
    return _status(obj) == ConsultationStatus.DRAFT


@rules.predicate
def is_open(user: Any, obj: Any) -> bool:
    return _status(obj) == ConsultationStatus.OPEN


@rules.predicate
def is_answerable(user: Any, obj: Any) -> bool:
    return _status(obj) in (ConsultationStatus.OPEN, ConsultationStatus.CLOSED)


@rules.predicate
def is_not_concluded(user: Any, obj: Any) -> bool:
    return _status(obj) not in (None, ConsultationStatus.CONCLUDED)


@rules.predicate
def speaks_for_owner(user: Any, obj: Any) -> bool:
    consultation = consultation_of(obj)
    if consultation is None or not is_signed_in(user):
        return False
    return any(
        g.organisation_id == consultation.owner_organisation_id and g.role != Role.PARTICIPANT
        for g in user.role_grants()
    )


@rules.predicate
def is_shown_comment(user: Any, obj: Any) -> bool:
    return isinstance(obj, Comment) and not obj.is_hidden


@rules.predicate
def is_own_comment(user: Any, obj: Any) -> bool:
    return isinstance(obj, Comment) and getattr(user, "pk", None) == obj.author_id


@rules.predicate
def is_in_shown_thread(user: Any, obj: Any) -> bool:
    """A comment, or a reply whose thread's comment is not hidden."""
    if not isinstance(obj, Comment):
        return False
    return obj.parent_id is None or not obj.parent.is_hidden  # type: ignore[union-attr]


@rules.predicate
def is_top_level_comment(user: Any, obj: Any) -> bool:
    return isinstance(obj, Comment) and obj.parent_id is None


answers_for_owner = is_plan_manager | speaks_for_owner

rules.add_perm("consultations.view_consultation", is_published | is_plan_manager)
rules.add_perm("consultations.add_consultation", is_plan_manager)
rules.add_perm("consultations.change_consultation", is_plan_manager & is_not_concluded)
rules.add_perm("consultations.publish_consultation", is_plan_manager & is_draft)
rules.add_perm(
    "consultations.add_documentversion", is_plan_manager & is_published & is_not_concluded
)
rules.add_perm("consultations.conclude_consultation", is_plan_manager & is_answerable)
rules.add_perm("consultations.add_comment", is_signed_in & is_open)
rules.add_perm(
    "consultations.reply_comment",
    is_signed_in & is_open & is_shown_comment & is_in_shown_thread,
)
rules.add_perm("consultations.report_comment", is_signed_in & is_shown_comment & ~is_own_comment)
rules.add_perm("consultations.hide_comment", is_moderator & is_shown_comment)
rules.add_perm("consultations.answer_consultation", answers_for_owner & is_answerable)
rules.add_perm(
    "consultations.answer_comment",
    answers_for_owner & is_answerable & is_shown_comment & is_top_level_comment,
)
