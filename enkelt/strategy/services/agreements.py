"""Dialogue-based agreements: creation, the state transition table, dialogue meetings."""

from datetime import date
from typing import Any

from django.db import transaction

from enkelt.audit.services import audit_record
from enkelt.strategy.errors import StrategyError, StrategyErrorCode
from enkelt.strategy.models import Agreement, DialogueMeeting
from enkelt.strategy.services.common import check_same_municipality, plain
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


# The level directly above each level: the cascade director → chief → leader.
PARENT_LEVEL: dict[str, str] = {
    Agreement.Level.CHIEF: Agreement.Level.DIRECTOR,
    Agreement.Level.LEADER: Agreement.Level.CHIEF,
}


def check_parent_level(*, level: str, parent: Agreement | None) -> None:
    """A parent agreement is one level up (a director agreement has none above it)."""
    if parent is not None and PARENT_LEVEL.get(level) != parent.level:
        raise StrategyError(StrategyErrorCode.PARENT_LEVEL)


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
    check_parent_level(level=level, parent=parent)
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


AGREEMENT_FIELDS = ("level", "title", "unit", "parent", "period_start", "period_end")


@transaction.atomic
def agreement_update(
    *,
    actor: Any,
    municipality: Municipality,
    agreement: Agreement,
    parties: list[Any] | None = None,
    **changes: Any,
) -> Agreement:
    """Change any of AGREEMENT_FIELDS and (when given) the parties; audited before/after."""
    unknown = set(changes) - set(AGREEMENT_FIELDS)
    if unknown:
        raise TypeError(f"agreement_update got unexpected fields: {sorted(unknown)}")
    check_same_municipality(
        municipality, agreement, changes.get("unit"), changes.get("parent"), *(parties or [])
    )
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if locked.state == S.CLOSED:
        raise StrategyError(StrategyErrorCode.INVALID_TRANSITION)
    parent = changes.get("parent", locked.parent)
    if parent is not None and parent.pk == locked.pk:
        raise StrategyError(StrategyErrorCode.PARENT_LEVEL)
    check_parent_level(level=changes.get("level", locked.level), parent=parent)

    def state() -> dict[str, Any]:
        values = {name: plain(getattr(locked, name)) for name in AGREEMENT_FIELDS}
        values["parties"] = sorted(locked.parties.values_list("pk", flat=True))
        return values

    before = state()
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    if parties is not None:
        locked.parties.set(parties)
    after = state()
    if before != after:
        audit_record(
            actor=actor,
            municipality=municipality,
            obj=locked,
            verb="strategy.agreement_updated",
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return locked
