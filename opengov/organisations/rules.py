"""Named permissions for organisations, people and networks."""

import rules

from opengov.accounts.predicates import is_administrator, is_government_contact, is_secretariat

can_manage_directory = is_administrator | is_secretariat | is_government_contact

rules.add_perm("organisations.add_organisation", can_manage_directory)
rules.add_perm("organisations.change_organisation", can_manage_directory)
rules.add_perm("organisations.add_person", can_manage_directory)
rules.add_perm("organisations.change_person", can_manage_directory)
rules.add_perm("organisations.add_membership", can_manage_directory)
rules.add_perm("organisations.add_network", is_administrator | is_secretariat)
rules.add_perm("organisations.change_network", is_administrator | is_secretariat)
