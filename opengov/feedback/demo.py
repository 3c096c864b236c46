"""The demo's feedback, loaded through the services by `opengov.demo.loader`: feedback on the
process, on two of NAP3's commitments and on the site, sent anonymously or with a name; some
published and answered by the Cabinet Office or the Open Government Network, one awaiting
moderation, so that every state of the inbox has something in it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from opengov.accounts.models import User
from opengov.action_plans.models import Commitment
from opengov.core.actors import SYSTEM
from opengov.organisations.models import Organisation

from .models import Feedback
from .services import answer_feedback, publish_feedback, submit_feedback


@dataclass(frozen=True)
class DemoFeedback:
    subject: str
    text: str
    name: str = ""
    commitment: str = ""  # the NAP3 commitment's number
    publish: bool = True
    answer: str = ""
    answered_for: str = ""


FEEDBACK = (
    DemoFeedback(
        "process",
        "The meeting notes are very useful, but they appear weeks after each meeting. Could "
        "they be published within a week, even in draft?",
        name="Alex Morgan",
        answer="Thank you. From the next meeting the secretariat will publish the note within "
        "five working days, marked as a draft until the following meeting agrees it.",
        answered_for="Involve",
    ),
    DemoFeedback(
        "commitment",
        "Will the grants data be published in the 360Giving standard, so it can be compared "
        "with what foundations publish?",
        commitment="6",
        answer="Yes. The Cabinet Office is working with 360Giving on publishing government "
        "grants data in its standard; progress is reported on the commitment's page.",
        answered_for="Cabinet Office",
    ),
    DemoFeedback(
        "commitment",
        "Please publish the contracts register as open data under the Open Contracting Data "
        "Standard, including contracts below £10,000.",
        name="Priya Shah",
        commitment="5",
    ),
    DemoFeedback(
        "site",
        "It would help to get an e-mail when a commitment I follow has a new progress update.",
        publish=False,
    ),
)


def _actor(email: str) -> Any:
    """The demo user of a role, when the demo has its users; otherwise the system."""
    return User.objects.filter(email=email).first() or SYSTEM


def load(*, created: Counter[str]) -> None:
    """Load what is missing of this app's demo (loading twice creates nothing)."""
    secretariat = _actor("secretariat@example.org")
    government = _actor("govcontact@example.org")
    commitments = {c.number: c for c in Commitment.objects.published().filter(plan__number=3)}
    for item in FEEDBACK:
        if Feedback.objects.filter(text=item.text).exists():
            continue
        commitment = commitments.get(item.commitment) if item.commitment else None
        if item.commitment and commitment is None:
            continue  # the plan is not loaded: nothing to give feedback on
        feedback = submit_feedback(
            by=AnonymousUser(),
            subject=item.subject,
            text=item.text,
            commitment=commitment,
            name=item.name,
        )
        created["feedback"] += 1
        if item.publish:
            feedback = publish_feedback(by=secretariat, feedback=feedback)
        organisation = Organisation.objects.filter(name=item.answered_for).first()
        if item.answer and organisation is not None:
            by = government if item.answered_for == "Cabinet Office" else secretariat
            answer_feedback(by=by, feedback=feedback, text=item.answer, organisation=organisation)
            created["feedback_answers"] += 1
