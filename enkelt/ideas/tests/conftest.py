import pytest

from enkelt.ideas.tests.factories import idea_new
from enkelt.tenants.models import Role, Unit
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="ide", name="Idékommune")


@pytest.fixture
def area(municipality):
    return UnitFactory(
        municipality=municipality, name="Ældre", slug="aeldre", kind=Unit.Kind.CORE_AREA
    )


@pytest.fixture
def unit(municipality, area):
    return UnitFactory(
        municipality=municipality, name="Hjemmepleje", slug="hjemmepleje", parent=area
    )


@pytest.fixture
def other_unit(municipality):
    return UnitFactory(municipality=municipality, name="Veje", slug="veje")


@pytest.fixture
def member(municipality, unit):
    def make(role: str = Role.EMPLOYEE, unit_=None):
        return MembershipFactory(municipality=municipality, unit=unit_ or unit, role=role).user

    return make


@pytest.fixture
def leader(member):
    return member(Role.LEADER)


@pytest.fixture
def idea(municipality, unit):
    return idea_new(municipality=municipality, unit=unit)
