"""Named permissions for organisations, people and networks."""

import rules

from opengov.accounts.predicates import (
    is_administrator,
    is_government_contact,
    is_plan_manager,
    is_secretariat,
)

can_manage_directory = is_administrator | is_secretariat | is_government_contact

rules.add_perm("organisations.add_organisation", can_manage_directory)
rules.add_perm("organisations.change_organisation", can_manage_directory)
rules.add_perm("organisations.add_person", can_manage_directory)
rules.add_perm("organisations.change_person", can_manage_directory)
rules.add_perm("organisations.add_membership", can_manage_directory)
rules.add_perm("organisations.add_network", is_administrator | is_secretariat)
rules.add_perm("organisations.change_network", is_administrator | is_secretariat)

# Posts and who held them, and a network's projects. Plan managers (administrators, the
# secretariat and government points of contact) keep the record of posts and tenures: ministers
# change with political transitions and the government contact and the secretariat both follow
# them. A network's projects are its own work: administrators and the secretariat record them.
# Posts, tenures and projects are public; reading them needs no permission.
rules.add_perm("organisations.add_post", is_plan_manager)
rules.add_perm("organisations.change_post", is_plan_manager)
rules.add_perm("organisations.add_tenure", is_plan_manager)
rules.add_perm("organisations.change_tenure", is_plan_manager)
rules.add_perm("organisations.add_project", is_administrator | is_secretariat)
rules.add_perm("organisations.change_project", is_administrator | is_secretariat)
