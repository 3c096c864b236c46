"""The permission matrix's rows, path arguments, API bodies and world for nominations
(see __init__.py)."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from opengov.accounts.models import Role
from opengov.accounts.services import grant_role
from opengov.nominations import services
from opengov.nominations.models import Body, Nomination, NominationRound
from opengov.organisations import services as directory
from opengov.organisations.models import Person

from ..matrix_resolvers import Resolver, stateful, stateless

ROUND_STATES = ("published", "draft")

# The world (build): the Open Government Network's members are the Cabinet Office (whose people
# include the lead) and Involve (the civil-society member's). The published round is open for
# nominations: the lead nominated, for the Cabinet Office, the civil-society member's own person,
# so the civil-society member answers it and may second it for Involve. The draft round is not
# opened. nominations.rules: those who run rounds are the secretariat and administrators; a
# draft is theirs alone (404 for anyone else).
# fmt: off
TABLE = """
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
# Public pages: opened rounds to anyone, drafts to those who run rounds.
nominations:round-list                   GET    published listed listed listed listed listed listed listed listed
nominations:round-list                   GET    draft     absent absent absent absent absent absent listed listed
nominations:round-detail                 GET    published 200    200    200    200    200    200    200    200
nominations:round-detail                 GET    draft     404    404    404    404    404    404    200    200
nominations:nomination-detail            GET    published 200    200    200    200    200    200    200    200
nominations:body-detail                  GET    -         200    200    200    200    200    200    200    200
# Running rounds: change_round, open_round, publish_results, add_body, add_round. Empty POSTs
# are refused on the form (200); opening a draft needs nothing typed (302); opening an open
# round, changing it or publishing results before voting closes is refused on the form (200).
nominations:round-edit                   GET    published login  403    403    403    403    403    200    200
nominations:round-edit                   GET    draft     login  404    404    404    404    404    200    200
nominations:round-edit                   POST   published login  403    403    403    403    403    200    200
nominations:round-edit                   POST   draft     login  404    404    404    404    404    200    200
nominations:round-open                   GET    published login  403    403    403    403    403    200    200
nominations:round-open                   GET    draft     login  404    404    404    404    404    200    200
nominations:round-open                   POST   published login  403    403    403    403    403    200    200
nominations:round-open                   POST   draft     login  404    404    404    404    404    302    302
nominations:results-publish              GET    published login  403    403    403    403    403    200    200
nominations:results-publish              GET    draft     login  404    404    404    404    404    200    200
nominations:results-publish              POST   published login  403    403    403    403    403    200    200
nominations:results-publish              POST   draft     login  404    404    404    404    404    200    200
nominations:body-create                  GET    -         login  403    403    403    403    403    200    200
nominations:body-create                  POST   -         login  403    403    403    403    403    200    200
nominations:round-create                 GET    -         login  403    403    403    403    403    200    200
nominations:round-create                 POST   -         login  403    403    403    403    403    200    200
# Taking part: the people of eligible members (cso for Involve, lead for the Cabinet Office)
# nominate while nominations are open; no one votes before voting opens (403).
nominations:nominate                     GET    published login  403    200    403    200    403    403    403
nominations:nominate                     GET    draft     login  404    404    404    404    404    403    403
nominations:nominate                     POST   published login  403    200    403    200    403    403    403
nominations:nominate                     POST   draft     login  404    404    404    404    404    403    403
nominations:vote                         GET    published login  403    403    403    403    403    403    403
nominations:vote                         GET    draft     login  404    404    404    404    404    403    403
nominations:vote                         POST   published login  403    403    403    403    403    403    403
nominations:vote                         POST   draft     login  404    404    404    404    404    403    403
# Seconding is for another eligible member than the nominator's (cso for Involve, not the lead);
# only the nominee (the cso's person) answers; the nominee, the nominator's people and those who
# run rounds withdraw (nothing to type: 302).
nominations:nomination-second            GET    published login  403    200    403    403    403    403    403
nominations:nomination-second            POST   published login  403    200    403    403    403    403    403
nominations:nomination-answer            GET    published login  403    200    403    403    403    403    403
nominations:nomination-answer            POST   published login  403    200    403    403    403    403    403
nominations:nomination-withdraw          GET    published login  403    200    403    200    403    200    200
nominations:nomination-withdraw          POST   published login  403    302    403    302    403    302    302
# The API: reads for anyone (drafts to those who run rounds); taking part with a write token
# by the pages' rules: the eligible members' people nominate (cso, lead), another member seconds
# (cso), only the nominee answers (cso); no one votes before voting opens (403, saying why).
/api/v1/nomination-rounds                GET    published listed listed listed listed listed listed listed listed
/api/v1/nomination-rounds                GET    draft     absent absent absent absent absent absent listed listed
/api/v1/nomination-rounds/{round_id}     GET    published 200    200    200    200    200    200    200    200
/api/v1/nomination-rounds/{round_id}     GET    draft     404    404    404    404    404    404    200    200
/api/v1/bodies                           GET    -         200    200    200    200    200    200    200    200
/api/v1/bodies/{slug}                    GET    -         200    200    200    200    200    200    200    200
/api/v1/nominations/{nomination_id}      GET    published 200    200    200    200    200    200    200    200
/api/v1/nomination-rounds/{round_id}/nominations POST published 401 403 201    403    201    403    403    403
/api/v1/nomination-rounds/{round_id}/nominations POST draft 401   404    404    404    404    404    403    403
/api/v1/nominations/{nomination_id}/seconders POST published 401  403    201    403    403    403    403    403
/api/v1/nominations/{nomination_id}/answer POST   published 401    403    200    403    403    403    403    403
/api/v1/nomination-rounds/{round_id}/ballots POST published 401   403    403    403    403    403    403    403
/api/v1/nomination-rounds/{round_id}/ballots POST draft   401    404    404    404    404    404    403    403
"""
# fmt: on

RESOLVERS: dict[str, Resolver] = {
    "nominations/pk": stateful("nomination_round", ROUND_STATES),
    "round_id": stateful("nomination_round", ROUND_STATES),
    "nominees/pk": stateful("nomination", ("published",)),
    "bodies/slug": stateless("body", "slug"),
    "nomination_id": stateful("nomination", ("published",)),
}

# Set by build(): the slugs of a person with an account whom no one has nominated yet (for the
# nominations API) and of the member the civil-society member speaks for (Involve, to second).
_API_SLUGS: dict[str, str] = {}

BODIES = {
    "/api/v1/nomination-rounds/{round_id}/nominations": lambda url: {
        "nominee": _API_SLUGS["nominee"],
        "statement": "Nominated through the API",
    },
    "/api/v1/nominations/{nomination_id}/seconders": lambda url: {
        "organisation": _API_SLUGS["seconder"]
    },
    "/api/v1/nominations/{nomination_id}/answer": lambda url: {"accept": True},
    "/api/v1/nomination-rounds/{round_id}/ballots": lambda url: {
        "choices": [{"constituency": None, "nominations": [1]}]
    },
}


def _timeline() -> dict[str, Any]:
    now, day = timezone.now(), dt.timedelta(days=1)
    return {
        "nominations_open_at": now - day,
        "nominations_close_at": now + day,
        "voting_opens_at": now + 2 * day,
        "voting_closes_at": now + 3 * day,
        "term_starts_on": timezone.localdate() + 30 * day,
    }


def build(objects: dict[str, dict[str, Any]], users: dict[str, Any]) -> None:
    admin, sec, cso = users["administrator"], users["secretariat"], users["civil_society_member"]
    network, cabinet = objects["network"]["-"], objects["organisation"]["-"]
    involve = cso.grants.get().organisation
    directory.add_network_member(by=admin, network=network, organisation=involve)
    body = services.create_body(by=sec, name="Steering Committee", network=network)
    rounds = {}
    for state, mark in (("published", "QXPUB"), ("draft", "QXDRAFT")):
        rounds[state] = services.create_round(
            by=sec, body=body, title=f"{mark} round", description=f"{mark} round's purpose",
            seats=1, constituencies=[(f"{mark} constituency", 1)], **_timeline(),
        )  # fmt: skip
    rounds["published"] = services.open_round(by=sec, round=rounds["published"])
    nominee = directory.create_person(by=admin, name="Cas Society", user=cso)
    nomination = services.nominate(
        by=users["lead"], round=rounds["published"], organisation=cabinet, nominee=nominee,
        statement="QXPUB statement",
    )  # fmt: skip
    participant = users["participant"]
    api_nominee = Person.objects.filter(user=participant).first() or directory.create_person(
        by=admin, name="Pat Participant", user=participant
    )
    _API_SLUGS.update(nominee=api_nominee.slug, seconder=involve.slug)
    objects["nomination_round"] = rounds
    objects["nomination"] = {"published": nomination}
    objects["body"] = {"-": body}


# Route samples (CSRF, safe methods, query injection): objects built directly, as route_samples.
SAMPLES = {
    "nominations:round-detail": {"pk": "nomination_round"},
    "nominations:round-edit": {"pk": "nomination_round"},
    "nominations:round-open": {"pk": "nomination_round"},
    "nominations:results-publish": {"pk": "nomination_round"},
    "nominations:nominate": {"pk": "nomination_round"},
    "nominations:vote": {"pk": "nomination_round"},
    "nominations:nomination-detail": {"pk": "nomination"},
    "nominations:nomination-second": {"pk": "nomination"},
    "nominations:nomination-answer": {"pk": "nomination"},
    "nominations:nomination-withdraw": {"pk": "nomination"},
    "nominations:body-detail": {"slug": "nomination_body"},
    "nominations:round-create": {"slug": "nomination_body"},
    "api:get_nomination_body": {"slug": "nomination_body"},
}
API_ARGUMENTS = {"round_id": "nomination_round", "nomination_id": "nomination"}


def sample_world(world: SimpleNamespace) -> None:
    body = Body.objects.create(
        name="Steering Committee", slug="steering-committee", network=world.network
    )
    round_ = NominationRound.objects.create(
        body=body, title="Steering Committee election", seats=1, opened_at=timezone.now(),
        **_timeline(),
    )  # fmt: skip
    nomination = Nomination.objects.create(
        round=round_, nominee=world.person, nominator=world.organisation, statement="Statement"
    )
    world.nomination_body, world.nomination_round, world.nomination = body, round_, nomination


def _move(round_: NominationRound, **days: float) -> NominationRound:
    """Set the round's dates (days from now): the clock moving on, as test setup."""
    now = timezone.now()
    NominationRound.objects.filter(pk=round_.pk).update(
        **{name: now + dt.timedelta(days=d) for name, d in days.items()}
    )
    return NominationRound.objects.get(pk=round_.pk)


