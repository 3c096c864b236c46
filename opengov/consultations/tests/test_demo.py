"""The demo's consultations: the sample draft declaration with comments, answers and a revised
version whose changes show, and an open sample; loading twice creates nothing more."""

import pytest
from django.urls import reverse

from opengov.consultations.choices import ConsultationStatus
from opengov.consultations.demo import DECLARATION, PRIORITIES
from opengov.consultations.models import Answer, Comment, Consultation
from opengov.demo.loader import load_demo

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(client):
    first = load_demo()
    assert first.created["consultations"] == 2
    declaration = Consultation.objects.get(title=DECLARATION)
    assert declaration.status == ConsultationStatus.CLOSED
    assert declaration.closes_at.date().isoformat() == "2016-11-24"
    assert declaration.versions.count() == 2
    comments = Comment.objects.filter(consultation=declaration)
    assert comments.filter(parent__isnull=True).count() == 3
    assert comments.filter(parent__isnull=False).count() == 2
    assert first.created["consultation replies"] == 2
    assert Answer.objects.filter(consultation=declaration).count() == 3
    assert Consultation.objects.get(title=PRIORITIES).status == ConsultationStatus.OPEN
    second = load_demo()
    assert second.created["consultations"] == 0
    assert Consultation.objects.count() == 2
    changes = client.get(reverse("consultations:version-changes", args=[declaration.pk, 2]))
    body = changes.content.decode()
    assert "<ins>" in body and "<del>" in body and "three months" in body
    page = client.get(declaration.get_absolute_url()).content.decode()
    assert "Comments are closed" in page and "quarterly" in page
    assert "match the meetings of the network" in page and "og-replies" in page
