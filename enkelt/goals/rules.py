"""Named permissions for goals, indicators and agreement pages (see docs/permissions.md).

Objects are a Municipality or anything with a `municipality` (a goal, an
indicator); the tenant check (`is_member`) always comes first.
"""

from typing import Any

import rules

from enkelt.tenants.predicates import (
    is_administrator,
    is_chief,
    is_director,
    is_leader,
    is_member,
)


@rules.predicate
def owns_indicator(user: Any, obj: Any = None) -> bool:
    """The indicator's owner, or the owner of the goal it measures."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    if getattr(obj, "owner_id", None) == user.pk:
        return True
    goal = getattr(obj, "goal", None)
    return goal is not None and goal.owner_id == user.pk


def _agreement_of(obj: Any) -> Any:
    """The agreement of an agreement, a goal or an indicator of a goal; else None."""
    goal = getattr(obj, "goal", None) if hasattr(obj, "goal_id") else obj
    agreement = getattr(goal, "agreement", goal) if goal is not None else None
    return agreement if hasattr(agreement, "parties") else None


@rules.predicate
def is_agreement_party(user: Any, obj: Any = None) -> bool:
    """A party to the agreement (object: an agreement, a goal or an indicator of a goal)."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    agreement = _agreement_of(obj)
    if agreement is None:
        return False
    return bool(agreement.parties.filter(pk=user.pk).exists())


@rules.predicate
def agreement_is_open(user: Any, obj: Any = None) -> bool:
    """The agreement is not closed: a closed agreement is the record and takes no new goals."""
    agreement = _agreement_of(obj)
    return agreement is None or agreement.state != agreement.State.CLOSED


is_agreement_manager = is_chief | is_director | is_administrator

# Agreements, goals, indicators, their charts and the PDF; council members read too.
rules.add_perm("goals.view_goals", is_member)
# Create goals and indicators, set a status by hand, assess goals at dialogue
# meetings, give freed hours to an initiative or goal.
rules.add_perm("goals.manage_agreements", is_member & is_agreement_manager)
# Enter or import measurements (and POST them through the API).
rules.add_perm(
    "goals.enter_measurement", is_member & (is_agreement_manager | is_leader | owns_indicator)
)
# Add a goal to an agreement and define (or change) the indicator of a goal
# (object: the agreement, the goal or the indicator): leaders, chiefs and directors
# who are a party to the agreement, and administrators.
# Not once the agreement is closed.
rules.add_perm(
    "goals.add_goal",
    is_member
    & agreement_is_open
    & (is_administrator | ((is_leader | is_chief | is_director) & is_agreement_party)),
)
