"""The idea pipeline in one table: which stage may follow which.

    new            → being_assessed, not_pursued
    being_assessed → in_development, not_pursued, new          (put back)
    in_development → tested, implemented, not_pursued, being_assessed
    tested         → implemented, in_development, not_pursued  (back for more work)
    not_pursued    → being_assessed                            (taken up again)
    implemented: final

`not_pursued` needs a written reason, which the submitter is told. Services
consult `can_transition`; nothing else decides.
"""

from typing import Final

from enkelt.ideas.models import Stage

STAGES: Final[tuple[str, ...]] = tuple(Stage.values)

ALLOWED_TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    Stage.NEW: frozenset({Stage.BEING_ASSESSED, Stage.NOT_PURSUED}),
    Stage.BEING_ASSESSED: frozenset({Stage.IN_DEVELOPMENT, Stage.NOT_PURSUED, Stage.NEW}),
    Stage.IN_DEVELOPMENT: frozenset(
        {Stage.TESTED, Stage.IMPLEMENTED, Stage.NOT_PURSUED, Stage.BEING_ASSESSED}
    ),
    Stage.TESTED: frozenset({Stage.IMPLEMENTED, Stage.IN_DEVELOPMENT, Stage.NOT_PURSUED}),
    Stage.IMPLEMENTED: frozenset(),
    Stage.NOT_PURSUED: frozenset({Stage.BEING_ASSESSED}),
}

NEEDS_REASON: Final[frozenset[str]] = frozenset({Stage.NOT_PURSUED})


def can_transition(from_stage: str, to_stage: str) -> bool:
    return to_stage in ALLOWED_TRANSITIONS.get(from_stage, frozenset())


def allowed_next(from_stage: str) -> list[str]:
    """The stages an idea may move to next, in the order of STAGES."""
    allowed = ALLOWED_TRANSITIONS.get(from_stage, frozenset())
    return [s for s in STAGES if s in allowed]
