"""Background tasks (django-tasks): the e-mail about an idea's new stage, sent after commit.

Like `submissions.tasks`: an id in, the object loaded here; a vanished idea or
address does nothing; a failed send is retried with a growing delay where the
backend can defer.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from enkelt.ideas.emails import stage_message
from enkelt.ideas.models import IdeaDevelopment

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@task()
def send_idea_stage(development_id: int, stage: str, attempt: int = 1) -> bool:
    """Tell the submitter the idea's stage, if it is still `stage`. Returns whether sent."""
    development = (
        IdeaDevelopment.objects.select_related(
            "submission__municipality", "submission__submitted_by"
        )
        .filter(pk=development_id, stage=stage)
        .first()
    )
    message = stage_message(development) if development is not None else None
    if message is None:
        return False
    try:
        message.send()
    except Exception:
        logger.warning("idea stage e-mail failed", extra={"idea": development_id})
        if attempt < MAX_ATTEMPTS and send_idea_stage.get_backend().supports_defer:
            run_after = timezone.now() + timedelta(minutes=2**attempt)
            send_idea_stage.using(run_after=run_after).enqueue(
                development_id, stage, attempt=attempt + 1
            )
        raise
    return True
