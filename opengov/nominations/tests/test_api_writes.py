"""Taking part over the API with a token that may write: nominating, seconding, the nominee's
answer and voting. Each goes through the service the pages use: the same windows, eligibility
and secrecy, refusals saying why (403), bad input naming its field (400), a second vote 409."""

from __future__ import annotations

import json

import pytest
from django.core import mail

from opengov.accounts.models import NotificationFrequency, Role, RoleGrant
from opengov.accounts.tests.factories import UserFactory
from opengov.accounts.tokens import create_api_token
from opengov.core.models import AuditEvent, DigestItem
from opengov.nominations import services
from opengov.nominations.choices import Acceptance, CountingMethod, RoundStatus
from opengov.nominations.models import Ballot, Nomination, Seconding, VoteRecord
from opengov.organisations.tests.factories import OrganisationFactory

from .factories import make_round, member_user, move_to, standing_nomination

API = "/api/v1"


def bearer(user, scope: str = "write") -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test", scope=scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def post(client, url: str, body: dict, user=None, **headers):
    auth = bearer(user) if user is not None else {}
    return client.post(url, json.dumps(body), content_type="application/json", **auth, **headers)


def nominate_url(round_) -> str:
    return f"{API}/nomination-rounds/{round_.pk}/nominations"


# Nominating ------------------------------------------------------------------------------------


def test_a_members_person_nominates_and_the_nominee_is_asked(client, net, open_round):
    mail.outbox.clear()
    response = post(
        client, nominate_url(open_round),
        {"nominee": net.nominees[0].slug, "statement": "She **chairs** the network."},
        net.voters[0],
    )  # fmt: skip
    assert response.status_code == 201, response.content
    data = response.json()
    nomination = Nomination.objects.get()
    assert data["id"] == nomination.pk and data["round"] == open_round.pk
    assert data["nominator"]["slug"] == net.members[0].slug  # the only member they speak for
    assert data["nominee"]["slug"] == net.nominees[0].slug
    assert data["acceptance"]["key"] == Acceptance.PENDING and not data["is_standing"]
    assert nomination.nominated_by == net.voters[0]
    assert [m.to for m in mail.outbox] == [["nominee0@example.org"]]
    assert "has nominated you" in mail.outbox[0].body
    assert AuditEvent.objects.filter(verb="nominations.nomination.made").count() == 1


def test_nominating_for_a_constituency_and_the_nominees_organisation(client, net, secretariat):
    round_ = make_round(secretariat, net.body, seats=0, constituencies=(("Scotland", 1),))
    scotland = round_.constituencies.get()
    body = {
        "nominee": net.nominees[1].slug,
        "organisation": net.members[2].slug,
        "nominee_organisation": net.members[1].slug,
        "constituency": scotland.pk,
    }
    response = post(client, nominate_url(round_), body, net.voters[2])
    assert response.status_code == 201, response.content
    nomination = Nomination.objects.get()
    assert (nomination.constituency, nomination.nominator, nomination.nominee_organisation) == (
        scotland,
        net.members[2],
        net.members[1],
    )
    assert response.json()["constituency"] == "Scotland"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"nominee": "no-such-person"}, "nominee", "no person"),
        ({"organisation": "no-such-member"}, "organisation", "no organisation"),
        ({"nominee_organisation": "nowhere"}, "nominee_organisation", "no organisation"),
        ({"constituency": 999999}, "constituency", "this round's constituencies"),
        ({"organisation": "member-1"}, "organisation", "eligible member you represent"),
    ],
)
def test_bad_nominations_are_refused_naming_the_field(
    client, net, open_round, change, field, message
):
    mail.outbox.clear()
    body = {"nominee": net.nominees[0].slug, **change}
    response = post(client, nominate_url(open_round), body, net.voters[0])
    assert response.status_code == 400, response.content
    assert response.json()["field"] == field and message in response.json()["detail"]
    assert not Nomination.objects.exists() and not mail.outbox


def test_a_person_is_nominated_once_per_round_over_the_api(client, net, open_round):
    body = {"nominee": net.nominees[0].slug}
    assert post(client, nominate_url(open_round), body, net.voters[0]).status_code == 201
    again = post(client, nominate_url(open_round), body, net.voters[1])
    assert again.status_code == 400 and "already nominated" in again.json()["detail"]
    assert Nomination.objects.count() == 1


