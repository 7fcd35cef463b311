"""The simplification pipeline in one table: which state may follow which.

A case's state is its stage until it is decided, then its outcome:

    flagged     → selected                                   (taken up for a decision)
    selected    → abolished, streamlined, kept, escalated,   (decided)
                  not_handled,
                  flagged                                    (put back: not this round)
    not_handled → selected                                   (taken up again)
    escalated   → abolished, streamlined, kept               (after the state's answer)
    abolished, streamlined, kept: final

"kept" needs a written reason ("follow or explain"); `escalated` creates an
exemption application. Services consult `can_transition`; nothing else decides.
"""

from typing import Final

from enkelt.simplification.models import Outcome, Stage

FLAGGED: Final = Stage.FLAGGED.value
SELECTED: Final = Stage.SELECTED.value

STATES: Final[tuple[str, ...]] = (FLAGGED, SELECTED, *Outcome.values)

ALLOWED_TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    FLAGGED: frozenset({SELECTED}),
    SELECTED: frozenset({*Outcome.values, FLAGGED}),
    Outcome.NOT_HANDLED: frozenset({SELECTED}),
    Outcome.ESCALATED: frozenset({Outcome.ABOLISHED, Outcome.STREAMLINED, Outcome.KEPT}),
    Outcome.ABOLISHED: frozenset(),
    Outcome.STREAMLINED: frozenset(),
    Outcome.KEPT: frozenset(),
}

# Outcomes whose freed hours come from a scenario and are followed up.
FREES_TIME: Final[frozenset[str]] = frozenset({Outcome.ABOLISHED, Outcome.STREAMLINED})


def can_transition(from_state: str, to_state: str) -> bool:
    return to_state in ALLOWED_TRANSITIONS.get(from_state, frozenset())


def allowed_next(from_state: str) -> list[str]:
    """The states a leader may choose next, in the order of STATES."""
    allowed = ALLOWED_TRANSITIONS.get(from_state, frozenset())
    return [s for s in STATES if s in allowed]


def allowed_outcomes(from_state: str) -> list[str]:
    return [s for s in allowed_next(from_state) if s in Outcome.values]


def stage_of(state: str) -> str:
    return Stage.DECIDED.value if state in Outcome.values else state
