"""Instance home, a municipality's public page and the staff home."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def municipality(db):
    m = MunicipalityFactory(slug="solby", name="Solby Kommune")
    parent = UnitFactory(municipality=m, name="Teknik og Miljø", kind="core_area")
    UnitFactory(municipality=m, name="Vej og Park", parent=parent)
    UnitFactory(municipality=m, name="Intern Task Force", is_public=False)
    return m


def test_instance_home_lists_municipalities(client, municipality):
    MunicipalityFactory(name="Månby Kommune")
    response = client.get("/")
    body = response.content.decode()
    assert "Solby Kommune" in body
    assert "Månby Kommune" in body
    assert reverse("municipality_home", args=["solby"]) in body


def test_municipality_page_shows_public_units_only(client, municipality):
    staff = MembershipFactory(municipality=municipality, user__email="ansat@solby.example").user
    response = client.get("/solby/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Teknik og Miljø" in body
    assert "Vej og Park" in body
    assert "Intern Task Force" not in body
    assert staff.email not in body
    assert staff.username not in body


def test_municipality_page_404_for_unknown_slug(client, db):
    assert client.get("/findes-ikke/").status_code == 404


def test_municipality_home_query_count_does_not_grow_with_units(
    client, municipality, django_assert_max_num_queries
):
    for i in range(30):
        UnitFactory(municipality=municipality, name=f"Institution {i}")
    with django_assert_max_num_queries(3):
        client.get("/solby/")


@pytest.fixture
def leader(municipality):
    unit = UnitFactory(municipality=municipality, name="Materielgården")
    return MembershipFactory(municipality=municipality, unit=unit, role=Role.LEADER).user


def test_staff_home_shows_place_in_danish_by_default(client, municipality, leader):
    client.force_login(leader)
    response = client.get("/solby/staff/")
    body = response.content.decode()
    assert response.status_code == 200
    assert _lang(response) == "da"
    assert "Solby Kommune" in body
    assert "Materielgården" in body
    with translation.override("da"):
        assert capfirst(str(Role.LEADER.label)) in body
    # The organisation tree on the staff home includes non-public units.
    assert "Intern Task Force" in body
    assert response["Content-Language"] == "da"


def test_staff_home_in_english_with_accept_language(client, municipality, leader):
    client.force_login(leader)
    response = client.get("/solby/staff/", headers={"accept-language": "en"})
    assert _lang(response) == "en"
    assert response["Content-Language"] == "en"
    assert "Leader" in response.content.decode()


def test_staff_home_redirects_anonymous_to_login(client, municipality):
    response = client.get("/solby/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_redirect_goes_to_own_staff_home(client, leader):
    client.force_login(leader)
    response = client.get("/staff/")
    assert response["Location"] == "/solby/staff/"


def test_municipality_page_serves_the_unit_tree_from_cache(
    client, municipality, django_assert_num_queries
):
    # given the page was rendered once
    first = client.get("/solby/").content.decode()
    assert "Vej og Park" in first
    # when it is asked for again, only the municipality is looked up
    with django_assert_num_queries(1):
        second = client.get("/solby/").content.decode()
    # then the tree is still there, and a change to the municipality renders it afresh
    assert "Vej og Park" in second
    municipality.name = "Solby Kommune (ny)"
    municipality.save()
    UnitFactory(municipality=municipality, name="Ny Enhed")
    assert "Ny Enhed" in client.get("/solby/").content.decode()
