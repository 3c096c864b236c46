"""`opengov load-demo`: load the demo (the UK's NAP3 and the 10 November 2016 meeting's people)
through the services. Safe to run again: only what is missing is created."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from opengov.core.errors import DomainError
from opengov.demo.loader import describe, load_demo
from opengov.demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the demo data: the UK's NAP3, its organisations and people, and demo users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Create the demo users even with DEBUG off (their password is public).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo users' password is printed and published: never create them on a real
        # deployment by accident.
        with_users = bool(settings.DEBUG or options["demo_users"])
        try:
            result = load_demo(with_users=with_users)
        except (DomainError, LookupError) as error:
            raise CommandError(f"The demo data could not be loaded: {error}") from error
        created = result.created
        summary = describe(created)
        if summary:
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        else:
            self.stdout.write("Demo data already loaded: nothing to do.")
        if created["users"]:
            self.stdout.write(
                self.style.WARNING(
                    f"Warning: the demo users' password is {DEMO_PASSWORD!r}. These are demo "
                    "credentials, for development only: never load them on a real deployment."
                )
            )
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"Warning: {warning}"))
        if not with_users:
            self.stdout.write(
                "Demo users skipped: DEBUG is off. Pass --demo-users to create them anyway."
            )
