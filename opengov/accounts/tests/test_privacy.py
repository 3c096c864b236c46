"""A person downloads their data and deletes their account (issue 5, section 4): the download holds
their data, nobody else's and no secret; deletion ends every session and token, takes their name
out of every door (pages, API, open data, feeds, history) and keeps their contributions, shown as
"former participant"; a wrong password or a failure half-way changes nothing; the audit chain
still verifies."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from opengov.accounts.models import ApiToken, RoleGrant, User
from opengov.accounts.privacy import delete_account
from opengov.accounts.tests.factories import PASSWORD
from opengov.accounts.tests.privacy_world import (
    FIRST_NAME,
    NAME,
    OTHER_NAME,
    REASON,
    UPDATE_TEXT,
    build_world,
)
from opengov.accounts.tokens import create_api_token
from opengov.action_plans.models import ProgressUpdate
from opengov.api.datasets import DATASETS
from opengov.core.actors import SYSTEM
from opengov.core.audit import object_key, verify_chain
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent
from opengov.organisations.models import Membership, Person

pytestmark = pytest.mark.django_db
FORMER = "former participant"


@pytest.fixture
def world(commitment, lead_organisation, administrator, secretariat):
    return build_world(
        commitment=commitment,
        organisation=lead_organisation,
        administrator=administrator,
        secretariat=secretariat,
    )


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


def body(response) -> str:
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def download(client) -> tuple[object, dict]:
    response = client.post(reverse("accounts:your-data-download"))
    text = body(response)
    return response, json.loads(text)


def public_doors(world) -> dict[str, str]:
    """Every public place a person's name could show: pages, API, open data, feeds, history."""
    w = world
    person_events = AuditEvent.objects.filter(object_key=object_key(w.person))
    first_event = person_events.order_by("sequence").first()
    pages = [
        "/",
        w.person.get_absolute_url(),
        w.organisation.get_absolute_url(),
        w.meeting.get_absolute_url(),
        w.action.get_absolute_url(),
        reverse("meetings:action-register"),
        w.commitment.get_absolute_url(),
        w.milestone.get_absolute_url(),
        w.update.get_absolute_url(),
        "/history/",
        f"/history/?object={object_key(w.person)}",
        f"/history/{first_event.sequence}/",
        "/meetings.ics",
        "/meetings/minutes.atom",
    ]
    api = [
        "/people?limit=200",
        f"/people/{w.person.slug}",
        f"/meetings/{w.meeting.pk}",
        "/action-items?limit=200",
        f"/action-items/{w.action.pk}",
        "/updates?limit=200",
        f"/updates/{w.update.pk}",
        f"/milestones/{w.milestone.pk}",
        f"/commitments/{w.commitment.pk}",
        "/history?limit=200",
        f"/history/{first_event.sequence}",
    ]
    data = [f"/data/{name}.{kind}" for name in DATASETS for kind in ("csv", "json")]
    client = Client()
    urls = pages + [f"/api/v1{path}" for path in api] + data
    return {url: body(client.get(url)) for url in urls}


def admin_history(administrator) -> str:
    """The history as an administrator sees it, with the private events (accounts, tokens)."""
    _token, raw = create_api_token(by=administrator, name="audit")
    api = Client().get("/api/v1/history?limit=200", HTTP_AUTHORIZATION=f"Bearer {raw}")
    return body(signed_in(administrator).get("/history/")) + body(api)


def stored_state(world) -> dict:
    zelda = User.objects.get(pk=world.zelda.pk)
    person = Person.objects.get(pk=world.person.pk)
    return {
        "user": (zelda.email, zelda.name, zelda.password, zelda.is_active),
        "person": (person.name, person.slug, person.match_name, person.version),
        "memberships": Membership.objects.filter(person=person).count(),
        "grants": RoleGrant.objects.filter(user=zelda).count(),
        "tokens": list(ApiToken.objects.filter(user=zelda).values_list("revoked_at", flat=True)),
        "author": ProgressUpdate.objects.get(pk=world.update.pk).author_name,
        "events": list(AuditEvent.objects.order_by("sequence").values_list("hash", flat=True)),
    }


