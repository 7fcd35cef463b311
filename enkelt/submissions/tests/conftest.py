import pytest

from enkelt.submissions.tests.factories import (
    CategoryFactory,
    MembershipFactory,
    MunicipalityFactory,
)


@pytest.fixture
def municipality(db):
    return MunicipalityFactory.create()


@pytest.fixture
def category(municipality):
    return CategoryFactory.create(municipality=municipality, location_required=True)


@pytest.fixture
def case_worker(municipality):
    return MembershipFactory.create(municipality=municipality).user
