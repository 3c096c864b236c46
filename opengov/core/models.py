"""Base models shared by every app, and the append-only, hash-chained audit log."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimeStampedModel):
    """An editable record. Services compare `version` with the one the editor started from and
    refuse a stale save (see opengov.core.concurrency)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def public(self) -> AuditEventQuerySet:
        return self.filter(is_public=True)

    def about(self, key: str) -> AuditEventQuerySet:
        """Events whose object is `key` ("app.model:pk") or that happened within it."""
        return self.filter(models.Q(object_key=key) | models.Q(scope_key=key))

    def update(self, **kwargs: Any) -> int:
        raise TypeError("Audit events are append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One change, as it happened. `hash` covers every other column and the previous event's
    hash, so altering, removing or reordering a stored event breaks the chain (`audit verify`)."""

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # No constraint and no cascade: the id is part of the hashed record and must never change.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=200)
    verb = models.CharField(_("verb"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_key = models.CharField(_("object"), max_length=170)
    object_repr = models.CharField(_("object description"), max_length=300)
    scope_key = models.CharField(_("within"), max_length=170, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    is_public = models.BooleanField(_("is public"), default=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["is_public", "-sequence"], name="core_audit_public_seq"),
            # An object's newest events (history.newest_public_about): read in order, not sorted.
            # They serve every read by object or scope; the fields' own indexes were dropped by
            # plain DROP INDEX (migration 0006), not by a table rebuild that would lose the
            # triggers that keep the table append-only.
            models.Index(fields=["object_key", "-sequence"], name="core_audit_object_seq"),
            models.Index(fields=["scope_key", "-sequence"], name="core_audit_scope_seq"),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.verb} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("Audit events are append-only.")

    @property
    def verb_label(self) -> str:
        from .verbs import verb_label

        return verb_label(self.verb)


class AuditChainHead(models.Model):
    """A single row holding the chain's last sequence and hash. Appending locks it, so concurrent
    writers (several app servers on PostgreSQL) take their turn and the chain never forks."""

    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.last_sequence} {self.last_hash}"


class OutgoingEmail(models.Model):
    """An e-mail waiting for, or given to, the mail server (opengov.core.mail). The task worker
    sends it; `sent_at` is its sent-marker, so a task that runs again does not send it twice.
    Its body is erased once it is sent or given up: it may hold a password-reset link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    kind = models.CharField(_("kind"), max_length=100, blank=True)
    to = models.JSONField(_("to"), default=list)
    from_email = models.CharField(_("from"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"), blank=True)
    html_body = models.TextField(_("HTML body"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True, db_index=True)
    given_up_at = models.DateTimeField(_("given up at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"


class DigestItem(models.Model):
    """A notification kept for its recipient's daily digest (they chose one e-mail a day instead
    of one per event: accounts.User.notification_frequency). `opengov send_digests` sends each
    recipient's items as one e-mail and deletes them in the same transaction."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_items"
    )
    kind = models.CharField(_("kind"), max_length=100)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    url = models.CharField(_("link"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["recipient_id", "created_at", "pk"]
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient_id}"
