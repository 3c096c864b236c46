"""Named permissions for user accounts: only administrators create users and grant roles; an
account is deleted by its owner, or by an administrator on the owner's request."""

from typing import Any

import rules

from .predicates import is_administrator, is_signed_in


@rules.predicate
def is_account_owner(user: Any, account: Any) -> bool:
    return bool(is_signed_in(user) and account is not None and account.pk == user.pk)


rules.add_perm("accounts.manage_users", is_administrator)
rules.add_perm("accounts.delete_account", is_account_owner | is_administrator)
