"""The scoping helpers: get_scoped_or_404 and municipality_view."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from enkelt.tenants.access import get_scoped_or_404, is_staff_of, membership_of, municipality_view
from enkelt.tenants.models import Unit
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory, UnitFactory


@municipality_view(staff=True)
def _staff_view(request, municipality):
    return HttpResponse(f"inside {municipality.slug}")


@municipality_view()
def _public_view(request, municipality):
    return HttpResponse(f"public {request.municipality.slug}")


def _request(user, path="/x/staff/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


@pytest.fixture
def two(db):
    a, b = MunicipalityFactory(slug="a-kommune"), MunicipalityFactory(slug="b-kommune")
    return a, b


def test_get_scoped_or_404_finds_own_object(two):
    a, _ = two
    unit = UnitFactory(municipality=a)
    assert get_scoped_or_404(Unit.objects.all(), a, pk=unit.pk) == unit


def test_get_scoped_or_404_hides_another_municipalitys_object(two):
    a, b = two
    unit_of_b = UnitFactory(municipality=b)
    with pytest.raises(Http404):
        get_scoped_or_404(Unit.objects.all(), a, pk=unit_of_b.pk)


def test_get_scoped_or_404_same_for_missing(two):
    a, _ = two
    with pytest.raises(Http404):
        get_scoped_or_404(Unit.objects.all(), a, pk=987654)


def test_municipality_view_staff_redirects_anonymous_to_login(two):
    response = _staff_view(_request(AnonymousUser(), "/a-kommune/staff/"), "a-kommune")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=/a-kommune/staff/" in response["Location"]


def test_municipality_view_staff_404s_other_municipality_staff(two):
    user = MembershipFactory(municipality=two[1]).user
    with pytest.raises(Http404):
        _staff_view(_request(user), "a-kommune")


def test_municipality_view_staff_404s_unknown_municipality(two):
    user = MembershipFactory(municipality=two[0]).user
    with pytest.raises(Http404):
        _staff_view(_request(user), "findes-ikke")


def test_municipality_view_staff_serves_own_staff(two):
    user = MembershipFactory(municipality=two[0]).user
    response = _staff_view(_request(user), "a-kommune")
    assert response.status_code == 200
    assert response.content == b"inside a-kommune"


def test_municipality_view_public_serves_anyone_and_sets_request_municipality(two):
    response = _public_view(_request(AnonymousUser(), "/a-kommune/"), "a-kommune")
    assert response.content == b"public a-kommune"
    assert _public_view.enkelt_scope == "public"
    assert _staff_view.enkelt_scope == "staff"


def test_membership_is_cached_on_the_user(two, django_assert_num_queries):
    user = MembershipFactory(municipality=two[0]).user
    with django_assert_num_queries(1):
        assert membership_of(user).municipality == two[0]
        assert is_staff_of(user, two[0])
        assert not is_staff_of(user, two[1])
    assert membership_of(AnonymousUser()) is None
