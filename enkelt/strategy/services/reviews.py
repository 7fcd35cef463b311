"""Review rounds: open (one item per active initiative, owners asked), update, decide, close.

E-mails to owners and reminders go through the task queue after commit; opening a
round also schedules reminders before the deadline (see `enkelt/strategy/reminders.py`).
"""

from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from enkelt.audit.services import audit_record
from enkelt.strategy.errors import StrategyError, StrategyErrorCode
from enkelt.strategy.models import Initiative, ReviewItem, ReviewRound, StrategyPlan
from enkelt.strategy.services.common import check_same_municipality
from enkelt.tenants.models import Municipality

D = ReviewItem.Decision
Status = Initiative.Status

# The initiative's status after each decision.
DECISION_STATUS: dict[str, str] = {
    D.CONTINUE: Status.ACTIVE,
    D.ADJUST: Status.ACTIVE,
    D.STOP: Status.STOPPED,
    D.START_NEW: Status.ACTIVE,
}


@transaction.atomic
def review_round_open(
    *,
    actor: Any,
    municipality: Municipality,
    plan: StrategyPlan,
    title: str,
    deadline: date,
    meeting_on: date | None = None,
    notify: bool = True,
) -> ReviewRound:
    """Create the round with one item per active initiative, e-mail each owner and
    schedule the reminders before the deadline (`reminders.py`); with `notify` false,
    as for demo data, neither."""
    from enkelt.strategy.reminders import schedule_reminders
    from enkelt.strategy.tasks import send_update_requests

    check_same_municipality(municipality, plan)
    initiatives = list(
        Initiative.objects.filter(
            municipality=municipality, programme__area__plan=plan, status=Status.ACTIVE
        ).order_by("pk")
    )
    if not initiatives:
        raise StrategyError(StrategyErrorCode.NO_ACTIVE_INITIATIVES)
    review_round = ReviewRound(
        municipality=municipality,
        plan=plan,
        title=title,
        deadline=deadline,
        meeting_on=meeting_on,
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    review_round.full_clean()
    review_round.save()
    ReviewItem.objects.bulk_create(
        [
            ReviewItem(municipality=municipality, round=review_round, initiative=initiative)
            for initiative in initiatives
        ]
    )
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=review_round,
        verb="strategy.round_opened",
        after={"title": title, "deadline": deadline, "items": len(initiatives)},
    )
    if notify:
        transaction.on_commit(partial(send_update_requests.enqueue, review_round.pk), robust=True)
        transaction.on_commit(
            partial(schedule_reminders, review_round.pk, review_round.deadline), robust=True
        )
    return review_round


@transaction.atomic
def review_round_remind(
    *, actor: Any, municipality: Municipality, review_round: ReviewRound
) -> int:
    """Queue a reminder to every owner whose update is still missing. Returns how many items."""
    from enkelt.strategy.tasks import send_update_reminders

    check_same_municipality(municipality, review_round)
    locked = ReviewRound.objects.select_for_update().get(pk=review_round.pk)
    if locked.state != ReviewRound.State.OPEN:
        raise StrategyError(StrategyErrorCode.ROUND_CLOSED)
    missing = locked.items.filter(submitted_at__isnull=True).count()
    locked.reminders_sent += 1
    locked.save(update_fields=["reminders_sent", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=locked,
        verb="strategy.round_reminded",
        after={"missing": missing, "reminders_sent": locked.reminders_sent},
    )
    transaction.on_commit(partial(send_update_reminders.enqueue, locked.pk), robust=True)
    return missing


@transaction.atomic
def review_item_update(
    *,
    actor: Any,
    municipality: Municipality,
    item: ReviewItem,
    status: str,
    rag: str,
    progress: str = "",
    comment: str = "",
    proposed_decision: str = "",
) -> ReviewItem:
    """The owner's update; it also sets the initiative's current status and RAG."""
    check_same_municipality(municipality, item)
    locked = ReviewItem.objects.select_for_update().select_related("round").get(pk=item.pk)
    if locked.round.state != ReviewRound.State.OPEN:
        raise StrategyError(StrategyErrorCode.ROUND_CLOSED)
    locked.status = status
    locked.rag = rag
    locked.progress = progress
    locked.comment = comment
    locked.proposed_decision = proposed_decision
    locked.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.submitted_at = timezone.now()
    locked.full_clean()
    locked.save()
    initiative = Initiative.objects.select_for_update().get(pk=locked.initiative_id)
    before = {"status": initiative.status, "rag": initiative.rag}
    initiative.status = status
    initiative.rag = rag
    initiative.rag_comment = comment
    initiative.save(update_fields=["status", "rag", "rag_comment", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=locked,
        verb="strategy.review_item_updated",
        before=before,
        after={
            "status": status,
            "rag": rag,
            "progress": progress,
            "comment": comment,
            "proposed_decision": proposed_decision,
        },
    )
    return locked


@transaction.atomic
def review_item_decide(
    *, actor: Any, municipality: Municipality, item: ReviewItem, decision: str, reason: str = ""
) -> ReviewItem:
    """The directors' decision; "stop" needs a reason. Sets the initiative's status."""
    check_same_municipality(municipality, item)
    if decision not in DECISION_STATUS:
        raise ValueError(decision)
    reason = reason.strip()
    if decision == D.STOP and not reason:
        raise StrategyError(StrategyErrorCode.STOP_NEEDS_REASON)
    locked = ReviewItem.objects.select_for_update().select_related("round").get(pk=item.pk)
    if locked.round.state != ReviewRound.State.OPEN:
        raise StrategyError(StrategyErrorCode.ROUND_CLOSED)
    before = {"decision": locked.decision, "decision_reason": locked.decision_reason}
    locked.decision = decision
    locked.decision_reason = reason
    locked.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    locked.decided_at = timezone.now()
    locked.save()
    initiative = Initiative.objects.select_for_update().get(pk=locked.initiative_id)
    initiative.status = DECISION_STATUS[decision]
    initiative.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=locked,
        verb="strategy.review_item_decided",
        before=before,
        after={"decision": decision, "decision_reason": reason, "status": initiative.status},
    )
    return locked


@transaction.atomic
def review_round_close(
    *, actor: Any, municipality: Municipality, review_round: ReviewRound
) -> ReviewRound:
    check_same_municipality(municipality, review_round)
    locked = ReviewRound.objects.select_for_update().get(pk=review_round.pk)
    if locked.state == ReviewRound.State.CLOSED:
        raise StrategyError(StrategyErrorCode.ROUND_CLOSED)
    locked.state = ReviewRound.State.CLOSED
    locked.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=locked,
        verb="strategy.round_closed",
        before={"state": ReviewRound.State.OPEN},
        after={"state": ReviewRound.State.CLOSED},
    )
    return locked
