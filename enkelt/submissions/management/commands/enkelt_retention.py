"""`manage.py enkelt_retention`: erase personal data of submissions closed too long ago.

Run it daily (systemd timer or cron); `--enqueue` hands it to the task worker
instead. The period is `ENKELT_RETENTION_DAYS` unless `--days` is given.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from enkelt.submissions.privacy import retention_days, retention_due, retention_erase
from enkelt.submissions.tasks import erase_expired_personal_data


class Command(BaseCommand):
    help = "Erase the submitter's personal data of submissions closed longer than the period."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--days", type=int, help="override ENKELT_RETENTION_DAYS")
        parser.add_argument("--dry-run", action="store_true", help="only count")
        parser.add_argument("--enqueue", action="store_true", help="run as a background task")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else retention_days()
        if options["dry_run"]:
            count = retention_due(days=days).count()
            self.stdout.write(f"{count} submissions closed more than {days} days ago are due")
            return
        if options["enqueue"]:
            erase_expired_personal_data.enqueue()
            self.stdout.write("retention task enqueued")
            return
        erased = retention_erase(days=days)
        self.stdout.write(f"personal data erased from {erased} submissions (period {days} days)")
