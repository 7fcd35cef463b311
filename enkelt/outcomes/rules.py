"""Named permissions for outcome documentation (see docs/permissions.md).

Individual courses and assessments are for the staff of the offer only: an
employee or leader whose unit *is* the course's unit, and administrators.
Everyone else in the municipality (leaders of units above, chiefs, directors,
council members) sees aggregates only, with small groups suppressed.
Objects: a Municipality, a Unit or a Course (anything with a `municipality`).
"""

from typing import Any

import rules

from enkelt.outcomes.models import Course
from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Role, Unit
from enkelt.tenants.predicates import is_administrator, is_member

FRONT_LINE_ROLES = frozenset({Role.EMPLOYEE, Role.LEADER})


def _unit_id_of(obj: Any) -> int | None:
    if isinstance(obj, Course):
        return obj.unit_id
    if isinstance(obj, Unit):
        return obj.pk
    return None


@rules.predicate
def works_in_an_offer(user: Any) -> bool:
    """An employee or leader with a unit: may have courses of their own."""
    membership = membership_of(user)
    return bool(membership and membership.unit_id and membership.role in FRONT_LINE_ROLES)


@rules.predicate
def is_staff_of_offer(user: Any, obj: Any = None) -> bool:
    """Employee or leader of exactly the object's unit (not of a unit above it)."""
    membership = membership_of(user)
    unit_id = _unit_id_of(obj)
    return bool(
        membership
        and unit_id is not None
        and membership.unit_id == unit_id
        and membership.role in FRONT_LINE_ROLES
    )


# The list of one's own unit's courses with the due list.
rules.add_perm("outcomes.view_course_list", is_member & (works_in_an_offer | is_administrator))
# A course with its assessments and notes; the API's individual assessments.
rules.add_perm("outcomes.view_course", is_member & (is_staff_of_offer | is_administrator))
# Record an assessment (intake, follow-up, discharge) on a course; start a course.
rules.add_perm("outcomes.add_assessment", is_member & (is_staff_of_offer | is_administrator))
# Aggregates per unit, factor and period (small groups suppressed for outsiders).
rules.add_perm("outcomes.view_aggregates", is_member)
# Schemes (factors, scale, direction, follow-up interval): administrators.
rules.add_perm("outcomes.manage_schemes", is_member & is_administrator)
