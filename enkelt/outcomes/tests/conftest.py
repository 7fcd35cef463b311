import pytest

from enkelt.outcomes.tests.factories import SchemeFactory
from enkelt.tenants.models import Unit
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="effekt", name="Effektkommune")


@pytest.fixture
def area(municipality):
    """A department above two institutions (the offers)."""
    return UnitFactory(municipality=municipality, name="Dagtilbud", slug="dagtilbud")


@pytest.fixture
def offer(municipality, area):
    return UnitFactory(
        municipality=municipality,
        name="Børnehuset",
        slug="bornehuset",
        parent=area,
        kind=Unit.Kind.INSTITUTION,
    )


@pytest.fixture
def other_offer(municipality, area):
    return UnitFactory(
        municipality=municipality,
        name="Vuggestuen",
        slug="vuggestuen",
        parent=area,
        kind=Unit.Kind.INSTITUTION,
    )


@pytest.fixture
def scheme(municipality):
    return SchemeFactory(municipality=municipality, slug="aarhus", name="Aarhus 8", factors=2)


@pytest.fixture
def member(municipality):
    def make(role: str, unit=None):
        return MembershipFactory(municipality=municipality, unit=unit, role=role).user

    return make
