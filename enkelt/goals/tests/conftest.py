import pytest

from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="maal", name="Målkommune")


@pytest.fixture
def unit(municipality):
    return UnitFactory(municipality=municipality, name="Veje og Parker", slug="veje-og-parker")


@pytest.fixture
def member(municipality, unit):
    def make(role: str):
        return MembershipFactory(municipality=municipality, unit=unit, role=role).user

    return make


@pytest.fixture
def as_role(client, member):
    def login(role: str):
        user = member(role)
        client.force_login(user)
        return client

    return login
