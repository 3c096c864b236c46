"""The demo's posts, tenures and projects: the Minister for the Cabinet Office's transition of
14 July 2016 and the Anti-Corruption Champion, each tenure with a source; the note's three funded
strands; the posts held on 10 November 2016; loading twice creates nothing more."""

import datetime as dt

import pytest

from opengov.demo.loader import load_demo
from opengov.meetings.demo import SEED_DATE
from opengov.organisations.models import Post, Project, Tenure
from opengov.organisations.posts import posts_held
from opengov.organisations.services import find_person

pytestmark = pytest.mark.django_db


def test_the_demo_loads_once(client):
    first = load_demo(with_users=False)
    assert (first.created["posts"], first.created["tenures"], first.created["projects"]) == (
        2,
        3,
        3,
    )
    minister = Post.objects.get(title="Minister for the Cabinet Office")
    assert minister.organisation.name == "Cabinet Office"
    held = list(minister.tenures.order_by("start_on").values_list("person__name", "end_on"))
    assert held == [
        ("Matt Hancock", dt.date(2016, 7, 13)),
        ("Ben Gummer", dt.date(2017, 6, 11)),
    ]
    assert all(t.source_url.startswith("https://") for t in Tenure.objects.all())
    gummer, pickles = find_person("Ben Gummer"), find_person("Sir Eric Pickles")
    on_the_day = posts_held([(gummer.pk, SEED_DATE), (pickles.pk, SEED_DATE)])
    assert [t.post.title for t in on_the_day[(gummer.pk, SEED_DATE)]] == [
        "Minister for the Cabinet Office"
    ]
    assert [t.post.title for t in on_the_day[(pickles.pk, SEED_DATE)]] == [
        "Anti-Corruption Champion"
    ]
    funders = sorted(p.funder.name for p in Project.objects.select_related("funder"))
    assert funders == ["NESTA", "The Big Lottery Fund", "The Potter Foundation"]
    second = load_demo(with_users=False)
    assert (second.created["posts"], second.created["tenures"], second.created["projects"]) == (
        0,
        0,
        0,
    )
    assert Tenure.objects.count() == 3 and Project.objects.count() == 3
    network = Project.objects.first().network
    assert (
        "An audit of open government in the UK"
        in client.get(network.get_absolute_url()).content.decode()
    )
