"""The submission pipeline in one table: which status may follow which.

    received    → in_progress, answered, rejected, closed
    in_progress → answered, rejected, closed
    answered    → closed, in_progress      (a follow-up question reopens the work)
    closed      → in_progress              (reopen)
    rejected    → received                 (undo a rejection made by mistake)

Services consult `can_transition`; nothing else decides. Open311 and the
public pages know only `open` and `closed`: `public_status` maps onto those.
"""

from typing import Final

from enkelt.submissions.models import Submission

Status = Submission.Status

ALLOWED_TRANSITIONS: Final[dict[str, frozenset[str]]] = {
    Status.RECEIVED: frozenset(
        {Status.IN_PROGRESS, Status.ANSWERED, Status.REJECTED, Status.CLOSED}
    ),
    Status.IN_PROGRESS: frozenset({Status.ANSWERED, Status.REJECTED, Status.CLOSED}),
    Status.ANSWERED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
    Status.REJECTED: frozenset({Status.RECEIVED}),
}

OPEN: Final = "open"
CLOSED: Final = "closed"

# Open311 GeoReport v2 knows two statuses; `status_notes` carries the answer.
PUBLIC_STATUS: Final[dict[str, str]] = {
    Status.RECEIVED: OPEN,
    Status.IN_PROGRESS: OPEN,
    Status.ANSWERED: CLOSED,
    Status.CLOSED: CLOSED,
    Status.REJECTED: CLOSED,
}

OPEN_STATUSES: Final[frozenset[str]] = frozenset(s for s, p in PUBLIC_STATUS.items() if p == OPEN)
CLOSED_STATUSES: Final[frozenset[str]] = frozenset(
    s for s, p in PUBLIC_STATUS.items() if p == CLOSED
)


def can_transition(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, frozenset())


def allowed_next(from_status: str) -> list[str]:
    """The statuses a case worker may choose next, in the order of `Status`."""
    allowed = ALLOWED_TRANSITIONS.get(from_status, frozenset())
    return [s for s in Status.values if s in allowed]


def public_status(status: str) -> str:
    """`open` or `closed`, as Open311 and the public list show it."""
    return PUBLIC_STATUS[status]
