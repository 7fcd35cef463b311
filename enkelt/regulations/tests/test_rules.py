"""Permission matrix of enkelt/regulations/rules.py: role x (own, other, anonymous, KL).

The table is the specification; docs/permissions.md ("Rule registry") shows the same.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.regulations.tests.factories import RuleFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip
STAFF = set(ROLES)
MANAGERS = {Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}
MANAGEMENT = {Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}

MATRIX: dict[str, set[Role]] = {
    "regulations.view_rule": STAFF,
    "regulations.export_rules": STAFF,
    "regulations.add_rule": MANAGERS,
    "regulations.change_rule": MANAGERS,
    "regulations.import_rules": MANAGERS,
    "regulations.change_offset_ledger": MANAGERS,
    "regulations.change_tariffs": MANAGEMENT,
}


def test_every_regulations_rule_is_in_the_matrix():
    defined = {n for n in rules.permissions.permissions if n.startswith("regulations.")}
    assert defined == set(MATRIX)


@pytest.fixture
def objects(db):
    own, other = MunicipalityFactory(), MunicipalityFactory()
    return {
        "own": (own, RuleFactory(municipality=own)),
        "other": (other, RuleFactory(municipality=other)),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", MATRIX)
def test_role_matrix(objects, perm, role):
    own, _ = objects["own"]
    user = MembershipFactory(municipality=own, role=role).user
    for where, (municipality, rule) in objects.items():
        expected = where == "own" and role in MATRIX[perm]
        for obj in (municipality, rule):
            assert rules.has_perm(perm, user, obj) is expected, (perm, role, where, obj)


@pytest.mark.parametrize("perm", MATRIX)
def test_citizens_anonymous_and_kl_are_refused(objects, perm):
    from enkelt.accounts.tests.factories import UserFactory

    citizen = UserFactory()  # an account without a membership: a citizen
    for municipality, rule in objects.values():
        for user in (AnonymousUser(), KLUserFactory(), citizen):
            assert not rules.has_perm(perm, user, municipality)
            assert not rules.has_perm(perm, user, rule)
