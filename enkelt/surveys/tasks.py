"""Background tasks (django-tasks): invitation and reminder e-mails of survey rounds.

A task receives ids and loads the invitations itself. Reminders go only to
invitees whose token has not been used, while the round is open.
"""

import logging

from django_tasks import task

from enkelt.surveys.emails import invitation_message
from enkelt.surveys.models import Invitation, RoundState

logger = logging.getLogger(__name__)


def _send(invitations: list[Invitation], *, reminder: bool) -> int:
    sent = 0
    for invitation in invitations:
        try:
            invitation_message(invitation, reminder=reminder).send()
        except Exception:
            logger.warning("survey e-mail failed", extra={"invitation": invitation.pk})
            continue
        sent += 1
        if reminder:
            Invitation.objects.filter(pk=invitation.pk).update(
                reminders_sent=invitation.reminders_sent + 1
            )
    return sent


@task()
def send_invitations(invitation_ids: list[int]) -> int:
    """E-mail each invitation its personal link. Returns how many e-mails were sent."""
    invitations = list(
        Invitation.objects.select_related("round__survey", "round__municipality").filter(
            pk__in=invitation_ids, answered=False, round__state=RoundState.OPEN
        )
    )
    return _send(invitations, reminder=False)


@task()
def send_reminders(round_id: int) -> int:
    """Remind every invitee of the round who has not answered. Returns how many were sent."""
    invitations = list(
        Invitation.objects.select_related("round__survey", "round__municipality").filter(
            round_id=round_id, answered=False, round__state=RoundState.OPEN
        )
    )
    return _send(invitations, reminder=True)
