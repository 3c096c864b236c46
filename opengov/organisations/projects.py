"""Every write to a network's projects: the funded strands of its own work."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.slugs import unique_slug
from opengov.core.submissions import repeated
from opengov.core.text import clean_line, clean_text, is_web_url

from .models import Network, Organisation, Project, ProjectStatus

FIELDS = ["title", "funder", "funder_name", "purpose", "start_on", "end_on", "status", "url"]


def _clean(
    *,
    title: str,
    funder: Organisation | None,
    funder_name: str,
    purpose: str,
    start_on: dt.date | None,
    end_on: dt.date | None,
    status: str,
    url: str,
) -> dict[str, Any]:
    title = " ".join(clean_line(title).split())
    if not title:
        raise DomainError(_("Enter the project's title."), field="title")
    funder_name = "" if funder is not None else " ".join(clean_line(funder_name).split())
    if start_on and end_on and end_on < start_on:
        raise DomainError(_("The project must end on or after the day it starts."), field="end_on")
    if status not in ProjectStatus.values:
        raise DomainError(_("Choose the project's status."), field="status")
    url = url.strip()
    if url and not is_web_url(url):
        raise DomainError(
            _("Enter the link as a web address starting with http:// or https://."), field="url"
        )
    return {
        "title": title,
        "funder": funder,
        "funder_name": funder_name,
        "purpose": clean_text(purpose).strip(),
        "start_on": start_on,
        "end_on": end_on,
        "status": status,
        "url": url,
    }


def _partner_names(project: Project) -> list[str]:
    return sorted(o.name for o in project.partners.all())


def create_project(
    *,
    by: Any,
    network: Network,
    title: str,
    funder: Organisation | None = None,
    funder_name: str = "",
    purpose: str = "",
    partners: Sequence[Organisation] = (),
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    status: str = ProjectStatus.PLANNED,
    url: str = "",
    submission_token: uuid.UUID | None = None,
) -> Project:
    """Add a project to a network: its title, who funds it (an organisation in the directory,
    or a name), its purpose, partner organisations, period, status and a link. A second
    submission with the same `submission_token` returns the first one's project."""
    require("organisations.add_project", by, network)
    values = _clean(
        title=title,
        funder=funder,
        funder_name=funder_name,
        purpose=purpose,
        start_on=start_on,
        end_on=end_on,
        status=status,
        url=url,
    )
    with transaction.atomic():
        # Locking the network makes a repeated submission wait for the first, then find it.
        Network.objects.select_for_update().filter(pk=network.pk).first()
        if submission_token is not None:
            earlier = Project.objects.filter(submission_token=submission_token).first()
            if earlier is not None:
                return repeated(earlier, network_id=network.pk, title=values["title"])
        project = Project.objects.create(
            network=network,
            slug=unique_slug(Project, values["title"]),
            submission_token=submission_token,
            **values,
        )
        project.partners.set(partners)
        changes = audit.created(project, ["network", *FIELDS])
        if partners:
            changes["partners"] = [None, _partner_names(project)]
        audit.record(
            actor=by,
            verb="organisations.project.created",
            obj=project,
            changes=changes,
            scope=network,
        )
    return project


def update_project(
    *,
    by: Any,
    project: Project,
    expected_version: int | None,
    title: str,
    funder: Organisation | None = None,
    funder_name: str = "",
    purpose: str = "",
    partners: Sequence[Organisation] = (),
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    status: str = ProjectStatus.PLANNED,
    url: str = "",
) -> Project:
    """Change a project (its status as it starts and completes, its period, partners…).
    Refused when someone else changed it since `expected_version`."""
    require("organisations.change_project", by, project)
    values = _clean(
        title=title,
        funder=funder,
        funder_name=funder_name,
        purpose=purpose,
        start_on=start_on,
        end_on=end_on,
        status=status,
        url=url,
    )
    with transaction.atomic():
        locked = lock_for_edit(Project, pk=project.pk, expected_version=expected_version)
        before = audit.snapshot(locked, FIELDS)
        partners_before = _partner_names(locked)
        for name, value in values.items():
            setattr(locked, name, value)
        changes = audit.diff(before, audit.snapshot(locked, FIELDS))
        locked.partners.set(partners)
        partners_after = _partner_names(locked)
        if partners_after != partners_before:
            changes["partners"] = [partners_before, partners_after]
        if changes:
            bump_version(locked)
            locked.save()
            audit.record(
                actor=by,
                verb="organisations.project.changed",
                obj=locked,
                changes=changes,
                scope=locked.network,
            )
    return locked
