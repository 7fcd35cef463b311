import pytest

from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory.create()


@pytest.fixture
def unit(municipality):
    return UnitFactory.create(municipality=municipality, slug="okonomi", name="Økonomi")


@pytest.fixture
def leader(municipality, unit):
    return MembershipFactory.create(municipality=municipality, unit=unit, role=Role.LEADER).user


@pytest.fixture
def employee(municipality, unit):
    return MembershipFactory.create(municipality=municipality, unit=unit, role=Role.EMPLOYEE).user
