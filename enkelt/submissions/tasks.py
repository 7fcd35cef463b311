"""Background tasks (django-tasks): e-mails to submitters, sent after commit.

A task receives ids, never objects, and loads the submission itself: it may run
in another process, minutes later. A task whose submission has disappeared (or
lost its e-mail address to an erasure) does nothing. A failed send is retried
with a growing delay when the backend can defer tasks (the database backend in
production); the failure itself is raised so the worker records it.
"""

import logging
from datetime import timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

from enkelt.submissions.emails import answer_message, follower_answer_message, receipt_message
from enkelt.submissions.models import Follower, Submission

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def _retry_later(task_: Task[Any, Any], attempt: int, *args: Any) -> None:
    """Enqueue `task_` again, `2**attempt` minutes from now, unless attempts are used up."""
    if attempt >= MAX_ATTEMPTS or not task_.get_backend().supports_defer:
        return
    run_after = timezone.now() + timedelta(minutes=2**attempt)
    task_.using(run_after=run_after).enqueue(*args, attempt=attempt + 1)


def _load(submission_id: int) -> Submission | None:
    return (
        Submission.objects.select_related("municipality", "category")
        .filter(pk=submission_id)
        .first()
    )


@task()
def send_submission_receipt(submission_id: int, attempt: int = 1) -> bool:
    """Send the receipt with the tracking code. Returns whether an e-mail was sent."""
    submission = _load(submission_id)
    if submission is None or not submission.contact_email:
        return False
    try:
        receipt_message(submission).send()
    except Exception:
        logger.warning(
            "receipt e-mail failed", extra={"submission": submission_id, "attempt": attempt}
        )
        _retry_later(send_submission_receipt, attempt, submission_id)
        raise
    return True


@task()
def send_submission_answer(recipient_id: int, answered_id: int, attempt: int = 1) -> bool:
    """Send the answer of `answered_id` to the submitter of `recipient_id` (maybe a duplicate)."""
    recipient = _load(recipient_id)
    answered = (
        recipient if recipient is not None and recipient.pk == answered_id else (_load(answered_id))
    )
    if recipient is None or answered is None or not recipient.contact_email:
        return False
    if not answered.public_answer:
        return False
    try:
        answer_message(recipient, answered).send()
    except Exception:
        logger.warning(
            "answer e-mail failed", extra={"submission": recipient_id, "attempt": attempt}
        )
        _retry_later(send_submission_answer, attempt, recipient_id, answered_id)
        raise
    return True


@task()
def send_follower_answer(follower_id: int, attempt: int = 1) -> bool:
    """Send the public answer to someone following the submission (gone follower: nothing)."""
    follower = (
        Follower.objects.select_related("submission__municipality").filter(pk=follower_id).first()
    )
    if follower is None or not follower.submission.public_answer:
        return False
    try:
        follower_answer_message(follower).send()
    except Exception:
        logger.warning(
            "follower answer e-mail failed", extra={"follower": follower_id, "attempt": attempt}
        )
        _retry_later(send_follower_answer, attempt, follower_id)
        raise
    return True


@task()
def erase_expired_personal_data() -> int:
    """GDPR retention (`privacy.retention_erase`): run daily; returns how many were erased."""
    from enkelt.submissions.privacy import retention_erase

    erased = retention_erase()
    logger.info("retention: personal data erased", extra={"submissions": erased})
    return erased
