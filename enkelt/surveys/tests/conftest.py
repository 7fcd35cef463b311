import pytest

from enkelt.surveys.tests.factories import wellbeing_survey
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="trivsel", name="Trivselkommune")


@pytest.fixture
def units(municipality):
    return [
        UnitFactory(municipality=municipality, name=name, slug=slug)
        for name, slug in (("Veje", "veje"), ("Parker", "parker"), ("Affald", "affald"))
    ]


@pytest.fixture
def member(municipality, units):
    def make(role: str):
        return MembershipFactory(municipality=municipality, unit=units[0], role=role).user

    return make


@pytest.fixture
def survey(municipality):
    return wellbeing_survey(municipality)


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the callbacks a service registers with `transaction.on_commit` (the e-mail tasks)."""
    return django_capture_on_commit_callbacks
