"""The demo's consultations, loaded through the services by `opengov.demo.loader`.

The note of 10 November 2016 says that the draft Paris Declaration was open for suggested changes
until 24 November. Its real text is not in the note, so the document here is a clearly labelled
sample written for the demo, not the Declaration: two versions (the second answering comments,
so that its changes page shows), comments by the demo users and the owner's answers. It is
published through the services and then dated as it happened (opened 10 November 2016, closed
24 November 2016), the one step done on the rows directly: the services open a consultation
only with a deadline ahead. A second sample, open for comments, lets visitors try commenting."""

# ruff: noqa: E501 - the documents' paragraphs are one line each, as a person would type them.

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from opengov.accounts.models import User
from opengov.core.actors import SYSTEM
from opengov.organisations.services import find_organisation

from . import services
from .models import Consultation, DocumentVersion

LONDON = ZoneInfo("Europe/London")
DECLARATION = "Draft Paris Declaration (sample text for the demo)"
DECLARATION_SUMMARY = (
    "The note of the 10 November 2016 meeting says the draft Paris Declaration was open for "
    "suggested changes until 24 November 2016. **This is sample text written for the demo, not "
    "the Declaration itself**: it shows how comments, answers and revised versions work."
)
DECLARATION_V1 = """# Draft declaration (sample text)

We, the members of the Open Government Partnership, meet in Paris to renew our commitment to open government.

We will publish our national action plans in open formats and report on their progress every six months.

We will work with civil society at every stage of the action plan cycle.

We invite governments, experts and sub-national members to sign up to collective actions."""
DECLARATION_V2 = """# Draft declaration (sample text)

We, the members of the Open Government Partnership, meet in Paris to renew our commitment to open, accountable and participatory government.

We will publish our national action plans in open formats and report on their progress every three months.

We will work with civil society at every stage of the action plan cycle, and publish how we answered its proposals.

We invite governments, experts and sub-national members to sign up to collective actions. A collective action is considered once three have signed up to it."""
CHANGE_NOTE = (
    "Progress reports every three months; governments publish how they answered civil "
    "society's proposals; the quorum of a collective action is stated."
)
COMMENTS = (
    # (author's e-mail, paragraph position in version 1, comment, answer or "")
    (
        "cso@example.org",
        3,
        "Six-monthly reports come too late to change anything: can progress be reported quarterly?",
        "Agreed: the revised version asks for reports every three months.",
    ),
    (
        "participant@example.org",
        4,
        "Working with civil society should include saying what happened to its proposals.",
        "Thank you. The revised version adds that governments publish how they answered them.",
    ),
    (
        "participant@example.org",
        5,
        "Collective actions should not be so vague that they are meaningless for ministers.",
        "",
    ),
)
# Replies to the comments above: (author's e-mail, the comment's index in COMMENTS, reply).
REPLIES = (
    (
        "participant@example.org",
        0,
        "Quarterly would also match the meetings of the network: reports could be discussed there.",
    ),
    (
        "cso@example.org",
        2,
        "Agreed: each collective action could name who does what, and by when.",
    ),
)
PARAGRAPH_ANSWER = (
    5,
    "The revised version states the quorum: a collective action is considered once three "
    "governments, experts or sub-nationals have signed up to it.",
)

PRIORITIES = "Priorities for the next National Action Plan (sample consultation)"
PRIORITIES_TEXT = """# Priorities for the next plan (sample text)

The government's priorities include housing, education, prisons and health.

One way to prioritise is to choose a policy area, then identify new commitments in it with civil society organisations and businesses.

The open government audit and the Sustainable Development Goals may be good opportunities."""


def _user(email: str) -> User | None:
    return User.objects.filter(email__iexact=email).first()


def _declaration(created: Counter[str]) -> None:
    if Consultation.objects.filter(title=DECLARATION).exists():
        return
    owner = find_organisation("OGP")
    if owner is None:
        return
    consultation = services.create_consultation(
        by=SYSTEM,
        title=DECLARATION,
        summary=DECLARATION_SUMMARY,
        text=DECLARATION_V1,
        owner_organisation=owner,
        closes_at=timezone.now() + dt.timedelta(days=1),
    )
    consultation = services.publish_consultation(by=SYSTEM, consultation=consultation)
    created["consultations"] += 1
    paragraphs = list(consultation.versions.get().paragraphs.order_by("position"))
    answers: list[tuple[Any, str]] = []
    made: list[Any] = []
    for email, position, text, answer in COMMENTS:
        author = _user(email)
        if author is None:
            continue
        comment = services.add_comment(by=author, paragraph=paragraphs[position - 1], text=text)
        created["consultation comments"] += 1
        made.append(comment)
        if answer:
            answers.append((comment, answer))
    for email, index, text in REPLIES:
        author = _user(email)
        if author is None or index >= len(made):
            continue
        services.reply_to_comment(by=author, comment=made[index], text=text)
        created["consultation replies"] += 1
    _close_as_it_happened(consultation)
    consultation.refresh_from_db()
    for comment, answer in answers:
        comment.refresh_from_db()
        services.answer_comment(by=SYSTEM, comment=comment, text=answer)
        created["consultation answers"] += 1
    position, text = PARAGRAPH_ANSWER
    services.answer_paragraph(by=SYSTEM, paragraph=paragraphs[position - 1], text=text)
    created["consultation answers"] += 1
    services.publish_version(
        by=SYSTEM, consultation=consultation, text=DECLARATION_V2, change_note=CHANGE_NOTE
    )
    DocumentVersion.objects.filter(consultation=consultation, number=2).update(
        published_at=dt.datetime(2016, 11, 30, 12, tzinfo=LONDON)
    )


def _close_as_it_happened(consultation: Consultation) -> None:
    opened = dt.datetime(2016, 11, 10, 12, tzinfo=LONDON)
    Consultation.objects.filter(pk=consultation.pk).update(
        published_at=opened, closes_at=dt.datetime(2016, 11, 24, 23, 59, tzinfo=LONDON)
    )
    DocumentVersion.objects.filter(consultation=consultation, number=1).update(published_at=opened)
    consultation.comments.update(created_at=dt.datetime(2016, 11, 18, 15, tzinfo=LONDON))


def _priorities(created: Counter[str]) -> None:
    if Consultation.objects.filter(title=PRIORITIES).exists():
        return
    owner = find_organisation("Cabinet Office")
    if owner is None:
        return
    consultation = services.create_consultation(
        by=SYSTEM,
        title=PRIORITIES,
        summary="A sample consultation for the demo, open for comments: try commenting.",
        text=PRIORITIES_TEXT,
        owner_organisation=owner,
        closes_at=timezone.now() + dt.timedelta(days=90),
    )
    services.publish_consultation(by=SYSTEM, consultation=consultation)
    created["consultations"] += 1


def load(*, created: Counter[str]) -> None:
    """Load what is missing of this app's demo (loading twice creates nothing). The open sample
    comes first, so that it is consultation 1: the one API clients and fuzzers try first."""
    _priorities(created)
    _declaration(created)
