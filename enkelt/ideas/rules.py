"""Named permissions for idea development (see docs/permissions.md, "Idea development").

The tenant check (`is_member`) always comes first. Leaders, chiefs, directors
and administrators see every idea, make employees idea guides, assign guides
and turn ideas into initiatives or cases. An idea guide sees and develops the
ideas of their unit's subtree (all of them when municipality-wide) and the ideas
they guide, and may pick an unassigned idea in their scope. Objects: the
municipality for the board, the idea's submission otherwise.
"""

from typing import Any

import rules

from enkelt.ideas.selectors import guide_covers, guide_get
from enkelt.tenants.access import membership_of
from enkelt.tenants.predicates import _municipality_of, is_manager, is_member

is_idea_leader = is_manager


@rules.predicate
def is_idea_guide(user: Any, obj: Any = None) -> bool:
    """A guide in the object's municipality (without object: in the user's own, for the menu)."""
    membership = membership_of(user)
    municipality = _municipality_of(obj) or (membership.municipality if membership else None)
    return municipality is not None and guide_get(municipality=municipality, user=user) is not None


@rules.predicate
def guides_idea(user: Any, obj: Any = None) -> bool:
    """An idea guide whose scope covers the idea, or who guides it."""
    municipality = _municipality_of(obj)
    if municipality is None or obj is municipality:
        return False
    guide = guide_get(municipality=municipality, user=user)
    return guide is not None and guide_covers(guide=guide, submission=obj, user_id=user.pk)


@rules.predicate
def is_unassigned(user: Any, obj: Any = None) -> bool:
    development = getattr(obj, "idea_development", None)
    return development is None or development.guide_id is None


# The board of ideas by stage and the table of ideas.
rules.add_perm("ideas.view_board", is_member & (is_idea_leader | is_idea_guide))
# One idea's page with notes and scores (object: the idea's submission).
rules.add_perm("ideas.view_idea", is_member & (is_idea_leader | guides_idea))
# Move the idea between stages, write notes, score it (object: the idea's submission).
rules.add_perm("ideas.develop_idea", is_member & (is_idea_leader | guides_idea))
# Take an unassigned idea as its guide (object: the idea's submission).
rules.add_perm("ideas.pick_idea", is_member & guides_idea & is_unassigned)
# Assign any guide to an idea (object: the idea's submission or the municipality).
rules.add_perm("ideas.assign_guide", is_member & is_idea_leader)
# Make employees idea guides and remove them again.
rules.add_perm("ideas.manage_guides", is_member & is_idea_leader)
# Turn an idea into an initiative in the portfolio or a simplification case.
rules.add_perm("ideas.convert_idea", is_member & is_idea_leader)