VOTING = {"nominations_open_at": -3, "nominations_close_at": -2, "voting_opens_at": -1,
          "voting_closes_at": 1}  # fmt: skip


def content_world(world: Any, payload: str, fit: Any) -> None:
    """Every text field of nominations holding the payload, through the services: a body; a
    finished round with a constituency, a nomination and the body membership it gave; a round
    open for nominations and one open for voting, where the administrator (given a grant for the
    government department, a network member) reaches every form: nominate, second, answer (the
    open nomination is theirs), withdraw and vote."""
    admin, cso, cso_member = world.admin, world.cso, world.cso_member
    directory.add_network_member(by=admin, network=world.network, organisation=cso)
    grant_role(by=admin, user=admin, role=Role.CIVIL_SOCIETY_MEMBER, organisation=world.gov)
    admin.__dict__.pop("_role_grants_cache", None)
    body = services.create_body(
        by=admin, name=fit("Body.name"), network=world.network, description=payload
    )

    def new_round(title: str, **kwargs: Any) -> NominationRound:
        round_ = services.create_round(
            by=admin, body=body, title=title, description=payload, seconders_required=0,
            **kwargs, **_timeline(),
        )  # fmt: skip
        return services.open_round(by=admin, round=round_)

    finished = new_round(fit("NominationRound.title"), seats=0,
                         constituencies=[(fit("Constituency.name"), 1)])  # fmt: skip
    nominee = directory.create_person(by=admin, name=fit("Person.name"), user=cso_member)
    nomination = services.nominate(
        by=cso_member, round=finished, organisation=cso, nominee=nominee,
        constituency=finished.constituencies.get(), statement=payload,
    )  # fmt: skip
    services.answer_nomination(by=cso_member, nomination=nomination, accept=True)
    finished = _move(finished, **VOTING)
    services.cast_vote(
        by=cso_member, round=finished, organisation=cso,
        choices={nomination.constituency_id: [nomination.pk]},
    )  # fmt: skip
    finished = _move(finished, voting_closes_at=-1 / 24)
    services.publish_results(by=admin, round=finished)

    open_round = new_round(f"{payload[:150]} (open)", seats=1)
    admin_person = Person.objects.filter(user=admin).first() or directory.create_person(
        by=admin, name=fit("Person.name"), user=admin
    )
    open_nomination = services.nominate(
        by=cso_member, round=open_round, organisation=cso, nominee=admin_person, statement=payload
    )
    voting = new_round(f"{payload[:150]} (voting)", seats=1)
    standing = services.nominate(
        by=cso_member, round=voting, organisation=cso, nominee=nominee, statement=payload
    )
    services.answer_nomination(by=cso_member, nomination=standing, accept=True)
    voting = _move(voting, **VOTING)
    world.objects.update(
        nomination_body=body, nomination_round=finished, nomination=nomination,
        open_nomination_round=open_round, open_nomination=open_nomination, voting_round=voting,
    )  # fmt: skip


