"""Permission matrix of enkelt/goals/rules.py: role x (own, other, anonymous, KL).

The table is the specification; docs/permissions.md shows the same matrix.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.goals.tests.factories import GoalFactory, IndicatorFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip
ALL = set(ROLES)
MANAGEMENT = {Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}

MATRIX: dict[str, set[Role]] = {
    "goals.view_goals": ALL,
    "goals.manage_agreements": MANAGEMENT,
    "goals.enter_measurement": MANAGEMENT | {Role.LEADER},
    # on an agreement the user is not a party to (parties: see the test below)
    "goals.add_goal": {Role.ADMINISTRATOR},
}


def test_every_goals_rule_is_in_the_matrix():
    defined = {n for n in rules.permissions.permissions if n.startswith("goals.")}
    assert defined == set(MATRIX)


@pytest.fixture
def objects(db):
    own, other = MunicipalityFactory(), MunicipalityFactory()
    return own, other, IndicatorFactory(municipality=own), IndicatorFactory(municipality=other)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_matrix(objects, role, perm):
    own, other, own_indicator, other_indicator = objects
    user = MembershipFactory(municipality=own, role=role).user
    allowed = role in MATRIX[perm]
    assert user.has_perm(perm, own) is allowed
    assert user.has_perm(perm, own_indicator) is allowed
    assert user.has_perm(perm, other) is False
    assert user.has_perm(perm, other_indicator) is False


@pytest.mark.parametrize("perm", sorted(MATRIX))
def test_anonymous_and_kl_have_nothing(objects, perm):
    own, _, indicator, _ = objects
    for user in (AnonymousUser(), KLUserFactory()):
        assert not user.has_perm(perm, own)
        assert not user.has_perm(perm, indicator)


def test_an_employee_who_owns_the_indicator_or_goal_enters_measurements(objects):
    own, _, indicator, _ = objects
    employee = MembershipFactory(municipality=own, role=Role.EMPLOYEE).user
    assert not employee.has_perm("goals.enter_measurement", indicator)
    indicator.owner = employee
    assert employee.has_perm("goals.enter_measurement", indicator)
    indicator.owner = None
    indicator.goal = GoalFactory(agreement__municipality=own, owner=employee)
    assert employee.has_perm("goals.enter_measurement", indicator)


@pytest.mark.parametrize("role", ROLES)
def test_parties_who_lead_add_goals_and_define_indicators(objects, role):
    own, other, _, _ = objects
    user = MembershipFactory(municipality=own, role=role).user
    goal = GoalFactory(agreement__municipality=own)
    indicator = IndicatorFactory(municipality=own, goal=goal)
    assert not user.has_perm("goals.add_goal", goal.agreement) or role == Role.ADMINISTRATOR
    goal.agreement.parties.add(user)
    allowed = role in {Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}
    for obj in (goal.agreement, goal, indicator):
        assert user.has_perm("goals.add_goal", obj) is allowed
    # a party of another municipality's agreement has nothing
    foreign = GoalFactory(agreement__municipality=other)
    foreign.agreement.parties.add(user)
    assert not user.has_perm("goals.add_goal", foreign.agreement)
