from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_throttle_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """`opengov migrate` also creates the table of the sign-in throttle's counters when they live
    in the database (no REDIS_URL), so no deployment can forget `createcachetable`."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "opengov.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(create_throttle_table, sender=self)
