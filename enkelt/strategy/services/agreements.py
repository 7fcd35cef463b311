"""Dialogue-based agreements: creation, the state transition table, dialogue meetings."""

from datetime import date
from typing import Any

from django.db import transaction

from enkelt.audit.services import audit_record
from enkelt.strategy.errors import StrategyError, StrategyErrorCode
from enkelt.strategy.models import Agreement, DialogueMeeting
from enkelt.strategy.services.common import check_same_municipality
from enkelt.tenants.models import Municipality, Unit

S = Agreement.State

# Which states an agreement may move to from each state. A closed agreement is final.
AGREEMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.IN_DIALOGUE}),
    S.IN_DIALOGUE: frozenset({S.DRAFT, S.AGREED}),
    S.AGREED: frozenset({S.IN_DIALOGUE, S.MID_YEAR_FOLLOW_UP, S.CLOSED}),
    S.MID_YEAR_FOLLOW_UP: frozenset({S.AGREED, S.CLOSED}),
    S.CLOSED: frozenset(),
}


@transaction.atomic
def agreement_create(
    *,
    actor: Any,
    municipality: Municipality,
    level: str,
    title: str,
    unit: Unit,
    period_start: date,
    period_end: date,
    parties: list[Any] | None = None,
    parent: Agreement | None = None,
) -> Agreement:
    parties = list(parties or [])
    check_same_municipality(municipality, unit, parent, *parties)
    agreement = Agreement(
        municipality=municipality,
        level=level,
        title=title,
        unit=unit,
        parent=parent,
        period_start=period_start,
        period_end=period_end,
    )
    agreement.full_clean()
    agreement.save()
    agreement.parties.set(parties)
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=agreement,
        verb="strategy.agreement_created",
        after={
            "level": level,
            "title": title,
            "unit": unit.pk,
            "parent": parent.pk if parent else None,
            "parties": [p.pk for p in parties],
        },
    )
    return agreement


@transaction.atomic
def agreement_set_state(
    *, actor: Any, municipality: Municipality, agreement: Agreement, state: str
) -> Agreement:
    """Move the agreement along AGREEMENT_TRANSITIONS, or raise INVALID_TRANSITION."""
    check_same_municipality(municipality, agreement)
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if state not in AGREEMENT_TRANSITIONS.get(locked.state, frozenset()):
        raise StrategyError(StrategyErrorCode.INVALID_TRANSITION)
    before = locked.state
    locked.state = state
    locked.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=locked,
        verb="strategy.agreement_state_changed",
        before={"state": before},
        after={"state": state},
    )
    return locked


@transaction.atomic
def dialogue_meeting_add(
    *,
    actor: Any,
    municipality: Municipality,
    agreement: Agreement,
    kind: str,
    held_on: date,
    minutes: str = "",
) -> DialogueMeeting:
    check_same_municipality(municipality, agreement)
    meeting = DialogueMeeting(agreement=agreement, kind=kind, held_on=held_on, minutes=minutes)
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=actor,
        municipality=municipality,
        obj=meeting,
        verb="strategy.dialogue_meeting_added",
        after={"agreement": agreement.pk, "kind": kind, "held_on": held_on},
    )
    return meeting
