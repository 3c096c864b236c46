"""A world whose every user-text field holds one attack string, put there through the real services
(a factory or a direct write only where no service sets the field), and the list of those fields,
enumerated from the models so that a new text field is covered without anyone remembering it.

`text_fields()` is every CharField and TextField (URLField, EmailField… included) of opengov's
models, except vocabularies (fields with choices: services accept only their keys) and the
documented NOT_USER_TEXT. `build_world(payload)` runs the services with `payload` in every text
argument, then `carry_payload` checks each field holds it, writing it directly into any field no
service filled (how older data or an import could hold it) and failing for a model with no row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone

from opengov.accounts.models import Role, RoleGrant, User
from opengov.accounts.services import create_user, grant_role
from opengov.accounts.tests.factories import PASSWORD, UserFactory
from opengov.accounts.tokens import create_api_token
from opengov.action_plans import services as plans
from opengov.action_plans.models import PolicyArea
from opengov.core.models import AuditEvent
from opengov.meetings.services import actions as meeting_actions
from opengov.meetings.services import imports as note_imports
from opengov.meetings.services import meetings as meeting_services
from opengov.organisations import services as directory
from opengov.organisations.models import OrganisationKind

from .matrix_apps import PARTS

# Text that is not typed by a person, with the reason; every other text field is attacked.
NOT_USER_TEXT = {
    "core.AuditEvent.verb": "a code the service chooses (action_plans.milestone.completed)",
    "core.AuditEvent.object_type": "app.model, from the code",
    "core.AuditEvent.object_id": "a primary key",
    "core.AuditEvent.object_key": "object_type:object_id",
    "core.AuditEvent.scope_key": "another object's object_key",
    "core.AuditEvent.prev_hash": "a SHA-256 digest",
    "core.AuditEvent.hash": "a SHA-256 digest",
    "core.AuditChainHead.last_hash": "a SHA-256 digest",
    "accounts.User.password": "a password hash",
    "accounts.ApiToken.prefix": "the generated token's first characters",
    "accounts.ApiToken.token_hash": "a SHA-256 digest",
    "action_plans.ProgressUpdate.import_key": "a digest an import makes",
    "meetings.Meeting.import_key": "a digest an import makes",
    "meetings.NoteImport.content_hash": "a SHA-256 digest of the upload",
    "consultations.Paragraph.key": "a paragraph's generated key",
    "consultations.Comment.paragraph_key": "a paragraph's generated key",
    "consultations.Answer.paragraph_key": "a paragraph's generated key",
}
# Models whose text is written by the site itself, never typed into it.
NOT_USER_TEXT_MODELS = {
    "core.OutgoingEmail": "an e-mail as the site's templates wrote it, kept for the mail task "
    "(what e-mails say is checked by test_xss.test_emails_carry_no_markup)",
    "core.DigestItem": "a notification as a service wrote it, kept for the daily digest e-mail "
    "and shown nowhere else (plain-text e-mails: test_xss.test_emails_carry_no_markup)",
}
# Every slug is made by slugify from a name (letters, digits, hyphens); every match_name is a
# name's matching key (opengov.organisations.models.match_key), never shown.
DERIVED_SUFFIXES = (".slug", ".match_name")
# Filled from other fields (the acting user's name, the object's str()): they carry those fields'
# payload and cannot be written directly (the audit log is append-only).
CARRIED = {"core.AuditEvent.actor_label", "core.AuditEvent.object_repr"}


def label(model: type[models.Model], name: str) -> str:
    return f"{model._meta.label}.{name}"


def text_fields() -> list[tuple[type[models.Model], models.Field[Any, Any]]]:
    """Every user-text field of opengov's models (see the module's docstring)."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("opengov.") or model._meta.label in NOT_USER_TEXT_MODELS:
            continue
        for f in model._meta.get_fields():
            if not isinstance(f, models.CharField | models.TextField) or f.choices:
                continue
            name = label(model, f.name)
            if name in NOT_USER_TEXT or name.endswith(DERIVED_SUFFIXES):
                continue
            found.append((model, f))
    return found


def fitted(payload: str, f: models.Field[Any, Any]) -> str:
    """The payload as the field can hold it: cut to its length; an e-mail field gets it as the
    quoted local part of an address, which Django's e-mail validation accepts."""
    if isinstance(f, models.EmailField):
        local = "".join(payload.split()).replace('"', "").replace("\\", "")[:60]
        return f'"{local}"@example.org'
    return payload[: f.max_length] if f.max_length else payload


