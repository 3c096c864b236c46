"""Readable labels for audit verbs, shown in histories and feeds."""

from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
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
    "organisations.membership.created": _("added a membership"),
    "organisations.network.created": _("created the network"),
    "organisations.network.member_added": _("added a network member"),
}


def verb_label(verb: str) -> str:
    return str(VERB_LABELS.get(verb, verb))
