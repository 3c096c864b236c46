"""Named permissions for user accounts: only administrators create users and grant roles."""

import rules

from .predicates import is_administrator

rules.add_perm("accounts.manage_users", is_administrator)
