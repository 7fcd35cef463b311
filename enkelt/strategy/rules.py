"""Named permissions for the strategy portfolio (see docs/permissions.md, "Strategy portfolio").

Objects are a Municipality or anything with a `municipality` (an Initiative, a
ReviewRound, a ReviewItem). The tenant check (`is_member`) always comes first.
Directors and administrators manage plans and rounds and decide; owners and
leaders update their initiatives; everyone on the staff, council members
included, reads the portfolio.
"""

from typing import Any

import rules

from enkelt.tenants.access import membership_of
from enkelt.tenants.predicates import (
    is_administrator,
    is_chief,
    is_director,
    is_leader,
    is_member,
)

is_strategy_manager = is_director | is_administrator


@rules.predicate
def is_initiative_owner(user: Any, obj: Any = None) -> bool:
    """The owner of the initiative (or of a review item's initiative)."""
    initiative = getattr(obj, "initiative", obj)
    owner_id = getattr(initiative, "owner_id", None)
    return owner_id is not None and owner_id == getattr(user, "pk", None)


@rules.predicate
def leads_owner_unit(user: Any, obj: Any = None) -> bool:
    """A leader or chief whose unit owns the initiative."""
    initiative = getattr(obj, "initiative", obj)
    unit_id = getattr(initiative, "owner_unit_id", None)
    membership = membership_of(user)
    return unit_id is not None and membership is not None and membership.unit_id == unit_id


may_update = is_member & (
    is_strategy_manager | is_initiative_owner | ((is_leader | is_chief) & leads_owner_unit)
)

# The portfolio overview, plans, initiatives and the history of review rounds.
rules.add_perm("strategy.view_portfolio", is_member)
# Create and change plans, development areas, programmes and initiatives.
rules.add_perm("strategy.manage_portfolio", is_member & is_strategy_manager)
# Change an initiative's status and red/amber/green (object: the initiative).
rules.add_perm("strategy.change_initiative", may_update)
# Open and close review rounds, send reminders, download the review pack.
rules.add_perm("strategy.manage_rounds", is_member & is_strategy_manager)
# Submit the update of a review item (object: the item).
rules.add_perm("strategy.update_review_item", may_update)
# Record the directors' decision on a review item.
rules.add_perm("strategy.decide", is_member & is_strategy_manager)
# Create agreements, move their state and record dialogue meetings.
rules.add_perm("strategy.manage_agreements", is_member & (is_strategy_manager | is_chief))
