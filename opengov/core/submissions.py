"""Recognising the same form sent twice: a double click, a browser resending a POST, a request
retried after a timeout. Each form that creates or changes a record carries a submission token, a
UUID in a hidden field, new each time the form is shown. The service stores the token with what it
wrote, under a unique constraint, after taking the lock that serialises writers of that record;
a second submission with the same token then finds it and gets the first one's result, writing
nothing. If the second carried different answers (the form resent after a change), it is refused:
silently keeping the first would lose what was typed.

Supports, sign-ups and votes need no token: a unique constraint on (the thing, the person) and
`get_or_create` inside the service's transaction make them happen once."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from .errors import DomainError

M = TypeVar("M", bound=models.Model)


class SubmissionTokenField(forms.UUIDField):
    """Declare as `submission_token = SubmissionTokenField()`; the service takes it as
    `submission_token`. Optional, so a client without it (the API, a script) still works."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", uuid.uuid4)
        super().__init__(**kwargs)


def repeated(earlier: M, **expected: Any) -> M:
    """The record an earlier submission with the same token wrote, if it asked for the same
    `expected` values; DomainError if it asked for something else."""
    if any(getattr(earlier, name) != value for name, value in expected.items()):
        raise DomainError(
            _(
                "This form was already sent, with different answers. Nothing was changed: "
                "reload the page to see what was saved, then make your change again."
            )
        )
    return earlier


def idempotency_key(headers: Any) -> uuid.UUID | None:
    """The API's submission token: the request's `Idempotency-Key` header, a UUID, if sent."""
    raw = (headers.get("Idempotency-Key") or "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise DomainError(
            _("The Idempotency-Key header must be a UUID."), field="Idempotency-Key"
        ) from None
