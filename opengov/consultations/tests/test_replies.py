"""Replies to consultation comments: the service (one level deep, the parent's paragraph, the
deadline, hidden comments, e-mail to the parent's author, audit), the pages (threads under each
comment, paginated by thread, the reply form, read-only after the deadline), moderation, the API,
the dataset and the data download, and query counts that do not grow with the rows."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.accounts.tests.factories import UserFactory
from opengov.consultations import privacy, services
from opengov.consultations.models import Answer, Comment
from opengov.consultations.tests.factories import (
    DOCUMENT,
    close,
    comment_on,
    make_consultation,
    paragraphs,
)
from opengov.consultations.tests.test_api_and_data import bearer, content
from opengov.core.actors import SYSTEM
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(participant):
    """An open consultation with one comment by `participant` on its second paragraph."""
    consultation = make_consultation()
    comment = comment_on(paragraphs(consultation)[1], participant, text="Name the ministers.")
    mail.outbox.clear()
    return consultation, comment


def reply_url(comment: Comment) -> str:
    return reverse("consultations:comment-reply", args=[comment.pk])


def thread_page(comment: Comment) -> str:
    return reverse("consultations:paragraph-comments", args=[comment.paragraph_id])


# -- the service ----------------------------------------------------------------------------


def test_a_reply_belongs_to_its_parent_and_tells_the_parents_author(thread, civil_society_member):
    consultation, comment = thread
    reply = services.reply_to_comment(
        by=civil_society_member, comment=comment, text="  Agreed, and the dates.  "
    )
    assert reply.parent == comment and reply.text == "Agreed, and the dates."
    assert reply.paragraph_id == comment.paragraph_id
    assert reply.paragraph_key == comment.paragraph_key
    assert reply.consultation == consultation and reply.author == civil_society_member
    event = AuditEvent.objects.get(verb="consultations.comment.replied")
    assert event.changes == {"parent": [None, comment.pk]}
    assert "Agreed" not in str(event.changes)  # the text stays out of the public log
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["participant@example.org"]
    assert consultation.title in message.subject
    assert "Agreed, and the dates." in message.body and "Name the ministers." in message.body
    assert thread_page(comment) in message.body


def test_replying_to_your_own_comment_sends_no_email(thread, participant):
    _consultation, comment = thread
    services.reply_to_comment(by=participant, comment=comment, text="And the deputies.")
    assert Comment.objects.filter(parent=comment).count() == 1
    assert not mail.outbox


def test_a_reply_to_a_reply_joins_the_thread(thread, civil_society_member, secretariat):
    _consultation, comment = thread
    first = services.reply_to_comment(by=civil_society_member, comment=comment, text="Yes.")
    mail.outbox.clear()
    second = services.reply_to_comment(by=secretariat, comment=first, text="Noted.")
    assert second.parent_id == comment.pk  # one level deep
    assert [m.to for m in mail.outbox] == [["participant@example.org"]]


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_001])
def test_an_empty_or_long_reply_is_refused_and_writes_nothing(thread, secretariat, text):
    _consultation, comment = thread
    with pytest.raises(DomainError) as error:
        services.reply_to_comment(by=secretariat, comment=comment, text=text)
    assert error.value.field == "text"
    assert not Comment.objects.filter(parent=comment).exists() and not mail.outbox


def test_no_reply_after_the_deadline_or_when_concluded_or_signed_out(
    thread, secretariat, anonymous
):
    consultation, comment = thread
    with pytest.raises(PermissionDeniedError):
        services.reply_to_comment(by=anonymous, comment=comment, text="Hello.")
    close(consultation)
    comment.refresh_from_db()
    with pytest.raises(PermissionDeniedError, match="Replies are closed"):
        services.reply_to_comment(by=secretariat, comment=comment, text="Late.")
    services.conclude_consultation(by=secretariat, consultation=consultation, conclusion="Done.")
    comment = Comment.objects.get(pk=comment.pk)
    with pytest.raises(PermissionDeniedError):
        services.reply_to_comment(by=secretariat, comment=comment, text="Later.")
    assert not Comment.objects.filter(parent__isnull=False).exists() and not mail.outbox


def test_a_hidden_comment_and_its_thread_take_no_replies(thread, secretariat, forum_member):
    _consultation, comment = thread
    reply = services.reply_to_comment(by=forum_member, comment=comment, text="Me too.")
    services.hide_comment(by=secretariat, comment=comment, reason="Named a private person.")
    comment.refresh_from_db()
    with pytest.raises(DomainError, match="hidden"):
        services.reply_to_comment(by=forum_member, comment=comment, text="Again.")
    with pytest.raises(DomainError, match="hidden"):
        services.reply_to_comment(by=secretariat, comment=reply, text="Below a hidden one.")
    assert Comment.objects.filter(parent=comment).count() == 1


def test_a_reply_to_a_comment_on_an_earlier_version_stays_on_that_paragraph(
    thread, secretariat, forum_member
):
    consultation, comment = thread
    services.publish_version(
        by=secretariat, consultation=consultation, text=DOCUMENT + "\n\nMore.", change_note="x"
    )
    reply = services.reply_to_comment(by=forum_member, comment=comment, text="Still true.")
    assert reply.paragraph_id == comment.paragraph_id
    assert reply.paragraph.version.number == 1


def test_the_same_reply_form_sent_twice_writes_once(thread, forum_member):
    _consultation, comment = thread
    token = uuid.uuid4()
    first = services.reply_to_comment(
        by=forum_member, comment=comment, text="Once.", submission_token=token
    )
    again = services.reply_to_comment(
        by=forum_member, comment=comment, text="Once.", submission_token=token
    )
    assert first.pk == again.pk and Comment.objects.filter(parent=comment).count() == 1
    assert len(mail.outbox) == 1
    with pytest.raises(DomainError):
        services.reply_to_comment(
            by=forum_member, comment=comment, text="Other words.", submission_token=token
        )


def test_a_reply_is_not_answered_but_its_comment_is(thread, government_contact, forum_member):
    consultation, comment = thread
    reply = services.reply_to_comment(by=forum_member, comment=comment, text="Me too.")
    assert not government_contact.has_perm("consultations.answer_comment", reply)
    assert government_contact.has_perm("consultations.answer_comment", comment)
    with pytest.raises(DomainError, match="reply"):
        services.answer_comment(by=SYSTEM, comment=reply, text="No.")
    assert not Answer.objects.exists()
    services.answer_comment(by=SYSTEM, comment=comment, text="We will name them.")
    close(consultation)
    # After the deadline the thread is read-only and the answer stays as it is.
    assert Answer.objects.get().comment_id == comment.pk


def test_replies_are_reported_and_hidden_as_comments_are(thread, participant, secretariat):
    _consultation, comment = thread
    other = UserFactory()
    reply = services.reply_to_comment(by=other, comment=comment, text="Rude words.")
    report = services.report_comment(by=participant, comment=reply, reason="Rude.")
    assert report.comment_id == reply.pk
    hidden = services.hide_comment(by=secretariat, comment=reply, reason="Rude.")
    assert hidden.is_hidden
    assert not Comment.objects.visible_to(participant).filter(pk=reply.pk).exists()
    assert Comment.objects.visible_to(participant).filter(pk=comment.pk).exists()


# -- the pages ------------------------------------------------------------------------------


def test_the_document_page_shows_replies_under_their_comment(client, thread, forum_member):
    consultation, comment = thread
    services.reply_to_comment(by=forum_member, comment=comment, text="A reply below.")
    client.force_login(forum_member)
    body = client.get(consultation.get_absolute_url()).content.decode()
    start = body.index(f'id="comment-{comment.pk}"')
    replies = body.index('class="govuk-list og-replies', start)
    assert start < replies < body.index("A reply below.", replies)
    assert "1 comment on paragraph 2, 1 reply" in body
    assert f'href="{reply_url(comment)}"' in body
    assert body.count("<h1") == 1


def test_the_reply_form_publishes_a_reply_and_shows_it_in_its_thread(client, thread, forum_member):
    _consultation, comment = thread
    client.force_login(forum_member)
    page = client.get(reply_url(comment)).content.decode()
    assert "Reply to the comment by" in page and "Your reply" in page
    assert "Name the ministers." in page and page.count("<h1") == 1
    token = str(uuid.uuid4())
    response = client.post(
        reply_url(comment), {"text": "Through the form.", "submission_token": token}
    )
    reply = Comment.objects.get(parent=comment)
    assert response.status_code == 302
    assert response.url == f"{thread_page(comment)}?page=1#comment-{reply.pk}"
    again = client.post(
        reply_url(comment), {"text": "Through the form.", "submission_token": token}
    )
    assert again.status_code == 302 and Comment.objects.filter(parent=comment).count() == 1
    body = client.get(thread_page(comment)).content.decode()
    assert "Through the form." in body and f'id="comment-{reply.pk}"' in body
    empty = client.post(reply_url(comment), {"text": "", "submission_token": str(uuid.uuid4())})
    assert empty.status_code == 200 and "Enter your reply" in empty.content.decode()


def test_the_reply_form_needs_a_signed_in_person(client, thread):
    _consultation, comment = thread
    response = client.get(reply_url(comment))
    assert response.status_code == 302 and "sign-in" in response.url
    assert client.post(reply_url(comment), {"text": "x"}).status_code == 302
    assert not Comment.objects.filter(parent=comment).exists()


def test_after_the_deadline_the_threads_are_read_only(client, thread, forum_member, secretariat):
    consultation, comment = thread
    services.reply_to_comment(by=forum_member, comment=comment, text="Before the deadline.")
    close(consultation)
    client.force_login(forum_member)
    for url in (consultation.get_absolute_url(), thread_page(comment)):
        body = client.get(url).content.decode()
        assert "Before the deadline." in body and reply_url(comment) not in body
    assert client.get(reply_url(comment)).status_code == 403
    response = client.post(
        reply_url(comment), {"text": "Late.", "submission_token": str(uuid.uuid4())}
    )
    assert response.status_code == 403
    assert Comment.objects.filter(parent=comment).count() == 1


def test_a_hidden_comment_has_no_reply_link_and_its_replies_stay(
    client, thread, forum_member, secretariat
):
    _consultation, comment = thread
    services.reply_to_comment(by=forum_member, comment=comment, text="Still readable.")
    services.hide_comment(by=secretariat, comment=comment, reason="Off topic.")
    client.force_login(forum_member)
    body = client.get(thread_page(comment)).content.decode()
    assert "Name the ministers." not in body and "Off topic." in body
    assert "Still readable." in body and reply_url(comment) not in body
    reply = Comment.objects.get(parent=comment)
    assert reply_url(reply) not in body
    assert client.get(reply_url(reply)).status_code == 403
    # Its text is for moderators alone: the reply form is not found for anyone else.
    assert client.get(reply_url(comment)).status_code == 404


def test_the_paragraphs_comments_are_paginated_by_thread(client, settings, thread, forum_member):
    settings.OPENGOV_LIST_PAGE_SIZE = 2
    consultation, comment = thread
    paragraph = paragraphs(consultation)[1]
    later = [comment_on(paragraph, forum_member, text=f"Thread {i}") for i in (2, 3)]
    reply = services.reply_to_comment(by=forum_member, comment=later[1], text="Reply on page 2")
    first = client.get(thread_page(comment)).content.decode()
    assert "Name the ministers." in first and "Thread 2" in first
    assert "Thread 3" not in first and "Reply on page 2" not in first
    second = client.get(thread_page(comment), {"page": 2}).content.decode()
    assert "Thread 3" in second and "Reply on page 2" in second
    assert reply.thread_url().endswith(f"?page=2#comment-{reply.pk}")


def test_the_document_page_shows_the_first_threads_and_links_to_all(client, thread, forum_member):
    consultation, _comment = thread
    paragraph = paragraphs(consultation)[1]
    for i in range(6):
        comment_on(paragraph, forum_member, text=f"Thread number {i}")
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Thread number 3" in body and "Thread number 4" not in body
    assert "See all 7 comments on paragraph 2" in body


def test_the_paragraph_page_of_a_draft_is_not_found(client, participant):
    draft = make_consultation(published=False)
    url = reverse("consultations:paragraph-comments", args=[paragraphs(draft)[0].pk])
    assert client.get(url).status_code == 404
    client.force_login(participant)
    assert client.get(url).status_code == 404


def _many_threads(consultation, count: int) -> None:
    """`count` comments on the second paragraph, every other one with two replies."""
    authors = [UserFactory() for _ in range(3)]
    paragraph = paragraphs(consultation)[1]
    parents = Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            paragraph=paragraph,
            paragraph_key=paragraph.key,
            author=authors[i % 3],
            text=f"Comment {i}",
        )
        for i in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            paragraph=paragraph,
            paragraph_key=paragraph.key,
            parent=parent,
            author=authors[(i + 1) % 3],
            text=f"Reply {i}",
        )
        for parent in parents[::2]
        for i in range(2)
    )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "participant", "secretariat"])
def test_threads_cost_the_same_with_10_or_100_comments(client, settings, role, user_for_role):
    settings.OPENGOV_LIST_PAGE_SIZE = 200
    consultation = make_consultation()
    if role != "anonymous":
        client.force_login(user_for_role(role))
    urls = [
        consultation.get_absolute_url(),
        reverse("consultations:paragraph-comments", args=[paragraphs(consultation)[1].pk]),
    ]
    _many_threads(consultation, 10)
    small = [_queries(client, url) for url in urls]
    _many_threads(consultation, 90)
    assert [_queries(client, url) for url in urls] == small
    body = client.get(urls[1]).content.decode()
    assert "Comment 89" in body and body.count("Reply 1") == 50


# -- API, dataset, data download ------------------------------------------------------------


def test_the_api_lists_parents_and_takes_replies(client, thread, forum_member):
    consultation, comment = thread
    url = f"/api/v1/consultations/{consultation.pk}/comments"
    headers = {**bearer(forum_member), "HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    body = {"parent": comment.pk, "text": "Through the API."}
    first = client.post(url, body, content_type="application/json", **headers)
    assert first.status_code == 201, first.content
    assert first.json()["parent"] == comment.pk
    assert first.json()["paragraph_id"] == comment.paragraph_id
    again = client.post(url, body, content_type="application/json", **headers)
    assert again.json()["id"] == first.json()["id"]
    assert len(mail.outbox) == 1
    listed = client.get(url).json()["items"]
    assert [(c["id"], c["parent"]) for c in listed] == [
        (comment.pk, None),
        (first.json()["id"], comment.pk),
    ]


def test_the_api_refuses_a_bad_parent(client, thread, forum_member):
    consultation, comment = thread
    other = comment_on(paragraphs(make_consultation())[0], forum_member)
    url = f"/api/v1/consultations/{consultation.pk}/comments"
    auth = bearer(forum_member)
    for body in (
        {"parent": other.pk, "text": "Elsewhere."},
        {"parent": comment.pk, "paragraph": 2, "text": "Both."},
        {"text": "Neither."},
    ):
        response = client.post(url, body, content_type="application/json", **auth)
        assert response.status_code == 400, body
    close(consultation)
    late = client.post(
        url, {"parent": comment.pk, "text": "Late."}, content_type="application/json", **auth
    )
    assert late.status_code == 403
    assert not Comment.objects.filter(parent__isnull=False).exists()


def test_the_openapi_schema_describes_parent(client, db):
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "parent" in schema["ConsultationCommentOut"]["properties"]
    assert "parent" in schema["ConsultationCommentIn"]["properties"]


def test_the_comments_dataset_has_parent_id(client, thread, forum_member):
    _consultation, comment = thread
    reply = services.reply_to_comment(by=forum_member, comment=comment, text="In the data.")
    rows = list(csv.DictReader(io.StringIO(content(client.get("/data/consultation-comments.csv")))))
    by_id = {row["id"]: row for row in rows}
    assert by_id[str(comment.pk)]["parent_id"] == ""
    assert by_id[str(reply.pk)]["parent_id"] == str(comment.pk)


def test_your_data_lists_replies(thread, forum_member):
    _consultation, comment = thread
    reply = services.reply_to_comment(by=forum_member, comment=comment, text="Mine.")
    rows = list(privacy.comments_written(forum_member))
    assert [(r["text"], r["reply_to"]) for r in rows] == [("Mine.", comment.pk)]
    assert reply.pk
