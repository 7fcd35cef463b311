"""`manage.py enkelt_restore ARCHIVE [--replace]`: load an archive written by `enkelt_backup`."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from enkelt.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive: a municipality into a database without it (or replacing it "
        "with --replace), or the whole instance into an empty database (--replace flushes first)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the municipality (or, for an instance archive, everything) first",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["archive"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        try:
            with path.open("rb") as handle:
                manifest = backup_restore(source=handle, replace=options["replace"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["loaded"].values())
        self.stdout.write(
            f"restored {manifest['scope']} {manifest['municipality'] or ''}: "
            f"{rows} rows, {len(manifest['media'])} files"
        )
