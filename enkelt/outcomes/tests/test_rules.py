"""Role x object matrix of the named outcome rules (docs/permissions.md, section outcomes)."""

import pytest

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.outcomes.tests.factories import CourseFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

# (role, works in the course's offer?) -> expected for view_course / add_assessment
COURSE_MATRIX = [
    (Role.EMPLOYEE, True, True),
    (Role.LEADER, True, True),
    (Role.EMPLOYEE, False, False),  # staff of another unit
    (Role.LEADER, False, False),  # leader of the unit above
    (Role.CHIEF, False, False),
    (Role.CHIEF, True, False),  # chiefs see aggregates only, wherever they sit
    (Role.DIRECTOR, False, False),
    (Role.COUNCIL_MEMBER, True, False),
    (Role.ADMINISTRATOR, False, True),
]


@pytest.mark.parametrize(("role", "in_offer", "expected"), COURSE_MATRIX)
def test_individual_courses_only_for_the_staff_of_the_offer(
    municipality, area, offer, scheme, member, role, in_offer, expected
):
    course = CourseFactory(municipality=municipality, unit=offer, scheme=scheme)
    user = member(role, offer if in_offer else area)
    assert user.has_perm("outcomes.view_course", course) is expected
    assert user.has_perm("outcomes.add_assessment", course) is expected
    # everybody in the municipality may see the aggregates
    assert user.has_perm("outcomes.view_aggregates", municipality)
    assert user.has_perm("outcomes.manage_schemes", municipality) is (role == Role.ADMINISTRATOR)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.EMPLOYEE, True),
        (Role.LEADER, True),
        (Role.CHIEF, False),
        (Role.DIRECTOR, False),
        (Role.COUNCIL_MEMBER, False),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_course_list(municipality, offer, member, role, expected):
    assert member(role, offer).has_perm("outcomes.view_course_list", municipality) is expected


def test_nobody_outside_the_municipality(municipality, offer, scheme):
    course = CourseFactory(municipality=municipality, unit=offer, scheme=scheme)
    other = MunicipalityFactory(slug="anden")
    for role in (Role.EMPLOYEE, Role.ADMINISTRATOR):
        user = MembershipFactory(municipality=other, role=role).user
        for perm in ("outcomes.view_course", "outcomes.add_assessment", "outcomes.view_aggregates"):
            assert not user.has_perm(perm, course)
    kl = KLUserFactory()
    assert not kl.has_perm("outcomes.view_aggregates", municipality)
    assert not kl.has_perm("outcomes.view_course", course)