def test_someone_who_speaks_for_no_eligible_member_cannot_nominate(
    client, net, open_round, participant, civil_society_member
):
    for user in (participant, civil_society_member):  # Involve is not in this network
        response = post(client, nominate_url(open_round), {"nominee": "nominee-0"}, user)
        assert response.status_code == 403
        assert "do not speak for any of this round's eligible members" in response.json()["detail"]
    assert not Nomination.objects.exists()


@pytest.mark.parametrize("phase", [RoundStatus.ANNOUNCED, RoundStatus.NOMINATIONS_CLOSED])
def test_nominating_outside_the_window_is_refused_saying_when(client, net, secretariat, phase):
    round_ = make_round(secretariat, net.body, phase=phase)
    response = post(client, nominate_url(round_), {"nominee": "nominee-0"}, net.voters[0])
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Nominations are not open in this round")
    assert not Nomination.objects.exists()


def test_a_draft_round_is_not_found_and_writes_need_a_write_token(client, net, secretariat):
    draft = make_round(secretariat, net.body, opened=False)
    opened = make_round(secretariat, net.body, title="Another")
    assert (
        post(client, nominate_url(draft), {"nominee": "nominee-0"}, net.voters[0]).status_code
        == 404
    )
    assert post(client, nominate_url(opened), {"nominee": "nominee-0"}).status_code == 401
    read_only = bearer(net.voters[0], scope="read")
    response = client.post(
        nominate_url(opened), json.dumps({"nominee": "nominee-0"}),
        content_type="application/json", **read_only,
    )  # fmt: skip
    assert response.status_code == 403 and "read-only" in response.json()["detail"]
    assert not Nomination.objects.exists()


# Seconding and answering ------------------------------------------------------------------------


@pytest.fixture
def nomination(net, open_round):
    return services.nominate(
        by=net.voters[0], round=open_round, organisation=net.members[0], nominee=net.nominees[0]
    )


def test_another_member_seconds_once(client, net, nomination):
    url = f"{API}/nominations/{nomination.pk}/seconders"
    response = post(client, url, {"organisation": "member-1"}, net.voters[1])
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["seconders"] == 1 and [o["slug"] for o in data["seconded_by"]] == ["member-1"]
    again = post(client, url, {"organisation": "member-1"}, net.voters[1])
    assert again.status_code == 400 and "already seconded" in again.json()["detail"]
    assert Seconding.objects.get().seconded_by == net.voters[1]


def test_the_nominating_member_cannot_second_over_the_api(client, net, nomination):
    url = f"{API}/nominations/{nomination.pk}/seconders"
    response = post(client, url, {"organisation": "member-0"}, net.voters[0])
    assert response.status_code == 403
    assert "other than the nominating member" in response.json()["detail"]
    assert not Seconding.objects.exists()


def test_the_seconding_member_is_named_and_must_be_ones_own(client, net, nomination):
    url = f"{API}/nominations/{nomination.pk}/seconders"
    # A person of the nominating member (member-0) and of member-2.
    both = member_user(net.members[0], "both@example.org")
    RoleGrant.objects.create(user=both, role=Role.CIVIL_SOCIETY_MEMBER, organisation=net.members[2])
    assert post(client, url, {}, both).status_code == 422  # `organisation` is required
    for slug, message in (
        ("member-0", "cannot second its own"),
        ("member-1", "eligible member you represent"),
        ("nowhere", "no organisation"),
    ):
        refused = post(client, url, {"organisation": slug}, both)
        assert refused.status_code == 400 and message in refused.json()["detail"]
        assert refused.json()["field"] == "organisation"
    # A person of the nominating member and of a member not eligible: no one to second for.
    other = member_user(net.members[0], "elsewhere@example.org")
    RoleGrant.objects.create(
        user=other, role=Role.CIVIL_SOCIETY_MEMBER,
        organisation=OrganisationFactory(name="Not eligible", slug="not-eligible"),
    )  # fmt: skip
    refused = post(client, url, {"organisation": "not-eligible"}, other)
    assert refused.status_code == 403 and "other than the nominating" in refused.json()["detail"]
    assert not Seconding.objects.exists()
    assert post(client, url, {"organisation": "member-2"}, both).status_code == 201
    assert post(client, url, {"organisation": "member-1"}, net.voters[1]).status_code == 201
    assert Nomination.objects.get().seconders_count == 2