# Your data ------------------------------------------------------------------------------------


def test_your_data_page_offers_download_and_deletion(world):
    client = signed_in(world.zelda)
    page = body(client.get(reverse("accounts:your-data")))
    assert 'action="/accounts/your-data/download/"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert reverse("accounts:delete-account") in page
    assert "<script>" not in page
    assert Client().get(reverse("accounts:your-data")).status_code == 302


def test_download_holds_your_data_and_nobody_elses(world):
    response, data = download(signed_in(world.zelda))
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="your-data-')
    assert response["Cache-Control"] == "no-store"
    assert data["account"]["email"] == "zelda@example.org"
    assert data["account"]["name"] == NAME
    assert [r["role"] for r in data["roles"]] == ["commitment_lead"]
    assert data["person"]["name"] == NAME
    assert [m["role"] for m in data["memberships"]] == ["Head of data"]
    assert [a["meeting"] for a in data["attendances"]] == [world.meeting.title]
    assert [a["owner_as_written"] for a in data["action_items_owned"]] == ["Zelda Q."]
    assert [u["text"] for u in data["progress_updates"]] == [UPDATE_TEXT]
    assert [a["text"] for a in data["assessments"]] == ["Self-assessment: on track."]
    assert [r["reason"] for r in data["due_date_revisions"]] == [REASON]
    assert [t["name"] for t in data["api_tokens"]] == ["Departmental import"]
    mine = AuditEvent.objects.filter(actor=world.zelda).values_list("sequence", flat=True)
    assert [e["sequence"] for e in data["audit_events"]] == sorted(mine)
    assert {e["verb"] for e in data["audit_events"]} >= {
        "action_plans.progressupdate.posted",
        "action_plans.milestone.due_date_revised",
        "action_plans.assessment.recorded",
        "accounts.apitoken.created",
    }
    text = json.dumps(data, ensure_ascii=False)
    for other in [OTHER_NAME, "bart@example.org", "Bartholomew's own update", "laptop"]:
        assert other not in text
    for secret in [world.raw_token, world.token.token_hash, world.zelda.password, "password"]:
        assert secret not in text


def test_download_without_a_person_record(participant):
    _response, data = download(signed_in(participant))
    assert data["account"]["email"] == participant.email
    assert data["person"] is None
    assert data["attendances"] == [] and data["audit_events"] == []


def test_download_is_a_post_with_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.login(username=world.zelda.email, password=PASSWORD)
    assert client.get(reverse("accounts:your-data-download")).status_code == 405
    assert client.post(reverse("accounts:your-data-download")).status_code == 403
    anonymous = Client().post(reverse("accounts:your-data-download"))
    assert anonymous.status_code == 302 and "/accounts/sign-in/" in anonymous["Location"]


# Deleting an account --------------------------------------------------------------------------


def test_wrong_password_changes_nothing(world):
    client = signed_in(world.zelda)
    before = stored_state(world)
    response = client.post(reverse("accounts:delete-account"), {"password": "not-my-password"})
    page = body(response)
    assert "Your password is not correct" in page
    assert "govuk-error-summary" in page
    assert stored_state(world) == before
    assert client.get(reverse("accounts:your-data")).status_code == 200


def test_missing_password_is_asked_for(world):
    response = signed_in(world.zelda).post(reverse("accounts:delete-account"), {"password": ""})
    assert "Enter your password" in body(response)
    assert not User.objects.get(pk=world.zelda.pk).is_erased


