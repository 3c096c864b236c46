"""Nominating, seconding, the nominee's answer, and withdrawing."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opengov.core import audit
from opengov.core.actors import as_user
from opengov.core.concurrency import bump_version, lock_for_edit
from opengov.core.errors import DomainError
from opengov.core.services import require
from opengov.core.text import clean_text
from opengov.organisations.models import Organisation, Person

from ..choices import Acceptance
from ..models import Constituency, Nomination, NominationRound, Seconding
from ..rules import represented_members
from .notices import tell
from .permissions import require_to

MAX_STATEMENT = 5000


def _speaks_for(by: Any, round_: NominationRound, organisation: Organisation, field: str) -> None:
    if organisation.pk not in represented_members(by, round_):
        raise DomainError(_("You can act only for an eligible member you represent."), field=field)


def nominate(
    *,
    by: Any,
    round: NominationRound,
    organisation: Organisation,
    nominee: Person,
    nominee_organisation: Organisation | None = None,
    constituency: Constituency | None = None,
    statement: str = "",
) -> Nomination:
    """An eligible member (`organisation`, which `by` represents) nominates a person for the
    general seats or a constituency while nominations are open. The nominee must have an account
    (only they may accept) and may stand once per round. The nominee is asked to accept."""
    require_to("nominations.nominate", by, round)
    _speaks_for(by, round, organisation, "organisation")
    if constituency is not None and constituency.round_id != round.pk:
        raise DomainError(_("Choose one of this round's constituencies."), field="constituency")
    if constituency is None and not round.seats:
        raise DomainError(_("Choose the constituency."), field="constituency")
    if nominee.user_id is None or nominee.is_former_participant:
        raise DomainError(
            _("%(name)s has no account here, so could not accept: ask them to register first.")
            % {"name": nominee.display_name},
            field="nominee",
        )
    statement = clean_text(statement).strip()
    if len(statement) > MAX_STATEMENT:
        raise DomainError(_("Keep the statement under 5,000 characters."), field="statement")
    try:
        with transaction.atomic():
            nomination = Nomination.objects.create(
                round=round,
                constituency=constituency,
                nominee=nominee,
                nominee_organisation=nominee_organisation,
                nominator=organisation,
                nominated_by=as_user(by),
                statement=statement,
            )
            audit.record(
                actor=by,
                verb="nominations.nomination.made",
                obj=nomination,
                changes=audit.created(
                    nomination, ["nominee", "nominee_organisation", "nominator", "constituency"]
                ),
                scope=round,
            )
            tell(
                [nominee.user],
                template="nomination_made",
                subject=_("You have been nominated: %(title)s") % {"title": round.title},
                kind="nominations.nomination_made",
                url=nomination.get_absolute_url(),
                nomination=nomination,
            )
    except IntegrityError:
        raise DomainError(
            _("%(name)s is already nominated in this round.") % {"name": nominee.display_name},
            field="nominee",
        ) from None
    return nomination


def second_nomination(*, by: Any, nomination: Nomination, organisation: Organisation) -> Seconding:
    """An eligible member other than the nominator seconds a nomination, once."""
    require_to("nominations.second_nomination", by, nomination)
    _speaks_for(by, nomination.round, organisation, "organisation")
    if organisation.pk == nomination.nominator_id:
        raise DomainError(
            _("The nominating member cannot second its own nomination."), field="organisation"
        )
    with transaction.atomic():
        locked = lock_for_edit(Nomination, pk=nomination.pk, expected_version=None)
        seconding, created = Seconding.objects.get_or_create(
            nomination=locked, organisation=organisation, defaults={"seconded_by": as_user(by)}
        )
        if not created:
            raise DomainError(
                _("%(member)s has already seconded this nomination.") % {"member": organisation},
                field="organisation",
            )
        Nomination.objects.filter(pk=locked.pk).update(seconders_count=F("seconders_count") + 1)
        audit.record(
            actor=by,
            verb="nominations.nomination.seconded",
            obj=locked,
            changes={"seconders": [None, organisation.name]},
            scope=locked.round,
        )
    return seconding


def answer_nomination(*, by: Any, nomination: Nomination, accept: bool) -> Nomination:
    """The nominee (their own account only) accepts or declines, until voting opens; they may
    change their answer until then."""
    require_to("nominations.answer_nomination", by, nomination)
    answer = Acceptance.ACCEPTED if accept else Acceptance.DECLINED
    with transaction.atomic():
        locked = lock_for_edit(Nomination, pk=nomination.pk, expected_version=None)
        if locked.acceptance == answer:
            return locked
        changes = {"acceptance": [locked.acceptance, answer]}
        locked.acceptance = answer
        locked.answered_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="nominations.nomination.accepted" if accept else "nominations.nomination.declined",
            obj=locked,
            changes=changes,
            scope=locked.round,
        )
    return locked


def withdraw_nomination(*, by: Any, nomination: Nomination) -> Nomination:
    """Withdraw a nomination before voting opens (the nominee, the nominator's people or those
    who run rounds). The person may then be nominated again."""
    require("nominations.withdraw_nomination", by, nomination)
    with transaction.atomic():
        locked = lock_for_edit(Nomination, pk=nomination.pk, expected_version=None)
        if locked.withdrawn_at is not None:
            raise DomainError(_("This nomination is already withdrawn."))
        locked.withdrawn_at = timezone.now()
        bump_version(locked)
        locked.save()
        audit.record(
            actor=by,
            verb="nominations.nomination.withdrawn",
            obj=locked,
            changes={"withdrawn_at": [None, audit.to_json_value(locked.withdrawn_at)]},
            scope=locked.round,
        )
    return locked
