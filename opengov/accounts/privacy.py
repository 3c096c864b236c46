"""Deleting an account, within a public record of a government process: what ends, what is erased,
and what stays, shown as "former participant" (docs/privacy.md, ADR 7)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.action_plans.models import Assessment, DueDateRevision, ProgressUpdate
from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.errors import DomainError, PermissionDeniedError
from opengov.core.models import AuditEvent, DigestItem
from opengov.core.services import require
from opengov.core.slugs import unique_slug
from opengov.meetings.models import ActionItem, Attendance
from opengov.organisations.models import Person

from . import rules as _rules  # noqa: F401  (registers accounts.delete_account)
from .models import ApiToken, Role, RoleGrant, User, erased_email
from .privacy_export import APP_PRIVACY
from .withheld import ERASED_VERB, MENTIONS_KEY, PERSON_ERASED_VERB, RECORDS_KEY

# Events whose `changes["person"]` names the person a record belongs to when it is created.
PERSON_RECORD_VERBS = ["organisations.membership.created", "meetings.attendance.recorded"]


def delete_account(*, by: Any, user: User, password: str) -> User:
    """Delete `user`'s account: its owner does, or an administrator on their request; either way
    the person acting confirms with their own password. The deployment's last administrator
    cannot delete their account. All in one transaction, or nothing:

    - every session ends (the password becomes unusable, which changes the hash each session is
      checked against, and the account is inactive); every API token is revoked; roles go;
    - the e-mail address becomes erased-<id>@invalid and the name is emptied;
    - their person record stays, because attendance and actions point to it, but loses its name,
      its address (slug) and its memberships; the actions they owned lose the owner's name as the
      note wrote it;
    - their public contributions (progress updates, assessments, moved due dates, attendance,
      actions) stay and show "former participant".

    The audit trail is not rewritten: a private event on the account lists the records whose
    names the history withholds from now on (opengov.accounts.withheld), and a public event on
    the person records that their name was removed. Neither holds the name or the address."""
    require("accounts.delete_account", by, user)
    if as_user(by) is None:
        raise PermissionDeniedError(_("Only a person signed in to their account can do this."))
    if not password or not by.check_password(password):
        raise DomainError(_("Your password is not correct"), field="password")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.is_erased:
            raise DomainError(_("This account has already been deleted."))
        _refuse_last_administrator(locked)
        person = Person.objects.select_for_update().filter(user=locked).first()
        records, mentions = _withheld_keys(locked, person)
        now = timezone.now()
        tokens = ApiToken.objects.filter(user=locked, revoked_at__isnull=True).update(
            revoked_at=now
        )
        roles, _by_model = RoleGrant.objects.filter(user=locked).delete()
        DigestItem.objects.filter(recipient=locked).delete()  # notifications not yet sent
        ProgressUpdate.objects.filter(author=locked).update(author_name="")
        Assessment.objects.filter(author=locked).update(author_name="")
        DueDateRevision.objects.filter(revised_by=locked).update(revised_by_name="")
        for module in APP_PRIVACY:
            import_module(module).erase_for(locked)
        _erase_user(locked)
        # The account acting on itself is recorded under its erased self, so that the events
        # below carry "former participant", never the name, as their actor label.
        actor = locked if by.pk == locked.pk else by
        audit.record(
            actor=actor,
            verb=ERASED_VERB,
            obj=locked,
            changes={
                "erased": [False, True],
                "api_tokens_revoked": [None, tokens],
                "roles_removed": [None, roles],
                RECORDS_KEY: [None, sorted(records)],
                MENTIONS_KEY: [None, sorted(mentions)],
            },
            is_public=False,
        )
        if person is not None:
            _erase_person(person)
            audit.record(
                actor=actor,
                verb=PERSON_ERASED_VERB,
                obj=person,
                changes={"is_former_participant": [False, True]},
            )
    user.__dict__.pop("_role_grants_cache", None)
    return locked


def _refuse_last_administrator(user: User) -> None:
    """Lock every active administrator's row (in id order, so two administrators deleting their
    accounts at once take turns) and refuse if this is the only one."""
    granted = RoleGrant.objects.filter(role=Role.ADMINISTRATOR).values("user_id")
    administrators = list(
        User.objects.select_for_update()
        .filter(Q(is_superuser=True) | Q(pk__in=granted), is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if user.pk in administrators and len(administrators) == 1:
        raise DomainError(
            _(
                "You are the only administrator. Give another person the administrator role "
                "before you delete your account."
            )
        )


def _withheld_keys(user: User, person: Person | None) -> tuple[set[str], set[str]]:
    """The records whose names the history withholds (the account, its tokens, the person, their
    memberships and attendance, including attendance since removed) and the records whose
    changes name them (the actions they own)."""
    records = {audit.object_key(user)}
    records.update(audit.object_key(token) for token in ApiToken.objects.filter(user=user))
    mentions: set[str] = set()
    if person is None:
        return records, mentions
    records.add(audit.object_key(person))
    records.update(audit.object_key(m) for m in person.memberships.all())
    records.update(audit.object_key(a) for a in Attendance.objects.filter(person=person))
    named = Q(changes__person__1=person.pk) | Q(changes__person__1=str(person.pk))
    records.update(
        AuditEvent.objects.filter(named, verb__in=PERSON_RECORD_VERBS).values_list(
            "object_key", flat=True
        )
    )
    mentions.update(
        audit.object_key(item) for item in ActionItem.objects.filter(owner_person=person)
    )
    return records, mentions


def _erase_user(user: User) -> None:
    user.name = ""
    user.email = erased_email(user.pk)
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _erase_person(person: Person) -> None:
    person.memberships.all().delete()
    ActionItem.objects.filter(owner_person=person).exclude(owner_text="").update(
        owner_text="", version=F("version") + 1
    )
    person.name = ""
    person.match_name = ""
    person.slug = unique_slug(Person, f"former participant {person.pk}")
    person.version = person.version + 1
    person.save()
