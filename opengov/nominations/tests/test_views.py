"""The pages and forms of nominations through the Django test client: status codes, denials, one
happy POST per form, and query counts that do not grow with the rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from opengov.nominations import services
from opengov.nominations.choices import CountingMethod, RoundStatus
from opengov.nominations.models import (
    Ballot,
    BodyMembership,
    Nomination,
    NominationRound,
    VoteRecord,
)
from opengov.organisations.tests.factories import PersonFactory

from .factories import make_round, move_to, standing_nomination


def url(name: str, *args) -> str:
    return reverse(f"nominations:{name}", args=args)


def test_round_list_shows_opened_rounds_and_drafts_only_to_the_secretariat(
    client, net, secretariat
):
    opened = make_round(secretariat, net.body, title="Opened round")
    make_round(secretariat, net.body, opened=False, title="Draft round")
    page = client.get(url("round-list")).content.decode()
    assert opened.title in page and "Draft round" not in page
    client.force_login(secretariat)
    assert "Draft round" in client.get(url("round-list")).content.decode()


def test_a_draft_round_is_not_found_by_the_public(client, net, secretariat, civil_society_member):
    draft = make_round(secretariat, net.body, opened=False)
    assert client.get(url("round-detail", draft.pk)).status_code == 404
    client.force_login(civil_society_member)
    assert client.get(url("round-detail", draft.pk)).status_code == 404
    client.force_login(secretariat)
    assert client.get(url("round-detail", draft.pk)).status_code == 200


def test_secretariat_sets_up_and_opens_a_round(client, net, secretariat):
    client.force_login(secretariat)
    data = {
        "title": "Steering Committee 2027", "seats": "2", "seconders_required": "1",
        "method": "stv", "constituencies": "Devolved networks: 1",
        "term_starts_on_day": "1", "term_starts_on_month": "6", "term_starts_on_year": "2099",
    }  # fmt: skip
    for i, name in enumerate(
        ("nominations_open_at", "nominations_close_at", "voting_opens_at", "voting_closes_at")
    ):
        data |= {f"{name}_on_day": str(1 + i), f"{name}_on_month": "5",
                 f"{name}_on_year": "2099", f"{name}_time": "12:00"}  # fmt: skip
    response = client.post(url("round-create", net.body.slug), data)
    round_ = NominationRound.objects.get()
    assert response.status_code == 302 and response["Location"] == round_.get_absolute_url()
    assert round_.method == CountingMethod.STV
    assert round_.constituencies.get().name == "Devolved networks"
    response = client.post(url("round-open", round_.pk))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.status == RoundStatus.ANNOUNCED


def test_round_form_shows_an_out_of_order_timeline_on_its_field(client, net, secretariat):
    client.force_login(secretariat)
    data = {
        "title": "R",
        "seats": "1",
        "seconders_required": "1",
        "method": "plurality",
        "term_starts_on_day": "1",
        "term_starts_on_month": "6",
        "term_starts_on_year": "2099",
    }
    for name, day in (
        ("nominations_open_at", 5),
        ("nominations_close_at", 4),
        ("voting_opens_at", 6),
        ("voting_closes_at", 7),
    ):
        data |= {f"{name}_on_day": str(day), f"{name}_on_month": "5",
                 f"{name}_on_year": "2099", f"{name}_time": "12:00"}  # fmt: skip
    response = client.post(url("round-create", net.body.slug), data)
    assert response.status_code == 200
    assert "Nominations must close after they open." in response.content.decode()
    assert not NominationRound.objects.exists()


def test_civil_society_member_cannot_set_up_rounds(client, net, civil_society_member):
    client.force_login(civil_society_member)
    assert client.get(url("round-create", net.body.slug)).status_code == 403
    assert client.get(url("body-create")).status_code == 403


def test_member_nominates_seconds_and_nominee_accepts(client, net, open_round):
    client.force_login(net.voters[0])
    response = client.post(
        url("nominate", open_round.pk),
        {"organisation": net.members[0].pk, "nominee": net.nominees[0].pk, "statement": "Good."},
    )
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"] == nomination.get_absolute_url()
    client.force_login(net.voters[1])
    assert (
        client.post(
            url("nomination-second", nomination.pk), {"organisation": net.members[1].pk}
        ).status_code
        == 302
    )
    client.force_login(net.voters[0])
    assert client.get(url("nomination-answer", nomination.pk)).status_code == 403
    client.force_login(net.nominees[0].user)
    assert (
        client.post(url("nomination-answer", nomination.pk), {"accept": "yes"}).status_code == 302
    )
    assert list(Nomination.objects.standing()) == [nomination]
    page = client.get(open_round.get_absolute_url()).content.decode()
    assert "Standing: accepted and seconded" in page and "Nominee 0" in page


def test_a_user_of_no_eligible_member_cannot_nominate(client, open_round, civil_society_member):
    client.force_login(civil_society_member)
    assert client.get(url("nominate", open_round.pk)).status_code == 403


def _voting_round(net, secretariat, method=CountingMethod.PLURALITY):
    round_ = make_round(secretariat, net.body, method=method)
    nominations = [standing_nomination(net, round_, i, by_member=i) for i in range(3)]
    return move_to(round_, RoundStatus.VOTING_OPEN), nominations


def test_plurality_vote_through_the_form(client, net, secretariat):
    round_, (a, b, c) = _voting_round(net, secretariat)
    client.force_login(net.voters[0])
    assert client.get(url("vote", round_.pk)).status_code == 200
    response = client.post(
        url("vote", round_.pk),
        {"organisation": net.members[0].pk, "contest_general": [a.pk, b.pk, c.pk]},
    )
    assert response.status_code == 200 and "Choose no more than 2" in response.content.decode()
    response = client.post(
        url("vote", round_.pk), {"organisation": net.members[0].pk, "contest_general": [a.pk]}
    )
    assert response.status_code == 302
    assert Ballot.objects.get().choices == [a.pk]
    assert VoteRecord.objects.get().organisation == net.members[0]


def test_stv_vote_ranks_without_javascript(client, net, secretariat):
    round_, (a, _b, c) = _voting_round(net, secretariat, method=CountingMethod.STV)
    client.force_login(net.voters[1])
    field = "contest_general_{}".format
    response = client.post(
        url("vote", round_.pk),
        {"organisation": net.members[1].pk, field(a.pk): "1", field(c.pk): "1"},
    )
    assert response.status_code == 200 and "without repeating" in response.content.decode()
    response = client.post(
        url("vote", round_.pk),
        {"organisation": net.members[1].pk, field(a.pk): "2", field(c.pk): "1"},
    )
    assert response.status_code == 302
    assert Ballot.objects.get().choices == [c.pk, a.pk]


def test_results_page_shows_counts_and_stages(client, net, secretariat):
    round_, (a, b, c) = _voting_round(net, secretariat, method=CountingMethod.STV)
    for i, ranking in enumerate(([a.pk, b.pk], [b.pk, a.pk], [a.pk, c.pk])):
        services.cast_vote(
            by=net.voters[i], round=round_, organisation=net.members[i], choices={None: ranking}
        )
    round_ = move_to(round_, RoundStatus.COUNTING)
    client.force_login(secretariat)
    assert client.post(url("results-publish", round_.pk)).status_code == 302
    page = client.get(round_.get_absolute_url()).content.decode()
    assert "The count, stage by stage" in page and "Elected" in page
    body_page = client.get(net.body.get_absolute_url()).content.decode()
    assert "Nominee 0" in body_page
    assert BodyMembership.objects.count() == 2


def copies(obj, count: int, **changes) -> None:
    """Rows like `obj` (test setup in bulk: the services are tested elsewhere)."""
    model = type(obj)
    fields = {
        f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields if not f.primary_key
    }
    model.objects.bulk_create(model(**{**fields, **changes}) for _ in range(count))


@pytest.mark.parametrize("rows", [10, 100])
def test_round_list_query_count_is_constant(
    client, net, secretariat, django_assert_num_queries, rows
):
    copies(make_round(secretariat, net.body), rows - 1)
    with django_assert_num_queries(3):
        assert client.get(url("round-list")).status_code == 200


@pytest.mark.parametrize("rows", [10, 100])
def test_round_page_query_count_is_constant(
    client, net, secretariat, django_assert_num_queries, rows
):
    round_ = make_round(secretariat, net.body, seats=1, constituencies=(("Wales", 1),))
    nomination = standing_nomination(net, round_, 0)
    for person in PersonFactory.create_batch(rows - 1):
        copies(nomination, 1, nominee_id=person.pk)
    with django_assert_num_queries(9):
        assert client.get(round_.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("rows", [10, 100])
def test_body_page_query_count_is_constant(
    client, net, secretariat, django_assert_num_queries, rows
):
    membership = BodyMembership.objects.create(
        body=net.body, person=net.nominees[0], starts_on="2020-01-01", seat="General seats"
    )
    copies(membership, rows - 1)
    with django_assert_num_queries(5):
        assert client.get(net.body.get_absolute_url()).status_code == 200