def marker(payload: str, f: models.Field[Any, Any]) -> str:
    """What a field holding the payload contains, whatever the service trimmed or collapsed."""
    return " ".join(fitted(payload, f).split())[:8]


def holds_payload(model: type[models.Model], f: models.Field[Any, Any], payload: str) -> bool:
    """True if some row's value of the field holds the payload (spacing aside)."""
    values = model._default_manager.values_list(f.name, flat=True)
    return any(marker(payload, f) in " ".join((value or "").split()) for value in values)


@dataclass
class World:
    payload: str
    admin: Any = None
    objects: dict[str, Any] = field(default_factory=dict)
    written_directly: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _people(world: World, p: str, fit: Any) -> None:
    admin = world.admin
    gov = directory.create_organisation(
        by=admin,
        name=fit("Organisation.name"),
        kind=OrganisationKind.GOVERNMENT_DEPARTMENT,
        aliases=[fit("OrganisationAlias.alias")[:290] + " (also)"],
        description=p,
    )
    cso = directory.create_organisation(
        by=admin,
        name=fit("Organisation.name")[:280] + " (civil society)",
        kind=OrganisationKind.CIVIL_SOCIETY,
        description=p,
    )
    person = directory.create_person(by=admin, name=fit("Person.name"))
    directory.add_membership(by=admin, person=person, organisation=gov, role=fit("Membership.role"))
    network = directory.create_network(
        by=admin, name=fit("Network.name"), description=p, coordinator=cso
    )
    directory.add_network_member(by=admin, network=network, organisation=gov)
    cso_member = create_user(by=admin, email="cso@example.org", name=fit("User.name"))
    grant_role(by=admin, user=cso_member, role=Role.CIVIL_SOCIETY_MEMBER, organisation=cso)
    token, _raw = create_api_token(by=admin, name=fit("ApiToken.name"))
    world.objects.update(
        gov=gov, cso=cso, person=person, network=network, cso_member=cso_member, token=token
    )


def _plans(world: World, p: str, fit: Any) -> None:
    admin = world.admin
    member = plans.create_member(
        by=admin, name=fit("Member.name"), code=fit("Member.code"), region=fit("Member.region")
    )
    plan = plans.create_plan(
        by=admin,
        member=member,
        number=1,
        title=fit("ActionPlan.title"),
        description=p,
        ogp_id=fit("ActionPlan.ogp_id"),
        status="implementing",
    )
    area = PolicyArea.objects.create(
        name=fit("PolicyArea.name"),
        slug="attacked-area",
        group=fit("PolicyArea.group"),
        ogp_column=fit("PolicyArea.ogp_column"),
    )
    commitment = plans.create_commitment(
        by=admin,
        plan=plan,
        number=fit("Commitment.number"),
        title=fit("Commitment.title"),
        short_title=fit("Commitment.short_title"),
        description=p,
        government=None,
        lead_organisations=[world.gov],
        supporting_organisations=[world.cso],
        policy_areas=[area],
        ogp_id=fit("Commitment.ogp_id"),
        theme=fit("Commitment.theme"),
        lead_text=p,
    )
    plans.publish_plan(by=admin, plan=plan)  # first, so that what follows is public history
    plan.refresh_from_db()
    milestone = plans.add_milestone(
        by=admin, commitment=commitment, text=p, due_on=dt.date(2017, 3, 31)
    )
    plans.revise_milestone_due_date(
        by=admin,
        milestone=milestone,
        new_due_on=dt.date(2017, 6, 30),
        reason=p,
        expected_version=None,
    )
    evidence = [{"url": "https://example.org/evidence", "title": p}]
    update = plans.post_progress_update(
        by=admin,
        commitment=commitment,
        status="delayed",
        text=p,
        evidence=evidence,
        milestone=milestone,
        organisation=world.gov,
        reported_on=dt.date(2017, 1, 10),
    )
    period = {"period_start": dt.date(2016, 7, 1), "period_end": dt.date(2017, 6, 30)}
    plans.record_assessment(
        by=admin,
        commitment=commitment,
        kind="government",
        organisation=world.gov,
        status="delayed",
        text=p,
        evidence=evidence,
        **period,
    )
    plans.record_assessment(
        by=world.cso_member,
        commitment=commitment,
        kind="civil_society",
        organisation=world.cso,
        status="delayed",
        text=p,
        evidence=evidence,
        contests=update,
        **period,
    )
    world.objects.update(
        member=member, plan=plan, commitment=commitment, milestone=milestone, update=update
    )


