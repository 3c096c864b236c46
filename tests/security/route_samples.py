"""Every route of the site, found by walking config.urls, with sample arguments to build its URL,
the objects those arguments name (`world`), and a snapshot of the database's rows. Shared by the
CSRF, safe-method and query-injection tests, so that a new route is covered by all of them.

A route with path arguments needs a sample: see SAMPLES. One it cannot build fails, asking for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from opengov.accounts.tokens import create_api_token
from opengov.action_plans.tests import factories as plans
from opengov.api.datasets import DATASETS
from opengov.core.models import AuditEvent
from opengov.meetings.models import NoteImport
from opengov.meetings.tests import factories as meetings
from opengov.organisations.models import Network
from opengov.organisations.tests.factories import OrganisationFactory, PersonFactory

from .matrix_apps import PARTS

UNSAFE = ("post", "put", "patch", "delete")
API_PREFIX = "api/v1/"
# Tables whose rows may change on any request by design: the session store, the throttle counters.
VOLATILE_TABLES = {"django_session", "opengov_throttle"}


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name", or None for an unnamed pattern
    pattern: str  # the full pattern, as written
    params: tuple[str, ...]
    callback: Any

    @property
    def key(self) -> str:
        return self.name or self.pattern


def walk(resolver: URLResolver, prefix: str = "", namespace: str = "", params=()):
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        names = tuple(getattr(pattern, "converters", {}) or pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            yield from walk(entry, prefix + str(pattern), inner, params + names)
        else:
            assert isinstance(entry, URLPattern)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(name, prefix + str(pattern), params + names, entry.callback)


ROUTES = list(walk(get_resolver()))
IDS = [route.key for route in ROUTES]

# Which object each path argument names, per route ("pk" means different things on different
# routes); the API's arguments are named after their object. Values are attributes of `world`.
SAMPLES: dict[str, dict[str, str]] = {
    "action_plans:plan-detail": {"pk": "plan"},
    "action_plans:member-detail": {"slug": "member"},
    "action_plans:commitment-detail": {"pk": "commitment"},
    "action_plans:milestone-detail": {"pk": "milestone"},
    "action_plans:update-detail": {"pk": "update"},
    "action_plans:plan-edit": {"pk": "plan"},
    "action_plans:plan-publish": {"pk": "draft_plan"},
    "action_plans:commitment-create": {"pk": "plan"},
    "action_plans:commitment-edit": {"pk": "commitment"},
    "action_plans:milestone-create": {"pk": "commitment"},
    "action_plans:milestone-edit": {"pk": "milestone"},
    "action_plans:update-create": {"pk": "commitment"},
    "action_plans:milestone-revise": {"pk": "milestone"},
    "action_plans:milestone-complete": {"pk": "milestone"},
    "action_plans:assessment-create": {"pk": "commitment"},
    "organisations:organisation-detail": {"slug": "organisation"},
    "organisations:person-detail": {"slug": "person"},
    "organisations:network-detail": {"slug": "network"},
    "meetings:series-detail": {"slug": "series"},
    "meetings:series-ics": {"slug": "series"},
    "meetings:meeting-detail": {"pk": "meeting"},
    "meetings:meeting-edit": {"pk": "meeting"},
    "meetings:meeting-publish": {"pk": "meeting"},
    "meetings:attendance-edit": {"pk": "meeting"},
    "meetings:attendance-remove": {"pk": "attendance"},
    "meetings:section-create": {"pk": "meeting"},
    "meetings:section-edit": {"pk": "section"},
    "meetings:decision-create": {"pk": "meeting"},
    "meetings:action-create": {"pk": "meeting"},
    "meetings:action-detail": {"pk": "action_item"},
    "meetings:action-status": {"pk": "action_item"},
    "meetings:note-preview": {"pk": "note_import"},
    "core:event-detail": {"sequence": "event"},
    "tokens:token-revoke": {"pk": "api_token"},
    "accounts:password-reset-confirm": {"uidb64": "uidb64", "token": "reset_token"},
    "data:csv": {"name": "dataset"},
    "data:json": {"name": "dataset"},
    "api:get_member": {"slug": "member"},
    "api:get_organisation": {"slug": "organisation"},
    "api:get_person": {"slug": "person"},
    "api:get_network": {"slug": "network"},
    "api:get_history_event": {"sequence": "event"},
    "admin:app_list": {"app_label": "admin_app_label"},
    "admin:view_on_site": {"content_type_id": "group_content_type", "object_id": "group"},
}
API_ARGUMENTS = {
    "plan_id": "plan",
    "commitment_id": "commitment",
    "milestone_id": "milestone",
    "update_id": "update",
    "meeting_id": "meeting",
    "action_item_id": "action_item",
}
for _part in PARTS:
    SAMPLES.update(getattr(_part, "SAMPLES", {}))
    API_ARGUMENTS.update(getattr(_part, "API_ARGUMENTS", {}))
# Unnamed patterns with a regular expression cannot be built from arguments: a sample path each.
SAMPLE_PATHS = {"admin/(?P<url>.*)$": "/admin/no-such-page/"}


def value_of(obj: Any, param: str) -> str:
    if param == "slug":
        return str(obj.slug)
    if param == "sequence":
        return str(obj.sequence)
    return str(getattr(obj, "pk", obj))


def admin_object(route: Route, world: SimpleNamespace) -> str | None:
    """Admin pages of a registered model take the primary key of one of its rows."""
    match = re.match(r"admin/(\w+)/(\w+)/<path:object_id>/", route.pattern)
    if not match:
        return None
    model = apps.get_model(match.group(1), match.group(2))
    row = model._default_manager.order_by("pk").first()
    return str(row.pk) if row else "0"


def url_for(route: Route, world: SimpleNamespace) -> str:
    """The route's URL with sample arguments, or a failure naming the sample to add."""
    if route.pattern in SAMPLE_PATHS:
        return SAMPLE_PATHS[route.pattern]
    kwargs: dict[str, str] = {}
    for param in route.params:
        source = SAMPLES.get(route.key, {}).get(param) or (
            API_ARGUMENTS.get(param) if route.pattern.startswith(API_PREFIX) else None
        )
        if source is not None:
            kwargs[param] = value_of(getattr(world, source), param)
        elif param == "object_id" and (pk := admin_object(route, world)) is not None:
            kwargs[param] = pk
        else:
            pytest.fail(
                f"No sample for the argument {param!r} of the route {route.key!r} "
                f"({route.pattern}): add one to SAMPLES in {__name__}, naming the object "
                "of `world` it stands for."
            )
    if route.name:
        return reverse(route.name, kwargs=kwargs)
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: kwargs[m.group(1)], route.pattern)


