"""The actor for changes made by the platform itself (imports, demo data, scheduled work) rather
than by a signed-in person. It holds every permission and is named in the audit trail."""

from __future__ import annotations

from typing import Any


class SystemActor:
    pk = None
    id = None
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False
    is_anonymous = False

    def __init__(self, label: str = "opengov (system)") -> None:
        self.public_name = label

    def __str__(self) -> str:
        return self.public_name

    def role_grants(self) -> list[Any]:
        return []

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return True


SYSTEM = SystemActor()


def as_user(actor: Any) -> Any:
    """The user to store in a foreign key for this actor: None for the system or anonymous."""
    from django.contrib.auth import get_user_model

    return actor if isinstance(actor, get_user_model()) and actor.is_authenticated else None
