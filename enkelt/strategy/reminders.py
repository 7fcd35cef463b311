"""When the owners of a review round are reminded without anyone pressing a button.

Opening a round schedules one reminder task per day in `reminder_days` before the
deadline (0 is the deadline day itself), at `REMINDER_HOUR` local time. Each task
reminds only owners whose update is still missing and who have not been reminded
that day, and does nothing once the round is closed; so a task that runs twice, or
after the button was pressed the same day, sends nothing more.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = (3, 0)
REMINDER_HOUR = 8


def reminder_days() -> tuple[int, ...]:
    """Days before the deadline; `ENKELT_REVIEW_REMINDER_DAYS` in settings overrides them."""
    days = getattr(settings, "ENKELT_REVIEW_REMINDER_DAYS", DEFAULT_REMINDER_DAYS)
    return tuple(sorted({int(d) for d in days if int(d) >= 0}, reverse=True))


def reminder_times(
    deadline: datetime.date, *, now: datetime.datetime | None = None
) -> list[datetime.datetime]:
    """The aware moments to remind at, earliest first; moments already past are left out."""
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    moments = []
    for days in reminder_days():
        day = deadline - datetime.timedelta(days=days)
        moment = datetime.datetime.combine(day, datetime.time(REMINDER_HOUR), tzinfo=zone)
        if moment > now:
            moments.append(moment)
    return moments


def schedule_reminders(round_id: int, deadline: datetime.date) -> int:
    """Enqueue the scheduled reminders of a round (after its commit). Returns how many.

    A task backend that cannot defer (the immediate one of the tests and `make run`
    without a worker) gets none: a reminder sent at once would be no reminder.
    """
    from enkelt.strategy.tasks import send_scheduled_reminders

    backend = send_scheduled_reminders.get_backend()
    if not backend.supports_defer:
        logger.info("task backend cannot defer; no scheduled reminders", extra={"round": round_id})
        return 0
    moments = reminder_times(deadline)
    for moment in moments:
        send_scheduled_reminders.using(run_after=moment).enqueue(
            round_id, timezone.localdate(moment).isoformat()
        )
    return len(moments)
