"""The pages of ideas that tests/system/test_every_page_accessible.py checks with axe,
with the demo loaded (its ideas only when the demo's accounts are loaded too)."""

from __future__ import annotations

from opengov.ideas.choices import IdeaStatus
from opengov.ideas.models import CallForIdeas, Comment, Idea


def public_paths() -> list[str]:
    call = CallForIdeas.objects.published().order_by("pk").first()
    if call is None:
        return []
    paths = [
        "/ideas/",
        call.get_absolute_url(),
        call.get_absolute_url() + "?policy_area=education&status=shortlisted&sort=newest",
        f"/ideas/calls/{call.pk}/ranking/",
        f"/ideas/calls/{call.pk}/responses/",
    ]
    paths += [i.get_absolute_url() for i in Idea.objects.public().filter(call=call).order_by("pk")]
    return paths


def manager_paths() -> list[str]:
    call = CallForIdeas.objects.published().order_by("pk").first()
    if call is None:
        return ["/ideas/calls/new/"]
    paths = [
        "/ideas/calls/new/",
        f"/ideas/calls/{call.pk}/edit/",
        f"/ideas/calls/{call.pk}/send/",
        f"/ideas/calls/{call.pk}/moderation/",
        f"/ideas/calls/{call.pk}/templates/new/",
        f"/ideas/calls/{call.pk}/answer/",
    ]
    waiting = Idea.objects.filter(call=call, status=IdeaStatus.SUBMITTED).first()
    if waiting is not None:
        paths += [waiting.get_absolute_url(), f"/ideas/{waiting.pk}/moderate/"]
    if waiting is not None:
        paths.append(f"/ideas/{waiting.pk}/refuse/")
    refused = Idea.objects.filter(call=call, status=IdeaStatus.REFUSED).first()
    if refused is not None:
        paths.append(refused.get_absolute_url())
    open_idea = Idea.objects.filter(call=call, status=IdeaStatus.SHORTLISTED).first()
    if open_idea is not None:
        paths += [
            f"/ideas/{open_idea.pk}/answer/",
            f"/ideas/{open_idea.pk}/comment/",
            f"/ideas/{open_idea.pk}/support/",
            f"/ideas/{open_idea.pk}/support/withdraw/",
        ]
    comment = Comment.objects.filter(idea__call=call, hidden_at__isnull=True).first()
    if comment is not None:
        paths += [
            f"/ideas/{comment.idea_id}/comment/?parent={comment.pk}",
            f"/ideas/comments/{comment.pk}/report/",
            f"/ideas/comments/{comment.pk}/hide/",
        ]
    return paths
