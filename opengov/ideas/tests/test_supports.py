"""Supports given and withdrawn: the service (counts, merged ideas, the audit event, the window,
refusals that change nothing), the idea page both ways, and the API's POST and DELETE."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opengov.accounts.tests.factories import UserFactory
from opengov.accounts.tokens import create_api_token
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.ideas import services
from opengov.ideas.choices import Decision, IdeaStatus
from opengov.ideas.models import Idea, Support

from .factories import IdeaFactory

pytestmark = pytest.mark.django_db


def counts(idea: Idea) -> tuple[int, int]:
    idea.refresh_from_db()
    return idea.supports_count, idea.combined_supports_count


def auth(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# The service ----------------------------------------------------------------------------------


def test_withdraw_support_removes_it_recounts_and_records_the_event(
    participant, civil_society_member
):
    idea = IdeaFactory()
    services.support_idea(by=participant, idea=idea)
    services.support_idea(by=civil_society_member, idea=idea)
    assert counts(idea) == (2, 2)
    services.withdraw_support(by=participant, idea=idea)
    assert counts(idea) == (1, 1)
    assert list(Support.objects.values_list("user_id", flat=True)) == [civil_society_member.pk]
    event = AuditEvent.objects.get(verb="ideas.idea.support_withdrawn")
    assert event.actor_id == participant.pk and event.object_id == str(idea.pk)
    assert event.is_public
    # Support again after withdrawing: allowed while the idea is open.
    services.support_idea(by=participant, idea=idea)
    assert counts(idea) == (2, 2)


def test_withdrawing_a_support_you_do_not_give_changes_nothing(participant, civil_society_member):
    idea = IdeaFactory()
    services.support_idea(by=civil_society_member, idea=idea)
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="no support to withdraw"):
        services.withdraw_support(by=participant, idea=idea)
    assert counts(idea) == (1, 1) and Support.objects.count() == 1
    assert AuditEvent.objects.count() == before


def test_withdrawing_keeps_the_absorbing_ideas_combined_count_true(
    government_contact, participant, civil_society_member
):
    absorbing = IdeaFactory()
    merged = IdeaFactory(call=absorbing.call)
    services.support_idea(by=participant, idea=absorbing)
    services.support_idea(by=participant, idea=merged)
    services.support_idea(by=civil_society_member, idea=merged)
    services.answer_idea(
        by=government_contact, idea=merged, decision=Decision.MERGED, reason="Same.",
        merged_into=absorbing,
    )  # fmt: skip
    assert counts(absorbing) == (1, 2)
    # The participant still supports the merged idea: withdrawing from the absorbing one leaves
    # them counted once in its combined count.
    services.withdraw_support(by=participant, idea=absorbing)
    assert counts(absorbing) == (0, 2)
    services.support_idea(by=civil_society_member, idea=absorbing)
    assert counts(absorbing) == (1, 2)
    services.withdraw_support(by=civil_society_member, idea=absorbing)
    assert counts(absorbing) == (0, 2)


def test_support_cannot_be_withdrawn_once_the_idea_is_answered(government_contact, participant):
    idea = IdeaFactory()
    services.support_idea(by=participant, idea=idea)
    services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason="Yes")
    with pytest.raises(PermissionDeniedError):
        services.withdraw_support(by=participant, idea=idea)
    assert counts(idea) == (1, 1) and Support.objects.count() == 1


def test_anonymous_cannot_withdraw_and_an_unpublished_idea_has_no_supports(anonymous, participant):
    with pytest.raises(PermissionDeniedError):
        services.withdraw_support(by=anonymous, idea=IdeaFactory())
    with pytest.raises(PermissionDeniedError):
        services.withdraw_support(by=participant, idea=IdeaFactory(status=IdeaStatus.SUBMITTED))


# The idea page --------------------------------------------------------------------------------


def test_a_supporter_sees_withdraw_instead_of_support_and_withdraws_without_javascript(
    client, participant
):
    idea = IdeaFactory()
    client.force_login(participant)
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "Support this idea" in body and "Withdraw your support" not in body
    services.support_idea(by=participant, idea=idea)
    body = client.get(idea.get_absolute_url()).content.decode()
    withdraw = reverse("ideas:idea-support-withdraw", kwargs={"pk": idea.pk})
    assert f'action="{withdraw}"' in body and "csrfmiddlewaretoken" in body
    assert "Withdraw your support" in body and "Support this idea</button>" not in body
    response = client.post(withdraw, follow=True)
    assert response.redirect_chain[-1][0] == idea.get_absolute_url() + "#supports"
    body = response.content.decode()
    assert "You no longer support this idea" in body and "govuk-notification-banner" in body
    assert "Support this idea" in body and counts(idea) == (0, 0)


def test_withdrawing_twice_on_the_page_is_refused_on_the_form(client, participant):
    idea = IdeaFactory()
    client.force_login(participant)
    url = reverse("ideas:idea-support-withdraw", kwargs={"pk": idea.pk})
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 200
    assert "no support to withdraw" in response.content.decode()


def test_no_withdraw_button_on_an_answered_idea(client, participant, government_contact):
    idea = IdeaFactory()
    services.support_idea(by=participant, idea=idea)
    services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason="Yes")
    client.force_login(participant)
    body = client.get(idea.get_absolute_url()).content.decode()
    assert "You support this idea." in body and "Withdraw your support" not in body
    url = reverse("ideas:idea-support-withdraw", kwargs={"pk": idea.pk})
    assert client.post(url).status_code == 403
    assert counts(idea) == (1, 1)


def test_withdrawing_needs_signing_in(client):
    idea = IdeaFactory()
    response = client.post(reverse("ideas:idea-support-withdraw", kwargs={"pk": idea.pk}))
    assert response.status_code == 302 and "sign-in" in response["Location"]


# The API --------------------------------------------------------------------------------------


def test_api_support_is_201_then_200_with_one_row(client, participant):
    idea, headers = IdeaFactory(), auth(participant)
    url = f"/api/v1/ideas/{idea.pk}/support"
    first = client.post(url, **headers)
    assert first.status_code == 201
    assert first.json() == {
        "idea_id": idea.pk, "supports": 1, "combined_supports": 1, "supported_by_you": True,
    }  # fmt: skip
    again = client.post(url, **headers)
    assert again.status_code == 200 and again.json()["supports"] == 1
    assert Support.objects.filter(idea=idea).count() == 1


def test_api_withdraw_is_idempotent_200_with_the_counts(client, participant, civil_society_member):
    idea, headers = IdeaFactory(), auth(participant)
    services.support_idea(by=civil_society_member, idea=idea)
    url = f"/api/v1/ideas/{idea.pk}/support"
    client.post(url, **headers)
    response = client.delete(url, **headers)
    assert response.status_code == 200
    assert response.json()["supports"] == 1 and response.json()["supported_by_you"] is False
    again = client.delete(url, **headers)
    assert again.status_code == 200 and again.json() == response.json()
    assert AuditEvent.objects.filter(verb="ideas.idea.support_withdrawn").count() == 1
    assert Support.objects.filter(idea=idea).count() == 1


def test_withdraw_support_missing_ok_writes_nothing(participant):
    idea = IdeaFactory()
    before = AuditEvent.objects.count()
    assert services.withdraw_support(by=participant, idea=idea, missing_ok=True) is False
    assert AuditEvent.objects.count() == before and counts(idea) == (0, 0)


def test_api_support_writes_need_a_token_and_follow_the_pages_rules(
    client, participant, government_contact
):
    idea = IdeaFactory()
    url = f"/api/v1/ideas/{idea.pk}/support"
    assert client.post(url).status_code == 401
    assert client.delete(url).status_code == 401
    waiting = IdeaFactory(status=IdeaStatus.SUBMITTED, submitted_by=UserFactory())
    assert (
        client.post(f"/api/v1/ideas/{waiting.pk}/support", **auth(participant)).status_code == 404
    )
    services.answer_idea(by=government_contact, idea=idea, decision="accepted", reason="Yes")
    assert client.post(url, **auth(participant)).status_code == 403
    assert Support.objects.count() == 0


def test_api_support_operations_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operations = paths["/api/v1/ideas/{idea_id}/support"]
    assert set(operations) == {"post", "delete"}
    assert {"200", "201"} <= set(operations["post"]["responses"])
