"""The named permissions of consultations, by role and by the consultation's state."""

import pytest

from opengov.consultations import services
from opengov.consultations.tests.factories import (
    close,
    comment_on,
    make_consultation,
    paragraphs,
)
from opengov.core.actors import SYSTEM

pytestmark = pytest.mark.django_db
ROLES = (
    "anonymous", "participant", "civil_society_member", "other_lead", "lead",
    "government_contact", "secretariat", "administrator",
)  # fmt: skip
MANAGERS = {"government_contact", "secretariat", "administrator"}
MODERATORS = {"secretariat", "administrator"}
SIGNED_IN = set(ROLES) - {"anonymous"}


def consultation_in(state: str, owner):
    if state == "draft":
        return make_consultation(owner=owner, published=False)
    consultation = make_consultation(owner=owner)
    if state == "closed":
        return close(consultation)
    if state == "concluded":
        return services.conclude_consultation(
            by=SYSTEM, consultation=consultation, conclusion="Done."
        )
    return consultation


EXPECTED = {
    # permission: {state: roles that hold it}
    "consultations.view_consultation": {
        "draft": MANAGERS, "open": set(ROLES), "closed": set(ROLES), "concluded": set(ROLES)},
    "consultations.change_consultation": {
        "draft": MANAGERS, "open": MANAGERS, "closed": MANAGERS, "concluded": set()},
    "consultations.publish_consultation": {
        "draft": MANAGERS, "open": set(), "closed": set(), "concluded": set()},
    "consultations.add_documentversion": {
        "draft": set(), "open": MANAGERS, "closed": MANAGERS, "concluded": set()},
    "consultations.conclude_consultation": {
        "draft": set(), "open": MANAGERS, "closed": MANAGERS, "concluded": set()},
    "consultations.add_comment": {
        "draft": set(), "open": SIGNED_IN, "closed": set(), "concluded": set()},
    "consultations.answer_consultation": {
        "draft": set(), "open": MANAGERS | {"lead"}, "closed": MANAGERS | {"lead"},
        "concluded": set()},
}  # fmt: skip


@pytest.mark.parametrize("state", ["draft", "open", "closed", "concluded"])
@pytest.mark.parametrize("permission", sorted(EXPECTED))
def test_permission_by_role_and_state(permission, state, user_for_role, lead_organisation):
    consultation = consultation_in(state, lead_organisation)
    holders = {role for role in ROLES if user_for_role(role).has_perm(permission, consultation)}
    assert holders == EXPECTED[permission][state]


def test_comment_permissions(user_for_role, participant, secretariat, lead_organisation):
    consultation = make_consultation(owner=lead_organisation)
    comment = comment_on(paragraphs(consultation)[0], participant)

    def holders(permission):
        return {role for role in ROLES if user_for_role(role).has_perm(permission, comment)}

    assert holders("consultations.report_comment") == SIGNED_IN - {"participant"}
    assert holders("consultations.hide_comment") == MODERATORS
    assert holders("consultations.answer_comment") == MANAGERS | {"lead"}
    services.hide_comment(by=secretariat, comment=comment, reason="Abuse.")
    comment.refresh_from_db()
    for permission in ("report_comment", "hide_comment", "answer_comment"):
        assert holders(f"consultations.{permission}") == set()
