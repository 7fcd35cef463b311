"""Helpers shared by the outcome pages: permission checks, scoped lookups, who sees what."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from enkelt.outcomes import selectors
from enkelt.outcomes.models import Course
from enkelt.tenants.access import membership_of
from enkelt.tenants.models import Municipality, Role

VIEW_LIST = "outcomes.view_course_list"
VIEW_COURSE = "outcomes.view_course"
ADD_ASSESSMENT = "outcomes.add_assessment"
VIEW_AGGREGATES = "outcomes.view_aggregates"


def require(request: HttpRequest, perm: str, obj: Any = None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def get_course(request: HttpRequest, municipality: Municipality, pseudonym: str) -> Course:
    """The course, if the caller is staff of its offer; otherwise 404, as for a missing one.

    Staff of another unit must not even learn that a pseudonym exists.
    """
    course = selectors.course_get(municipality=municipality, pseudonym=pseudonym)
    if course is None or not request.user.has_perm(VIEW_COURSE, course):
        raise Http404
    return course


def open_unit_ids(user: Any) -> frozenset[int] | None:
    """Units whose small groups the user may see unsuppressed (None: all units).

    Administrators see individual courses anyway; an employee or leader sees
    their own offer's; leaders above, chiefs, directors and council members none.
    """
    membership = membership_of(user)
    if membership is None:
        return frozenset()
    if membership.role == Role.ADMINISTRATOR:
        return None
    if membership.role in (Role.EMPLOYEE, Role.LEADER) and membership.unit_id:
        return frozenset({membership.unit_id})
    return frozenset()
