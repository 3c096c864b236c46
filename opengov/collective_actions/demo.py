"""The demo's events and collective actions, loaded through the services by
`opengov.demo.loader`.

From the 10 November 2016 note: the OGP Global Summit in Paris (7–9 December 2016), with Ben
Gummer, Minister for the Cabinet Office, "likely on Wednesday and Thursday", and Sir Eric Pickles,
the Anti-Corruption Champion (their posts come from the organisations demo's tenures). The note
names no collective action and no signatory, so the collective action and its three signatories
are samples, labelled as such, reaching the default quorum of three."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from opengov.core.actors import SYSTEM
from opengov.organisations.models import OrganisationKind
from opengov.organisations.services import create_organisation, find_organisation, find_person

from . import services
from .models import CollectiveAction, Event

SUMMIT = "OGP Global Summit 2016"
SAMPLE_ACTION = "Open contracting (sample collective action)"
SAMPLE_SIGNATORIES = (
    ("Sample national government A (demo data)", OrganisationKind.NATIONAL_GOVERNMENT),
    ("Sample national government B (demo data)", OrganisationKind.NATIONAL_GOVERNMENT),
    ("Sample city government (demo data)", OrganisationKind.LOCAL_GOVERNMENT),
)
DELEGATES = (
    ("Ben Gummer", "Cabinet Office", "Likely on Wednesday and Thursday (note of 10 November 2016)"),
    ("Sir Eric Pickles", "", ""),
)


def _summit(created: Counter[str]) -> Event:
    event = Event.objects.filter(title=SUMMIT).first()
    if event is not None:
        return event
    event = services.create_event(
        by=SYSTEM,
        title=SUMMIT,
        starts_on=dt.date(2016, 12, 7),
        ends_on=dt.date(2016, 12, 9),
        place="Paris",
        description=(
            "The Open Government Partnership's global summit. The OGP Support Unit presented the "
            "findings of its mid-term review and strategic refresh and the Paris Declaration; "
            "governments, experts and sub-nationals signed up to collective actions there. "
            "At least three have to sign up to one for it to be considered, and collective "
            "actions are not automatically transferred into national action plans."
        ),
    )
    created["events"] += 1
    for name, organisation, note in DELEGATES:
        person = find_person(name)
        if person is None:
            continue
        services.add_delegate(
            by=SYSTEM,
            event=event,
            person=person,
            organisation=find_organisation(organisation) if organisation else None,
            note=note,
        )
        created["delegates"] += 1
    return event


def load(*, created: Counter[str]) -> None:
    """Load what is missing of this app's demo (loading twice creates nothing)."""
    event = _summit(created)
    if CollectiveAction.objects.filter(title=SAMPLE_ACTION).exists():
        return
    action = services.create_collective_action(
        by=SYSTEM,
        event=event,
        title=SAMPLE_ACTION,
        theme="Open contracting",
        description=(
            "Sample data for the demonstration: the note of 10 November 2016 names no collective "
            "action. It shows one that has reached its quorum of three distinct signatories."
        ),
    )
    created["collective actions"] += 1
    for name, kind in SAMPLE_SIGNATORIES:
        organisation = find_organisation(name) or create_organisation(
            by=SYSTEM, name=name, kind=kind, description="Sample signatory (demo data)."
        )
        services.sign_up(
            by=SYSTEM,
            action=action,
            organisation=organisation,
            statement="Sample sign-up (demo data).",
            signed_on=dt.date(2016, 12, 8),
        )
        created["sign-ups"] += 1
