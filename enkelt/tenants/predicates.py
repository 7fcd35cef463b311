"""Small django-rules predicates about a user's place in a municipality.

Objects passed to the predicates are either a Municipality or anything with a
`municipality` attribute.
"""

from typing import Any

import rules

from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Municipality, Role


def _municipality_of(obj: Any) -> Municipality | None:
    if obj is None:
        return None
    if isinstance(obj, Municipality):
        return obj
    return getattr(obj, "municipality", None)


def _role(user: Any) -> str | None:
    membership = membership_of(user)
    return membership.role if membership else None


@rules.predicate
def is_member(user: Any, obj: Any = None) -> bool:
    """Staff of the object's municipality (or of any municipality when no object)."""
    membership = membership_of(user)
    if membership is None:
        return False
    municipality = _municipality_of(obj)
    return municipality is None or membership.municipality_id == municipality.pk


def has_role(*roles: str) -> Any:
    name = "has_role_" + "_".join(roles)

    @rules.predicate(name)
    def predicate(user: Any) -> bool:
        return _role(user) in roles

    return predicate


@rules.predicate
def is_national_kl(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_kl", False))


is_employee = has_role(Role.EMPLOYEE)
is_leader = has_role(Role.LEADER)
is_chief = has_role(Role.CHIEF)
is_director = has_role(Role.DIRECTOR)
is_council_member = has_role(Role.COUNCIL_MEMBER)
is_administrator = has_role(Role.ADMINISTRATOR)
is_manager = has_role(Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR)
is_management = has_role(Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR)
