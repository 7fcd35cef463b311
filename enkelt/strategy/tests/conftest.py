import pytest

from enkelt.strategy.tests.factories import InitiativeFactory, ProgrammeFactory, StrategyPlanFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory.create()


@pytest.fixture
def unit(municipality):
    return UnitFactory.create(municipality=municipality, slug="veje", name="Veje og Parker")


@pytest.fixture
def other_unit(municipality):
    return UnitFactory.create(municipality=municipality, slug="hr", name="HR")


def _member(municipality, unit, role):
    user = MembershipFactory.create(municipality=municipality, unit=unit, role=role).user
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.fixture
def director(municipality):
    return _member(municipality, None, Role.DIRECTOR)


@pytest.fixture
def leader(municipality, unit):
    return _member(municipality, unit, Role.LEADER)


@pytest.fixture
def other_leader(municipality, other_unit):
    return _member(municipality, other_unit, Role.LEADER)


@pytest.fixture
def employee(municipality, unit):
    return _member(municipality, unit, Role.EMPLOYEE)


@pytest.fixture
def council_member(municipality):
    return _member(municipality, None, Role.COUNCIL_MEMBER)


@pytest.fixture
def plan(municipality):
    return StrategyPlanFactory.create(municipality=municipality)


@pytest.fixture
def programme(plan):
    return ProgrammeFactory.create(area__plan=plan)


@pytest.fixture
def initiative(programme, unit, leader):
    return InitiativeFactory.create(
        programme=programme, title="Ruteplanlægning med GPS", owner_unit=unit, owner=leader
    )


@pytest.fixture
def other_initiative(programme, other_unit, other_leader):
    return InitiativeFactory.create(
        programme=programme,
        title="Fælles personalepolitik",
        owner_unit=other_unit,
        owner=other_leader,
    )
