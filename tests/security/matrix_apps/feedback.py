"""The permission matrix's rows, path arguments, API bodies and world for feedback
(see __init__.py).

States: published = moderated and public (not yet answered, so that answering is open);
draft = awaiting moderation (seen by those who answer or moderate: government contacts, the
secretariat, administrators, exactly SEES_DRAFTS); hidden = hidden by a moderator: its page
answers everyone, with the public reason only (which carries no mark, being public by design),
its content to the secretariat and administrators alone (SEES_HIDDEN)."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser

from ..matrix_resolvers import stateful

STATES = ("published", "draft", "hidden")

# fmt: off
TABLE = """
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin

# Feedback: anyone sends it (an empty form is refused on the form, 200). The public list and the
# API list hold published feedback only; a feedback page answers everyone for published and hidden
# feedback (hidden: its reason only, unless a moderator), and those who handle it for feedback
# awaiting moderation.
feedback:feedback-create                 GET    -         200    200    200    200    200    200    200    200
feedback:feedback-create                 POST   -         200    200    200    200    200    200    200    200
feedback:feedback-sent                   GET    -         200    200    200    200    200    200    200    200
feedback:feedback-list                   GET    published listed listed listed listed listed listed listed listed
feedback:feedback-list                   GET    draft     absent absent absent absent absent absent absent absent
feedback:feedback-list                   GET    hidden    absent absent absent absent absent absent absent absent
feedback:feedback-detail                 GET    published 200    200    200    200    200    200    200    200
feedback:feedback-detail                 GET    draft     404    404    404    404    404    200    200    200
feedback:feedback-detail                 GET    hidden    200    200    200    200    200    200    200    200
/api/v1/feedback                         GET    published listed listed listed listed listed listed listed listed
/api/v1/feedback                         GET    draft     absent absent absent absent absent absent absent absent
/api/v1/feedback                         GET    hidden    absent absent absent absent absent absent absent absent
/api/v1/feedback/{feedback_id}           GET    published 200    200    200    200    200    200    200    200
/api/v1/feedback/{feedback_id}           GET    draft     404    404    404    404    404    200    200    200
/api/v1/feedback/{feedback_id}           GET    hidden    200    200    200    200    200    200    200    200

# The inbox (feedback.view_inbox: government contacts, the secretariat, administrators) lists what
# needs action: awaiting moderation or an answer; hidden feedback only when asked for.
feedback:feedback-inbox                  GET    published login  403    403    403    403    listed listed listed
feedback:feedback-inbox                  GET    draft     login  403    403    403    403    listed listed listed
feedback:feedback-inbox                  GET    hidden    login  403    403    403    403    absent absent absent
# feedback.answer_feedback: answerers, on published feedback not yet answered; moderators also on
# feedback awaiting moderation (answering publishes it). publish_feedback and hide_feedback:
# moderators, on feedback awaiting moderation (publish) or not yet hidden (hide). Empty forms are
# refused on the form (200); publishing needs nothing typed (302).
feedback:feedback-answer                 GET    published login  403    403    403    403    200    200    200
feedback:feedback-answer                 GET    draft     login  404    404    404    404    403    200    200
feedback:feedback-answer                 GET    hidden    login  403    403    403    403    403    403    403
feedback:feedback-answer                 POST   published login  403    403    403    403    200    200    200
feedback:feedback-answer                 POST   draft     login  404    404    404    404    403    200    200
feedback:feedback-answer                 POST   hidden    login  403    403    403    403    403    403    403
feedback:feedback-publish                POST   published login  403    403    403    403    403    403    403
feedback:feedback-publish                POST   draft     login  404    404    404    404    403    302    302
feedback:feedback-publish                POST   hidden    login  403    403    403    403    403    403    403
feedback:feedback-hide                   GET    published login  403    403    403    403    403    200    200
feedback:feedback-hide                   GET    draft     login  404    404    404    404    403    200    200
feedback:feedback-hide                   GET    hidden    login  403    403    403    403    403    403    403
feedback:feedback-hide                   POST   published login  403    403    403    403    403    200    200
feedback:feedback-hide                   POST   draft     login  404    404    404    404    403    200    200
feedback:feedback-hide                   POST   hidden    login  403    403    403    403    403    403    403
"""
# fmt: on

RESOLVERS = {
    "feedback/pk": stateful("feedback", STATES),
    "feedback_id": stateful("feedback", STATES),
}

SAMPLES = {
    "feedback:feedback-detail": {"pk": "feedback"},
    "feedback:feedback-answer": {"pk": "feedback"},
    "feedback:feedback-publish": {"pk": "feedback"},
    "feedback:feedback-hide": {"pk": "feedback"},
}
API_ARGUMENTS = {"feedback_id": "feedback"}


def build(objects: dict[str, dict[str, Any]], users: dict[str, Any]) -> None:
    """Feedback in each state, sent anonymously on the published commitment, each text marked."""
    from opengov.feedback import services

    sec, commitment = users["secretariat"], objects["commitment"]["published"]
    marks = {"published": "QXPUB", "draft": "QXDRAFT", "hidden": "QXHIDDEN"}
    made = {}
    for state, mark in marks.items():
        made[state] = services.submit_feedback(
            by=AnonymousUser(), subject="commitment", commitment=commitment,
            text=f"{mark} feedback", name=f"{mark} sender", contact_email=f"{state}@example.net",
        )  # fmt: skip
    made["published"] = services.publish_feedback(by=sec, feedback=made["published"])
    made["hidden"] = services.hide_feedback(by=sec, feedback=made["hidden"], reason="Abusive")
    objects["feedback"] = made


def sample_world(world: Any) -> None:
    from opengov.feedback.tests.factories import FeedbackFactory

    world.feedback = FeedbackFactory(moderation="pending")


def content_world(world: Any, payload: str, fit: Any) -> None:
    """Feedback whose every text is the payload: one awaiting moderation (it keeps its contact
    address), one answered by the administrator (whose name is the payload), one hidden."""
    from opengov.feedback import services

    admin = world.admin

    def send() -> Any:
        return services.submit_feedback(
            by=AnonymousUser(), subject="commitment", commitment=world.commitment, text=payload,
            name=fit("Feedback.name"), contact_email=fit("Feedback.contact_email"),
        )  # fmt: skip

    pending = send()
    answered = send()
    services.answer_feedback(by=admin, feedback=answered, text=payload, organisation=world.gov)
    hidden = services.hide_feedback(by=admin, feedback=send(), reason=payload[:1000])
    world.objects.update(feedback=pending, answered_feedback=answered, hidden_feedback=hidden)


# The XSS and Unicode walks (site_walk.py): the objects each route shows, as the administrator.
WALK_ARGUMENTS: dict[str, Any] = {
    "feedback:feedback-detail": lambda w: [
        {"pk": f.pk} for f in (w.feedback, w.answered_feedback, w.hidden_feedback)
    ],
    "feedback:feedback-answer": {"pk": "feedback"},
    "feedback:feedback-publish": {"pk": "feedback"},
    "feedback:feedback-hide": {"pk": "feedback"},
    "api:get_feedback": lambda w: [
        {"feedback_id": f.pk} for f in (w.answered_feedback, w.hidden_feedback)
    ],
}


def data_world(*, commitment: Any, organisation: Any, user: Any) -> None:
    """A published, answered feedback: a row of the dataset."""
    from opengov.feedback.tests.factories import AnswerFactory

    AnswerFactory(organisation=organisation)