def make_admin(administrator: Any) -> Any:
    """The administrator, also staff and superuser so that the admin site's pages answer too."""
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    return administrator


def build_world(commitment: Any, lead_organisation: Any, lead: Any) -> SimpleNamespace:
    """One object of every kind a route can name (the arguments are the root conftest's)."""
    plan = commitment.plan
    milestone = plans.MilestoneFactory(commitment=commitment)
    meeting = meetings.MeetingFactory(series=meetings.MeetingSeriesFactory())
    person = PersonFactory()
    api_token, _raw = create_api_token(by=lead, name="Script")  # also an audit event
    group = Group.objects.create(name="Editors")
    world = SimpleNamespace(
        plan=plan,
        draft_plan=plans.ActionPlanFactory(published_at=None, status="drafting"),
        member=plan.member,
        commitment=commitment,
        milestone=milestone,
        update=plans.ProgressUpdateFactory(commitment=commitment),
        organisation=lead_organisation,
        person=person,
        network=Network.objects.create(
            name="Open Government Network", slug="ogn", coordinator=OrganisationFactory()
        ),
        series=meeting.series,
        meeting=meeting,
        attendance=meetings.AttendanceFactory(meeting=meeting, person=person),
        section=meetings.MinutesSectionFactory(meeting=meeting),
        action_item=meetings.ActionItemFactory(meeting=meeting),
        note_import=NoteImport.objects.create(
            filename="note.txt", content_hash="0" * 64, source_text="Notes", extraction={}
        ),
        event=AuditEvent.objects.order_by("sequence").last(),
        api_token=api_token,
        uidb64=urlsafe_base64_encode(force_bytes(lead.pk)),
        reset_token=default_token_generator.make_token(lead),
        dataset=sorted(DATASETS)[0],
        admin_app_label="auth",
        group=group,
        group_content_type=apps.get_model("contenttypes", "ContentType").objects.get_for_model(
            Group
        ),
    )
    for part in PARTS:
        if hasattr(part, "sample_world"):
            part.sample_world(world)
    return world


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table but the volatile ones, in a stable order."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in VOLATILE_TABLES:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(map(repr, cursor.fetchall()))
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    return [table for table in before if before[table] != after.get(table)]
