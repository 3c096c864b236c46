"""Consultations for tests, made through the services (as the platform itself, SYSTEM), so every
one has its document split into paragraphs and its audit events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from opengov.consultations import services
from opengov.consultations.models import Comment, Consultation, Paragraph
from opengov.core.actors import SYSTEM
from opengov.organisations.tests.factories import OrganisationFactory

DOCUMENT = (
    "# Draft declaration\n\n"
    "We, the members of the network, commit to open government.\n\n"
    "We will publish what we decide, and why.\n\n"
    "- Publish minutes\n- Answer every idea\n\n"
    "We will review this declaration every year."
)


def make_consultation(
    *,
    owner: Any = None,
    text: str = DOCUMENT,
    title: str = "Draft declaration of the network",
    published: bool = True,
    closes_in: dt.timedelta = dt.timedelta(days=14),
    **kwargs: Any,
) -> Consultation:
    consultation = services.create_consultation(
        by=SYSTEM,
        title=title,
        text=text,
        owner_organisation=owner or OrganisationFactory(),
        closes_at=timezone.now() + closes_in,
        **kwargs,
    )
    if published:
        consultation = services.publish_consultation(by=SYSTEM, consultation=consultation)
    return consultation


def close(consultation: Consultation) -> Consultation:
    """Move the deadline into the past, as time passing would."""
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - dt.timedelta(minutes=1)
    )
    consultation.refresh_from_db()
    return consultation


def paragraphs(consultation: Consultation) -> list[Paragraph]:
    version = consultation.versions.order_by("-number").first()
    assert version is not None
    return list(version.paragraphs.order_by("position"))


def comment_on(paragraph: Paragraph, author: Any, text: str = "Please add a date.") -> Comment:
    return services.add_comment(by=author, paragraph=paragraph, text=text)
