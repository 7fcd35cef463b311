"""Permission matrix of the strategy portfolio (docs/permissions.md, "Strategy portfolio")."""

import pytest

from enkelt.strategy.tests.factories import InitiativeFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db

ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip

# perm -> roles allowed on the municipality
MUNICIPALITY_MATRIX = {
    "strategy.view_portfolio": set(ROLES),
    "strategy.manage_portfolio": {Role.DIRECTOR, Role.ADMINISTRATOR},
    "strategy.manage_rounds": {Role.DIRECTOR, Role.ADMINISTRATOR},
    "strategy.decide": {Role.DIRECTOR, Role.ADMINISTRATOR},
    "strategy.manage_agreements": {Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", sorted(MUNICIPALITY_MATRIX))
def test_municipality_permissions(municipality, role, perm):
    user = MembershipFactory.create(municipality=municipality, role=role).user
    assert user.has_perm(perm, municipality) == (role in MUNICIPALITY_MATRIX[perm])
    # never on another municipality, whatever the role
    assert not user.has_perm(perm, MunicipalityFactory.create())


@pytest.mark.parametrize(
    ("role", "same_unit", "is_owner", "allowed"),
    [
        (Role.EMPLOYEE, True, False, False),
        (Role.EMPLOYEE, True, True, True),  # the named owner
        (Role.LEADER, True, False, True),  # leader of the owner unit
        (Role.LEADER, False, False, False),  # leader elsewhere
        (Role.CHIEF, True, False, True),
        (Role.CHIEF, False, False, False),
        (Role.COUNCIL_MEMBER, True, False, False),
        (Role.DIRECTOR, False, False, True),
        (Role.ADMINISTRATOR, False, False, True),
    ],
)
def test_who_may_update_an_initiative(
    municipality, unit, other_unit, programme, role, same_unit, is_owner, allowed
):
    user = MembershipFactory.create(
        municipality=municipality, role=role, unit=unit if same_unit else other_unit
    ).user
    initiative = InitiativeFactory.create(
        programme=programme, owner_unit=unit, owner=user if is_owner else None
    )
    assert user.has_perm("strategy.change_initiative", initiative) == allowed
    assert user.has_perm("strategy.update_review_item", initiative) == allowed


def test_nobody_outside_the_municipality_updates(initiative):
    stranger = MembershipFactory.create(role=Role.DIRECTOR).user
    assert not stranger.has_perm("strategy.change_initiative", initiative)
