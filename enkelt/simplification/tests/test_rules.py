"""Permission matrix of enkelt/simplification/rules.py: role x (own, other, anonymous, KL).

The table is the specification; docs/permissions.md shows the same matrix.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.simplification.tests.factories import CaseFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip
ALL = set(ROLES)
CASE_WORKERS = ALL - {Role.COUNCIL_MEMBER}
MANAGERS = {Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}

# rule -> roles allowed on their OWN municipality (never on another's objects)
MATRIX: dict[str, set[Role]] = {
    "simplification.view_case": ALL,
    "simplification.flag_rule": CASE_WORKERS,
    "simplification.decide_case": MANAGERS,
}
# rules that do not depend on the municipality: (staff of any role, anonymous, KL)
GLOBAL: dict[str, tuple[bool, bool, bool]] = {
    "simplification.view_national_list": (False, False, True),
    "simplification.view_decisions": (True, True, True),
}


def test_every_simplification_rule_is_in_the_matrix():
    defined = {n for n in rules.permissions.permissions if n.startswith("simplification.")}
    assert defined == set(MATRIX) | set(GLOBAL)


@pytest.fixture
def objects(db):
    own, other = MunicipalityFactory(), MunicipalityFactory()
    return {
        "own": (own, CaseFactory(municipality=own)),
        "other": (other, CaseFactory(municipality=other)),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", MATRIX)
def test_role_matrix(objects, perm, role):
    own, _ = objects["own"]
    user = MembershipFactory(municipality=own, role=role).user
    for where, (municipality, case) in objects.items():
        expected = where == "own" and role in MATRIX[perm]
        for obj in (municipality, case):
            assert rules.has_perm(perm, user, obj) is expected, (perm, role, where, obj)


@pytest.mark.parametrize("perm", MATRIX)
def test_anonymous_and_kl_are_refused_municipal_rules(objects, perm):
    kl = KLUserFactory()
    for municipality, case in objects.values():
        for obj in (municipality, case):
            assert not rules.has_perm(perm, AnonymousUser(), obj)
            assert not rules.has_perm(perm, kl, obj)


@pytest.mark.parametrize("perm", GLOBAL)
@pytest.mark.parametrize("role", ROLES)
def test_global_rules(objects, perm, role):
    own, _ = objects["own"]
    staff, anonymous, kl = GLOBAL[perm]
    assert rules.has_perm(perm, MembershipFactory(municipality=own, role=role).user) is staff
    assert rules.has_perm(perm, AnonymousUser()) is anonymous
    assert rules.has_perm(perm, KLUserFactory()) is kl
