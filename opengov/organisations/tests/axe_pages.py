"""The pages of posts and projects that tests/system/test_every_page_accessible.py checks with
axe, with the demo loaded."""

from __future__ import annotations

from django.urls import reverse

from opengov.organisations.models import Network, Post, Project, Tenure


def _demo() -> tuple[Post, Project, Tenure]:
    post = Post.objects.get(title="Minister for the Cabinet Office")
    project = Project.objects.order_by("pk").first()
    assert project is not None, "the demo's projects are not loaded"
    tenure = post.tenures.order_by("start_on").first()
    assert tenure is not None, "the demo's tenures are not loaded"
    return post, project, tenure


def public_paths() -> list[str]:
    post, project, tenure = _demo()
    return [
        reverse("organisations:post-list"),
        reverse("organisations:project-list"),
        reverse("organisations:project-list") + "?status=active",
        post.get_absolute_url(),
        project.get_absolute_url(),
        project.network.get_absolute_url(),
        tenure.person.get_absolute_url(),
    ]


def manager_paths() -> list[str]:
    post, project, tenure = _demo()
    network = Network.objects.get(pk=project.network_id)
    return [
        post.get_absolute_url(),
        reverse("organisations:post-create"),
        reverse("organisations:post-edit", args=[post.slug]),
        reverse("organisations:tenure-create", args=[post.slug]),
        reverse("organisations:tenure-correct", args=[tenure.pk]),
        reverse("organisations:tenure-end", args=[post.tenures.order_by("start_on").last().pk]),
        reverse("organisations:project-create", args=[network.slug]),
        reverse("organisations:project-edit", args=[project.slug]),
    ]
