"""The pages of feedback that tests/system/test_every_page_accessible.py checks with axe,
with the demo loaded."""

from __future__ import annotations

from opengov.feedback.models import Feedback


def public_paths() -> list[str]:
    published = Feedback.objects.published()
    answered = published.filter(status="answered").first()
    waiting = published.filter(status="received").first()
    return [
        "/feedback/",
        "/feedback/?subject=commitment&status=answered",
        "/feedback/new/",
        "/feedback/sent/",
        *(f.get_absolute_url() for f in (answered, waiting) if f is not None),
    ]


def manager_paths() -> list[str]:
    pending = Feedback.objects.filter(moderation="pending").first()
    waiting = Feedback.objects.published().filter(status="received").first()
    paths = ["/feedback/inbox/", "/feedback/inbox/?show=answered"]
    if pending is not None:
        paths.append(pending.get_absolute_url())
    if waiting is not None:
        paths += [f"/feedback/{waiting.pk}/answer/", f"/feedback/{waiting.pk}/hide/"]
    return paths
