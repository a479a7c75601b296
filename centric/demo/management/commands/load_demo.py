from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from centric.demo.organisation import DEMO_EMAIL, demo_delete, demo_exists, demo_load


class Command(BaseCommand):
    help = "Load the demo organisation (Northwind Components) unless it is already there."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo organisation first."
        )

    def handle(self, *args: Any, reset: bool, **options: Any) -> None:
        if reset:
            demo_delete()
        if demo_exists():
            self.stdout.write(f"The demo organisation is already loaded (sign in as {DEMO_EMAIL}).")
            return
        organisation = demo_load()
        self.stdout.write(self.style.SUCCESS(f"Loaded the demo organisation “{organisation}”."))
