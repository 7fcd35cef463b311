"""`manage.py enkelt_demo`: create or refresh the demo data (only with ENKELT_DEMO=1)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from enkelt.demo.loaders import load_all


class Command(BaseCommand):
    help = "Create the demo municipalities, users and data (needs ENKELT_DEMO=1). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Remove demo data first.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.ENKELT_DEMO:
            raise CommandError("Demo data is only loaded with ENKELT_DEMO=1.")
        counts = load_all(reset=options["reset"])
        self.stdout.write(
            "demo data ready: " + ", ".join(f"{n} {name}" for name, n in counts.items())
        )