def _rounds(world: Any) -> list[Any]:
    return [world.nomination_round, world.open_nomination_round, world.voting_round]


# The XSS and Unicode walks: which objects each route shows (site_walk.py), as the administrator.
WALK_ARGUMENTS: dict[str, Any] = {
    "nominations:round-detail": lambda w: [{"pk": r.pk} for r in _rounds(w)],
    "nominations:round-edit": {"pk": "nomination_round"},
    "nominations:round-open": {"pk": "nomination_round"},
    "nominations:results-publish": {"pk": "nomination_round"},
    "nominations:nominate": {"pk": "open_nomination_round"},
    "nominations:vote": {"pk": "voting_round"},
    "nominations:nomination-detail": lambda w: [
        {"pk": n.pk} for n in (w.nomination, w.open_nomination)
    ],
    "nominations:nomination-second": {"pk": "open_nomination"},
    "nominations:nomination-answer": {"pk": "open_nomination"},
    "nominations:nomination-withdraw": {"pk": "open_nomination"},
    "nominations:body-detail": {"slug": "nomination_body.slug"},
    "nominations:round-create": {"slug": "nomination_body.slug"},
    "api:get_nomination_body": {"slug": "nomination_body.slug"},
    "api:get_nomination_round": lambda w: [{"round_id": r.pk} for r in _rounds(w)],
    "api:get_nomination": lambda w: [
        {"nomination_id": n.pk} for n in (w.nomination, w.open_nomination)
    ],
    # POST only (site_walk.NOT_A_PAGE): walked to see that a GET changes nothing and shows nothing.
    "api:post_nomination": {"round_id": "open_nomination_round"},
    "api:post_seconder": {"nomination_id": "open_nomination"},
    "api:answer_nomination": {"nomination_id": "open_nomination"},
    "api:post_ballot": {"round_id": "voting_round"},
}


def data_world(*, commitment: Any, organisation: Any, user: Any) -> None:
    """A round with two standing nominations, three votes and published results: a row of each
    dataset (as opengov/nominations/tests/test_data.py builds it)."""
    from opengov.accounts.models import Role, RoleGrant
    from opengov.accounts.tests.factories import UserFactory
    from opengov.nominations import services as nominations
    from opengov.nominations.choices import RoundStatus
    from opengov.nominations.tests.factories import (
        make_round,
        move_to,
        network_of,
        standing_nomination,
    )

    secretariat = UserFactory(email="data-secretariat@example.org")
    RoleGrant.objects.create(user=secretariat, role=Role.SECRETARIAT)
    net = network_of(3, secretariat)
    round_ = make_round(secretariat, net.body, seats=1)
    a, b = (standing_nomination(net, round_, i, by_member=i) for i in range(2))
    round_ = move_to(round_, RoundStatus.VOTING_OPEN)
    for i, choice in enumerate((a, b, a)):
        nominations.cast_vote(
            by=net.voters[i], round=round_, organisation=net.members[i], choices={None: [choice.pk]}
        )
    nominations.publish_results(by=secretariat, round=move_to(round_, RoundStatus.COUNTING), seed=5)
