import pytest

from enkelt.simplification.models import Outcome, Stage
from enkelt.simplification.tests.factories import CaseFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="katalog", name="Katalog Kommune")


@pytest.fixture
def member(municipality):
    def make(role: str = Role.LEADER, municipality_=None):
        where = municipality_ or municipality
        unit = UnitFactory(municipality=where)
        return MembershipFactory(municipality=where, unit=unit, role=role).user

    return make


@pytest.fixture
def decided_case(municipality):
    return CaseFactory(
        municipality=municipality,
        stage=Stage.DECIDED,
        outcome=Outcome.ABOLISHED,
        reason="Reglen gav ingen værdi for borgerne.",
        expected_freed_hours_per_year=120,
    )


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client
