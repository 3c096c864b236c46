"""The pages of consultations through the Django test client: who sees what, the forms, the
redirects, and a number of queries that does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from opengov.accounts.tests.factories import UserFactory
from opengov.consultations import services
from opengov.consultations.models import Answer, Comment, Consultation
from opengov.consultations.tests.factories import (
    DOCUMENT,
    close,
    comment_on,
    make_consultation,
    paragraphs,
)
from opengov.core.actors import SYSTEM

pytestmark = pytest.mark.django_db
LIST = reverse("consultations:consultation-list")


def count_queries(client, url: str, **params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_list_shows_published_consultations_and_drafts_to_managers(client, government_contact):
    published = make_consultation(title="Open one")
    draft = make_consultation(title="Draft one", published=False)
    body = client.get(LIST).content.decode()
    assert published.title in body and draft.title not in body
    client.force_login(government_contact)
    body = client.get(LIST).content.decode()
    assert draft.title in body and "Start a consultation" in body


def test_the_list_filters_by_status(client):
    make_consultation(title="Still open")
    close(make_consultation(title="Already closed"))
    body = client.get(LIST, {"status": "closed"}).content.decode()
    assert "Already closed" in body and "Still open" not in body


def test_a_draft_is_not_found_for_the_public(client, participant):
    draft = make_consultation(published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(participant)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_document_page_shows_paragraphs_and_comment_forms_while_open(client, participant):
    consultation = make_consultation()
    comment_on(paragraphs(consultation)[1], participant, text="Name the ministers.")
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Draft declaration" in body and "Name the ministers." in body
    assert "Sign in to comment" in body and 'name="submission_token"' not in body
    client.force_login(participant)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert body.count('name="submission_token"') == len(paragraphs(consultation))
    assert "Comments are open until" in body


def test_after_the_deadline_the_forms_are_gone_and_the_page_says_so(client, participant):
    consultation = close(make_consultation())
    client.force_login(participant)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Comments are closed" in body and 'name="submission_token"' not in body
    paragraph = paragraphs(consultation)[0]
    url = reverse("consultations:comment-create", args=[paragraph.pk])
    assert client.post(url, {"text": "Late"}).status_code == 403
    assert not Comment.objects.exists()


def test_a_participant_comments_and_is_sent_back_to_the_comment(client, participant):
    consultation = make_consultation()
    paragraph = paragraphs(consultation)[2]
    client.force_login(participant)
    url = reverse("consultations:comment-create", args=[paragraph.pk])
    response = client.post(
        url, {"text": "Say when.", "submission_token": "9b7f4b0e-2a7c-4d8e-9a0b-1c2d3e4f5a6b"}
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response.url == f"{consultation.get_absolute_url()}#comment-{comment.pk}"
    again = client.post(
        url, {"text": "Say when.", "submission_token": "9b7f4b0e-2a7c-4d8e-9a0b-1c2d3e4f5a6b"}
    )
    assert again.status_code == 302 and Comment.objects.count() == 1


def test_an_empty_comment_is_shown_again_with_an_error(client, participant):
    paragraph = paragraphs(make_consultation())[0]
    client.force_login(participant)
    response = client.post(
        reverse("consultations:comment-create", args=[paragraph.pk]), {"text": ""}
    )
    assert response.status_code == 200
    assert "Enter your comment" in response.content.decode()


def test_anonymous_visitors_are_asked_to_sign_in_to_comment(client):
    paragraph = paragraphs(make_consultation())[0]
    response = client.post(
        reverse("consultations:comment-create", args=[paragraph.pk]), {"text": "x"}
    )
    assert response.status_code == 302 and "sign-in" in response.url


def test_the_owner_answers_on_the_page(client, lead, lead_organisation, participant):
    consultation = make_consultation(owner=lead_organisation)
    comment = comment_on(paragraphs(consultation)[0], participant)
    close(consultation)
    client.force_login(lead)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert reverse("consultations:comment-answer", args=[comment.pk]) in body
    response = client.post(
        reverse("consultations:comment-answer", args=[comment.pk]), {"text": "Thank you: done."}
    )
    assert response.status_code == 302
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Thank you: done." in body and "Answer from Cabinet Office" in body


def test_others_cannot_open_the_answer_page(client, participant, civil_society_member):
    comment = comment_on(paragraphs(make_consultation())[0], participant)
    client.force_login(civil_society_member)
    assert client.get(reverse("consultations:comment-answer", args=[comment.pk])).status_code == 403


def test_a_hidden_comment_shows_its_reason_not_its_text(client, participant, secretariat):
    consultation = make_consultation()
    comment = comment_on(paragraphs(consultation)[0], participant, text="Rude words here")
    client.force_login(secretariat)
    response = client.post(
        reverse("consultations:comment-hide", args=[comment.pk]), {"reason": "It was abusive."}
    )
    assert response.status_code == 302
    assert "Rude words here" in client.get(consultation.get_absolute_url()).content.decode()
    client.force_login(participant)
    body = client.get(consultation.get_absolute_url()).content.decode()
    assert "Rude words here" not in body and "It was abusive." in body


def test_report_a_comment(client, participant, civil_society_member):
    comment = comment_on(paragraphs(make_consultation())[0], participant)
    client.force_login(civil_society_member)
    url = reverse("consultations:comment-report", args=[comment.pk])
    assert client.post(url, {"reason": "Off topic."}).status_code == 302
    assert comment.reports.count() == 1


def test_a_manager_creates_edits_and_publishes(client, government_contact, lead_organisation):
    client.force_login(government_contact)
    response = client.post(
        reverse("consultations:consultation-create"),
        {
            "title": "Draft NAP4",
            "owner_organisation": lead_organisation.pk,
            "closes_on_day": "1",
            "closes_on_month": "1",
            "closes_on_year": "2099",
            "closes_time": "17:00",
            "text": "One.\n\nTwo.",
        },
    )
    consultation = Consultation.objects.get()
    assert response.status_code == 302 and response.url == consultation.get_absolute_url()
    edit = client.get(reverse("consultations:consultation-edit", args=[consultation.pk]))
    assert edit.status_code == 200 and "Two." in edit.content.decode()
    response = client.post(
        reverse("consultations:consultation-publish", args=[consultation.pk]),
        {"version": consultation.version},
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.is_open


def test_a_revised_version_and_its_changes_page(client, secretariat):
    consultation = make_consultation()
    client.force_login(secretariat)
    url = reverse("consultations:version-create", args=[consultation.pk])
    assert "commit to open government" in client.get(url).content.decode()
    revised = DOCUMENT.replace("open government", "open and accountable government")
    response = client.post(
        url, {"text": revised, "change_note": "Accountable.", "version": consultation.version}
    )
    assert response.status_code == 302
    changes = client.get(response.url).content.decode()
    assert '<ins><span class="govuk-visually-hidden">added: </span>and accountable ' in changes
    assert "Paragraph changed" in changes
    versions = client.get(reverse("consultations:version-list", args=[consultation.pk]))
    assert "Accountable." in versions.content.decode()
    first = client.get(reverse("consultations:version-detail", args=[consultation.pk, 1]))
    assert "This is an earlier version" in first.content.decode()


def test_changes_page_refuses_an_unknown_earlier_version(client):
    consultation = make_consultation()
    url = reverse("consultations:version-changes", args=[consultation.pk, 1])
    assert client.get(url).status_code == 200
    assert client.get(url, {"from": "7"}).status_code == 404
    assert (
        client.get(reverse("consultations:version-changes", args=[consultation.pk, 9])).status_code
        == 404
    )


def _many_comments(consultation, count):
    authors = [UserFactory() for _ in range(3)]
    rows = paragraphs(consultation)
    comments = Comment.objects.bulk_create(
        Comment(
            consultation=consultation,
            paragraph=rows[i % len(rows)],
            paragraph_key=rows[i % len(rows)].key,
            author=authors[i % 3],
            text=f"Comment {i}",
        )
        for i in range(count)
    )
    Answer.objects.bulk_create(
        Answer(
            consultation=consultation,
            comment=c,
            paragraph=c.paragraph,
            paragraph_key=c.paragraph_key,
            text="Answered.",
            answered_by=authors[0],
            organisation=consultation.owner_organisation,
        )
        for c in comments[::2]
    )


@pytest.mark.parametrize("role", ["anonymous", "participant", "secretariat"])
def test_the_document_page_costs_the_same_with_10_or_100_comments(client, role, user_for_role):
    consultation = make_consultation()
    if role != "anonymous":
        client.force_login(user_for_role(role))
    _many_comments(consultation, 10)
    small = count_queries(client, consultation.get_absolute_url())
    _many_comments(consultation, 90)
    services.answer_paragraph(by=SYSTEM, paragraph=paragraphs(consultation)[0], text="All.")
    assert count_queries(client, consultation.get_absolute_url()) == small


def test_the_list_costs_the_same_with_10_or_100_consultations(client, settings):
    settings.OPENGOV_LIST_PAGE_SIZE = 200
    for _ in range(10):
        make_consultation(text="One.")
    small = count_queries(client, LIST)
    for _ in range(90):
        make_consultation(text="One.")
    assert count_queries(client, LIST) == small


def test_the_version_pages_cost_the_same_with_more_paragraphs(client, secretariat):
    consultation = make_consultation()
    services.publish_version(
        by=secretariat, consultation=consultation, text=DOCUMENT + "\n\nMore.", change_note="x"
    )
    urls = [
        reverse("consultations:version-changes", args=[consultation.pk, 2]),
        reverse("consultations:version-detail", args=[consultation.pk, 2]),
        reverse("consultations:version-list", args=[consultation.pk]),
    ]
    small = [count_queries(client, url) for url in urls]
    longer = DOCUMENT + "".join(f"\n\nParagraph {i}." for i in range(100))
    services.publish_version(
        by=secretariat, consultation=consultation, text=longer, change_note="y"
    )
    services.publish_version(
        by=secretariat, consultation=consultation, text=longer + "\n\nEnd.", change_note="z"
    )
    urls[:2] = [u.replace("/2/", "/4/") for u in urls[:2]]
    assert [count_queries(client, url) for url in urls] == small
