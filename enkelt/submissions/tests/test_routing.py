from decimal import Decimal

import pytest

from enkelt.submissions.routing import point_in_polygon, route
from enkelt.submissions.tests.factories import AreaRouteFactory, CategoryFactory, UnitFactory

SQUARE = [[55.70, 11.70], [55.70, 11.80], [55.80, 11.80], [55.80, 11.70]]


def test_point_in_polygon_inside_and_outside():
    assert point_in_polygon(55.75, 11.75, SQUARE)
    assert not point_in_polygon(55.85, 11.75, SQUARE)
    assert not point_in_polygon(55.75, 11.65, SQUARE)


def test_point_in_concave_polygon():
    # An L shape: the notch at the top right is outside.
    shape = [[0, 0], [0, 2], [1, 2], [1, 1], [2, 1], [2, 0]]
    assert point_in_polygon(0.5, 1.5, shape)
    assert point_in_polygon(1.5, 0.5, shape)
    assert not point_in_polygon(1.5, 1.5, shape)


def test_degenerate_polygon_contains_nothing():
    assert not point_in_polygon(0, 0, [[0, 0], [1, 1]])


@pytest.mark.django_db
def test_route_defaults_to_category_unit():
    category = CategoryFactory.create()
    AreaRouteFactory.create(category=category, postal_codes=["4340"])
    assert route(category, Decimal("55.75"), Decimal("11.75"), "4300") == category.unit


@pytest.mark.django_db
def test_route_by_postal_code():
    category = CategoryFactory.create()
    other = UnitFactory.create(municipality=category.municipality)
    AreaRouteFactory.create(category=category, unit=other, postal_codes=["4340", "4350"])
    assert route(category, None, None, "4350") == other
    assert route(category, None, None, "") == category.unit


@pytest.mark.django_db
def test_route_by_polygon():
    category = CategoryFactory.create()
    depot = UnitFactory.create(municipality=category.municipality)
    AreaRouteFactory.create(category=category, unit=depot, polygon=SQUARE)
    assert route(category, Decimal("55.75"), Decimal("11.75"), "") == depot
    assert route(category, Decimal("55.90"), Decimal("11.75"), "") == category.unit
    assert route(category, None, None, "") == category.unit


@pytest.mark.django_db
def test_first_matching_route_wins():
    category = CategoryFactory.create()
    first = UnitFactory.create(municipality=category.municipality)
    second = UnitFactory.create(municipality=category.municipality)
    AreaRouteFactory.create(category=category, unit=second, postal_codes=["4300"], order=2)
    AreaRouteFactory.create(category=category, unit=first, polygon=SQUARE, order=1)
    assert route(category, 55.75, 11.75, "4300") == first
    assert route(category, 56.5, 9.0, "4300") == second


@pytest.mark.django_db
def test_route_with_prefetched_routes_costs_no_query(django_assert_num_queries):
    from enkelt.submissions.models import Category

    category = CategoryFactory.create()
    depot = UnitFactory.create(municipality=category.municipality)
    AreaRouteFactory.create(category=category, unit=depot, postal_codes=["4340"])
    loaded = Category.objects.prefetch_related("area_routes__unit").get(pk=category.pk)
    with django_assert_num_queries(0):
        assert route(loaded, None, None, "4340") == depot
