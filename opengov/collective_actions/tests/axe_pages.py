"""The pages of events and collective actions that tests/system/test_every_page_accessible.py
checks with axe,
with the demo loaded."""

from __future__ import annotations

from opengov.collective_actions.models import (
    CollectiveAction,
    Delegate,
    Event,
    EventDocument,
    SignUp,
)


def public_paths() -> list[str]:
    event = Event.objects.order_by("pk").first()
    action = CollectiveAction.objects.order_by("pk").first()
    paths = ["/events/", "/collective-actions/", "/collective-actions/?status=considered"]
    if event is not None:
        paths.append(event.get_absolute_url())
    if action is not None:
        paths.append(action.get_absolute_url())
    return paths


def manager_paths() -> list[str]:
    event = Event.objects.order_by("pk").first()
    action = CollectiveAction.objects.order_by("pk").first()
    sign_up = SignUp.objects.order_by("pk").first()
    paths = ["/events/new/", "/collective-actions/new/"]
    if event is not None:
        paths += [f"/events/{event.pk}/edit/", f"/events/{event.pk}/delegates/new/",
                  f"/events/{event.pk}/documents/new/"]  # fmt: skip
    if action is not None:
        paths += [f"/collective-actions/{action.pk}/edit/",
                  f"/collective-actions/{action.pk}/adopt/",
                  f"/collective-actions/{action.pk}/sign-up/"]  # fmt: skip
    if sign_up is not None:
        paths.append(f"/sign-ups/{sign_up.pk}/withdraw/")
    delegate = Delegate.objects.order_by("pk").first()
    if delegate is not None:
        paths.append(f"/events/{delegate.event_id}/delegates/{delegate.pk}/remove/")
    document = EventDocument.objects.order_by("pk").first()
    if document is not None:
        paths.append(f"/events/{document.event_id}/documents/{document.pk}/remove/")
    return paths
