"""`opengov demo-signins`: where the development server runs, and how to sign in as each demo
user. Lists only the demo accounts that exist and still have the demo password."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from opengov.accounts.models import Role, User
from opengov.demo.people import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Print the server's address and the demo users' sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="The server's address.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"opengov is running at {options['url']}")
        users = {
            u.email: u
            for u in User.objects.filter(email__in=[d.email for d in DEMO_USERS], is_active=True)
        }
        rows = [
            (str(Role(d.role).label), d.email, DEMO_PASSWORD)
            for d in DEMO_USERS
            # An account whose password was changed is no longer a demo sign-in.
            if d.email in users and users[d.email].check_password(DEMO_PASSWORD)
        ]
        if not rows:
            return
        header = ("Role", "E-mail", "Password")
        widths = [max(len(row[i]) for row in (header, *rows)) for i in range(3)]
        self.stdout.write("")
        self.stdout.write("Demo sign-ins (development only):")
        for row in (header, *rows):
            self.stdout.write(
                "  "
                + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
