"""Organisations, the people in them, their memberships, and the networks they form."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opengov.accounts.models import FORMER_PARTICIPANT
from opengov.core.models import VersionedModel


def match_key(text: str) -> str:
    """The form of a name used to match it: case, accents, spacing and punctuation (typographic
    or not) ignored; letters of any script kept."""
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[^\W_]+", text))


class OrganisationKind(models.TextChoices):
    GOVERNMENT_DEPARTMENT = "government_department", _("Government department")
    AGENCY = "agency", _("Agency")
    DEVOLVED_ADMINISTRATION = "devolved_administration", _("Devolved administration")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    LEGISLATURE = "legislature", _("Legislature")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    BUSINESS = "business", _("Business")
    ACADEMIC = "academic", _("Academic")
    INTERNATIONAL_BODY = "international_body", _("International body")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")

    @classmethod
    def governmental(cls) -> list[str]:
        return [
            cls.GOVERNMENT_DEPARTMENT,
            cls.AGENCY,
            cls.DEVOLVED_ADMINISTRATION,
            cls.LOCAL_GOVERNMENT,
            cls.NATIONAL_GOVERNMENT,
            cls.LEGISLATURE,
        ]


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def governments(self) -> OrganisationQuerySet:
        return self.filter(
            kind__in=[
                OrganisationKind.NATIONAL_GOVERNMENT,
                OrganisationKind.DEVOLVED_ADMINISTRATION,
            ]
        )


class Organisation(VersionedModel):
    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    match_name = models.CharField(max_length=300, db_index=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:organisation-detail", kwargs={"slug": self.slug})


class OrganisationAlias(models.Model):
    """Another name the organisation is known by, such as "CO" for the Cabinet Office."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(_("alias"), max_length=300)
    match_name = models.CharField(max_length=300, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("organisation alias")
        verbose_name_plural = _("organisation aliases")

    def __str__(self) -> str:
        return self.alias


class Person(VersionedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    match_name = models.CharField(max_length=200, db_index=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_former_participant(self) -> bool:
        """True once the person deleted their account: the record stays (their attendance and
        actions point to it) but their name was erased (opengov.accounts.privacy)."""
        return not self.name

    @property
    def display_name(self) -> str:
        """The name every page, API response, download and feed shows for this person."""
        return self.name or str(FORMER_PARTICIPANT)

    def get_absolute_url(self) -> str:
        return reverse("organisations:person-detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    """A person in an organisation, in a role, for a period (open-ended when `end_on` is empty)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=200, blank=True)
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "-start_on"]
        verbose_name = _("membership")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(start_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="organisations_membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organisation}"


class Network(VersionedModel):
    """A network of organisations, such as the UK Open Government Network."""

    name = models.CharField(_("name"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_networks",
        verbose_name=_("coordinated by"),
    )
    members: models.ManyToManyField[Organisation, NetworkMembership] = models.ManyToManyField(
        Organisation, through="NetworkMembership", related_name="networks"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:network-detail", kwargs={"slug": self.slug})


class NetworkMembership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="network_memberships"
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("network membership")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="organisations_network_member_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}"


class Post(VersionedModel):
    """A public office held by one person at a time (or, when `is_single_holder` is false, by
    several), such as Minister for the Cabinet Office or the UK Anti-Corruption Champion. Who
    held it when is kept as tenures, across political transitions."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("organisation"),
    )
    description = models.TextField(_("description"), blank=True)
    is_single_holder = models.BooleanField(
        _("held by one person at a time"),
        default=True,
        help_text=_("Tenures of a single-holder post may not overlap."),
    )

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("post")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisations:post-detail", kwargs={"slug": self.slug})


class Appointment(models.TextChoices):
    APPOINTED = "appointed", _("Appointed")
    REAPPOINTED = "reappointed", _("Reappointed")
    ELECTED = "elected", _("Elected")
    ACTING = "acting", _("Acting")
    EX_OFFICIO = "ex_officio", _("Ex officio")
    OTHER = "other", _("Other")


class Tenure(VersionedModel):
    """A person holding a post from `start_on` to `end_on` (both days included; open-ended while
    it is held)."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="tenures", verbose_name=_("post")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="tenures", verbose_name=_("person")
    )
    start_on = models.DateField(_("from"))
    end_on = models.DateField(_("to"), null=True, blank=True)
    appointment = models.CharField(
        _("how appointed"),
        max_length=20,
        choices=Appointment.choices,
        default=Appointment.APPOINTED,
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # The form submission that recorded it (opengov.core.submissions): a double submit writes once.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-start_on", "-pk"]
        verbose_name = _("tenure")
        indexes = [models.Index(fields=["person", "start_on"], name="organisations_tenure_person")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="organisations_tenure_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.post}"

    def held_on(self, day: dt.date) -> bool:
        return self.start_on <= day and (self.end_on is None or day <= self.end_on)


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class Project(VersionedModel):
    """A funded strand of a network's own work: who funds it, what for, with whom, when."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="projects", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    funder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_projects",
        verbose_name=_("funder"),
    )
    funder_name = models.CharField(
        _("funder (when not an organisation in the directory)"), max_length=300, blank=True
    )
    purpose = models.TextField(_("purpose"), blank=True)
    partners: models.ManyToManyField[Organisation, Any] = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_projects", verbose_name=_("partners")
    )
    start_on = models.DateField(_("from"), null=True, blank=True)
    end_on = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("project")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(start_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="organisations_project_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisations:project-detail", kwargs={"slug": self.slug})

    @property
    def funder_display(self) -> str:
        return self.funder.name if self.funder is not None else self.funder_name
