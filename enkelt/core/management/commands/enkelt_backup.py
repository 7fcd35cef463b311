"""`manage.py enkelt_backup ARCHIVE [--municipality SLUG]`: write a backup archive.

See `enkelt.core.backup` for what the archive holds. Without `--municipality`
the whole instance is exported.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from enkelt.core.backup import backup_write
from enkelt.tenants.models import Municipality


class Command(BaseCommand):
    help = "Export one municipality (or the whole instance) with its media to a .tar.gz archive."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", help="the file to write, e.g. backup.tar.gz")
        parser.add_argument("--municipality", help="slug of the municipality; default: everything")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"no municipality {options['municipality']!r}")
        target = Path(options["archive"])
        tmp = target.with_name(target.name + ".partial")
        with tmp.open("wb") as handle:
            manifest = backup_write(target=handle, municipality=municipality)
        tmp.replace(target)  # a half-written archive never carries the final name
        rows = sum(m["rows"] for m in manifest["models"].values())
        self.stdout.write(
            f"{target}: {manifest['scope']} {manifest['municipality'] or ''} "
            f"{rows} rows in {len(manifest['models'])} models, {len(manifest['media'])} files"
        )
