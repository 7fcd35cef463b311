"""`manage.py enkelt_citizen_data export|erase EMAIL`: a citizen's GDPR request.

`export` prints (or writes with `--output`) everything stored about the citizen
with that e-mail address as JSON; `erase` erases it (see `privacy.py`).
"""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from enkelt.submissions.privacy import citizen_data_erase, citizen_data_export
from enkelt.tenants.models import Municipality


class Command(BaseCommand):
    help = "Export or erase the personal data of one citizen, found by e-mail address."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--municipality", help="slug; default: every municipality")
        parser.add_argument("--output", help="export: write the JSON to this file")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"no municipality {options['municipality']!r}")
        email = options["email"].strip()
        if "@" not in email:
            raise CommandError("give the citizen's e-mail address")
        if options["action"] == "export":
            data = citizen_data_export(email=email, municipality=municipality)
            text = json.dumps(data, indent=2, ensure_ascii=False)
            if options["output"]:
                Path(options["output"]).write_text(text + "\n", encoding="utf-8")
                self.stdout.write(f"{len(data['submissions'])} submissions written")
            else:
                self.stdout.write(text)
            return
        counts = citizen_data_erase(actor=None, email=email, municipality=municipality)
        self.stdout.write(
            f"personal data erased from {counts['submissions']} submissions; "
            f"{counts['follows']} follows removed"
        )