def test_only_the_nominee_answers_until_voting_opens(client, net, secretariat, nomination):
    url = f"{API}/nominations/{nomination.pk}/answer"
    refused = post(client, url, {"accept": True}, net.voters[0])
    assert refused.status_code == 403 and "Only the nominee" in refused.json()["detail"]
    nominee = net.nominees[0].user
    accepted = post(client, url, {"accept": True}, nominee)
    assert accepted.status_code == 200 and accepted.json()["acceptance"]["key"] == "accepted"
    declined = post(client, url, {"accept": False}, nominee)
    assert declined.json()["acceptance"]["key"] == "declined"
    assert post(client, url, {}, nominee).status_code == 422  # `accept` is required
    move_to(nomination.round, RoundStatus.VOTING_OPEN)
    late = post(client, url, {"accept": True}, nominee)
    assert late.status_code == 403 and "until voting opens" in late.json()["detail"]
    assert Nomination.objects.get().acceptance == Acceptance.DECLINED


def test_a_withdrawn_nomination_cannot_be_answered(client, net, nomination):
    services.withdraw_nomination(by=net.voters[0], nomination=nomination)
    response = post(
        client, f"{API}/nominations/{nomination.pk}/answer", {"accept": True},
        net.nominees[0].user,
    )  # fmt: skip
    assert response.status_code == 403 and "withdrawn" in response.json()["detail"]


# Voting ----------------------------------------------------------------------------------------


def _voting(net, secretariat, **kwargs):
    round_ = make_round(secretariat, net.body, **kwargs)
    nominations = [standing_nomination(net, round_, i, by_member=i % 3) for i in range(3)]
    return move_to(round_, RoundStatus.VOTING_OPEN), nominations


def ballots_url(round_) -> str:
    return f"{API}/nomination-rounds/{round_.pk}/ballots"


def test_a_vote_is_recorded_and_the_answer_tells_nothing_of_it(client, net, secretariat):
    round_, (a, b, _c) = _voting(net, secretariat)
    body = {"choices": [{"constituency": None, "nominations": [a.pk, b.pk]}]}
    response = post(client, ballots_url(round_), body, net.voters[0])
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["detail"] == "Your vote is recorded." and data["round"] == round_.pk
    assert data["organisation"]["slug"] == "member-0"
    assert set(data) == {"detail", "round", "organisation", "voted_on"}
    assert "Nominee" not in response.content.decode()
    assert VoteRecord.objects.get().organisation == net.members[0]
    assert Ballot.objects.get().choices == [a.pk, b.pk]
    event = AuditEvent.objects.get(verb="nominations.vote.cast")
    assert str(a.pk) not in json.dumps(event.changes)


def test_a_second_vote_of_a_member_is_a_conflict(client, net, secretariat):
    round_, (a, b, _c) = _voting(net, secretariat)
    first = {"choices": [{"nominations": [a.pk]}]}
    assert post(client, ballots_url(round_), first, net.voters[0]).status_code == 201
    other_person = UserFactory(email="colleague@example.org")
    RoleGrant.objects.create(
        user=other_person, role=Role.CIVIL_SOCIETY_MEMBER, organisation=net.members[0]
    )
    second = {"choices": [{"nominations": [b.pk]}]}
    for user in (net.voters[0], other_person):
        again = post(client, ballots_url(round_), second, user)
        assert again.status_code == 409 and "already voted" in again.json()["detail"]
    assert Ballot.objects.count() == VoteRecord.objects.count() == 1


@pytest.mark.parametrize("phase", [RoundStatus.NOMINATIONS_CLOSED, RoundStatus.COUNTING])
def test_voting_outside_its_window_is_refused_saying_when(client, net, secretariat, phase):
    round_, (a, _b, _c) = _voting(net, secretariat)
    round_ = move_to(round_, phase)
    body = {"choices": [{"nominations": [a.pk]}]}
    response = post(client, ballots_url(round_), body, net.voters[0])
    assert response.status_code == 403
    assert response.json()["detail"].startswith("Voting is not open in this round")
    assert not Ballot.objects.exists() and not VoteRecord.objects.exists()


