"""The world the privacy tests run in, built through the services so that the audit trail holds
what it holds in real use: Zelda, a commitment lead with a person record, who downloads her data
and deletes her account; Bartholomew, another lead whose data must stay out of her download and
keep his name."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from opengov.accounts.models import Role
from opengov.accounts.services import create_user, grant_role
from opengov.accounts.tests.factories import PASSWORD
from opengov.accounts.tokens import create_api_token
from opengov.action_plans.services import (
    post_progress_update,
    record_assessment,
    revise_milestone_due_date,
)
from opengov.action_plans.tests.factories import MilestoneFactory
from opengov.meetings.choices import MeetingStatus
from opengov.meetings.services import (
    add_action_item,
    create_meeting,
    record_attendance,
    remove_attendance,
)
from opengov.meetings.tests.factories import held_on
from opengov.organisations.services import add_membership, create_person

NAME = "Zelda Quimby"
FIRST_NAME = "Zelda"
OTHER_NAME = "Bartholomew Nyx"
UPDATE_TEXT = "Consultation on the draft strategy launched."
REASON = "Postponed due to the delayed Digital Strategy."


def build_world(*, commitment: Any, organisation: Any, administrator: Any, secretariat: Any) -> Any:
    zelda = create_user(by=administrator, email="zelda@example.org", name=NAME, password=PASSWORD)
    grant_role(by=administrator, user=zelda, role=Role.COMMITMENT_LEAD, organisation=organisation)
    person = create_person(by=administrator, name=NAME, user=zelda)
    add_membership(by=administrator, person=person, organisation=organisation, role="Head of data")
    meeting = create_meeting(
        by=secretariat,
        title="Where we have got to",
        starts_at=held_on(dt.date(2016, 11, 10)),
        status=MeetingStatus.HELD,
    )
    earlier = create_meeting(
        by=secretariat,
        title="Planning the forum",
        starts_at=held_on(dt.date(2016, 10, 6)),
        status=MeetingStatus.HELD,
    )
    record_attendance(by=secretariat, meeting=meeting, person=person, organisation=organisation)
    # Recorded by mistake and removed: the removal's event holds her name as text.
    mistaken = record_attendance(by=secretariat, meeting=earlier, person=person)
    remove_attendance(by=secretariat, attendance=mistaken)
    action = add_action_item(
        by=secretariat,
        meeting=meeting,
        text="Write to the minister about the strategy",
        owner_person=person,
        owner_text="Zelda Q.",
    )
    milestone = MilestoneFactory(commitment=commitment, due_on=dt.date(2017, 3, 31))
    update = post_progress_update(
        by=zelda, commitment=commitment, status="on_track", text=UPDATE_TEXT
    )
    revision = revise_milestone_due_date(
        by=zelda,
        milestone=milestone,
        new_due_on=dt.date(2017, 9, 30),
        reason=REASON,
        expected_version=milestone.version,
    )
    assessment = record_assessment(
        by=zelda,
        commitment=commitment,
        kind="government",
        organisation=organisation,
        period_start=dt.date(2016, 7, 1),
        period_end=dt.date(2016, 12, 31),
        status="on_track",
        text="Self-assessment: on track.",
    )
    token, raw_token = create_api_token(by=zelda, name="Departmental import")

    bart = create_user(
        by=administrator, email="bart@example.org", name=OTHER_NAME, password=PASSWORD
    )
    grant_role(by=administrator, user=bart, role=Role.COMMITMENT_LEAD, organisation=organisation)
    bart_person = create_person(by=administrator, name=OTHER_NAME, user=bart)
    record_attendance(by=secretariat, meeting=meeting, person=bart_person)
    bart_update = post_progress_update(
        by=bart, commitment=commitment, status="delayed", text="Bartholomew's own update."
    )
    bart_token, bart_raw = create_api_token(by=bart, name="Bartholomew's laptop")
    return SimpleNamespace(**locals())
