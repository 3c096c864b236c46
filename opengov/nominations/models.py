"""Bodies and their members; nomination rounds for their seats, the members eligible in them,
nominations and seconders; secret ballots apart from the record of who voted; counts and results.

Ballot secrecy: a Ballot holds a contest's choices and the day it was cast, nothing else. Its key
is a random UUID and every read orders by it, so neither its key nor its order tells which member
cast it. VoteRecord says who voted (once per member and round) and shares no key with the ballot.
The limit: a ballot and its VoteRecord are written in the same transaction, so someone with the
database's files themselves (not its tables through the application, the API or the exports) could
pair them by where the storage engine put them (SQLite's rowid, PostgreSQL's heap order, the
write-ahead log). Ballot secrecy is kept from everyone who uses opengov, administrators included;
against the operator of the database server it rests on who may read its files.
"""

from __future__ import annotations

import uuid
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengov.core.models import TimeStampedModel, VersionedModel
from opengov.organisations.models import Network, Organisation, Person

from .choices import Acceptance, CountingMethod, RoundStatus
from .querysets import BallotQuerySet, NominationQuerySet, RoundQuerySet

GENERAL_SEATS = _("General seats")


class Body(VersionedModel):
    """A body whose seats a network fills by election, such as its Steering Committee."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("network")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("nominations:body-detail", kwargs={"slug": self.slug})


class NominationRound(VersionedModel):
    """A round electing a body's seats: general seats and, optionally, constituencies with seats
    of their own. Its status follows its dates once it is opened, until results are published."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("body")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    seats = models.PositiveSmallIntegerField(_("general seats"), default=1)
    seconders_required = models.PositiveSmallIntegerField(_("seconders required"), default=1)
    method = models.CharField(
        _("counting method"),
        max_length=16,
        choices=CountingMethod.choices,
        default=CountingMethod.PLURALITY,
    )
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    term_starts_on = models.DateField(_("term starts on"))
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    # When the eligible members' people were told that nominations, then voting, opened by the
    # clock (services.tell_windows_opened): each is told once.
    nominations_open_told_at = models.DateTimeField(null=True, blank=True, editable=False)
    voting_open_told_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-nominations_open_at", "-pk"]
        verbose_name = _("nomination round")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(nominations_close_at__gt=models.F("nominations_open_at"))
                & models.Q(voting_opens_at__gte=models.F("nominations_close_at"))
                & models.Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="nominations_round_timeline_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("nominations:round-detail", kwargs={"pk": self.pk})

    def status_at(self, now: Any) -> str:
        if self.opened_at is None:
            return RoundStatus.DRAFT
        if self.results_published_at is not None:
            return RoundStatus.RESULTS_PUBLISHED
        if now < self.nominations_open_at:
            return RoundStatus.ANNOUNCED
        if now < self.nominations_close_at:
            return RoundStatus.NOMINATIONS_OPEN
        if now < self.voting_opens_at:
            return RoundStatus.NOMINATIONS_CLOSED
        if now < self.voting_closes_at:
            return RoundStatus.VOTING_OPEN
        return RoundStatus.COUNTING

    @property
    def status(self) -> str:
        return self.status_at(timezone.now())

    @property
    def status_label(self) -> str:
        return str(RoundStatus(self.status).label)

    @property
    def is_public(self) -> bool:
        return self.opened_at is not None

    @property
    def is_stv(self) -> bool:
        return self.method == CountingMethod.STV

    @cached_property
    def eligible_organisation_ids(self) -> frozenset[int]:
        """The members eligible in this round (snapshotted when it opened), read once."""
        return frozenset(self.eligible_members.values_list("organisation_id", flat=True))

    def contests(self) -> list[Constituency | None]:
        """The general seats (None) if any, then each constituency."""
        general: list[Constituency | None] = [None] if self.seats else []
        return general + list(self.constituencies.all())


class Constituency(models.Model):
    """Seats of a round kept for a part of the network, such as the devolved networks."""

    round = models.ForeignKey(
        NominationRound, on_delete=models.CASCADE, related_name="constituencies"
    )
    name = models.CharField(_("name"), max_length=200)
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"], name="nominations_constituency_name_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class EligibleMember(models.Model):
    """A network member eligible in a round, as the network stood when the round opened."""

    round = models.ForeignKey(
        NominationRound, on_delete=models.CASCADE, related_name="eligible_members"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="eligible_in_rounds"
    )

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("eligible member")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="nominations_eligible_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.round}"


