"""Refusing an idea at moderation: the service (reason required, the author e-mailed, a private
audit event, refusals that change nothing), the idea never public (pages, API, datasets) yet
shown to its author with the reason, and the reports counting refusals by reason, without text."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from opengov.accounts.tests.factories import UserFactory
from opengov.accounts.tokens import create_api_token
from opengov.api.data import csv_lines
from opengov.api.datasets import DATASETS
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.ideas import reports, services
from opengov.ideas.choices import IdeaStatus, RefusalReason
from opengov.ideas.models import Idea

from .factories import CallFactory, IdeaFactory

pytestmark = pytest.mark.django_db
SECRET = "Call Mr Smith on 0123 456 789"


def waiting(**kwargs) -> Idea:
    sender = kwargs.pop("submitted_by", None) or UserFactory()
    return IdeaFactory(
        status=IdeaStatus.SUBMITTED, published_at=None, submitted_by=sender, text=SECRET, **kwargs
    )


def refuse(by, idea, reason=RefusalReason.PERSONAL_DATA, explanation="It names a person."):
    return services.refuse_idea(by=by, idea=idea, reason=reason, explanation=explanation)


# The service ----------------------------------------------------------------------------------


def test_refuse_idea_records_the_reason_tells_the_author_and_keeps_the_event_private(secretariat):
    idea = waiting(title="Private idea", submitted_by=UserFactory(email="sender@example.org"))
    refused = refuse(secretariat, idea)
    refused.refresh_from_db()
    assert refused.status == IdeaStatus.REFUSED and refused.published_at is None
    assert refused.refusal_reason == RefusalReason.PERSONAL_DATA
    assert refused.refusal_explanation == "It names a person." and refused.refused_at
    assert refused.version == idea.version + 1
    event = AuditEvent.objects.get(verb="ideas.idea.refused")
    assert not event.is_public and event.changes["reason"] == [None, "personal_data"]
    assert SECRET not in str(event.changes)
    [message] = mail.outbox
    assert message.to == ["sender@example.org"]
    assert "Private idea" in message.body and "It names a person." in message.body
    assert str(RefusalReason.PERSONAL_DATA.label) in message.body


@pytest.mark.parametrize(
    ("reason", "explanation", "field"),
    [("", "Why", "reason"), ("rude", "Why", "reason"), ("abusive", "  ", "explanation")],
)
def test_refuse_idea_needs_a_reason_and_an_explanation(secretariat, reason, explanation, field):
    idea = waiting()
    with pytest.raises(DomainError) as error:
        refuse(secretariat, idea, reason=reason, explanation=explanation)
    assert error.value.field == field
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SUBMITTED and not idea.refusal_reason
    assert not AuditEvent.objects.filter(verb="ideas.idea.refused").exists()
    assert mail.outbox == []


def test_only_moderators_refuse_and_only_an_idea_awaiting_moderation(
    participant, government_contact, secretariat
):
    idea = waiting()
    for user in (participant, government_contact, idea.submitted_by):
        with pytest.raises(PermissionDeniedError):
            refuse(user, idea)
    with pytest.raises(PermissionDeniedError):
        refuse(secretariat, IdeaFactory())  # published already
    refuse(secretariat, idea)
    idea.refresh_from_db()
    with pytest.raises(PermissionDeniedError):
        refuse(secretariat, idea)
    stale = Idea.objects.get(pk=waiting().pk)
    services.moderate_idea(by=secretariat, idea=stale, status=IdeaStatus.PUBLISHED)
    with pytest.raises(DomainError):
        refuse(secretariat, stale)  # loaded before it was published
    assert Idea.objects.get(pk=stale.pk).status == IdeaStatus.PUBLISHED


def test_a_refused_idea_cannot_be_published_afterwards(secretariat):
    idea = refuse(secretariat, waiting())
    with pytest.raises(DomainError, match="not published at moderation"):
        services.moderate_idea(by=secretariat, idea=idea, status=IdeaStatus.PUBLISHED)
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.REFUSED


# Never public, but its author sees it ---------------------------------------------------------


def test_a_refused_idea_is_on_no_public_page_api_or_dataset(client, secretariat, participant):
    call = CallFactory(title="Ideas")
    IdeaFactory(call=call, title="Shown idea")
    idea = refuse(secretariat, waiting(call=call, title="Refused idea"))
    assert "Refused idea" not in client.get(call.get_absolute_url()).content.decode()
    assert client.get(idea.get_absolute_url()).status_code == 404
    client.force_login(participant)
    assert client.get(idea.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/ideas/{idea.pk}").status_code == 404
    listed = client.get("/api/v1/ideas", {"status": "refused"}).json()["items"]
    assert listed == []
    assert [i["title"] for i in DATASETS["ideas"].rows()] == ["Shown idea"]
    assert "Refused idea" not in "".join(csv_lines(DATASETS["ideas"]))
    report = client.get(reverse("ideas:call-report", kwargs={"pk": call.pk})).content.decode()
    assert "Refused idea" not in report and SECRET not in report
    csv_body = b"".join(
        client.get(reverse("ideas:call-report-csv", kwargs={"pk": call.pk})).streaming_content
    ).decode()
    assert "Refused idea" not in csv_body


def test_the_author_sees_their_refused_idea_with_the_reason(client, secretariat):
    idea = refuse(secretariat, waiting(title="My idea"), RefusalReason.OFF_TOPIC, "Not housing.")
    client.force_login(idea.submitted_by)
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "My idea" in body and "Not published at moderation" in body
    assert str(RefusalReason.OFF_TOPIC.label) in body and "Not housing." in body
    assert "Support this idea" not in body and "Reasoned response" not in body
    _token, raw = create_api_token(by=idea.submitted_by, name="t")
    data = client.get(f"/api/v1/ideas/{idea.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}").json()
    assert data["status"]["key"] == "refused"
    assert data["refusal"]["reason"]["key"] == "off_topic"
    assert data["refusal"]["explanation"] == "Not housing."


def test_a_published_idea_has_no_refusal_in_the_api(client):
    idea = IdeaFactory()
    assert client.get(f"/api/v1/ideas/{idea.pk}").json()["refusal"] is None


# The pages of moderation ----------------------------------------------------------------------


def test_a_moderator_refuses_an_idea_through_the_form(client, secretariat):
    idea = waiting(title="Off topic")
    client.force_login(secretariat)
    queue = reverse("ideas:call-moderation", kwargs={"pk": idea.call_id})
    url = reverse("ideas:idea-refuse", kwargs={"pk": idea.pk})
    assert url in client.get(queue).content.decode()
    assert url in client.get(idea.get_absolute_url()).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and SECRET in page.content.decode()
    empty = client.post(url, {"version": idea.version})
    assert (
        empty.status_code == 200
        and "Choose why the idea is not published" in empty.content.decode()
    )
    response = client.post(
        url, {"reason": "off_topic", "explanation": "About another call.", "version": idea.version}
    )
    assert response.status_code == 302 and response["Location"] == queue
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.REFUSED and len(mail.outbox) == 1
    body = client.get(queue).content.decode()
    assert "Off topic" not in body
    detail = client.get(idea.get_absolute_url()).content.decode()
    assert url not in detail and "Move to another stage" not in detail


def test_a_stale_refusal_form_is_refused(client, secretariat):
    idea = waiting()
    client.force_login(secretariat)
    url = reverse("ideas:idea-refuse", kwargs={"pk": idea.pk})
    data = {"reason": "abusive", "explanation": "Insults.", "version": idea.version}
    Idea.objects.filter(pk=idea.pk).update(version=idea.version + 1)
    assert client.post(url, data).status_code == 200
    assert Idea.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED


@pytest.mark.parametrize("rows", [10, 100])
def test_moderation_queue_query_count_is_constant(
    client, secretariat, django_assert_num_queries, rows
):
    call = CallFactory()
    for _ in range(rows):
        waiting(call=call)
    client.force_login(secretariat)
    url = reverse("ideas:call-moderation", kwargs={"pk": call.pk})
    client.get(url)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


# The reports ----------------------------------------------------------------------------------


def test_the_answer_rate_counts_refusals_by_reason_apart_from_published_ideas(secretariat):
    call = CallFactory()
    IdeaFactory(call=call)
    for reason in ("duplicate", "abusive", "duplicate"):
        refuse(secretariat, waiting(call=call), reason)
    waiting(call=call)  # still awaiting moderation: counted nowhere
    rate = reports.answer_rate(call)
    assert rate.ideas == 1 and rate.refused == 3
    assert rate.refused_reasons == [
        ("abusive", str(RefusalReason.ABUSIVE.label), 1),
        ("duplicate", str(RefusalReason.DUPLICATE.label), 2),
    ]


def test_the_report_pages_and_api_say_how_many_were_not_published_without_their_text(
    client, secretariat
):
    call = CallFactory()
    IdeaFactory(call=call)
    refuse(secretariat, waiting(call=call, title="Gone idea"), "abusive", "Insults someone.")
    for url in (
        reverse("ideas:call-report", kwargs={"pk": call.pk}),
        call.get_absolute_url(),
    ):
        body = client.get(url).content.decode()
        assert "not published at moderation" in body.lower()
        assert str(RefusalReason.ABUSIVE.label) + ": 1" in body
        assert "Gone idea" not in body and "Insults someone." not in body and SECRET not in body
    rate = client.get(f"/api/v1/calls/{call.pk}").json()["answer_rate"]
    assert rate["ideas"] == 1 and rate["not_published_at_moderation"] == 1
    assert rate["not_published_reasons"] == [
        {"reason": {"key": "abusive", "label": str(RefusalReason.ABUSIVE.label)}, "ideas": 1}
    ]
    pdf = client.get(reverse("ideas:call-report-pdf", kwargs={"pk": call.pk}))
    assert pdf.status_code == 200


@pytest.mark.parametrize("rows", [10, 100])
def test_report_page_query_count_is_constant_with_refused_ideas(
    client, secretariat, django_assert_num_queries, rows
):
    call = CallFactory()
    for i in range(rows):
        IdeaFactory(call=call)
        if i % 5 == 0:
            Idea.objects.filter(pk=waiting(call=call).pk).update(
                status=IdeaStatus.REFUSED, refusal_reason="duplicate", refusal_explanation="Same"
            )
    url = reverse("ideas:call-report", kwargs={"pk": call.pk})
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
