"""The permission matrix's rows, path arguments, API bodies and world for consultations
(see __init__.py). A consultation is published (open for comments until its deadline) or a draft,
seen by plan managers alone (opengov/consultations/rules.py). A comment is shown, or hidden by a
moderator: its text is then seen by the secretariat and administrators alone, the roles that see
hidden meetings, so its state is `hidden`. The published consultation belongs to the Cabinet
Office, for which the lead answers; its comments were made by the participant."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from opengov.accounts.tests.factories import UserFactory
from opengov.consultations import services
from opengov.core.actors import SYSTEM
from opengov.organisations.tests.factories import OrganisationFactory

from ..matrix_resolvers import Resolver, constant, stateful

TABLE = """
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
# Public pages: drafts are seen by plan managers only (404 for anyone else).
consultations:consultation-list          GET    published listed listed listed listed listed listed listed listed
consultations:consultation-list          GET    draft     absent absent absent absent absent listed listed listed
consultations:consultation-detail        GET    published 200    200    200    200    200    200    200    200
consultations:consultation-detail        GET    draft     404    404    404    404    404    200    200    200
consultations:version-list               GET    published 200    200    200    200    200    200    200    200
consultations:version-list               GET    draft     404    404    404    404    404    200    200    200
consultations:version-detail             GET    published 200    200    200    200    200    200    200    200
consultations:version-detail             GET    draft     404    404    404    404    404    200    200    200
consultations:version-changes            GET    published 200    200    200    200    200    200    200    200
consultations:version-changes            GET    draft     404    404    404    404    404    200    200    200
consultations:paragraph-comments         GET    published 200    200    200    200    200    200    200    200
consultations:paragraph-comments         GET    draft     404    404    404    404    404    200    200    200
# Managing: plan managers (administrators, the secretariat, government contacts). Publishing
# needs a draft, a revised version or a conclusion a published consultation (403 otherwise).
# An empty POST is refused on the form (200), except publishing, which has nothing to type.
consultations:consultation-create        GET    -         login  403    403    403    403    200    200    200
consultations:consultation-create        POST   -         login  403    403    403    403    200    200    200
consultations:consultation-edit          GET    published login  403    403    403    403    200    200    200
consultations:consultation-edit          GET    draft     login  404    404    404    404    200    200    200
consultations:consultation-edit          POST   published login  403    403    403    403    200    200    200
consultations:consultation-edit          POST   draft     login  404    404    404    404    200    200    200
consultations:consultation-publish       GET    published login  403    403    403    403    403    403    403
consultations:consultation-publish       GET    draft     login  404    404    404    404    200    200    200
consultations:consultation-publish       POST   published login  403    403    403    403    403    403    403
consultations:consultation-publish       POST   draft     login  404    404    404    404    302    302    302
consultations:consultation-conclude      GET    published login  403    403    403    403    200    200    200
consultations:consultation-conclude      GET    draft     login  404    404    404    404    403    403    403
consultations:consultation-conclude      POST   published login  403    403    403    403    200    200    200
consultations:consultation-conclude      POST   draft     login  404    404    404    404    403    403    403
consultations:version-create             GET    published login  403    403    403    403    200    200    200
consultations:version-create             GET    draft     login  404    404    404    404    403    403    403
consultations:version-create             POST   published login  403    403    403    403    200    200    200
consultations:version-create             POST   draft     login  404    404    404    404    403    403    403
# Commenting: anyone signed in while open. Answering: plan managers and whoever speaks for the
# owner organisation (the lead, for the Cabinet Office).
consultations:comment-create             GET    published login  200    200    200    200    200    200    200
consultations:comment-create             GET    draft     login  404    404    404    404    403    403    403
consultations:comment-create             POST   published login  200    200    200    200    200    200    200
consultations:comment-create             POST   draft     login  404    404    404    404    403    403    403
consultations:paragraph-answer           GET    published login  403    403    403    200    200    200    200
consultations:paragraph-answer           GET    draft     login  404    404    404    404    403    403    403
consultations:paragraph-answer           POST   published login  403    403    403    200    200    200    200
consultations:paragraph-answer           POST   draft     login  404    404    404    404    403    403    403
# A comment: answered by the owner's people; reported by anyone signed in but its author (the
# participant); hidden by moderators. A hidden comment is not found but by moderators, and
# nothing more is done to it (403).
consultations:comment-answer             GET    published login  403    403    403    200    200    200    200
consultations:comment-answer             GET    hidden    login  404    404    404    404    404    403    403
consultations:comment-answer             POST   published login  403    403    403    200    200    200    200
consultations:comment-answer             POST   hidden    login  404    404    404    404    404    403    403
consultations:comment-report             GET    published login  403    200    200    200    200    200    200
consultations:comment-report             GET    hidden    login  404    404    404    404    404    403    403
consultations:comment-report             POST   published login  403    200    200    200    200    200    200
consultations:comment-report             POST   hidden    login  404    404    404    404    404    403    403
consultations:comment-hide               GET    published login  403    403    403    403    403    200    200
consultations:comment-hide               GET    hidden    login  404    404    404    404    404    403    403
consultations:comment-hide               POST   published login  403    403    403    403    403    200    200
consultations:comment-hide               POST   hidden    login  404    404    404    404    404    403    403
# Replying: anyone signed in while open (an empty POST is refused on the form); a hidden comment
# takes no reply.
consultations:comment-reply              GET    published login  200    200    200    200    200    200    200
consultations:comment-reply              GET    hidden    login  404    404    404    404    404    403    403
consultations:comment-reply              POST   published login  200    200    200    200    200    200    200
consultations:comment-reply              POST   hidden    login  404    404    404    404    404    403    403
# The API: drafts for plan managers' tokens only; hidden comments for moderators'. Commenting
# with a write token, by the same rule as the page (a draft is not open: 403 for managers).
/api/v1/consultations                    GET    published listed listed listed listed listed listed listed listed
/api/v1/consultations                    GET    draft     absent absent absent absent absent listed listed listed
/api/v1/consultations/{consultation_id}  GET    published 200    200    200    200    200    200    200    200
/api/v1/consultations/{consultation_id}  GET    draft     404    404    404    404    404    200    200    200
/api/v1/consultations/{consultation_id}/comments GET published 200 200  200    200    200    200    200    200
/api/v1/consultations/{consultation_id}/comments GET draft  404  404    404    404    404    200    200    200
/api/v1/consultations/{consultation_id}/comments POST published 401 201  201    201    201    201    201    201
/api/v1/consultations/{consultation_id}/comments POST draft 401    404    404    404    404    403    403    403
/api/v1/consultations/{consultation_id}/answers GET published 200 200   200    200    200    200    200    200
/api/v1/consultations/{consultation_id}/answers GET draft  404   404    404    404    404    200    200    200
"""

CONSULTATION_STATES = ("published", "draft")
RESOLVERS: dict[str, Resolver] = {
    "consultations/pk": stateful("consultation", CONSULTATION_STATES),
    "consultation_id": stateful("consultation", CONSULTATION_STATES),
    "versions/number": constant("1"),
    "paragraphs/pk": stateful("consultation_paragraph", CONSULTATION_STATES),
    "paragraph-comments/pk": stateful("consultation_comment", ("published", "hidden")),
}

BODIES = {
    "/api/v1/consultations/{consultation_id}/comments": lambda url: {
        "paragraph": 1,
        "text": "Said through the API",
    },
}

DOCUMENT = (
    "# {mark} declaration\n\n{mark} We commit to open government.\n\n{mark} We will review it."
)


def build(objects: dict[str, dict[str, Any]], users: dict[str, Any]) -> None:
    """An open consultation of the Cabinet Office with a comment by the participant and a hidden
    comment by another person; a draft consultation (its deadline ahead, so that publishing it succeeds)."""
    gov, sec, participant = users["government_contact"], users["secretariat"], users["participant"]
    cabinet = objects["organisation"]["-"]
    closes_at = timezone.now() + dt.timedelta(days=30)
    made = {}
    for state in CONSULTATION_STATES:
        mark = "QXPUB" if state == "published" else "QXDRAFT"
        consultation = services.create_consultation(
            by=gov, title=f"{mark} consultation", text=DOCUMENT.format(mark=mark),
            owner_organisation=cabinet, closes_at=closes_at, summary=f"{mark} summary",
        )  # fmt: skip
        made[state] = consultation
    made["published"] = services.publish_consultation(by=gov, consultation=made["published"])
    paragraphs = {
        state: c.versions.get().paragraphs.order_by("position")[1] for state, c in made.items()
    }
    shown = services.add_comment(
        by=participant, paragraph=paragraphs["published"], text="QXPUB comment"
    )
    # By someone outside the roles: the participant's own data download would rightly show it.
    commenter = UserFactory(email="commenter@example.org", name="Cora Commenter")
    hidden = services.add_comment(
        by=commenter, paragraph=paragraphs["published"], text="QXHIDDEN comment"
    )
    services.hide_comment(by=sec, comment=hidden, reason="Moderated: it named a private person.")
    services.reply_to_comment(by=commenter, comment=shown, text="QXPUB reply")
    services.answer_paragraph(by=gov, paragraph=paragraphs["published"], text="QXPUB answer")
    objects.update(
        consultation=made,
        consultation_paragraph=paragraphs,
        consultation_comment={"published": shown, "hidden": hidden},
    )


SAMPLES = {
    **{f"consultations:{name}": {"pk": "consultation"} for name in (
        "consultation-detail", "consultation-edit", "consultation-conclude", "version-list",
        "version-create")},
    "consultations:consultation-publish": {"pk": "draft_consultation"},
    **{f"consultations:{name}": {"pk": "consultation", "number": "consultation_version"}
       for name in ("version-detail", "version-changes")},
    **{f"consultations:{name}": {"pk": "consultation_paragraph"} for name in (
        "comment-create", "paragraph-answer", "paragraph-comments")},
    **{f"consultations:{name}": {"pk": "consultation_comment"} for name in (
        "comment-answer", "comment-report", "comment-hide", "comment-reply")},
}  # fmt: skip
API_ARGUMENTS = {"consultation_id": "consultation"}


def sample_world(world: SimpleNamespace) -> None:
    closes_at = timezone.now() + dt.timedelta(days=30)
    owner = OrganisationFactory()
    consultation = services.create_consultation(
        by=SYSTEM, title="Draft declaration", text="One.\n\nTwo.", owner_organisation=owner,
        closes_at=closes_at,
    )  # fmt: skip
    draft = services.create_consultation(
        by=SYSTEM, title="Draft plan", text="One.", owner_organisation=owner, closes_at=closes_at
    )
    consultation = services.publish_consultation(by=SYSTEM, consultation=consultation)
    paragraph = consultation.versions.get().paragraphs.order_by("position")[0]
    comment = services.add_comment(by=UserFactory(), paragraph=paragraph, text="A comment.")
    world.consultation = consultation
    world.draft_consultation = draft
    world.consultation_version = 1
    world.consultation_paragraph = paragraph
    world.consultation_comment = comment


def content_world(world: Any, payload: str, fit: Any) -> None:
    """Every text of a consultation, its versions, paragraphs, comments, replies, reports and
    answers holds the payload, written through the services: an open consultation with two
    versions, an answered comment with a reply and a hidden reply, and a hidden, reported
    comment; a concluded one; a draft."""
    admin = world.admin
    owner = OrganisationFactory()
    closes_at = timezone.now() + dt.timedelta(days=30)

    def create(text: str) -> Any:
        return services.create_consultation(
            by=admin, title=fit("Consultation.title"), summary=payload, text=text,
            owner_organisation=owner, closes_at=closes_at,
        )  # fmt: skip

    consultation = services.publish_consultation(
        by=admin, consultation=create(f"{payload}\n\nA second paragraph.")
    )
    services.publish_version(
        by=admin, consultation=consultation, text=f"{payload}\n\nA second paragraph, revised.",
        change_note=payload,
    )  # fmt: skip
    paragraph = consultation.versions.order_by("-number")[0].paragraphs.order_by("position")[0]
    commenter = UserFactory(email="commenter@example.org", name="Commenter")
    comment = services.add_comment(by=commenter, paragraph=paragraph, text=payload)
    reply = services.reply_to_comment(by=admin, comment=comment, text=payload)
    hidden_reply = services.reply_to_comment(by=admin, comment=comment, text=payload)
    services.hide_comment(by=admin, comment=hidden_reply, reason=payload)
    hidden = services.add_comment(by=commenter, paragraph=paragraph, text=payload)
    services.report_comment(by=admin, comment=hidden, reason=payload)
    services.hide_comment(by=admin, comment=hidden, reason=payload)
    services.answer_comment(by=admin, comment=comment, text=payload)
    services.answer_paragraph(by=admin, paragraph=paragraph, text=payload)
    concluded = services.publish_consultation(by=admin, consultation=create(payload))
    services.conclude_consultation(by=admin, consultation=concluded, conclusion=payload)
    world.objects.update(
        consultation=consultation,
        concluded_consultation=concluded,
        draft_consultation=create(payload),
        consultation_paragraph=paragraph,
        consultation_comment=comment,
        consultation_reply=reply,
    )


def _all_consultations(world: Any) -> list[dict[str, Any]]:
    kinds = ("consultation", "concluded_consultation", "draft_consultation")
    return [{"pk": getattr(world, kind).pk} for kind in kinds]


def _versions(world: Any) -> list[dict[str, Any]]:
    return [{"pk": world.consultation.pk, "number": n} for n in (1, 2)]


WALK_ARGUMENTS: dict[str, Any] = {
    "consultations:consultation-detail": _all_consultations,
    "consultations:consultation-edit": {"pk": "consultation"},
    "consultations:consultation-publish": {"pk": "draft_consultation"},
    "consultations:consultation-conclude": {"pk": "consultation"},
    "consultations:version-list": {"pk": "consultation"},
    "consultations:version-create": {"pk": "consultation"},
    "consultations:version-detail": _versions,
    "consultations:version-changes": _versions,
    "consultations:comment-create": {"pk": "consultation_paragraph"},
    "consultations:paragraph-answer": {"pk": "consultation_paragraph"},
    "consultations:comment-answer": {"pk": "consultation_comment"},
    "consultations:comment-report": {"pk": "consultation_comment"},
    "consultations:comment-hide": {"pk": "consultation_comment"},
    "consultations:paragraph-comments": {"pk": "consultation_paragraph"},
    "consultations:comment-reply": lambda w: [
        {"pk": w.consultation_comment.pk},
        {"pk": w.consultation_reply.pk},
    ],
    # The API reads as anonymous without a token: the draft is not found there.
    "api:get_consultation": lambda w: [
        {"consultation_id": kwargs["pk"]} for kwargs in _all_consultations(w)[:2]
    ],
    "api:list_consultation_comments": {"consultation_id": "consultation"},
    "api:list_consultation_answers": {"consultation_id": "consultation"},
    "api:post_consultation_comment": {"consultation_id": "consultation"},
}


def data_world(*, commitment: Any, organisation: Any, user: Any) -> None:
    """A published consultation with a comment and its answer: a row of each dataset."""
    from opengov.consultations import services as consultations
    from opengov.consultations.tests.factories import comment_on, make_consultation, paragraphs
    from opengov.core.actors import SYSTEM

    consultation = make_consultation(owner=organisation)
    comment = comment_on(paragraphs(consultation)[0], user, "Please add a date.")
    consultations.answer_comment(by=SYSTEM, comment=comment, text="Added: by June.")
