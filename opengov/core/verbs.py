"""Readable labels for audit verbs, shown in histories and feeds."""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "accounts.user.created": _("created a user account"),
    "accounts.role.granted": _("granted a role"),
    "accounts.user.erased": _("deleted an account"),
    "accounts.apitoken.created": _("created an API token"),
    "accounts.apitoken.revoked": _("revoked an API token"),
    "action_plans.member.imported": _("imported the member"),
    "action_plans.actionplan.imported": _("imported the plan"),
    "action_plans.member.created": _("added the member"),
    "action_plans.actionplan.created": _("created the plan"),
    "action_plans.actionplan.changed": _("edited the plan"),
    "action_plans.actionplan.published": _("published the plan"),
    "action_plans.commitment.created": _("added the commitment"),
    "action_plans.commitment.changed": _("edited the commitment"),
    "action_plans.commitment.imported": _("imported the commitment"),
    "action_plans.milestone.created": _("added a milestone"),
    "action_plans.milestone.changed": _("reworded a milestone"),
    "action_plans.milestone.due_date_revised": _("moved a milestone's due date"),
    "action_plans.milestone.completed": _("completed a milestone"),
    "action_plans.progressupdate.posted": _("posted a progress update"),
    "action_plans.assessment.recorded": _("recorded an assessment"),
    "organisations.organisation.created": _("added the organisation"),
    "organisations.organisation.alias_added": _("added an alias"),
    "organisations.person.created": _("added the person"),
    "organisations.person.erased": _("removed the person's name (their account was deleted)"),
    "organisations.membership.created": _("added a membership"),
    "organisations.network.created": _("created the network"),
    "organisations.network.member_added": _("added a network member"),
    "meetings.meetingseries.created": _("started the meeting series"),
    "meetings.meeting.created": _("added the meeting"),
    "meetings.meeting.changed": _("edited the meeting"),
    "meetings.meeting.minutes_published": _("published the minutes"),
    "meetings.attendance.recorded": _("recorded attendance"),
    "meetings.attendance.changed": _("corrected attendance"),
    "meetings.attendance.removed": _("removed an attendee"),
    "meetings.minutessection.added": _("added a section of the minutes"),
    "meetings.minutessection.changed": _("edited a section of the minutes"),
    "meetings.decision.recorded": _("recorded a decision"),
    "meetings.actionitem.agreed": _("added an action"),
    "meetings.actionitem.status_changed": _("changed an action's status"),
    "meetings.actionitem.reviewed": _("reviewed an action"),
    "meetings.meeting.imported": _("imported the meeting from its note"),
    # -- organisations (posts, tenures, projects) --
    # -- collective_actions --
    # -- nominations --
    # -- ideas --
    # -- consultations --
    # -- feedback --
}


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))
