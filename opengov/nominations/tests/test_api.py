"""The nominations API: visibility, the round with its results (totals only, never a ballot),
bodies, and query counts that do not grow with the rows."""

from __future__ import annotations

import pytest

from opengov.accounts.tokens import create_api_token
from opengov.nominations import services
from opengov.nominations.choices import CountingMethod, RoundStatus
from opengov.nominations.models import Ballot, BodyMembership

from .factories import make_round, move_to, standing_nomination
from .test_views import copies

API = "/api/v1"


def bearer(user) -> dict[str, str]:
    _token, raw = create_api_token(by=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_draft_rounds_are_listed_only_for_the_secretariat(client, net, secretariat):
    opened = make_round(secretariat, net.body)
    draft = make_round(secretariat, net.body, opened=False)
    items = client.get(f"{API}/nomination-rounds").json()["items"]
    assert [r["id"] for r in items] == [opened.pk]
    assert client.get(f"{API}/nomination-rounds/{draft.pk}").status_code == 404
    items = client.get(f"{API}/nomination-rounds", **bearer(secretariat)).json()["items"]
    assert {r["id"] for r in items} == {opened.pk, draft.pk}
    detail = client.get(f"{API}/nomination-rounds/{draft.pk}", **bearer(secretariat))
    assert detail.status_code == 200 and detail.json()["status"]["key"] == "draft"


def test_round_detail_has_nominations_then_results_as_totals(client, net, secretariat):
    round_ = make_round(secretariat, net.body, seats=1, method=CountingMethod.STV)
    a, b, c = (standing_nomination(net, round_, i, by_member=i) for i in range(3))
    detail = client.get(f"{API}/nomination-rounds/{round_.pk}").json()
    assert detail["results"] is None and detail["votes_cast"] is None
    assert {n["id"] for n in detail["nominations"] if n["is_standing"]} == {a.pk, b.pk, c.pk}
    round_ = move_to(round_, RoundStatus.VOTING_OPEN)
    for i, ranking in enumerate(([a.pk, b.pk], [b.pk, a.pk], [c.pk, a.pk])):
        services.cast_vote(
            by=net.voters[i], round=round_, organisation=net.members[i], choices={None: ranking}
        )
    round_ = move_to(round_, RoundStatus.COUNTING)
    services.publish_results(by=secretariat, round=round_, seed=99)
    response = client.get(f"{API}/nomination-rounds/{round_.pk}")
    detail = response.json()
    assert detail["status"]["key"] == "results_published" and detail["votes_cast"] == 3
    (count,) = detail["results"]
    assert count["quota"] == "2" and count["seed"] == "99"
    assert count["stages"][0]["totals"] == {str(a.pk): "1", str(b.pk): "1", str(c.pk): "1"}
    assert sum(r["is_elected"] for r in count["results"]) == 1
    text = response.content.decode()
    assert all(str(ballot.id) not in text for ballot in Ballot.objects.all())
    assert "choices" not in text


def test_bodies_show_their_members(client, net, secretariat):
    BodyMembership.objects.create(
        body=net.body, person=net.nominees[0], starts_on="2020-01-01", seat="General seats"
    )
    assert [b["slug"] for b in client.get(f"{API}/bodies").json()["items"]] == [net.body.slug]
    body = client.get(f"{API}/bodies/{net.body.slug}").json()
    assert body["members"][0]["person"]["name"] == "Nominee 0"
    assert "user" not in body["members"][0]["person"]


@pytest.mark.parametrize("rows", [10, 100])
def test_round_list_query_count_is_constant(
    client, net, secretariat, django_assert_num_queries, rows
):
    copies(make_round(secretariat, net.body), rows - 1)
    with django_assert_num_queries(2):
        assert client.get(f"{API}/nomination-rounds?limit=100").status_code == 200


@pytest.mark.parametrize("rows", [10, 100])
def test_body_list_query_count_is_constant(
    client, net, secretariat, django_assert_num_queries, rows
):
    for i in range(rows - 1):
        services.create_body(by=secretariat, name=f"Body {i}", network=net.network)
    with django_assert_num_queries(1):
        assert client.get(f"{API}/bodies?limit=100").status_code == 200