def _meetings(world: World, p: str, fit: Any) -> None:
    admin = world.admin
    series = meeting_services.create_series(
        by=admin, name=fit("MeetingSeries.name"), description=p, organiser=world.gov
    )
    first_day = timezone.now() - dt.timedelta(days=60)
    meeting = meeting_services.create_meeting(
        by=admin,
        title=fit("Meeting.title"),
        starts_at=first_day,
        series=series,
        place=fit("Meeting.place"),
        organiser=world.gov,
        status="held",
        summary=p,
    )
    meeting_services.record_attendance(
        by=admin, meeting=meeting, person=world.person, organisation=world.gov
    )
    section = meeting_services.add_minutes_section(
        by=admin,
        meeting=meeting,
        heading=fit("MinutesSection.heading"),
        text=p,
        commitments=[world.commitment],
    )
    meeting_services.record_decision(by=admin, meeting=meeting, text=p, section=section)
    action = meeting_actions.add_action_item(
        by=admin,
        meeting=meeting,
        text=p,
        owner_organisation=world.gov,
        owner_text=fit("ActionItem.owner_text"),
        due_phrase=fit("ActionItem.due_phrase"),
        commitment=world.commitment,
    )
    meeting_services.publish_minutes(by=admin, meeting=meeting)
    # A later meeting of the series: the open action is carried forward and reviewed there.
    later = meeting_services.create_meeting(
        by=admin,
        title=fit("Meeting.title"),
        starts_at=first_day + dt.timedelta(days=30),
        series=series,
        summary=p,
    )
    meeting_actions.review_action_item(by=admin, action_item=action, meeting=later, note=p)
    meeting_actions.set_action_item_status(
        by=admin, action_item=action, status="dropped", expected_version=None, note=p
    )
    note = f"# {p}\n\nPresent: {p}\n\n## {p}\n\n{p}\n\nACTION: {p}\n".encode()
    note_import = note_imports.preview_note(
        by=admin,
        data=note,
        filename=fit("NoteImport.filename")[:200] + ".txt",
        meeting_date=dt.date(2016, 11, 10),
        series_name=fit("NoteImport.series_name"),
    )
    world.objects.update(
        series=series, meeting=meeting, later=later, action=action, note_import=note_import
    )


def build_world(payload: str) -> World:
    """Every kind of object, its text set to `payload` through the services, acted on by an
    administrator whose own name and e-mail address are the payload."""
    world = World(payload=payload)
    fields = {label(m, f.name).split(".", 1)[1]: f for m, f in text_fields()}

    def fit(name: str) -> str:
        return fitted(payload, fields[name])

    founder = UserFactory(email="founder@example.org", name="Founder")
    RoleGrant.objects.create(user=founder, role=Role.ADMINISTRATOR)
    admin = create_user(
        by=founder, email=fit("User.email"), name=fit("User.name"), password=PASSWORD
    )
    grant_role(by=founder, user=admin, role=Role.ADMINISTRATOR)
    world.admin = User.objects.get(pk=admin.pk)
    _people(world, payload, fit)
    _plans(world, payload, fit)
    _meetings(world, payload, fit)
    for part in PARTS:
        if hasattr(part, "content_world"):
            part.content_world(world, payload, fit)
    carry_payload(world)
    return world


def carry_payload(world: World) -> None:
    """Check every text field holds the payload in some row; write it directly into one row of a
    field no service filled (noting it in world.written_directly)."""
    missing_models = []
    for model, f in text_fields():
        name = label(model, f.name)
        rows = model._default_manager.all()
        if holds_payload(model, f, world.payload):
            continue
        if name in CARRIED:
            raise AssertionError(f"{name} does not carry the payload of the fields it copies")
        first = rows.order_by("pk").first()
        if first is None:
            missing_models.append(model._meta.label)
            continue
        rows.filter(pk=first.pk).update(**{f.name: fitted(world.payload, f)})
        world.written_directly.append(name)
    assert not missing_models, (
        f"No row of {sorted(set(missing_models))}: add the model to build_world "
        "(tests/security/content_world.py) so its text fields are attacked too."
    )


def public_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.public().order_by("sequence"))
