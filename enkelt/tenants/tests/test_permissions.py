"""Permission matrix of enkelt/tenants/rules.py: role x (own, other, anonymous, KL).

The table below is the specification; docs/permissions.md shows the same matrix.
A rule added to rules.py without a row here fails `test_every_tenants_rule_is_in_the_matrix`.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory

ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip
ALL = set(ROLES)
MANAGEMENT = {Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}
ADMIN = {Role.ADMINISTRATOR}
NONE: set[str] = set()

# rule -> (roles allowed on their OWN municipality, roles allowed on ANOTHER, anonymous, KL)
MATRIX: dict[str, tuple[set[str], set[str], bool, bool]] = {
    "tenants.view_public_municipality": (ALL, ALL, True, True),
    "tenants.view_staff_area": (ALL, NONE, False, False),
    "tenants.view_unit_tree": (ALL, NONE, False, False),
    "tenants.change_unit": (ADMIN, NONE, False, False),
    "tenants.change_municipality": (ADMIN, NONE, False, False),
    "tenants.manage_memberships": (ADMIN, NONE, False, False),
    "tenants.view_audit_trail": (MANAGEMENT, NONE, False, False),
    "tenants.view_national_overview": (NONE, NONE, False, True),
}

CASES = [
    (perm, role, where, role in (own if where == "own" else other))
    for perm, (own, other, _anon, _kl) in MATRIX.items()
    for role in ROLES
    for where in ("own", "other")
]


def test_every_tenants_rule_is_in_the_matrix():
    defined = {name for name in rules.permissions.permissions if name.startswith("tenants.")}
    assert defined == set(MATRIX)


@pytest.fixture
def two_municipalities(db):
    own, other = MunicipalityFactory(), MunicipalityFactory()
    return {
        "own": (own, UnitFactory(municipality=own)),
        "other": (other, UnitFactory(municipality=other)),
    }


@pytest.mark.parametrize(("perm", "role", "where", "expected"), CASES)
def test_role_matrix(two_municipalities, perm, role, where, expected):
    own_municipality, _ = two_municipalities["own"]
    user = MembershipFactory(municipality=own_municipality, role=role).user
    municipality, unit = two_municipalities[where]
    # The rule holds the same for the municipality and for an object inside it.
    for obj in (municipality, unit):
        assert user.has_perm(perm, obj) is expected, (perm, role, where, obj)
        assert rules.has_perm(perm, user, obj) is expected


@pytest.mark.parametrize("perm", MATRIX)
def test_anonymous_and_kl(two_municipalities, perm):
    _own, _other, anonymous_allowed, kl_allowed = MATRIX[perm]
    kl = KLUserFactory()
    for municipality, unit in two_municipalities.values():
        for obj in (municipality, unit):
            assert AnonymousUser().has_perm(perm, obj) is anonymous_allowed
            assert rules.has_perm(perm, AnonymousUser(), obj) is anonymous_allowed
            assert kl.has_perm(perm, obj) is kl_allowed


def test_superuser_passes_every_rule_so_scoping_must_come_first(two_municipalities):
    """Django lets active superusers pass every has_perm, also for another municipality.

    That is why views scope by municipality (municipality_view / get_scoped_or_404)
    before they ask a rule; see docs/permissions.md.
    """
    own, _ = two_municipalities["own"]
    other, _ = two_municipalities["other"]
    user = MembershipFactory(municipality=own, role=Role.EMPLOYEE).user
    user.is_superuser = True
    user.save()
    assert user.has_perm("tenants.change_unit", other)
    assert not rules.has_perm("tenants.change_unit", user, other)
