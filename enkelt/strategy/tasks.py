"""Background tasks (django-tasks) of the strategy app: e-mails to initiative owners.

A task receives the round's id, never objects; it may run in another process.
Items whose initiative has no owner with an e-mail address are skipped.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from enkelt.strategy.emails import update_request_message
from enkelt.strategy.models import ReviewItem, ReviewRound

logger = logging.getLogger(__name__)


def _send(round_id: int, *, reminder: bool, on: datetime.date | None = None) -> int:
    """E-mail the owners; a reminder goes only to missing updates of an open round, and
    with `on` only to owners not yet reminded that day (and it marks them reminded)."""
    items = ReviewItem.objects.select_related("round__municipality", "initiative__owner").filter(
        round_id=round_id, initiative__owner__isnull=False
    )
    if reminder:
        items = items.filter(submitted_at__isnull=True, round__state=ReviewRound.State.OPEN)
    if on is not None:
        items = items.exclude(last_reminded_on__gte=on)
    sent = 0
    for item in items:
        if not item.initiative.owner or not item.initiative.owner.email:
            continue
        try:
            update_request_message(item, reminder=reminder).send()
        except Exception:
            logger.warning("review e-mail failed", extra={"item": item.pk})
            continue
        if reminder:
            ReviewItem.objects.filter(pk=item.pk).update(
                last_reminded_on=on or timezone.localdate()
            )
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


@task()
def send_scheduled_reminders(round_id: int, on: str) -> int:
    """The reminder scheduled for the day `on` (ISO date) when the round was opened.

    Idempotent: a closed or deleted round, updated items and owners already reminded
    that day get nothing. Returns how many e-mails were sent.
    """
    day = datetime.date.fromisoformat(on)
    with transaction.atomic():
        review_round = ReviewRound.objects.select_for_update().filter(pk=round_id).first()
        if review_round is None or review_round.state != ReviewRound.State.OPEN:
            return 0
        if day > review_round.deadline:  # the deadline was moved earlier; this one is stale
            return 0
        return _send(round_id, reminder=True, on=day)
