"""Named permissions for ideas, composed from the role predicates.

Who may do what:
- plan managers (administrators, the secretariat, government contacts) create, edit and publish
  calls for ideas; a call not yet published is theirs alone;
- anyone signed in sends ideas while a call is open, supports a published idea that is not yet
  answered (and withdraws that support while it could still be given), comments on it and
  replies to a comment (one level), and reports a comment;
- moderators are the secretariat and administrators: they publish the ideas sent (or refuse to,
  with a reason told to the author), move them
  through consideration and the shortlist, and hide comments (with a public reason);
- the steering committee scores shortlisted ideas: forum members and the secretariat (the
  network's coordinator sits on it). Administrators run the site, not the committee: they do
  not score;
- the reasoned response is government's: government contacts and administrators answer ideas
  (one by one or with a call's response templates). The secretariat does not: it speaks for civil
  society, and OGP's standard asks government to explain what it did with each idea.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone

from opengov.accounts.predicates import (
    is_administrator,
    is_forum_member,
    is_government_contact,
    is_plan_manager,
    is_secretariat,
    is_signed_in,
)

from .choices import IdeaStatus
from .models import CallForIdeas, Comment, Idea

runs_calls = is_plan_manager
moderates = is_administrator | is_secretariat
steering_committee = is_forum_member | is_secretariat
answers_ideas = is_government_contact | is_administrator


def _call_of(obj: Any) -> CallForIdeas | None:
    if isinstance(obj, CallForIdeas):
        return obj
    if isinstance(obj, Idea):
        return obj.call
    if isinstance(obj, Comment):
        return obj.idea.call
    return None


def _idea_of(obj: Any) -> Idea | None:
    if isinstance(obj, Idea):
        return obj
    if isinstance(obj, Comment):
        return obj.idea
    return None


@rules.predicate
def call_is_published(user: Any, obj: Any) -> bool:
    call = _call_of(obj)
    return call is not None and call.is_published


@rules.predicate
def call_is_open(user: Any, obj: Any) -> bool:
    call = _call_of(obj)
    return call is not None and call.is_open_on(timezone.localdate())


@rules.predicate
def idea_is_public(user: Any, obj: Any) -> bool:
    idea = _idea_of(obj)
    return idea is not None and idea.call.is_published and idea.is_public


@rules.predicate
def idea_is_open(user: Any, obj: Any) -> bool:
    idea = _idea_of(obj)
    return idea is not None and not idea.is_closed


@rules.predicate
def idea_is_awaiting_moderation(user: Any, obj: Any) -> bool:
    idea = _idea_of(obj)
    return idea is not None and idea.status == IdeaStatus.SUBMITTED


@rules.predicate
def idea_is_shortlisted(user: Any, obj: Any) -> bool:
    idea = _idea_of(obj)
    return idea is not None and idea.status == IdeaStatus.SHORTLISTED


@rules.predicate
def comment_is_shown(user: Any, obj: Any) -> bool:
    return isinstance(obj, Comment) and not obj.is_hidden


@rules.predicate
def sent_it(user: Any, obj: Any) -> bool:
    idea = _idea_of(obj)
    return bool(idea is not None and is_signed_in(user) and idea.submitted_by_id == user.pk)


rules.add_perm("ideas.view_callforideas", call_is_published | runs_calls)
rules.add_perm("ideas.add_callforideas", runs_calls)
rules.add_perm("ideas.change_callforideas", runs_calls)
rules.add_perm("ideas.publish_callforideas", runs_calls)
rules.add_perm("ideas.view_idea", idea_is_public | moderates | sent_it)
rules.add_perm("ideas.submit_idea", is_signed_in & call_is_open)
rules.add_perm("ideas.moderate_idea", moderates)
rules.add_perm("ideas.refuse_idea", moderates & idea_is_awaiting_moderation)
rules.add_perm("ideas.support_idea", is_signed_in & idea_is_public & idea_is_open)
# Withdrawing is allowed exactly while supporting is: an answered idea's count is its record.
rules.add_perm("ideas.withdraw_support", is_signed_in & idea_is_public & idea_is_open)
rules.add_perm("ideas.comment_idea", is_signed_in & idea_is_public)
rules.add_perm("ideas.report_comment", is_signed_in & idea_is_public & comment_is_shown)
rules.add_perm("ideas.hide_comment", moderates)
rules.add_perm("ideas.view_hidden_comment", moderates)
rules.add_perm("ideas.score_idea", steering_committee & idea_is_shortlisted)
rules.add_perm("ideas.answer_idea", answers_ideas & idea_is_public & idea_is_open)
rules.add_perm("ideas.add_responsetemplate", answers_ideas)
