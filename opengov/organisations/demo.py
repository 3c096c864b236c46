"""The demo's posts and who held them, and the network's funded projects, loaded through the
services by `opengov.demo.loader` (after the organisations, people, plan and meeting).

Posts: the two the note of 10 November 2016 names, "Ben Gummer, Minister for the Cabinet Office"
and "Sir Eric Pickles, the newly reappointed Anti-Corruption Champion", with only dates a public
source gives (each tenure links to it). The transition shown is the Minister for the Cabinet
Office's of 14 July 2016, Matt Hancock to Ben Gummer: recorded as Ben Gummer's tenure ending
Matt Hancock's the day before, since one person holds the post on any day. No source found gives
the day Sir Eric Pickles was reappointed: his tenure starts on the earliest day a source shows
him in the post again, and says so.

Projects: the note's "New OGN funding", three strands of Involve's coordination of the network,
in the note's words; it gives no amounts, periods or links, so none are recorded (each project
links to the published note)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from opengov.core.actors import SYSTEM
from opengov.meetings.demo import SEED_SOURCE_URL

from .models import Appointment, Network, Post, Project, ProjectStatus, Tenure
from .projects import create_project
from .services import create_person, find_organisation, find_person
from .tenures import create_post, end_tenure, start_tenure

NETWORK_NAME = "UK Open Government Network"


@dataclass(frozen=True)
class TenureData:
    person: str
    start_on: dt.date
    end_on: dt.date | None
    appointment: str
    source_url: str
    note: str = ""


@dataclass(frozen=True)
class PostData:
    title: str
    organisation: str
    description: str
    tenures: tuple[TenureData, ...]  # oldest first: each ends the one before it


POSTS = (
    PostData(
        "Minister for the Cabinet Office",
        "Cabinet Office",
        "The minister responsible for the work of the Cabinet Office, the UK's lead department "
        "for the Open Government Partnership.",
        (
            TenureData(
                "Matt Hancock",
                dt.date(2015, 5, 11),
                None,
                Appointment.APPOINTED,
                "https://www.civilserviceworld.com/professions/article/"
                "francis-maude-out-as-minister-for-the-cabinet-office-as-matt-hancock-takes-the-reins",
                "Succeeded Francis Maude after the 2015 general election.",
            ),
            TenureData(
                "Ben Gummer",
                dt.date(2016, 7, 14),
                dt.date(2017, 6, 11),
                Appointment.APPOINTED,
                "https://en.wikipedia.org/wiki/Ben_Gummer",
                "Appointed by Theresa May on the evening of 14 July 2016, replacing Matt Hancock.",
            ),
        ),
    ),
    PostData(
        "Anti-Corruption Champion",
        "",
        "The UK's Anti-Corruption Champion, a personal appointment of the Prime Minister.",
        (
            TenureData(
                "Sir Eric Pickles",
                dt.date(2016, 10, 13),
                None,
                Appointment.REAPPOINTED,
                "https://www.publicfinance.co.uk/news/2016/10/pickles-promises-corruption-clampdown",
                "Reappointed by Theresa May. The source does not give the day: this tenure starts "
                "on 13 October 2016, when he spoke as the reappointed Champion. Its end is not "
                "recorded here.",
            ),
        ),
    ),
)


@dataclass(frozen=True)
class ProjectData:
    title: str
    funder: str
    purpose: str
    partners: tuple[str, ...] = ()


# "Involve has been successful in securing funding to coordinate the OGN from three sources".
PROJECTS = (
    ProjectData(
        "Open government and the Sustainable Development Goals",
        "The Big Lottery Fund",
        "To look at the crossover between open government and Sustainable Development Goals, "
        "with the Scottish, Welsh and NI networks.",
        ("NI Open Government Network",),
    ),
    ProjectData(
        "An audit of open government in the UK",
        "The Potter Foundation",
        "To conduct an audit of open government in the UK in order to develop priorities for "
        "the Open Government Network.",
    ),
    ProjectData(
        "Expanding the reach and impact of the OGN",
        "NESTA",
        "To expand the reach and impact of the OGN, and particularly to look at how the OGN can "
        "use digital technologies to engage members of the network.",
    ),
)


def load(*, created: Counter[str]) -> None:
    """Load what is missing of this app's demo (loading twice creates nothing)."""
    for data in POSTS:
        _load_post(data, created)
    network = Network.objects.filter(name=NETWORK_NAME).first()
    if network is not None:
        for project in PROJECTS:
            _load_project(network, project, created)


def _load_post(data: PostData, created: Counter[str]) -> None:
    post = Post.objects.filter(title=data.title).first()
    if post is None:
        organisation = find_organisation(data.organisation) if data.organisation else None
        post = create_post(
            by=SYSTEM, title=data.title, organisation=organisation, description=data.description
        )
        created["posts"] += 1
    for tenure in data.tenures:
        person = find_person(tenure.person)
        if person is None:
            person = create_person(by=SYSTEM, name=tenure.person)
            created["people"] += 1
        if Tenure.objects.filter(post=post, person=person, start_on=tenure.start_on).exists():
            continue
        held = start_tenure(
            by=SYSTEM,
            post=post,
            person=person,
            start_on=tenure.start_on,
            appointment=tenure.appointment,
            source_url=tenure.source_url,
            note=tenure.note,
            end_previous=True,
        )
        if tenure.end_on is not None:
            end_tenure(by=SYSTEM, tenure=held, end_on=tenure.end_on)
        created["tenures"] += 1


def _load_project(network: Network, data: ProjectData, created: Counter[str]) -> None:
    if Project.objects.filter(network=network, title=data.title).exists():
        return
    partners = [found for name in data.partners if (found := find_organisation(name))]
    create_project(
        by=SYSTEM,
        network=network,
        title=data.title,
        funder=find_organisation(data.funder),
        funder_name="" if find_organisation(data.funder) else data.funder,
        purpose=data.purpose,
        partners=partners,
        status=ProjectStatus.PLANNED,
        url=SEED_SOURCE_URL,
    )
    created["projects"] += 1
