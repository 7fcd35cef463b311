"""Background tasks (django-tasks): e-mails about a case to the people behind its flags.

Like `submissions.tasks`: ids in, objects loaded here, a vanished flag or
address does nothing, a failed send is retried with a growing delay where the
backend can defer.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from enkelt.simplification.emails import news_message
from enkelt.simplification.models import Flag

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@task()
def send_case_news(flag_id: int, news: str, attempt: int = 1) -> bool:
    """Send the news about the flag's case. Returns whether an e-mail was sent."""
    flag = (
        Flag.objects.select_related(
            "submission__municipality", "flagged_by", "case__rule", "case__municipality"
        )
        .filter(pk=flag_id)
        .first()
    )
    message = news_message(flag, news) if flag is not None else None
    if message is None:
        return False
    try:
        message.send()
    except Exception:
        logger.warning("case news e-mail failed", extra={"flag": flag_id, "attempt": attempt})
        if attempt < MAX_ATTEMPTS and send_case_news.get_backend().supports_defer:
            run_after = timezone.now() + timedelta(minutes=2**attempt)
            send_case_news.using(run_after=run_after).enqueue(flag_id, news, attempt=attempt + 1)
        raise
    return True