def test_deletion_ends_every_session_and_token(world, commitment):
    here, elsewhere = signed_in(world.zelda), signed_in(world.zelda)
    response = here.post(reverse("accounts:delete-account"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account-deleted")
    assert "Your account has been deleted" in body(here.get(response["Location"]))
    for client in (here, elsewhere):
        answer = client.get(reverse("accounts:your-data"))
        assert answer.status_code == 302 and "/accounts/sign-in/" in answer["Location"]
    token = {"HTTP_AUTHORIZATION": f"Bearer {world.raw_token}"}
    assert Client().get("/api/v1/updates", **token).status_code == 401
    write = Client().post(
        f"/api/v1/commitments/{commitment.pk}/updates",
        data=json.dumps({"status": "on_track", "text": "Still here?"}),
        content_type="application/json",
        **token,
    )
    assert write.status_code == 401
    assert not Client().login(username="zelda@example.org", password=PASSWORD)
    zelda = User.objects.get(pk=world.zelda.pk)
    assert zelda.email == f"erased-{zelda.pk}@invalid" and zelda.name == ""
    assert not zelda.has_usable_password() and not zelda.is_active
    assert not ApiToken.objects.active().filter(user=zelda).exists()
    assert not RoleGrant.objects.filter(user=zelda).exists()
    # Bartholomew keeps his account, his token and his name.
    bart = Client().get("/api/v1/updates", HTTP_AUTHORIZATION=f"Bearer {world.bart_raw}")
    assert bart.status_code == 200


def test_name_leaves_every_door_and_contributions_stay(world, administrator):
    before = public_doors(world)
    showing = [url for url, text in before.items() if NAME in text]
    for url in [world.person.get_absolute_url(), world.meeting.get_absolute_url(), "/history/"]:
        assert url in showing
    assert any(url.startswith("/data/history") for url in showing)
    assert any(url.startswith("/api/v1/people") for url in showing)
    assert NAME in admin_history(administrator)
    old_person_url = world.person.get_absolute_url()

    delete_account(by=world.zelda, user=world.zelda, password=PASSWORD)
    world.person.refresh_from_db()

    after = public_doors(world)
    for url, text in after.items():
        assert NAME not in text and FIRST_NAME not in text, url
    for url in [u for u, text in before.items() if OTHER_NAME in text and u in after]:
        assert OTHER_NAME in after[url], url
    admin_view = admin_history(administrator)
    assert NAME not in admin_view and FIRST_NAME not in admin_view
    assert Client().get(old_person_url).status_code == 404
    assert FORMER in after[world.person.get_absolute_url()]
    assert FORMER in after[world.meeting.get_absolute_url()]
    assert FORMER in after[world.action.get_absolute_url()]
    api = Client()
    update = api.get(f"/api/v1/updates/{world.update.pk}").json()
    assert (update["text"], update["author"]) == (UPDATE_TEXT, FORMER)
    revision = api.get(f"/api/v1/milestones/{world.milestone.pk}").json()["revisions"][0]
    assert (revision["reason"], revision["revised_by"]) == (REASON, FORMER)
    assessments = api.get(f"/api/v1/commitments/{world.commitment.pk}").json()["assessments"]
    assert [a["author"] for a in assessments] == [FORMER]
    meeting = api.get(f"/api/v1/meetings/{world.meeting.pk}").json()
    assert FORMER in [a["person"]["name"] for a in meeting["attendees"]]
    assert api.get(f"/api/v1/action-items/{world.action.pk}").json()["owner"] == FORMER
    attendances = json.loads(after["/data/attendances.json"])
    assert FORMER in [row["person"] for row in attendances]
    updates = json.loads(after["/data/updates.json"])
    assert {row["author"] for row in updates} == {FORMER, OTHER_NAME}


def test_history_withholds_names_but_keeps_the_events(world):
    delete_account(by=world.zelda, user=world.zelda, password=PASSWORD)
    events = Client().get("/api/v1/history?limit=200").json()["items"]
    by_verb = {e["verb"]: e for e in events if e["verb"] != "organisations.person.created"}
    update_event = next(
        e
        for e in events
        if e["verb"] == "action_plans.progressupdate.posted" and e["actor_id"] == world.zelda.pk
    )
    assert update_event["withheld"] and update_event["actor_label"] == FORMER
    removed = by_verb["meetings.attendance.removed"]
    assert removed["changes"] == {"person": ["withheld", None]}
    assert removed["object_repr"] == "attendance of a former participant"
    person_key = object_key(world.person)
    created = next(e for e in events if e["object_key"] == person_key and "created" in e["verb"])
    assert created["changes"] == {"name": [None, "withheld"]} and created["object_repr"] == FORMER
    assert by_verb["meetings.actionitem.agreed"]["changes"]["owner_text"] == [None, "withheld"]
    assert by_verb["organisations.person.erased"]["object_repr"] == FORMER
    bart_event = next(e for e in events if e["actor_id"] == world.bart.pk)
    assert not bart_event["withheld"] and bart_event["actor_label"] == OTHER_NAME
    # The stored events are untouched: the name is still what their hashes cover.
    stored = AuditEvent.objects.get(sequence=created["sequence"])
    assert stored.changes == {"name": [None, NAME]} and stored.hash == created["hash"]
    page = body(Client().get(f"/history/{created['sequence']}/"))
    assert "does not show the canonical form" in page and NAME not in page


def test_audit_chain_still_verifies_and_no_event_changed(world):
    hashes = list(AuditEvent.objects.order_by("sequence").values_list("hash", flat=True))
    delete_account(by=world.zelda, user=world.zelda, password=PASSWORD)
    after = list(AuditEvent.objects.order_by("sequence").values_list("hash", flat=True))
    assert after[: len(hashes)] == hashes and len(after) == len(hashes) + 2
    report = verify_chain()
    assert report.ok and report.checked == len(after)
    erased = AuditEvent.objects.get(verb="accounts.user.erased")
    assert not erased.is_public and erased.actor_label == FORMER
    assert NAME not in json.dumps(erased.changes) and "zelda@" not in json.dumps(erased.changes)


def test_failure_half_way_writes_nothing(world):
    """The database fails on the last write (the person record): simulated by a connection
    wrapper that raises OperationalError for that UPDATE."""
    before = stored_state(world)

    def fail_on_person_update(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and "organisations_person" in sql:
            raise OperationalError("disk I/O error")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_person_update), pytest.raises(OperationalError):
        delete_account(by=world.zelda, user=world.zelda, password=PASSWORD)
    assert stored_state(world) == before
    assert verify_chain().ok


def test_administrator_deletes_an_account_on_request(world, administrator):
    with pytest.raises(DomainError):
        delete_account(by=administrator, user=world.zelda, password="wrong")
    delete_account(by=administrator, user=world.zelda, password=PASSWORD)
    assert User.objects.get(pk=world.zelda.pk).is_erased
    event = AuditEvent.objects.get(verb="accounts.user.erased")
    assert event.actor_id == administrator.pk
    with pytest.raises(DomainError, match="already been deleted"):
        delete_account(by=administrator, user=world.zelda, password=PASSWORD)


def test_nobody_else_deletes_your_account(world):
    for someone in (world.bart, AnonymousUser(), SYSTEM):
        with pytest.raises(PermissionDeniedError):
            delete_account(by=someone, user=world.zelda, password=PASSWORD)
    assert not User.objects.get(pk=world.zelda.pk).is_erased


def test_last_administrator_cannot_delete_their_account(administrator):
    before = User.objects.get(pk=administrator.pk).email
    with pytest.raises(DomainError, match="only administrator"):
        delete_account(by=administrator, user=administrator, password=PASSWORD)
    assert User.objects.get(pk=administrator.pk).email == before
    assert not AuditEvent.objects.filter(verb="accounts.user.erased").exists()


def test_former_participant_is_chosen_for_nothing_new(world):
    from opengov.meetings.forms import AttendanceForm

    delete_account(by=world.zelda, user=world.zelda, password=PASSWORD)
    choices = AttendanceForm().fields["person"].queryset
    assert world.person.pk not in set(choices.values_list("pk", flat=True))
    assert world.bart_person.pk in set(choices.values_list("pk", flat=True))


def test_pages_attribute_contributions_to_former_participant(world):
    delete_account(by=world.zelda, user=world.zelda, password=PASSWORD)
    client = Client()
    commitment = body(client.get(world.commitment.get_absolute_url()))
    assert f"– {FORMER}" in commitment and f"by {FORMER}" in commitment
    assert FORMER in body(client.get(world.update.get_absolute_url()))
    assert FORMER in body(client.get(world.milestone.get_absolute_url()))
