"""Background tasks (django-tasks) of the strategy app: e-mails to initiative owners.

A task receives the round's id, never objects; it may run in another process.
Items whose initiative has no owner with an e-mail address are skipped.
"""

import logging

from django_tasks import task

from enkelt.strategy.emails import update_request_message
from enkelt.strategy.models import ReviewItem

logger = logging.getLogger(__name__)


def _send(round_id: int, *, reminder: bool) -> int:
    items = ReviewItem.objects.select_related("round__municipality", "initiative__owner").filter(
        round_id=round_id, initiative__owner__isnull=False
    )
    if reminder:
        items = items.filter(submitted_at__isnull=True, round__state="open")
    sent = 0
    for item in items:
        if not item.initiative.owner or not item.initiative.owner.email:
            continue
        try:
            update_request_message(item, reminder=reminder).send()
        except Exception:
            logger.warning("review e-mail failed", extra={"item": item.pk})
            continue
        sent += 1
    return sent


@task()
def send_update_requests(round_id: int) -> int:
    """Ask every owner in the round for an update. Returns how many e-mails were sent."""
    return _send(round_id, reminder=False)


@task()
def send_update_reminders(round_id: int) -> int:
    """Remind owners whose update is still missing. Returns how many e-mails were sent."""
    return _send(round_id, reminder=True)
