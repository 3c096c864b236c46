"""The pages of consultations that tests/system/test_every_page_accessible.py checks with axe,
with the demo loaded."""

from __future__ import annotations

from django.urls import reverse

from opengov.consultations.demo import DECLARATION, PRIORITIES
from opengov.consultations.models import Comment, Consultation


def _demo() -> tuple[Consultation | None, Consultation | None]:
    return (
        Consultation.objects.filter(title=DECLARATION).first(),
        Consultation.objects.filter(title=PRIORITIES).first(),
    )


def public_paths() -> list[str]:
    declaration, priorities = _demo()
    paths = ["/consultations/", "/consultations/?status=closed"]
    for consultation in (declaration, priorities):
        if consultation is not None:
            paths += [
                consultation.get_absolute_url(),
                reverse("consultations:version-list", args=[consultation.pk]),
                reverse("consultations:version-detail", args=[consultation.pk, 1]),
            ]
    if declaration is not None:
        paths.append(reverse("consultations:version-changes", args=[declaration.pk, 2]))
        paragraph = Comment.objects.filter(consultation=declaration).values("paragraph").first()
        if paragraph is not None:
            paths.append(reverse("consultations:paragraph-comments", args=[paragraph["paragraph"]]))
    return paths


def manager_paths() -> list[str]:
    declaration, priorities = _demo()
    paths = ["/consultations/new/"]
    if priorities is not None:
        paragraph = priorities.versions.get().paragraphs.order_by("position").first()
        paths += [
            priorities.get_absolute_url(),
            reverse("consultations:consultation-edit", args=[priorities.pk]),
            reverse("consultations:version-create", args=[priorities.pk]),
            reverse("consultations:consultation-conclude", args=[priorities.pk]),
        ]
        if paragraph is not None:
            paths += [
                reverse("consultations:comment-create", args=[paragraph.pk]),
                reverse("consultations:paragraph-answer", args=[paragraph.pk]),
            ]
    if priorities is not None:
        comment = Comment.objects.filter(consultation=priorities).first()
        if comment is not None:  # the demo's open sample has none until someone comments
            paths.append(reverse("consultations:comment-reply", args=[comment.pk]))
    if declaration is not None:
        paths.append(declaration.get_absolute_url())
        comment = Comment.objects.filter(consultation=declaration, answer__isnull=True).first()
        if comment is not None:
            paths += [
                reverse("consultations:comment-answer", args=[comment.pk]),
                reverse("consultations:comment-report", args=[comment.pk]),
                reverse("consultations:comment-hide", args=[comment.pk]),
            ]
    return paths