class Nomination(VersionedModel):
    """A person nominated by an eligible member for a round's general seats or a constituency.
    It stands once the nominee accepted and enough other eligible members seconded it."""

    round = models.ForeignKey(NominationRound, on_delete=models.CASCADE, related_name="nominations")
    constituency = models.ForeignKey(
        Constituency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("constituency"),
    )
    nominee = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("nominee")
    )
    nominee_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominees",
        verbose_name=_("nominee's organisation"),
    )
    nominator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    statement = models.TextField(_("statement"), blank=True)
    acceptance = models.CharField(
        _("nominee's answer"),
        max_length=16,
        choices=Acceptance.choices,
        default=Acceptance.PENDING,
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    seconders_count = models.PositiveSmallIntegerField(_("seconders"), default=0)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["round", "constituency__position", "nominee__name", "pk"]
        verbose_name = _("nomination")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "nominee"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="nominations_nominee_once_per_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee.display_name} ({self.round})"

    def get_absolute_url(self) -> str:
        return reverse("nominations:nomination-detail", kwargs={"pk": self.pk})

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_standing(self) -> bool:
        return (
            not self.is_withdrawn
            and self.acceptance == Acceptance.ACCEPTED
            and self.seconders_count >= self.round.seconders_required
        )

    @property
    def contest_label(self) -> str:
        return self.constituency.name if self.constituency is not None else str(GENERAL_SEATS)


class Seconding(models.Model):
    """An eligible member, other than the nominator, seconding a nomination."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="seconders")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="secondings"
    )
    seconded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("seconded at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("seconder")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "organisation"], name="nominations_seconded_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} seconds {self.nomination}"


class VoteRecord(models.Model):
    """That a member voted in a round (and which of its people cast the vote), never how."""

    round = models.ForeignKey(NominationRound, on_delete=models.CASCADE, related_name="voters")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cast_on = models.DateField(_("voted on"))

    class Meta:
        ordering = ["organisation__name", "pk"]
        verbose_name = _("vote record")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="nominations_one_vote_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} voted in {self.round}"


class Ballot(models.Model):
    """One member's choices in one contest of a round: nomination ids, in order of preference for
    STV. No voter, no time finer than the day, a random key (see the module's docstring)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(NominationRound, on_delete=models.CASCADE, related_name="ballots")
    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, null=True, blank=True, related_name="ballots"
    )
    choices = models.JSONField(_("choices"), default=list)
    cast_on = models.DateField(_("cast on"))

    objects = BallotQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("ballot")

    def __str__(self) -> str:
        return f"Ballot in {self.round}"


class Count(TimeStampedModel):
    """The published count of one contest: its method, quota, stages and the seed of any lot."""

    round = models.ForeignKey(NominationRound, on_delete=models.CASCADE, related_name="counts")
    constituency = models.ForeignKey(
        Constituency, on_delete=models.CASCADE, null=True, blank=True, related_name="counts"
    )
    method = models.CharField(max_length=16, choices=CountingMethod.choices)
    seats = models.PositiveSmallIntegerField()
    valid_ballots = models.PositiveIntegerField()
    quota = models.DecimalField(max_digits=14, decimal_places=5, null=True, blank=True)
    seed = models.BigIntegerField(_("seed of the lot"))
    lots_drawn = models.PositiveSmallIntegerField(default=0)
    stages = models.JSONField(default=list)

    class Meta:
        ordering = ["round", "constituency__position", "pk"]
        verbose_name = _("count")

    def __str__(self) -> str:
        return f"Count of {self.round}"

    @property
    def contest_label(self) -> str:
        return self.constituency.name if self.constituency is not None else str(GENERAL_SEATS)


class ResultLine(models.Model):
    """A standing nomination's result in its contest's count."""

    count = models.ForeignKey(Count, on_delete=models.CASCADE, related_name="lines")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="results")
    first_votes = models.DecimalField(
        _("votes (first preferences)"), max_digits=14, decimal_places=5
    )
    final_votes = models.DecimalField(_("votes at the last stage"), max_digits=14, decimal_places=5)
    is_elected = models.BooleanField(_("elected"), default=False)
    elected_position = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_at_stage = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["count", "elected_position", "-final_votes", "pk"]
        verbose_name = _("result")

    def __str__(self) -> str:
        return f"{self.nomination}: {self.final_votes}"


class BodyMembership(models.Model):
    """A person's seat on a body, for a term; `elected_in` names the round that elected them."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="body_memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    seat = models.CharField(_("seat"), max_length=200, blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"), null=True, blank=True)
    elected_in = models.ForeignKey(
        NominationRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )

    class Meta:
        ordering = ["body", "-starts_on", "person__name", "pk"]
        verbose_name = _("body membership")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="nominations_membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.display_name} – {self.body}"

    def is_current_on(self, day: Any) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
