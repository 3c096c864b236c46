"""Telling the eligible members' people when nominations, then voting, open by the clock
(services.tell_windows_opened, run by `opengov nominations_notify`): once per window, while it is
open, through notify (so a daily digest is respected)."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from opengov.accounts.models import NotificationFrequency
from opengov.core.models import AuditEvent, DigestItem
from opengov.nominations import services
from opengov.nominations.choices import RoundStatus
from opengov.nominations.models import NominationRound

from .factories import make_round, move_to

VOTERS = [f"voter{i}@example.org" for i in range(3)]


def recipients() -> list[str]:
    return sorted(m.to[0] for m in mail.outbox)


def test_a_round_opened_during_nominations_is_not_announced_twice(net, secretariat):
    round_ = make_round(secretariat, net.body)  # opened while nominations are open
    assert round_.nominations_open_told_at is not None
    mail.outbox.clear()
    told = services.tell_windows_opened()
    assert (told.nominations_open, told.voting_open) == (0, 0) and not mail.outbox


def test_nominations_opening_later_are_announced_once(net, secretariat):
    draft = make_round(secretariat, net.body, opened=False, phase=RoundStatus.ANNOUNCED)
    round_ = services.open_round(by=secretariat, round=draft)  # ahead of its nominations
    assert round_.nominations_open_told_at is None
    mail.outbox.clear()
    assert services.tell_windows_opened().nominations_open == 0  # not yet open
    move_to(round_, RoundStatus.NOMINATIONS_OPEN)
    assert services.tell_windows_opened().nominations_open == 1
    assert recipients() == VOTERS
    assert mail.outbox[0].subject == f"Nominations are open: {round_.title}"
    assert "may nominate people" in mail.outbox[0].body
    assert services.tell_windows_opened().nominations_open == 0
    assert len(mail.outbox) == 3
    event = AuditEvent.objects.get(verb="nominations.round.nominations_open_told")
    assert event.actor is None and not event.is_public


def test_voting_opening_is_announced_once_by_the_command(net, secretariat):
    round_ = make_round(secretariat, net.body)
    move_to(round_, RoundStatus.VOTING_OPEN)
    mail.outbox.clear()
    out = StringIO()
    call_command("nominations_notify", stdout=out)
    assert "1 round(s) that voting is open" in out.getvalue()
    assert recipients() == VOTERS
    assert mail.outbox[0].subject == f"Voting is open: {round_.title}"
    assert "cast its vote, once" in mail.outbox[0].body
    call_command("nominations_notify", stdout=StringIO())
    assert len(mail.outbox) == 3
    assert NominationRound.objects.get(pk=round_.pk).voting_open_told_at is not None


def test_closed_windows_drafts_and_published_rounds_are_not_announced(net, secretariat):
    make_round(secretariat, net.body, phase=RoundStatus.COUNTING, title="Closed")
    make_round(secretariat, net.body, opened=False, phase=RoundStatus.VOTING_OPEN, title="Draft")
    published = make_round(secretariat, net.body, phase=RoundStatus.VOTING_OPEN, title="Done")
    NominationRound.objects.filter(pk=published.pk).update(results_published_at=timezone.now())
    mail.outbox.clear()
    told = services.tell_windows_opened()
    assert (told.nominations_open, told.voting_open) == (0, 0) and not mail.outbox


def test_a_person_who_chose_a_digest_gets_the_news_there(net, secretariat):
    voter = net.voters[1]
    voter.notification_frequency = NotificationFrequency.DAILY
    voter.save(update_fields=["notification_frequency"])
    round_ = make_round(secretariat, net.body)
    mail.outbox.clear()
    services.tell_windows_opened(now=round_.voting_opens_at + dt.timedelta(minutes=1))
    assert recipients() == [VOTERS[0], VOTERS[2]]
    assert DigestItem.objects.get(recipient=voter, kind="nominations.voting_open")
