"""The demo's round: a finished STV round for the OGN Steering Committee, labelled as sample
data, with published results that made members; loading twice creates nothing more."""

import pytest
from django.core import mail

from opengov.demo.loader import load_demo
from opengov.nominations.choices import RoundStatus
from opengov.nominations.demo import ROUND_TITLE
from opengov.nominations.models import Ballot, BodyMembership, NominationRound

pytestmark = pytest.mark.django_db


def test_the_demo_round_is_finished_and_loads_once(client):
    first = load_demo(with_users=True)
    round_ = NominationRound.objects.get(title=ROUND_TITLE)
    assert round_.status == RoundStatus.RESULTS_PUBLISHED
    assert "Sample data" in round_.description
    assert first.created["nominations"] == 5 and first.created["votes"] == Ballot.objects.count()
    elected = BodyMembership.objects.filter(elected_in=round_)
    assert elected.count() == 3
    assert all(m.person.name.startswith("Sample nominee") for m in elected)
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "The count, stage by stage" in page
    body_page = client.get(round_.body.get_absolute_url()).content.decode()
    assert "Sample nominee" in body_page
    mail.outbox.clear()
    second = load_demo(with_users=True)
    assert not any(second.created.values())
    assert NominationRound.objects.count() == 1
