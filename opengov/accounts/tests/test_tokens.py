"""Personal API tokens: the services (shown once, stored hashed, revoked only by their owner or
an administrator, audited privately) and the signed-in page that manages them."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import include, path, reverse

from config import urls as site_urls
from opengov.accounts.models import ApiToken, TokenScope
from opengov.accounts.tokens import create_api_token, revoke_api_token
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent

# The page's URLs as the site mounts them, at accounts/tokens/ (added here until the site does).
_MOUNTED = any(getattr(p, "namespace", None) == "tokens" for p in site_urls.urlpatterns)
urlpatterns = [*site_urls.urlpatterns]
if not _MOUNTED:
    urlpatterns.append(path("accounts/tokens/", include("opengov.accounts.token_urls")))
page_test = pytest.mark.urls(__name__)


def test_create_api_token_returns_raw_value_once_and_stores_its_hash(participant):
    token, raw = create_api_token(by=participant, name="  Import   script ")
    assert raw.startswith("og_") and len(raw) > 40
    assert token.name == "Import script"
    assert token.prefix == raw[:10]
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert raw not in [str(value) for value in stored.values()]


def test_create_api_token_records_private_audit_event(participant):
    token, raw = create_api_token(by=participant, name="Script")
    event = AuditEvent.objects.get(verb="accounts.apitoken.created")
    assert event.is_public is False
    assert event.object_id == str(token.pk)
    assert event.actor_id == participant.pk
    assert raw not in str(event.changes) and token.token_hash not in str(event.changes)


def test_each_token_is_different(participant):
    _first, one = create_api_token(by=participant, name="One")
    _second, two = create_api_token(by=participant, name="Two")
    assert one != two


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_create_api_token_refuses_bad_name(participant, name):
    with pytest.raises(DomainError) as error:
        create_api_token(by=participant, name=name)
    assert error.value.field == "name"
    assert not ApiToken.objects.exists()


def test_anonymous_cannot_create_api_token(anonymous, db):
    with pytest.raises(PermissionDeniedError):
        create_api_token(by=anonymous, name="Script")


def test_revoke_api_token_revokes_own_token(participant):
    token, _raw = create_api_token(by=participant, name="Script")
    revoke_api_token(by=participant, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert not ApiToken.objects.active().filter(pk=token.pk).exists()
    event = AuditEvent.objects.get(verb="accounts.apitoken.revoked")
    assert event.is_public is False


def test_other_user_cannot_revoke_token(participant, lead):
    token, _raw = create_api_token(by=participant, name="Script")
    with pytest.raises(PermissionDeniedError):
        revoke_api_token(by=lead, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert not AuditEvent.objects.filter(verb="accounts.apitoken.revoked").exists()


def test_administrator_can_revoke_any_token(participant, administrator):
    token, _raw = create_api_token(by=participant, name="Script")
    revoke_api_token(by=administrator, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_is_revoked_once(participant):
    token, _raw = create_api_token(by=participant, name="Script")
    revoke_api_token(by=participant, token=token)
    with pytest.raises(DomainError):
        revoke_api_token(by=participant, token=token)


# The page ----------------------------------------------------------------------------------


@page_test
def test_tokens_page_needs_sign_in(client, db):
    response = client.get(reverse("tokens:token-list"))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


@page_test
def test_tokens_page_lists_only_own_tokens(client, participant, lead):
    create_api_token(by=participant, name="Mine")
    create_api_token(by=lead, name="Not mine")
    client.force_login(participant)
    response = client.get(reverse("tokens:token-list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mine" in html and "Not mine" not in html


@page_test
def test_creating_a_token_shows_its_value_once(client, participant):
    client.force_login(participant)
    response = client.post(
        reverse("tokens:token-list"), {"name": "Import script", "scope": "write"}
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = response.context["raw_token"]
    token = ApiToken.objects.get(user=participant)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw in response.content.decode()
    assert "govuk-panel" in response.content.decode()
    assert raw not in client.get(reverse("tokens:token-list")).content.decode()


@page_test
def test_creating_a_token_without_a_name_shows_an_error(client, participant):
    client.force_login(participant)
    response = client.post(reverse("tokens:token-list"), {"name": ""})
    assert response.status_code == 200
    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


@page_test
def test_revoking_own_token_from_the_page(client, participant):
    token, _raw = create_api_token(by=participant, name="Script")
    client.force_login(participant)
    response = client.post(reverse("tokens:token-revoke", args=[token.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("tokens:token-list")
    token.refresh_from_db()
    assert token.revoked_at is not None


@page_test
def test_cannot_revoke_someone_elses_token_from_the_page(client, participant, lead):
    token, _raw = create_api_token(by=lead, name="Script")
    client.force_login(participant)
    response = client.post(reverse("tokens:token-revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@page_test
def test_revoke_needs_post(client, participant):
    token, _raw = create_api_token(by=participant, name="Script")
    client.force_login(participant)
    assert client.get(reverse("tokens:token-revoke", args=[token.pk])).status_code == 405


# Scopes: a token never does more than its owner; a read-only one never writes ------------------


@page_test
def test_a_token_is_created_with_the_scope_chosen_and_the_choice_is_required(client, participant):
    client.force_login(participant)
    missing = client.post(reverse("tokens:token-list"), {"name": "Reader"})
    assert "Choose what the token may do" in missing.content.decode()
    assert not ApiToken.objects.exists()
    client.post(reverse("tokens:token-list"), {"name": "Reader", "scope": "read"})
    assert ApiToken.objects.get(user=participant).scope == TokenScope.READ
    assert "Read only" in client.get(reverse("tokens:token-list")).content.decode()


def test_create_api_token_refuses_an_unknown_scope(participant):
    with pytest.raises(DomainError) as error:
        create_api_token(by=participant, name="Odd", scope="admin")
    assert error.value.field == "scope"
    assert not ApiToken.objects.exists()


def test_a_read_only_token_reads_as_its_owner_and_never_writes(client, lead, commitment):
    from opengov.action_plans.models import ProgressUpdate

    _token, read_only = create_api_token(by=lead, name="Reader", scope=TokenScope.READ)
    _token, writer = create_api_token(by=lead, name="Writer", scope=TokenScope.WRITE)
    url = f"/api/v1/commitments/{commitment.pk}/updates"
    payload = {"status": "on_track", "text": "Procurement has started"}
    read = client.get(
        f"/api/v1/commitments/{commitment.pk}", HTTP_AUTHORIZATION=f"Bearer {read_only}"
    )
    assert read.status_code == 200
    refused = client.post(
        url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {read_only}"
    )
    assert refused.status_code == 403
    assert "read-only" in refused.json()["detail"]
    assert not ProgressUpdate.objects.filter(commitment=commitment).exists()
    written = client.post(
        url, payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {writer}"
    )
    assert written.status_code == 201
    assert ProgressUpdate.objects.filter(commitment=commitment).count() == 1
