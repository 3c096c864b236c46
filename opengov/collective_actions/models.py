"""Events (an OGP summit or another gathering) with the delegation attending and their documents,
and the collective actions launched at them, with their sign-ups and quorum.

A delegate's post (a minister, the Anti-Corruption Champion) is not stored here: it is derived
from the person's tenures on the event's date (opengov.organisations.posts), so that a corrected
tenure corrects every page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.core.models import VersionedModel

from .choices import ActionStatus, SignatoryKind
from .querysets import CollectiveActionQuerySet, EventQuerySet, SignUpQuerySet


class Event(VersionedModel):
    title = models.CharField(_("title"), max_length=300)
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("event")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="collective_actions_event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collective_actions:event-detail", kwargs={"pk": self.pk})


class Delegate(models.Model):
    """A person in the delegation attending an event, for an organisation."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="delegates")
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        related_name="event_delegations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_delegates",
        verbose_name=_("organisation"),
    )
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_('For example "likely on Wednesday and Thursday".'),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("delegate")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person"], name="collective_actions_delegate_once_per_event"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}"


class EventDocument(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("web address"), max_length=500)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("event document")

    def __str__(self) -> str:
        return self.title


class CollectiveAction(VersionedModel):
    """Something governments, sub-nationals and experts sign up to. It is considered once its
    quorum of distinct counted signatories have signed; adopting it into a plan is a separate,
    explicit step (collective actions are not transferred into national action plans by
    themselves)."""

    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=120, blank=True, db_index=True)
    description = models.TextField(_("description"), blank=True)
    event = models.ForeignKey(
        Event,
        on_delete=models.PROTECT,
        related_name="collective_actions",
        verbose_name=_("event"),
    )
    sign_up_deadline = models.DateField(_("sign-up deadline"), null=True, blank=True)
    quorum = models.PositiveSmallIntegerField(_("quorum"), default=3)
    counts_national_governments = models.BooleanField(_("national governments count"), default=True)
    counts_subnational_governments = models.BooleanField(
        _("sub-national governments count"), default=True
    )
    counts_experts = models.BooleanField(_("experts count"), default=True)
    counts_civil_society = models.BooleanField(
        _("civil-society organisations count"), default=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.GATHERING
    )
    # Kept by the sign-up services (ADR 5), so that lists do not count per row.
    counted_signatories = models.PositiveIntegerField(_("counted signatories"), default=0)
    considered_at = models.DateTimeField(_("considered at"), null=True, blank=True)
    adopted_commitment = models.ForeignKey(
        "action_plans.Commitment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_collective_actions",
        verbose_name=_("adopted as"),
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)

    objects = CollectiveActionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("collective action")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum__gte=1), name="collective_actions_quorum_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ActionStatus.ADOPTED)
                | models.Q(adopted_commitment__isnull=False),
                name="collective_actions_adopted_has_commitment",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("collective_actions:action-detail", kwargs={"pk": self.pk})

    def counted_kinds(self) -> list[str]:
        flags = (
            (self.counts_national_governments, SignatoryKind.NATIONAL_GOVERNMENT),
            (self.counts_subnational_governments, SignatoryKind.SUBNATIONAL_GOVERNMENT),
            (self.counts_experts, SignatoryKind.EXPERT),
            (self.counts_civil_society, SignatoryKind.CIVIL_SOCIETY),
        )
        return [str(kind) for on, kind in flags if on]

    def counted_kind_labels(self) -> list[str]:
        return [str(SignatoryKind(kind).label) for kind in self.counted_kinds()]

    @property
    def still_needed(self) -> int:
        return max(self.quorum - self.counted_signatories, 0)

    @property
    def progress_percent(self) -> int:
        return min(100, round(100 * self.counted_signatories / self.quorum)) if self.quorum else 0


class SignUp(models.Model):
    """An organisation, or a person as an expert, signed up to a collective action. One per
    signatory (unique constraints); withdrawing deletes it (the history keeps both events)."""

    action = models.ForeignKey(CollectiveAction, on_delete=models.CASCADE, related_name="sign_ups")
    kind = models.CharField(_("kind"), max_length=24, choices=SignatoryKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collective_action_sign_ups",
        verbose_name=_("organisation"),
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="collective_action_sign_ups",
        verbose_name=_("expert"),
    )
    # Who counts once: an expert, a non-governmental organisation, or a government as a whole
    # (the top of the organisation's "part of" chain: two departments are one government).
    signatory_key = models.CharField(max_length=40, editable=False)
    statement = models.TextField(_("statement"), blank=True)
    signed_on = models.DateField(_("signed on"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["action", "signed_on", "pk"]
        verbose_name = _("sign-up")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True, person__isnull=False)
                | models.Q(organisation__isnull=False, person__isnull=True),
                name="collective_actions_signup_one_signatory",
            ),
            models.UniqueConstraint(
                fields=["action", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="collective_actions_signup_once_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["action", "person"],
                condition=models.Q(person__isnull=False),
                name="collective_actions_signup_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signatory_name} for {self.action}"

    @property
    def signatory_name(self) -> str:
        if self.organisation_id is not None:
            return str(self.organisation)
        return str(self.person)

    @property
    def signatory(self) -> object:
        return self.organisation if self.organisation_id is not None else self.person
