"""Reads of events, collective actions and sign-ups. They are all public (nothing is drafted or
hidden here): `visible_to(user)` exists so that views and the API load them the same way as every
other object, and so that a later private state has one place to go."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from .models import CollectiveAction, Event, SignUp  # noqa: F401


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user: Any) -> EventQuerySet:
        return self.all()


class CollectiveActionQuerySet(models.QuerySet["CollectiveAction"]):
    def visible_to(self, user: Any) -> CollectiveActionQuerySet:
        return self.all()


class SignUpQuerySet(models.QuerySet["SignUp"]):
    def visible_to(self, user: Any) -> SignUpQuerySet:
        return self.all()

    def counted(self, action: CollectiveAction) -> SignUpQuerySet:
        return self.filter(action=action, kind__in=action.counted_kinds())