def test_someone_not_eligible_cannot_vote(client, net, secretariat, civil_society_member):
    round_, (a, _b, _c) = _voting(net, secretariat)
    late_member = OrganisationFactory(name="Joined later", slug="joined-later")
    late_person = UserFactory(email="late@example.org")
    RoleGrant.objects.create(
        user=late_person, role=Role.CIVIL_SOCIETY_MEMBER, organisation=late_member
    )
    body = {"choices": [{"nominations": [a.pk]}]}
    for user in (civil_society_member, late_person, secretariat):
        response = post(client, ballots_url(round_), body, user)
        assert response.status_code == 403
        assert "eligible members" in response.json()["detail"]
    named = post(client, ballots_url(round_), {**body, "organisation": "member-1"}, late_person)
    assert named.status_code == 403
    assert not Ballot.objects.exists() and not VoteRecord.objects.exists()


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (lambda a, b, c: [{"nominations": [a, b, c]}], "no more than 2"),
        (lambda a, b, c: [{"nominations": [a, a]}], "only once"),
        (lambda a, b, c: [{"nominations": []}], "at least one"),
        (lambda a, b, c: [{"nominations": [999999]}], "who stand"),
        (lambda a, b, c: [{"constituency": 999999, "nominations": [a]}], "contests"),
        (lambda a, b, c: [{"nominations": [a]}, {"nominations": [b]}], "once"),
    ],
)
def test_bad_ballots_write_nothing(client, net, secretariat, choices, message):
    round_, nominations = _voting(net, secretariat)
    body = {"choices": choices(*(n.pk for n in nominations))}
    response = post(client, ballots_url(round_), body, net.voters[0])
    assert response.status_code == 400, response.content
    assert response.json()["field"] == "choices" and message in response.json()["detail"]
    assert not Ballot.objects.exists() and not VoteRecord.objects.exists()


def test_an_stv_ballot_keeps_the_order_of_preference(client, net, secretariat):
    round_, (a, b, c) = _voting(net, secretariat, seats=1, method=CountingMethod.STV)
    body = {"choices": [{"nominations": [c.pk, a.pk, b.pk]}]}
    assert post(client, ballots_url(round_), body, net.voters[1]).status_code == 201
    assert Ballot.objects.get().choices == [c.pk, a.pk, b.pk]


# Reading a nomination; the schema; digests ------------------------------------------------------


@pytest.mark.parametrize("rows", [10, 100])
def test_nomination_detail_query_count_is_constant(
    client, net, nomination, django_assert_num_queries, rows
):
    for organisation in OrganisationFactory.create_batch(rows):
        Seconding.objects.create(nomination=nomination, organisation=organisation)
    with django_assert_num_queries(3):  # the nomination, its seconders, their organisations
        response = client.get(f"{API}/nominations/{nomination.pk}")
    assert response.status_code == 200 and len(response.json()["seconded_by"]) == rows


def test_a_draft_rounds_nomination_is_not_found(client, net, secretariat, nomination):
    draft = make_round(secretariat, net.body, opened=False, title="Draft")
    Nomination.objects.filter(pk=nomination.pk).update(round=draft)
    assert client.get(f"{API}/nominations/{nomination.pk}").status_code == 404
    assert (
        client.get(f"{API}/nominations/{nomination.pk}", **bearer(secretariat)).status_code == 200
    )


def test_the_writes_are_in_the_openapi_schema_behind_a_bearer_token(client):
    paths = client.get(f"{API}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/nomination-rounds/{round_id}/nominations",
        "/api/v1/nominations/{nomination_id}/seconders",
        "/api/v1/nominations/{nomination_id}/answer",
        "/api/v1/nomination-rounds/{round_id}/ballots",
    ):
        operation = paths[path]["post"]
        assert operation["security"] == [{"ApiTokenAuth": []}], path
    assert "get" in paths["/api/v1/nominations/{nomination_id}"]


def test_a_nominee_who_chose_a_daily_digest_gets_it_there(client, net, open_round):
    nominee = net.nominees[2]
    nominee.user.notification_frequency = NotificationFrequency.DAILY
    nominee.user.save(update_fields=["notification_frequency"])
    mail.outbox.clear()
    body = {"nominee": nominee.slug}
    assert post(client, nominate_url(open_round), body, net.voters[0]).status_code == 201
    assert not mail.outbox
    item = DigestItem.objects.get(recipient=nominee.user)
    assert item.kind == "nominations.nomination_made" and "has nominated you" in item.body
